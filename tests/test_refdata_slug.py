import unicodedata

import pytest

from loaders.slug import slug, strip_diacritics

CASES = [
    ("Ban Tuyên giáo Tỉnh ủy Ninh Bình", "ban-tuyen-giao-tinh-uy-ninh-binh"),
    ("Tỉnh ủy Ninh Bình", "tinh-uy-ninh-binh"),
    ("Đắk Lắk", "dak-lak"),
    ("ĐẢNG ỦY KHỐI", "dang-uy-khoi"),
    ("2644-CV/TU", "2644-cv-tu"),
    ("1145/VPCP-KGVX", "1145-vpcp-kgvx"),
    ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
    ("  Thừa Thiên – Huế  ", "thua-thien-hue"),
    ("Công điện", "cong-dien"),
    ("Hoà Bình", "hoa-binh"),
    ("Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh Ninh Bình", "ban-chi-dao-phong-chong-dich-covid-19-tinh-ninh-binh"),
    ("", ""),
    ("---", ""),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_slug(text, expected):
    assert slug(text) == expected


def test_slug_same_for_nfc_and_nfd():
    text = "Thành ủy Nam Định"
    assert slug(unicodedata.normalize("NFD", text)) == slug(text) == "thanh-uy-nam-dinh"


def test_strip_diacritics_keeps_case():
    assert strip_diacritics("Đảng ủy Quân sự") == "Dang uy Quan su"
