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


# --- signer forms (invented names) ---------------------------------------------------------------

FOOT = "Các đơn vị thực hiện nghiêm túc./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"


@pytest.mark.parametrize("block, name, role, authority", [
    ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\n(Đã ký)\nLê Thị Thu Hà", "Lê Thị Thu Hà", "PHÓ BÍ THƯ THƯỜNG TRỰC", "T/M BAN THƯỜNG VỤ"),
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nĐỗ Xuân Tuyên", "Đỗ Xuân Tuyên", "THỨ TRƯỞNG", "KT. BỘ TRƯỞNG"),
    # the capacity chain of a People's Committee is one authority
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhan Văn Khải", "Phan Văn Khải", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"),
    # "Q." (acting) is the signer's own role: no authority
    ("Q. BỘ TRƯỞNG\n\nTrần Minh Đức", "Trần Minh Đức", "Q. BỘ TRƯỞNG", None),
    ("Q. GIÁM ĐỐC\nVũ Thanh Bình", "Vũ Thanh Bình", "Q. GIÁM ĐỐC", None),
    # own name: the role line alone
    ("BỘ TRƯỞNG, CHỦ NHIỆM\n\nMai Văn Lâm", "Mai Văn Lâm", "BỘ TRƯỞNG, CHỦ NHIỆM", None),
    # the dot a capacity code lost comes back
    ("KT CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Hữu Thắng", "Nguyễn Hữu Thắng", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH"),
    ("TM UBND HUYỆN\nCHỦ TỊCH\nHồ Sỹ Tâm", "Hồ Sỹ Tâm", "CHỦ TỊCH", "TM. UBND HUYỆN"),
    # a page cut after the capacity (a flattened table cell): the authority alone
    ("| KT. BỘ TRƯỞNG |", None, None, "KT. BỘ TRƯỞNG"),
])
def test_signer_forms(block, name, role, authority):
    st = SourceText.from_text(FOOT + block + "\n")
    assert parse_signature(st, 0, len(st.work)).signer == Signer(name, role, authority)


@pytest.mark.parametrize("foot, name, role, authority", [
    ("Nơi nhận: - Như trên; - Lưu: VT. KT CHỦ TỊCH PHÓ CHỦ TỊCH Lương Văn Thành",
     "Lương Văn Thành", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH"),
    ("Nơi nhận: - Như trên; - Lưu: VT, TH. TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Đinh Văn Hòa",
     "Đinh Văn Hòa", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"),
    ("Nơi nhận: - Ban Bí thư (báo cáo), - Lưu Văn phòng Tỉnh ủy. T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ THƯỜNG TRỰC Lê Văn Bình",
     "Lê Văn Bình", "PHÓ BÍ THƯ THƯỜNG TRỰC", "T/M BAN THƯỜNG VỤ"),
    ("Nơi nhận: - Như trên; - Lưu: VT. KT. BỘ TRƯỞNG THỨ TRƯỞNG Trương Quốc Huy",
     "Trương Quốc Huy", "THỨ TRƯỞNG", "KT. BỘ TRƯỞNG"),
])
def test_signer_in_a_flattened_document(foot, name, role, authority):
    head = ("ỦY BAN NHÂN DÂN TỈNH HÀ NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
            "Số: 88/UBND-TH Hà Nam, ngày 3 tháng 2 năm 2022 V/v trực Tết Kính gửi: Các sở, ngành. "
            "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành bố trí lịch trực Tết đầy đủ, nghiêm túc. ")
    st = SourceText.from_text(head + foot)
    assert parse_signature(st, 0, len(st.work)).signer == Signer(name, role, authority)


@pytest.mark.parametrize("foot, distribution, signer", [
    # the two foot columns side by side in a flattened table, row by row
    ("Nơi nhận: | KT. CHỦ TỊCH |\n- Như trên; | PHÓ CHỦ TỊCH |\n- Lưu: VT, TH. | |\n| Hoàng Văn Nam |\n",
     ("Như trên", "Lưu: VT, TH"), Signer("Hoàng Văn Nam", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH")),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT. | KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVũ Thị Hiền\n",
     ("Như trên", "Lưu: VT"), Signer("Vũ Thị Hiền", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH")),
    ("Nơi nhận: | T/M BAN THƯỜNG VỤ |\n- Các huyện ủy, | BÍ THƯ |\n- Lưu VP. | |\n| (Đã ký) |\n| Lò Văn Pá |\n",
     ("Các huyện ủy", "Lưu VP"), Signer("Lò Văn Pá", "BÍ THƯ", "T/M BAN THƯỜNG VỤ")),
])
def test_foot_in_a_table(foot, distribution, signer):
    from loaders.extract import extract_text

    record = extract_text("Các cơ quan, đơn vị thực hiện./.\n" + foot)
    assert (record.distribution, record.signer) == (distribution, signer)


# Nơi nhận entries of State documents: one body's units after its colon list stay one entry; a brace
# note "(để b/cáo)" standing alone is no entry.
@pytest.mark.parametrize("lines, expected", [
    ("- Như trên;\n- VPCP: BTCN, các PCN; các Vụ: KTTH, NN;\n- Lưu: VT, NN (2).\n",
     ["Như trên", "VPCP: BTCN, các PCN; các Vụ: KTTH, NN", "Lưu: VT, NN (2)"]),
    ("- Như trên;\n- TT Tỉnh ủy; TT HĐND tỉnh;\n- Lưu: VT.\n", ["Như trên", "TT Tỉnh ủy", "TT HĐND tỉnh", "Lưu: VT"]),
    ("- Như trên;\n- Thường trực Tỉnh ủy; (để b/cáo)\n- Sở Tài chính;\n- Lưu: VT.\n",
     ["Như trên", "Thường trực Tỉnh ủy", "Sở Tài chính", "Lưu: VT"]),
])
def test_distribution_entries(lines, expected):
    from loaders.extract import extract_text

    text = ("ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\nSố: 120/UBND-KT\nBến Tre, ngày 4 tháng 5 năm 2022\n"
            "Kính gửi: Sở Tài chính.\nỦy ban nhân dân tỉnh đề nghị Sở Tài chính rà soát kinh phí.\nNơi nhận:\n"
            + lines + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n")
    assert list(extract_text(text).distribution) == expected
