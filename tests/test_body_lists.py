"""Lists of bodies (loaders/body_lists.py): colon lists, addressee classes, Kính gửi entries; every
example row of data/reference/body_lists.csv is read."""
from __future__ import annotations

import pytest

from loaders.body_lists import (addressee_end, expand_list, find_colon_list, known_name_end, recipient_names,
                                split_addressees, split_items, split_recipients)
from loaders.header import find_list
from loaders.refdata import read_csv
from loaders.text import SourceText


def rows(kind: str) -> list[dict]:
    return [r for r in read_csv("body_lists.csv", ("kind", "text", "example")) if r["kind"] == kind]


# ---------------------------------------------------------------- colon lists

EXPAND = [
    # a head word put before each item; "và" inside a known name stays ("Kế hoạch và Đầu tư")
    ("Các Sở: Tư pháp, Nội vụ, Kế hoạch và Đầu tư",
     ["Sở Tư pháp", "Sở Nội vụ", "Sở Kế hoạch và Đầu tư"]),
    # "và" between two items separates them; a comma inside a known name does not
    ("Các Sở: Văn hóa, Thể thao và Du lịch, Tài chính và Xây dựng",
     ["Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính", "Sở Xây dựng"]),
    ("Bộ: Tài chính; Xây dựng; Tài nguyên và Môi trường", ["Bộ Tài chính", "Bộ Xây dựng", "Bộ Tài nguyên và Môi trường"]),
    ("các sở: Nội vụ, Tư pháp.", ["Sở Nội vụ", "Sở Tư pháp"]),
    # the kind of each place from the admin units: Cần Thơ is a thành phố, Lào Cai a tỉnh
    ("Ủy ban nhân dân các tỉnh, thành phố: Lào Cai, Cần Thơ, Yên Bái",
     ["Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân thành phố Cần Thơ", "Ủy ban nhân dân tỉnh Yên Bái"]),
    ("UBND các huyện: Hải Hậu, Giao Thủy", ["UBND huyện Hải Hậu", "UBND huyện Giao Thủy"]),
    # an item that already names its body is kept as written
    ("các Sở, ngành: Tài chính, Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh",
     ["Sở Tài chính", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
    # the bare head word of a known name gets its head: "Bộ: ...; Công an" -> "Bộ Công an"
    ("Bộ: Ngoại giao; Công an", ["Bộ Ngoại giao", "Bộ Công an"]),
    # no head word to add: only the items that name their body
    ("các ngành: Tài chính, Công an tỉnh", ["Công an tỉnh"]),
    # not colon lists of bodies
    ("Sở Tài chính", []),
    ("Thủ tướng Chính phủ có ý kiến như sau: Sở Tài chính", []),
    ("các tỉnh: Lào Cai, Yên Bái", []),                       # places, not bodies
    ("Ủy ban nhân dân các tỉnh, thành phố: Không Có Tỉnh Này", []),  # the data cannot tell tỉnh or thành phố
    ("UBND các huyện, thị xã: Ý Yên, Sơn Tây", []),  # Sơn Tây: a thị xã of Hà Nội, a huyện of Quảng Ngãi
]


@pytest.mark.parametrize("text, expected", EXPAND, ids=[e[0][:40] for e in EXPAND])
def test_expand_list(text, expected):
    items = expand_list(text)
    assert [i.name for i in items] == expected
    for i in items:  # each item points at its words as written
        assert text[i.start:i.end].strip() and text[i.start:i.end] in i.name or i.name.endswith(text[i.start:i.end])


def test_colon_list_after_other_bodies():
    found = find_colon_list("Bộ Y tế và Ủy ban nhân dân các tỉnh: Lào Cai, Yên Bái")
    assert found.start == len("Bộ Y tế và ")
    assert [i.name for i in found.items] == ["Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Yên Bái"]


SPLIT = [
    ("Tư pháp, Nội vụ và Kế hoạch và Đầu tư", ["Tư pháp", "Nội vụ", "Kế hoạch và Đầu tư"]),
    ("Công an tỉnh và Ban Quản lý các Khu công nghiệp và chế xuất",
     ["Công an tỉnh", "Ban Quản lý các Khu công nghiệp và chế xuất"]),
    ("Lao động - Thương binh và Xã hội; Y tế", ["Lao động - Thương binh và Xã hội", "Y tế"]),
]


@pytest.mark.parametrize("text, expected", SPLIT)
def test_split_items(text, expected):
    assert [text[s:e] for s, e in split_items(text)] == expected


# ---------------------------------------------------------------- addressee classes

ADDRESSEES = [
    ("các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
     ["các cấp ủy, tổ chức đảng", "chính quyền", "Mặt trận Tổ quốc", "các tổ chức chính trị - xã hội"]),
    ("các cấp ủy đảng, chính quyền, các sở, ban, ngành, hội, đoàn thể tỉnh",
     ["các cấp ủy đảng", "chính quyền", "các sở, ban, ngành, hội, đoàn thể tỉnh"]),
    ("Cấp ủy, chính quyền, Mặt trận, ban, ngành, đoàn thể các cấp",
     ["Cấp ủy", "chính quyền", "Mặt trận", "ban, ngành, đoàn thể các cấp"]),
    ("Cấp ủy các cấp", ["Cấp ủy các cấp"]),
    # offices alone are an ordinary class of bodies, not an addressee list
    ("các cơ quan, đơn vị", []),
    # a named body in the list: not an addressee list
    ("Ban Dân vận Tỉnh ủy, Mặt trận Tổ quốc và các đoàn thể", []),
    ("Hội Nông dân tỉnh, chính quyền", []),
    # words that name no one ("nhân dân", "hệ thống chính trị")
    ("Cấp ủy, chính quyền các cấp, cả hệ thống chính trị và nhân dân", []),
]


@pytest.mark.parametrize("text, expected", ADDRESSEES, ids=[e[0][:40] for e in ADDRESSEES])
def test_split_addressees(text, expected):
    assert [i.name for i in split_addressees(text)] == expected


def test_addressee_end_keeps_tổ_chức_đảng_whole():
    text = "các cấp ủy, tổ chức đảng nghiêm túc thực hiện"
    at = text.index("tổ chức")
    assert addressee_end(text, at) == at + len("tổ chức đảng")
    assert addressee_end(text, text.index("nghiêm")) is None


KNOWN = [
    ("Sở Tư pháp thẩm định hồ sơ", "Sở Tư pháp"),
    ("Sở Lao động - Thương binh và Xã hội đánh giá hồ sơ", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở Tài chính tỉnh", None),                 # a unit word goes on with the name
    ("Ban Chỉ đạo phòng, chống dịch Covid-19 của tỉnh", None),
    ("Ban Thường vụ các huyện ủy", None),
    ("Sở Tài chính", None),
    ("Sở Tài chính và Sở Xây dựng", None),
]


@pytest.mark.parametrize("text, expected", KNOWN)
def test_known_name_end(text, expected):
    end = known_name_end(text)
    assert (text[:end] if end else None) == expected


# ---------------------------------------------------------------- Kính gửi entries

def test_recipients_expand_and_keep_evidence():
    text = ("Kính gửi:\n\n- Bộ: Tài chính; Xây dựng; Công an;\n- Các Sở: Nội vụ, Kế hoạch và Đầu tư;\n"
            "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n\nThực hiện chỉ đạo của Thủ tướng.")
    st = SourceText.from_text(text)
    got = recipient_names(st, find_list(st, "recipients", 0, len(st.work)))
    assert [n for n, _ in got] == ["Bộ Tài chính", "Bộ Xây dựng", "Bộ Công an", "Sở Nội vụ", "Sở Kế hoạch và Đầu tư",
                                   "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    for name, span in got:
        assert st.canonical[span.start:span.end] == span.quote
    assert [s.quote for _, s in got][:2] == ["Tài chính", "Xây dựng"]


def test_one_line_recipients():
    st = SourceText.from_text("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố: Lào Cai, Cần Thơ.\n\nNội dung.")
    got = recipient_names(st, find_list(st, "recipients", 0, len(st.work)))
    assert [n for n, _ in got] == ["Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân thành phố Cần Thơ"]


PROSE_RECIPIENTS = [
    # "các" or a capital starts an addressee; lower-case pieces continue it
    ("các tỉnh ủy, thành ủy, các ban đảng, ban cán sự đảng, đảng đoàn, Các đảng ủy khối",
     ["các tỉnh ủy, thành ủy", "các ban đảng, ban cán sự đảng, đảng đoàn", "Các đảng ủy khối"]),
    ("các huyện ủy, thị ủy, Ban cán sự đảng Ủy ban nhân dân tỉnh",
     ["các huyện ủy, thị ủy", "Ban cán sự đảng Ủy ban nhân dân tỉnh"]),
    # "các đảng ủy ..." continues a class of committees of its group
    ("các huyện ủy, thị ủy, các đảng ủy trực thuộc Tỉnh ủy", ["các huyện ủy, thị ủy, các đảng ủy trực thuộc Tỉnh ủy"]),
    # an organ before "các" holds over a named committee, not over "các đảng ủy"
    ("Ban Thường vụ các huyện ủy, Thành ủy Lào Cai, các đảng ủy trực thuộc Tỉnh ủy",
     ["Ban Thường vụ các huyện ủy, Thành ủy Lào Cai", "các đảng ủy trực thuộc Tỉnh ủy"]),
    ("Ban Thường vụ các huyện ủy, Đảng ủy Quân sự tỉnh", ["Ban Thường vụ các huyện ủy", "Đảng ủy Quân sự tỉnh"]),
    ("Sở Tài chính, Sở Xây dựng và Công an tỉnh", ["Sở Tài chính", "Sở Xây dựng", "Công an tỉnh"]),
    ("Bộ Tài chính và Ủy ban nhân dân các tỉnh: Lào Cai, Yên Bái",
     ["Bộ Tài chính", "Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Yên Bái"]),
]


@pytest.mark.parametrize("text, expected", PROSE_RECIPIENTS, ids=[e[0][:40] for e in PROSE_RECIPIENTS])
def test_split_recipients(text, expected):
    items = split_recipients(text)
    assert [i.name for i in items] == expected
    for i in items:
        if i.name in text:
            assert text[i.start:i.end] == i.name


# ---------------------------------------------------------------- data: every example is read

@pytest.mark.parametrize("row", rows("list_head"), ids=lambda r: r["text"])
def test_list_head_examples(row):
    names = [i.name for i in expand_list(row["example"])]
    assert len(names) >= 2 and all(n.startswith(row["value"] + " ") for n in names)


@pytest.mark.parametrize("row", rows("list_class") + rows("plural") + rows("separator"), ids=lambda r: r["text"])
def test_head_word_examples(row):
    assert len(expand_list(row["example"])) >= 2


@pytest.mark.parametrize("row", rows("unit_head"), ids=lambda r: r["text"])
def test_unit_head_examples(row):
    names = [i.name for i in expand_list(row["example"])]
    assert len(names) >= 2 and any(f" {row['text']} " in n for n in names)


@pytest.mark.parametrize("row", rows("addressee"), ids=lambda r: r["text"])
def test_addressee_examples(row):
    items = [i.name for i in split_addressees(row["example"])]
    assert any(row["text"].lower() in i.lower() for i in items), items


@pytest.mark.parametrize("row", rows("name_continuation"), ids=lambda r: r["text"])
def test_name_continuation_examples(row):
    assert known_name_end(row["example"]) is None
