"""A function wrapped with a CPU timer (time.process_time): its seconds added to ``spent[name]`` at each
call. No import of loaders here: a script that imports another checkout's loaders (--root) can use it."""
from __future__ import annotations

import functools
import time


def cpu_timed(spent: dict, name: str, f):
    @functools.wraps(f)
    def wrapper(*a, **k):
        started = time.process_time()
        try:
            return f(*a, **k)
        finally:
            spent[name] += time.process_time() - started
    return wrapper
