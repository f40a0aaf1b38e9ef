"""Signer, Nơi nhận and the copy block against the gold records and the code lists' examples."""
from __future__ import annotations

import pytest

from loaders import header as H
from loaders.records import Signer
from loaders.signature import find_copy_start, parse_copy, parse_signature
from loaders.text import SourceText
from test_header import NAMES, fold, gold, record


@pytest.mark.parametrize("name", NAMES)
def test_signer(name):
    expected = gold(name).get("signer") or {}
    got = record(name).signer
    got = {k: getattr(got, k) for k in ("name", "role", "authority")} if got else {}
    assert {k: fold(v) for k, v in expected.items() if v} == {k: fold(v) for k, v in got.items() if v}


@pytest.mark.parametrize("name", NAMES)
def test_distribution(name):
    assert [fold(x) for x in record(name).distribution] == [fold(x) for x in gold(name).get("distribution") or []]


@pytest.mark.parametrize("name", [n for n in NAMES if gold(n).get("copy")])
def test_copy_block(name):
    expected, got = gold(name)["copy"], record(name).copy
    assert got is not None
    for key in ("doc_type", "number", "date", "place", "issuer"):
        assert fold(getattr(got, key)) == fold(expected.get(key)), key
    assert fold(got.signer.name) == fold(expected["signer"]["name"])
    assert [fold(x) for x in got.distribution] == [fold(x) for x in expected["distribution"]]


def test_copy_facts_stay_apart_from_the_original():
    r = record("002_3065f9b87e21bb45")
    assert (r.number, r.date, r.distribution) == (None, None, ())
    assert r.copy.number == "43-BS/ĐUK" and r.evidence["copy.number"].quote == "43-BS/ĐUK"


@pytest.mark.parametrize("row", H.table("signing_capacities"), ids=lambda r: r["code"])
def test_capacity_examples(row):
    if row["delegated"] == "true":  # T/M, KT., T/L, TUQ.: the authority, the role below it
        st = SourceText.from_text(f"Yêu cầu thực hiện./.\n\n{row['example']}\nPHÓ BÍ THƯ\n\nNguyễn Văn An\n")
        expected = Signer("Nguyễn Văn An", "PHÓ BÍ THƯ", row["example"])
    else:  # own name, or "Q." (acting): the line is the signer's own role, no authority
        st = SourceText.from_text(f"Yêu cầu thực hiện./.\n\n{row['example']}\n\nNguyễn Văn An\n")
        expected = Signer("Nguyễn Văn An", row["example"], None)
    assert parse_signature(st, 0, len(st.work)).signer == expected


@pytest.mark.parametrize("row", H.table("copy_types"), ids=lambda r: r["code"])
def test_copy_type_examples(row):
    text = ("Kính gửi: Các sở.\nNội dung./.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nTrần Văn Bình\n\n"
            f"UBND TỈNH NINH BÌNH\nSố: 12/SY-UBND\n{row['example']}\nNinh Bình, ngày 05 tháng 3 năm 2021\n"
            "Nơi nhận:\n- Các sở;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Cường\n")
    st = SourceText.from_text(text)
    start = find_copy_start(st)
    assert st.canonical[start:].startswith("UBND TỈNH NINH BÌNH")
    copy = parse_copy(st, start).record
    assert (copy.doc_type, copy.number, copy.date, copy.issuer) == (row["label_vi"], "12/SY-UBND", "2021-03-05", "UBND tỉnh Ninh Bình")
    assert copy.signer.name == "Lê Văn Cường" and copy.distribution == ("Các sở", "Lưu: VT")
    original = parse_signature(st, 0, start)
    assert original.signer.name == "Trần Văn Bình" and original.distribution == ()


@pytest.mark.parametrize("lines, entries", [
    ("- A,\n- B.", ["A", "B"]),
    ("- UBND các tỉnh, TP: Hồ Chí Minh, Cần Thơ,\nLong An, Sóc Trăng\n- Lưu: VT.", ["UBND các tỉnh, TP: Hồ Chí Minh, Cần Thơ, Long An, Sóc Trăng", "Lưu: VT"]),
    ("- Lưu Văn phòng Tỉnh ủy.\nCV/TU.TH.C", ["Lưu Văn phòng Tỉnh ủy"]),
    ("- Các Vụ, Cục....;\n- Lưu: VT, KGVX (3).vt.", ["Các Vụ, Cục....", "Lưu: VT, KGVX (3).vt"]),
    ("\n- A;\n\n- B;\n\nKT. BỘ TRƯỞNG", ["A", "B"]),
])
def test_distribution_lists(lines, entries):
    st = SourceText.from_text("Nơi nhận:" + lines)
    assert [st.value(s.start, s.end) for s in H.find_list(st, "distribution", 0, len(st.work))] == entries
