"""loaders.grammar: every named piece against the examples of the CSVs it is built from, and by table."""
from __future__ import annotations

import csv
import re

import pytest

from loaders import grammar as G
from loaders.paths import REFERENCE


def rows(name: str, kind: str | None = None) -> list[dict]:
    with open(REFERENCE / name, encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if kind is None or r.get("kind") == kind]


# ---------------------------------------------------------------- the CSVs' examples

PIECE_OF_KIND = {"plural": "plural", "some_word": "some", "number_word": "number_word", "day_word": "dated", "glued_word": "glued_word", "month_word": "date",
                 "year_word": "date", "date_separator": "date", "honorific": "honorific",
                 "number_word_damaged": "number_word_damaged", "name_comma": "name_comma",
                 "of_word": "of", "including_word": "including", "about_word": "about", "and_word": "and", "article_word": "article", "with_word": "with", "at_word": "at",
                 "according_word": "according", "source_word": "source", "according_verb": "according_verb", "purpose_word": "purpose", "under_word": "under", "directly_under_word": "directly_under", "all_word": "all",
                 "collective_word": "collective", "past_word": "past", "also_word": "also", "guidance_word": "guidance",
                 "province_kind": "unit_kind", "district_kind": "unit_kind", "commune_kind": "commune_kind", "city_district_kind": "city_district_kind", "committee_word": "committee_word",
                 "committee_tail": "committee_tail", "committee_organ": "committee_organ", "party_unit": "party_unit",
                 "term_word": "term", "ordinal_word": "ordinal_word",
                 "ordinal_lead": "ordinal_lead", "period_word": "period", "party_organisation": "party_organisation",
                 "commune_committee": "commune_committee"}


@pytest.mark.parametrize("row", rows("grammar_words.csv"), ids=lambda r: f"{r['kind']}:{r['text']}")
def test_grammar_word_examples(row):
    """Each word is in its example, and the piece built from its kind matches the word there."""
    assert row["text"] in row["example"]
    found = [m.group(0) for m in G.compiled(PIECE_OF_KIND[row["kind"]]).finditer(row["example"])]
    assert any(row["text"] in f for f in found), found


@pytest.mark.parametrize("row", rows("grammar_words.csv", "date_separator"), ids=lambda r: r["text"])
def test_date_parts_with_each_separator(row):
    m = G.compiled("date").search(row["example"])
    assert (m.group("d"), m.group("m"), m.group("y")) in {("28", "7", "2020"), ("09", "12", "2020")}


@pytest.mark.parametrize("row", rows("doc_types.csv"), ids=lambda r: r["code"])
def test_doc_type_examples(row):
    """The code list's examples: the type word is a type_word, the number after it a symbol."""
    if row["example"].startswith(row["name_vi"]):
        m = re.match(G.piece("type_word"), row["example"])
        assert m and G.type_name(m.group(0)) is not None
        assert G.type_name(row["name_vi"]) == row["name_vi"] or row["name_vi"].lower() in G.type_words()
    number = re.search(G.expand(r"%(number_word)s\s*(?P<n>%(symbol)s)"), row["example"])
    if re.search(r"\d", row["example"]):
        assert number and number.group("n")[-1].isalnum(), row["example"]


@pytest.mark.parametrize("row", rows("citation_patterns.csv", "type_word"), ids=lambda r: r["text"])
def test_type_word_spellings(row):
    assert G.type_name(row["text"].upper()) == row["value"]
    assert G.nearest_type(row["text"]).distance == 0


# ---------------------------------------------------------------- pieces by table

@pytest.mark.parametrize("text, number", [
    ("472/UBND-VP6", "472/UBND-VP6"), ("48 -CT/TW", "48 -CT/TW"), ("30/2020/NĐ-CP", "30/2020/NĐ-CP"),
    ("1316/-BYT ngày", "1316/-BYT"),            # an empty segment, as written
    ("2644-CV/TU,", "2644-CV/TU"), ("10/ĐM.", "10/ĐM"),
    ("28/7/2020", None), ("12/3a", None), ("1409 ngày", None),
])
def test_symbol(text, number):
    m = re.match(G.piece("symbol"), text)
    assert (m.group(0) if m else None) == number


@pytest.mark.parametrize("text, number", [
    ("1409 ngày 15/9/2021", "1409"), ("35.", "35"), ("16 của Chính phủ", "16"), ("2021;", "2021"),
    ("12/UBND-VP", None), ("35,5 tỷ", None), ("123456", None), ("5-CV/TU", None), ("3a", None),
])
def test_bare_number(text, number):
    m = re.match(G.piece("bare_number"), text)
    assert (m.group(0) if m else None) == number


@pytest.mark.parametrize("text, iso", [
    ("ngày 28/7/2020", ("28", "7", "2020")), ("Ngày 31 tháng 3 năm 2020", ("31", "3", "2020")),
    ("ngày 09.12.2020", ("09", "12", "2020")), ("ngày 5-3-2021", ("5", "3", "2021")),
    ("ngày 28/7", None), ("tháng 3 năm 2020", None),
    ("NGÀY 31 THÁNG 3 NĂM 2020", ("31", "3", "2020")), ("ngày 31tháng3năm 2020", ("31", "3", "2020")),  # flattened
    ("ngày 29/77/2020", ("29", "77", "2020")),   # read as written; date_from_parts corrects it
    ("ngày 5 tháng 3/2021", ("5", "3", "2021")),
])
def test_dated(text, iso):
    m = G.compiled("dated").match(text)
    assert ((m.group("d"), m.group("m"), m.group("y")) if m else None) == iso


@pytest.mark.parametrize("written, name, distance", [
    ("Chthị", "Chỉ thị", 2),            # a letter and a space dropped by the font
    ("Cồng văn", "Công văn", 1),        # a wrong tone
    ("Cong van", "Công văn", 2),        # typed without diacritics
    ("Nghi quyet", "Nghị quyết", 2),
    ("Kết luân", "Kết luận", 1),
    ("Quyết định", "Quyết định", 0),
    ("Điều", None, None), ("Khoản", None, None), ("Công ty", None, None), ("Mục", None, None),
    ("Phòng", None, None), ("", None, None),
])
def test_nearest_type(written, name, distance):
    tm = G.nearest_type(written)
    assert (tm.name, tm.distance) == (name, distance) if name else tm is None


@pytest.mark.parametrize("a, b, d", [("", "", 0), ("abc", "", 3), ("chthị", "chỉ thị", 2), ("kitten", "sitting", 3)])
def test_edit_distance(a, b, d):
    assert G.edit_distance(a, b) == d == G.edit_distance(b, a)


def test_alternation_is_longest_first_and_space_tolerant():
    rx = re.compile(G.alternation(["Công", "Công văn"], "i"))
    assert rx.match("CÔNG  VĂN số").group(0) == "CÔNG  VĂN"


def test_expand_and_unknown_names():
    assert re.fullmatch(G.expand(r"%(number_word)s\s*%(symbol)s"), "số 472/UBND-VP6")
    with pytest.raises(ValueError, match="unknown grammar piece"):
        G.piece("nope")
    with pytest.raises(ValueError, match="grammar_words.csv"):
        G.words("nope")


@pytest.mark.parametrize("written", ["Thông báo kết luận", "THÔNG BÁO KẾT LUẬN", "Thông báo Kết luận", "thông báo kết luận",
                                     "Thông Báo Kết Luận", "Thông  báo\nkết luận"])
def test_any_case_alternation_reads_how_people_case_a_type(written):
    rx = re.compile(G.alternation(G.any_case(["Thông báo kết luận", "Thông báo"])))
    assert rx.fullmatch(written)
    assert re.match(G.piece("type_word"), written + " số 12-TB/TU").group(0) == written
