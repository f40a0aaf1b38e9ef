"""The subject index of issuer-subject matching finds every node a full scan finds (prefix filtering is
exact, not a heuristic), and literal()'s fast path writes what the escaping path writes."""
from __future__ import annotations

import random

import pytest

from loaders.resolve import SUBJECT_MIN_SIMILARITY, _NodeAcc, _SubjectIndex, subject_similarity
from loaders.slug import slug
from loaders.to_rdf import _ESCAPES, _SURROGATE, literal

WORDS = ("tăng cường phòng chống dịch bệnh Covid-19 tổ chức Tết Nguyên đán an toàn giao thông thiên tai "
         "bão lũ kiểm tra giám sát hoạt động cán bộ đảng viên năm 2021 triển khai thực hiện chỉ thị").split()


def _nodes(rng: random.Random, n: int) -> dict[str, _NodeAcc]:
    nodes = {}
    for i in range(n):
        acc = _NodeAcc()
        for _ in range(rng.randint(1, 2)):  # a node may carry several subjects (its file's, citations')
            acc.add(subject=" ".join(rng.sample(WORDS, rng.randint(1, 9))))
        acc.add(number=f"{i}-CV/TU" if i % 3 else None, date="2021-01-01" if i % 2 else None,
                authority=rng.choice(("Tỉnh ủy Ninh Bình", "UBND tỉnh Ninh Bình")))
        nodes[f"doc/{i}"] = acc
    return nodes


@pytest.mark.parametrize("seed", range(5))
def test_index_finds_every_node_a_scan_finds(seed):
    rng = random.Random(seed)
    nodes = _nodes(rng, 300)
    index = _SubjectIndex(nodes)
    matched = looked = 0
    for _ in range(200):
        subject = " ".join(rng.sample(WORDS, rng.randint(1, 9)))
        for authority in ("tinh-uy-ninh-binh", "ubnd-tinh-ninh-binh"):
            found = set(index.candidates(authority, subject))
            wanted = {iri for iri, n in nodes.items() if (n.numbers or n.dates)
                      and authority in {slug(a) for a in n.authorities}
                      and max(subject_similarity(subject, s) for s in n.subjects) >= SUBJECT_MIN_SIMILARITY}
            assert wanted <= found, (subject, wanted - found)
            matched += len(wanted)
            looked += len(found)
    assert matched > 100  # the draw does test something
    assert looked < 200 * 2 * 300 / 2  # and the index does skip nodes


@pytest.mark.parametrize("value", ["plain", "Tỉnh ủy Ninh Bình", 'say "hi"', "back\\slash", "line\nbreak",
                                   "tab\there", "bell\x07", "del\x7f", "lone \udc80 surrogate", ""])
def test_literal_fast_path_equals_escaping(value):
    escaped = _SURROGATE.sub("\ufffd", value).translate(_ESCAPES)
    assert literal(value) == f'"{escaped}"'
