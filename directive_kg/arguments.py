"""Checked values for the command line, shared by every `cmd_*.py`: numbers of seconds and counts,
and text. A value out of range is refused by the argument parser (exit status 2, one line naming the
option and what it accepts), before any work starts: no negative retry count that uploads nothing,
no timeout of -1 or 0 s reaching a socket, no traceback.

``invalid_text`` is also what the query runner checks parameter values with (directive_kg.queries)."""
from __future__ import annotations

import argparse
import math
import os
import unicodedata
from typing import Callable

MAX_SECONDS = 1_000_000.0  # about 11 days: more is a typo, and some clocks overflow beyond 2**31 ms
MAX_RETRIES = 100
SHOWN = 40  # characters of a refused value quoted in a message


class Parser(argparse.ArgumentParser):
    """argparse, but an option given "--" as its one value (``--wait=--``) has it checked by its type
    like any other value: argparse drops a "--" and gave the option an empty list (Python 3.11)."""

    def _get_values(self, action, arg_strings):
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            value = self._get_value(action, "--")
            self._check_value(action, value)
            return value
        return super()._get_values(action, arg_strings)


def shown(value: str) -> str:
    """A value as quoted in a message: escaped, cut after SHOWN characters."""
    cut = value if len(value) <= SHOWN else value[:SHOWN] + "…"
    return ascii(cut) if any(unicodedata.category(c) in ("Cs", "Cc") for c in cut) else repr(cut)


def _number(text: str, kind: type) -> float | int:
    try:
        number = kind(text.strip())
    except (ValueError, OverflowError):
        what = "a whole number" if kind is int else "a number of seconds"
        raise argparse.ArgumentTypeError(f"{shown(text)} is not {what}") from None
    if isinstance(number, float) and not math.isfinite(number):
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a finite number of seconds")
    return number


def seconds(zero: str | None = None) -> Callable[[str], float]:
    """An argparse type: seconds >= 0 and at most MAX_SECONDS. ``zero`` says what 0 means (e.g.
    "no limit"); without it 0 is refused (a timeout of 0 s would fail every request)."""
    def parse(text: str) -> float:
        value = float(_number(text, float))
        if value < 0 or (value == 0 and zero is None):
            least = "0 or more" if zero is not None else "more than 0"
            raise argparse.ArgumentTypeError(f"{shown(text)}: give {least} seconds" +
                                             (f" (0: {zero})" if zero is not None else ""))
        if value > MAX_SECONDS:
            raise argparse.ArgumentTypeError(f"{shown(text)} seconds is too long (at most {MAX_SECONDS:g}, "
                                             f"about 11 days)")
        return value
    parse.__name__ = "seconds"  # argparse names the type in its messages
    return parse


def count(least: int, most: int | Callable[[], int], what: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from ``least`` to ``most`` (a number, or a function of the
    machine, e.g. of its cores); ``what`` explains the upper bound."""
    def parse(text: str) -> int:
        value = int(_number(text, int))
        top = most() if callable(most) else most
        if not least <= value <= top:
            raise argparse.ArgumentTypeError(f"{shown(text)}: give a whole number from {least} to {top}"
                                             + (f" ({what})" if what else ""))
        return value
    parse.__name__ = "count"
    return parse


def max_jobs() -> int:
    return 4 * (os.cpu_count() or 1)


def invalid_text(value: str) -> str | None:
    """Why ``value`` is not valid text, or None. A byte that is not UTF-8 reaches Python as a lone
    surrogate (U+DC80..U+DCFF, from the terminal or a file name); a lone surrogate can be typed
    in Python too. Neither can be stored, compared or printed as text."""
    for c in value:
        if unicodedata.category(c) == "Cs":
            code = ord(c)
            if 0xDC80 <= code <= 0xDCFF:
                return (f"byte 0x{code - 0xDC00:02X} is not UTF-8 (was it typed or pasted in another encoding? "
                        f"Vietnamese text must be UTF-8)")
            return f"it holds U+{code:04X}, half of a surrogate pair, which is not a character"
    return None


def text(name: str) -> Callable[[str], str]:
    """An argparse type: any valid text (see invalid_text); ``name`` is what the message calls it."""
    def parse(value: str) -> str:
        problem = invalid_text(value)
        if problem:
            raise argparse.ArgumentTypeError(f"the value of {name} is not valid text: {problem}")
        return value
    parse.__name__ = "text"
    return parse


def add_store_type(parser: argparse.ArgumentParser) -> None:
    """`--store-type` of the commands that talk to a SPARQL endpoint (upload, query)."""
    from directive_kg.remote import ENV_STORE_TYPE, STORE_TYPES
    parser.add_argument("--store-type", choices=STORE_TYPES, default=None,
                        help="virtuoso: its endpoints (/sparql-auth, /sparql-graph-crud-auth), Digest authentication, "
                             "the merged graph as a named graph that queries name as their default graph; generic: "
                             "any SPARQL 1.1 store with a default graph; auto (default, or "
                             f"${ENV_STORE_TYPE}): asks a /sparql endpoint for its name")


def param_pair(value: str) -> tuple[str, str]:
    """An argparse type for ``--param KEY=VALUE``: the pair, with valid text on both sides."""
    key, sep, val = value.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"{shown(value)}: expected KEY=VALUE, e.g. --param doc=10/ĐM")
    for part, what in ((key, "the parameter name"), (val, f"the value of {key.strip()[:SHOWN]}")):
        problem = invalid_text(part)
        if problem:
            raise argparse.ArgumentTypeError(f"{what} is not valid text: {problem}")
    return key.strip(), val
