"""The subject index of issuer-subject matching finds every node a full scan finds (prefix filtering is
exact, not a heuristic), and so does its answer kept per (authority, subject, type); literal()'s fast path
writes what the escaping path writes; a file's fingerprint bytes depend on values, not on objects."""
from __future__ import annotations

import random

import pytest

from loaders.records import CitedDocument
from loaders.resolve import (SUBJECT_MIN_SIMILARITY, ResolvedCitation, _best_by_subject, _Mention, _NodeAcc,
                             _SubjectIndex, _types_compatible, doc_type_code, subject_similarity)
from loaders.slug import slug
from loaders.to_rdf import _ESCAPES, _SURROGATE, _stable_bytes, literal

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


@pytest.mark.parametrize("seed", range(3))
def test_index_of_the_authorities_asked_answers_as_the_whole_index(seed):
    """Postings only for the authorities citations ask of (the words' frequencies still the corpus's):
    the same candidates, in the same order, for those; none kept for the others."""
    rng = random.Random(seed)
    nodes = _nodes(rng, 300)
    whole, asked = _SubjectIndex(nodes), _SubjectIndex(nodes, {"tinh-uy-ninh-binh"})
    assert asked.rank == whole.rank
    assert {a for a, _ in asked.postings} == {"tinh-uy-ninh-binh"} < {a for a, _ in whole.postings}
    for _ in range(200):
        subject = " ".join(rng.sample(WORDS, rng.randint(1, 9)))
        assert asked.candidates("tinh-uy-ninh-binh", subject) == whole.candidates("tinh-uy-ninh-binh", subject)
        assert asked.similar("tinh-uy-ninh-binh", subject, None, nodes) == whole.similar("tinh-uy-ninh-binh", subject,
                                                                                        None, nodes)


@pytest.mark.parametrize("value", ["plain", "Tỉnh ủy Ninh Bình", 'say "hi"', "back\\slash", "line\nbreak",
                                   "tab\there", "bell\x07", "del\x7f", "lone \udc80 surrogate", ""])
def test_literal_fast_path_equals_escaping(value):
    escaped = _SURROGATE.sub("\ufffd", value).translate(_ESCAPES)
    assert literal(value) == f'"{escaped}"'


def _scanned(nodes, authority, subject, type_code, citing_date, citing):
    """issuer-subject matching as a scan of every node (what _best_by_subject must answer)."""
    scored = []
    for iri, n in nodes.items():
        if not (n.numbers or n.dates) or authority not in {slug(a) for a in n.authorities} or iri in citing:
            continue
        if citing_date and n.dates and min(n.dates) > citing_date:
            continue
        if not _types_compatible(type_code, (doc_type_code(t) for t in n.doc_types)):
            continue
        sim = max(subject_similarity(subject, s) for s in n.subjects)
        if sim >= SUBJECT_MIN_SIMILARITY:
            scored.append((sim, iri))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1], scored[0][0]


@pytest.mark.parametrize("seed", range(4))
def test_subject_answer_kept_per_subject_equals_a_scan(seed):
    """Many files cite one document in the same words, each from its own date and its own node: the
    answer kept per (authority, subject, type) still leaves out what each citing file must not match."""
    rng = random.Random(seed)
    nodes = _nodes(rng, 200)
    for i, acc in enumerate(nodes.values()):
        acc.add(date=f"2021-0{1 + i % 9}-1{i % 10}", doc_type=rng.choice(("Chỉ thị", "Công văn", None)))
    index = _SubjectIndex(nodes)
    subjects = [" ".join(rng.sample(WORDS, rng.randint(2, 9))) for _ in range(15)]
    iris = list(nodes)
    answered = 0
    for k in range(600):  # few subjects, many citing files: most questions are asked again
        subject, authority = rng.choice(subjects), rng.choice(("Tỉnh ủy Ninh Bình", "UBND tỉnh Ninh Bình"))
        type_code = rng.choice((None, doc_type_code("Chỉ thị"), doc_type_code("Công văn")))
        citing_date = rng.choice((None, "2021-03-15", "2021-06-01", "2021-09-30"))
        citing = (rng.choice(iris), None)
        m = _Mention(k, 0, CitedDocument(text=subject), None, authority, citing_date, type_code)
        want = _scanned(nodes, slug(authority), subject, type_code, citing_date, citing)
        assert _best_by_subject(m, subject, nodes, index, citing) == want
        answered += want is not None
    assert answered > 50  # the draw matches something


def test_fingerprint_bytes_follow_values_not_objects():
    """Equal values held by other objects (a string built again, a citation copied) give the same bytes:
    a file's fingerprint must not change between builds because its strings are other objects."""
    iri = "https://example.org/doc/" + "x" * 20
    again = "".join(["https://example.org/doc/", "x" * 20])
    assert iri is not again
    cit = ResolvedCitation(iri=iri, index=0, citing=iri, asserted_in=iri, target=iri, own_target=iri,
                           relation="implements", explicit=True, method="number", confidence=1.0)
    copied = ResolvedCitation(iri=again, index=0, citing=again, asserted_in=again, target=again, own_target=again,
                              relation="implements", explicit=True, method="number", confidence=1.0)
    assert _stable_bytes((iri, iri, (cit,))) == _stable_bytes((again, iri, (copied,)))
    assert _stable_bytes((iri, (cit,))) != _stable_bytes((iri, (copied.__class__(**{**copied.__dict__, "confidence": 0.9}),)))
