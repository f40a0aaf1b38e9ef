"""loaders/read.py on real files built in tmp_path: encodings, formats, and every reason to set a file aside."""
from __future__ import annotations

import csv
import gzip
import io
import os
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.ocr import missing
from loaders.paths import DOCUMENTS, REFERENCE
from loaders.read import (SetAside, SourceDocument, decode_bytes, decode_legacy, discover, html_to_text, read_document,
                          vietnamese_score)

TABLES = REFERENCE / "legacy_encodings"
ocr_missing = missing()
SEEDS = sorted(DOCUMENTS.glob("*.txt"))
ORIGINAL = {p.name: unicodedata.normalize("NFC", p.read_text("utf-8")) for p in SEEDS}
TONES = "\u0300\u0301\u0303\u0309\u0323"


def rows(name: str) -> list[dict]:
    with open(TABLES / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- encoders: the inverse of the tables, to write test files the way old software did -------------

def tcvn3(text: str) -> bytes:
    table = {r["unicode"]: bytes([int(r["byte"], 16)]) for r in rows("tcvn3.csv")}
    # TCVN3 has no capital toned letters: a capitals font draws the small-letter codes.
    return b"".join(table.get(c) or table.get(c.lower()) or c.encode("cp1252") for c in text)


def vni(text: str) -> bytes:
    table = {r["unicode"]: bytes.fromhex(r["legacy_hex"]) for r in rows("vni.csv")}
    return b"".join(table.get(c) or c.encode("cp1252") for c in text)


def cp1258(text: str) -> bytes:
    """As Windows writes it: precomposed where the code page has the letter, else base + combining tone."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            split = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in split if c not in TONES))
            out += (base + "".join(c for c in split if c in TONES)).encode("cp1258")
    return bytes(out)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- every seed in every encoding ------------------------------------------------------------------

ENCODINGS = [  # (label, bytes of the original, expected encoding, words expected in a warning)
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8", None),
    ("utf-8 with BOM", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8", None),
    ("NFD", lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), "utf-8", None),
    ("CRLF", lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8", None),
    ("utf-16-le BOM", lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16-le", None),
    ("utf-16-be BOM", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16-be", None),
    ("utf-16-le no BOM", lambda t: t.encode("utf-16-le"), "utf-16-le", "UTF-16"),
    ("utf-16-be no BOM", lambda t: t.encode("utf-16-be"), "utf-16-be", "UTF-16"),
    ("cp1258", cp1258, "cp1258", "Windows-1258"),
    ("vni", vni, "vni", "VNI"),
]


@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
@pytest.mark.parametrize("label, encode, encoding, warning", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_every_encoding_gives_back_the_utf8_text(tmp_path, seed, label, encode, encoding, warning):
    original = ORIGINAL[seed]
    doc = read_document(write(tmp_path, seed, encode(original)))
    assert isinstance(doc, SourceDocument), doc
    assert doc.text == original
    assert doc.encoding == encoding
    assert doc.format == "text"
    assert (warning is None and doc.warnings == ()) or any(warning in w for w in doc.warnings)


@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
def test_tcvn3_gives_back_the_text_up_to_unrecoverable_capitals(tmp_path, seed):
    original = ORIGINAL[seed]
    doc = read_document(write(tmp_path, seed, tcvn3(original)))
    assert doc.encoding == "tcvn3"
    assert any("TCVN3" in w for w in doc.warnings)
    assert doc.text.lower() == original.lower()
    words = list(zip(original.split(), doc.text.split()))
    # Capitals are restored except where nothing shows them: a toned capital that starts a
    # mixed-case word ("Ủy ban") and words of two letters in a short heading ("BỘ Y TẾ").
    lost = [(a, b) for a, b in words if a != b and not (a[0] not in "ĂÂÊÔƠƯĐ" and a[1:].islower() or len(a) <= 2)]
    assert lost == []


RESTORED_CAPITALS = [  # TCVN3 as typed in a capitals font -> what read.py restores
    ("TØNH ñY NINH B×NH", "TỈNH ỦY NINH BÌNH"),
    ("VÒ VIÖC TR¦êNG", "VỀ VIỆC TRƯỜNG"),
    ("B¸o c¸o sè 12", "Báo cáo số 12"),
    ("Sè 43-BS/§UK", "Số 43-BS/ĐUK"),
    ("§é", "Độ"),
    ("ñy ban nh©n d©n", "ủy ban nhân dân"),
]


@pytest.mark.parametrize("shown, expected", RESTORED_CAPITALS)
def test_tcvn3_capitals(shown, expected):
    assert decode_legacy(shown.encode("cp1252"), "tcvn3") == expected


# --- the tables themselves --------------------------------------------------------------------------

@pytest.mark.parametrize("row", rows("tcvn3.csv"), ids=lambda r: r["byte"])
def test_tcvn3_table_entry(row):
    byte = bytes([int(row["byte"], 16)])
    assert decode_legacy(byte, "tcvn3") == row["unicode"]
    if len(row["shown_as_cp1252"]) == 1:
        assert byte.decode("cp1252") == row["shown_as_cp1252"]


@pytest.mark.parametrize("row", rows("vni.csv"), ids=lambda r: r["legacy_hex"])
def test_vni_table_entry(row):
    data = bytes.fromhex(row["legacy_hex"])
    assert data.decode("cp1252") == row["shown_as_cp1252"]
    assert decode_legacy(b"x" + data + b"x", "vni") == "x" + row["unicode"] + "x"


@pytest.mark.parametrize("row", rows("examples.csv"), ids=lambda r: f"{r['encoding']}:{r['unicode']}")
def test_known_sentences(tmp_path, row):
    data = bytes.fromhex(row["legacy_hex"])
    assert data.decode("cp1252") == row["shown_as_cp1252"]
    assert decode_legacy(data, row["encoding"]) == row["unicode"]
    # The short sentence alone is enough for read_document to find its encoding.
    doc = read_document(write(tmp_path, "example.txt", data + b"\n"))
    assert (doc.encoding, doc.text) == (row["encoding"], row["unicode"] + "\n")


def test_tables_are_nfc_and_unambiguous():
    for name, key in (("tcvn3.csv", "byte"), ("vni.csv", "legacy_hex")):
        table = rows(name)
        assert len({r[key] for r in table}) == len(table)
        assert all(unicodedata.is_normalized("NFC", r["unicode"]) and len(r["unicode"]) == 1 for r in table)


# --- mixed, truncated, legacy fonts inside Unicode -----------------------------------------------------

@pytest.mark.parametrize("legacy, encode, name", [("cp1258", cp1258, "Windows-1258"), ("vni", vni, "VNI")])
def test_mixed_encodings_in_one_file(tmp_path, legacy, encode, name):
    original = ORIGINAL["000_971c03e54ee92b8c.txt"]
    lines = original.splitlines(keepends=True)
    data = b"".join(encode(line) if i % 3 == 0 and not line.isascii() else line.encode("utf-8")
                    for i, line in enumerate(lines))
    doc = read_document(write(tmp_path, "mixed.txt", data))
    assert doc.text == original
    assert doc.encoding == "utf-8"
    assert any("mixed encodings" in w and name in w for w in doc.warnings), doc.warnings


def test_utf8_cut_in_the_middle_of_a_character(tmp_path):
    data = ORIGINAL["party_004.txt"].encode("utf-8")
    cut = next(i for i in range(len(data) // 2, len(data)) if data[i] >= 0xC0) + 1  # after a lead byte
    doc = read_document(write(tmp_path, "cut.txt", data[:cut]))
    assert doc.text == data[:cut - 1].decode("utf-8")
    assert any("truncated" in w for w in doc.warnings)


def test_utf16_with_an_odd_number_of_bytes(tmp_path):
    data = b"\xff\xfe" + "Công văn số 12".encode("utf-16-le")
    doc = read_document(write(tmp_path, "cut16.txt", data[:-1]))
    assert doc.text == "Công văn số 1"
    assert any("truncated" in w for w in doc.warnings)


def test_invalid_bytes_in_utf8_are_replaced_and_reported(tmp_path):
    data = "Công văn số 12 của Tỉnh ủy\n".encode("utf-8") * 3 + b"\x80\x81\xff\xfe zz\n"
    doc = read_document(write(tmp_path, "bad.txt", data))
    assert doc.text.startswith("Công văn số 12 của Tỉnh ủy\n")
    assert any("mixed encodings" in w for w in doc.warnings)


LEGACY_FONT_IN_UNICODE = [  # Unicode text that shows a legacy font's bytes -> repaired line
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc", "TCVN3"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc", "VNI"),
    ("Coâng vaên soá 12", "Công văn số 12", "VNI"),
    ("Thñ t\u00adíng ChÝnh phñ", "Thủ tướng Chính phủ", "TCVN3"),
]


@pytest.mark.parametrize("shown, expected, name", LEGACY_FONT_IN_UNICODE)
def test_text_typed_in_a_legacy_font_is_repaired(tmp_path, shown, expected, name):
    doc = read_document(write(tmp_path, "font.txt", f"Tỉnh ủy Ninh Bình\n{shown}\nHết.\n"))
    assert doc.text == f"Tỉnh ủy Ninh Bình\n{expected}\nHết.\n"
    assert doc.encoding == "utf-8"
    assert any(name in w for w in doc.warnings)


def test_french_and_english_are_not_repaired(tmp_path):
    text = "Le café crème à Genève, naïve façade; Ñandú; ¿qué? 50 µm § 3\nPlain English only.\n"
    doc = read_document(write(tmp_path, "fr.txt", text))
    assert (doc.text, doc.warnings) == (text, ())


def test_a_text_in_another_legacy_encoding_is_guessed(tmp_path):
    text = "Привет! Это тестовый документ на русском языке, чтобы проверить, как читается кодировка.\n" * 3
    doc = read_document(write(tmp_path, "ru.txt", text.encode("cp1251")))
    assert doc.text == text
    assert any("charset-normalizer" in w for w in doc.warnings)


def test_control_characters_and_line_endings(tmp_path):
    doc = read_document(write(tmp_path, "ctl.txt", b"\xef\xbb\xbfa\r\nb\rc\x00d\x07e\tf\x0cg\n"))
    assert doc.text == "a\nb\ncde\tf\ng\n"
    assert any("removed 2 control characters" in w for w in doc.warnings)


def test_ascii_text_without_vietnamese_is_kept(tmp_path):
    doc = read_document(write(tmp_path, "en.txt", "Directive 12 of the Provincial Committee.\n"))
    assert isinstance(doc, SourceDocument) and doc.warnings == ()


def test_the_score_counts_accented_words():
    assert vietnamese_score("Tỉnh ủy Ninh Bình ban hành") == (4, 4)
    assert vietnamese_score("§éc lËp - Tù do") == (1, 3)
    assert vietnamese_score("Plain ASCII only") == (0, 0)


# --- HTML --------------------------------------------------------------------------------------------

HTML = [  # (markup, text)
    ("<html><head><title>T</title><script>alert(1)</script><style>p{color:red}</style></head>"
     "<body><p>Kính gửi:</p><!-- hidden --><noscript>bật JS</noscript><template>x</template>"
     "<p>Các   huyện\n ủy</p></body></html>", "T\n\nKính gửi:\n\nCác huyện ủy"),
    ("<div>a<br>b<br/>c</div><div>d</div>", "a\nb\nc\nd"),
    ("<ul><li>Bộ Công an;</li><li>Bộ Quốc phòng.</li></ul>", "Bộ Công an;\nBộ Quốc phòng."),
    ("<table><tr><th>Số</th><th>Ngày</th></tr><tr><td><p>2644-CV/TU</p></td><td>29/7/2020</td></tr></table>",
     "Số | Ngày\n2644-CV/TU | 29/7/2020"),
    ("<table><tr><td>a</td><td></td><td>c</td></tr></table>", "a | | c"),
    ("<h1>CÔNG&nbsp;VĂN</h1><p>Số&nbsp;12 &amp; 13 &lt;b&gt;</p>", "CÔNG VĂN\n\nSố 12 & 13 <b>"),
    ("<pre>  giữ\n  dòng</pre>", "giữ\ndòng"),  # line breaks kept, indentation not
]


@pytest.mark.parametrize("markup, text", HTML)
def test_html_text(markup, text):
    assert html_to_text(markup)[0] == text


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.txt", "page"])
def test_html_file_by_name_or_content(tmp_path, name):
    markup = ("<!DOCTYPE html><html><body><script>alert(1)</script>"
              "<p>Tỉnh ủy Ninh Bình</p><script>document.write('x')</script></body></html>")
    doc = read_document(write(tmp_path, name, markup))
    assert (doc.format, doc.text) == ("html", "Tỉnh ủy Ninh Bình")
    assert "alert" not in doc.text


def test_html_in_a_legacy_encoding(tmp_path):
    body = ORIGINAL["state_001.txt"]
    markup = "<html><body>" + "".join(f"<p>{line}</p>" for line in body.splitlines() if line) + "</body></html>"
    doc = read_document(write(tmp_path, "vni.htm", vni(markup)))
    assert doc.encoding == "vni" and doc.format == "html"
    assert [line for line in doc.text.splitlines() if line] == [line for line in body.splitlines() if line]


def test_truncated_html_is_read_and_reported(tmp_path):
    doc = read_document(write(tmp_path, "cut.html", "<html><body><p>Công văn</p><p>Kính g"))
    assert doc.text == "Công văn\n\nKính g"
    assert any("truncated" in w for w in doc.warnings)


# --- DOCX --------------------------------------------------------------------------------------------

def make_docx(path: Path, build) -> Path:
    from docx import Document

    document = Document()
    build(document)
    document.save(path)
    return path


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    def build(d):
        d.add_paragraph("Trước bảng")
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "TỈNH ỦY NINH BÌNH"
        table.cell(0, 0).add_paragraph("Số 2644-CV/TU")
        table.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
        merged = table.cell(1, 0).merge(table.cell(1, 1))
        merged.text = "Ninh Bình, ngày 29 tháng 7 năm 2020"
        d.add_paragraph("Kính gửi: Các huyện ủy")

    doc = read_document(make_docx(tmp_path / "cv 2644.docx", build))
    assert (doc.format, doc.encoding) == ("docx", None)
    assert doc.text == ("Trước bảng\nTỈNH ỦY NINH BÌNH\nSố 2644-CV/TU | ĐẢNG CỘNG SẢN VIỆT NAM\n"
                        "Ninh Bình, ngày 29 tháng 7 năm 2020\nKính gửi: Các huyện ủy")


def test_docx_typed_in_a_vni_font(tmp_path):
    doc = read_document(make_docx(tmp_path / "vni.docx", lambda d: d.add_paragraph("Ñoäc laäp - Töï do - Haïnh phuùc")))
    assert doc.text == "Độc lập - Tự do - Hạnh phúc"
    assert any("VNI" in w for w in doc.warnings)


def test_docx_without_text_and_broken_docx(tmp_path):
    empty = read_document(make_docx(tmp_path / "empty.docx", lambda d: d.add_paragraph("   ")))
    assert empty.reason == "no text: the DOCX has only empty paragraphs"
    data = make_docx(tmp_path / "full.docx", lambda d: d.add_paragraph("Công văn")).read_bytes()
    cut = read_document(write(tmp_path, "cut.docx", data[: len(data) // 2]))
    assert isinstance(cut, SetAside) and "broken" in cut.reason and cut.sha256


# --- PDF ---------------------------------------------------------------------------------------------

def make_pdf(path: Path, lines: list[str]) -> Path:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure()
    for i, line in enumerate(lines):
        figure.text(0.1, 0.8 - 0.1 * i, line)
    if not lines:
        figure.add_artist(plt.Line2D([0.1, 0.9], [0.1, 0.9]))
    figure.savefig(path)
    plt.close(figure)
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    return {"text": make_pdf(folder / "text.pdf", ["Cong van so 2644-CV/TU", "Tỉnh ủy Ninh Bình"]),
            "scan": make_pdf(folder / "scan.pdf", [])}


def test_pdf_with_a_text_layer(pdfs):
    doc = read_document(pdfs["text"])
    assert (doc.format, doc.text, doc.warnings) == ("pdf", "Cong van so 2644-CV/TU\nTỉnh ủy Ninh Bình", ())


def test_pdf_without_a_text_layer(pdfs):
    result = read_document(pdfs["scan"], ocr="never")
    assert isinstance(result, SetAside)
    assert result.reason == "no text layer: this PDF is a scan; OCR is off (--ocr never)"
    result = read_document(pdfs["scan"])  # a page with only a line: OCR finds nothing (tests/test_ocr.py reads scans)
    assert isinstance(result, SetAside)
    assert result.reason == (f"no text layer: this PDF is a scan and needs OCR, but {ocr_missing}" if ocr_missing else
                             "no text: neither a text layer nor words found by OCR (blank or unreadable pages)")


def test_encrypted_and_truncated_pdf(tmp_path, pdfs):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdfs["text"]))
    writer.encrypt("secret", algorithm="RC4-128")
    writer.write(tmp_path / "locked.pdf")
    locked = read_document(tmp_path / "locked.pdf")
    assert isinstance(locked, SetAside) and locked.reason.startswith("encrypted PDF")
    data = pdfs["text"].read_bytes()
    cut = read_document(write(tmp_path, "cut.pdf", data[: len(data) * 2 // 3]))
    assert cut.reason.startswith("broken PDF") and "truncated" in cut.reason
    assert isinstance(read_document(write(tmp_path, "head.pdf", b"%PDF-1.4\n%garbage")), SetAside)


# --- set aside, with the reason ------------------------------------------------------------------------

def png_bytes(kind: str) -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure = plt.figure(figsize=(1, 1))
    figure.savefig(buffer, format=kind)
    plt.close(figure)
    return buffer.getvalue()


def blank_image(kind: str) -> str:
    """Why an image without words is set aside: OCR found none, or OCR is not installed."""
    if ocr_missing:
        return f"{kind}: a scan or photo of a document needs OCR, but {ocr_missing}"
    return "no text: OCR found no words on the image (a blank page, a picture, or too faint to read)"


def zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


SET_ASIDE = [  # (file name, bytes, the reason read_document gives)
    ("empty.txt", lambda: b"", "empty file (0 bytes)"),
    ("blank.txt", lambda: b" \n\t\r\n  ", "only whitespace, no text"),
    ("bom.txt", lambda: b"\xef\xbb\xbf", "empty file (only a byte-order mark)"),
    ("blank.html", lambda: b"<html><body><script>x()</script> </body></html>", "no text: the HTML page has only markup, scripts or whitespace"),
    ("picture.png", lambda: png_bytes("png"), blank_image("PNG image")),  # images are read by OCR: blank here
    ("photo.jpg", lambda: png_bytes("jpg"), blank_image("JPEG image")),
    ("scan.txt", lambda: png_bytes("png"), blank_image("PNG image")),
    ("files.zip", lambda: zip_bytes({"a.txt": "Công văn"}), "binary file (ZIP archive; unpack it), not a document"),
    ("book.xlsx", lambda: zip_bytes({"xl/workbook.xml": "<x/>"}), "binary file (Excel workbook (.xlsx)), not a document"),
    ("doc.gz", lambda: gzip.compress(b"Cong van"), "binary file (gzip archive), not a document"),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
     "old Microsoft Office file (.doc/.xls/.ppt): save it as .docx"),
    ("notes.rtf", lambda: b"{\\rtf1\\ansi Cong van}", "RTF document, not supported: save it as .docx or .txt"),
    ("BM notes.txt", lambda: b"BMW and BMX are not images\n", None),
    ("data.bin", lambda: bytes(range(256)) * 8, "binary file (unknown type: many NUL/control bytes), not a document"),
    ("nul.bin", lambda: b"\x01\x00\x02\x00" * 300, "binary file (unknown type: many NUL/control bytes), not a document"),
]


@pytest.mark.parametrize("name, make, reason", SET_ASIDE, ids=[s[0] for s in SET_ASIDE])
def test_set_aside(tmp_path, name, make, reason):
    data = make()
    result = read_document(write(tmp_path, name, data))
    if reason is None:  # looks like a magic number, but is text
        assert isinstance(result, SourceDocument) and result.text == data.decode()
        return
    assert isinstance(result, SetAside)
    assert result.reason == reason
    assert result.path == str(tmp_path / name)
    assert (result.sha256 is None) == (data == b"")


def test_too_large_file(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:  # 50 MiB without writing 50 MiB: the size is checked before reading
        f.truncate(50 * 1024 * 1024)
    result = read_document(path)
    assert result == SetAside(str(path), "file is 52 MB, above the 20 MB limit for one document; split it")
    small = read_document(write(tmp_path, "small.txt", "Công văn " * 200), max_bytes=1000)  # 2200 bytes
    assert small.reason == "file is 2.2 kB, above the 1.0 kB limit for one document; split it"


def test_not_a_file(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe")
    assert read_document(tmp_path / "folder").reason == "a directory, not a file"
    assert read_document(tmp_path / "missing.txt").reason == "file not found"
    assert read_document(tmp_path / "link.txt").reason == (
        f"broken symbolic link: it points to {tmp_path / 'gone.txt'}, which does not exist")
    assert read_document(tmp_path / "pipe").reason == "not a regular file (a named pipe)"  # and did not block
    assert read_document(tmp_path / ("x" * 300 + ".txt")).reason == "cannot read the file: file name too long"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", "Công văn")
    path.chmod(0)
    assert read_document(path).reason == "cannot read the file: permission denied"


@pytest.mark.parametrize("name", ["a b;$(x)&'\".txt", "Công văn số 12 (Tỉnh ủy).md", "-rf *.txt", "`id`|x>y.html"])
def test_file_names_with_spaces_vietnamese_and_shell_characters(tmp_path, name):
    path = write(tmp_path, name, "Tỉnh ủy Ninh Bình\n")
    doc = read_document(str(path))
    assert (doc.path, doc.text.strip()) == (str(path), "Tỉnh ủy Ninh Bình")
    assert doc.format == {".md": "markdown", ".html": "html", ".txt": "text"}[path.suffix]


def test_identity_fields(tmp_path):
    import hashlib

    data = "Công văn\n".encode("utf-16")
    doc = read_document(write(tmp_path, "a.txt", data))
    assert (doc.sha256, doc.size) == (hashlib.sha256(data).hexdigest(), len(data))


# --- discover ----------------------------------------------------------------------------------------

def test_discover(tmp_path):
    for name in ["b.txt", "a/z.md", "a/y.gold.json", ".hidden.txt", ".git/config", "a/.cache/x.txt", "c d/ế.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "dead.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / "linked").symlink_to(tmp_path / "a")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a/z.md", "b.txt", "c d/ế.txt", "dead.txt", "linked"]
    assert discover(tmp_path / "b.txt") == [tmp_path / "b.txt"]


# --- never raises ------------------------------------------------------------------------------------

HEADS = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xff\xfe", b"\xef\xbb\xbf", b"\x89PNG\r\n\x1a\n"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.sampled_from(HEADS), body=st.binary(max_size=2000),
       suffix=st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx", ""]))
def test_arbitrary_bytes_never_raise(tmp_path, head, body, suffix):
    path = tmp_path / f"any{suffix}"
    path.write_bytes(head + body)
    result = read_document(path)
    assert isinstance(result, (SourceDocument, SetAside))
    if isinstance(result, SourceDocument):
        assert result.text.strip() and unicodedata.is_normalized("NFC", result.text)
        assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in result.text)
    else:
        assert result.reason


WORDS = sorted({w for text in ORIGINAL.values() for w in text.split() if not w.isascii() and w.isalpha()})


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=6, max_size=30, unique=True),
       encoding=st.sampled_from([("cp1258", cp1258), ("tcvn3", tcvn3), ("vni", vni)]))
def test_six_accented_words_are_enough_to_find_the_encoding(words, encoding):
    # six different words: "BÍ BÍ BÍ Lưu Lưu Lưu" is two, and "Lửu" (its TCVN3 reading) is as well-formed a syllable
    name, encode = encoding
    text = " ".join(words)
    decoded, found, _ = decode_bytes(encode(text))
    assert found == name
    assert unicodedata.normalize("NFC", decoded).lower() == text.lower()


def test_genuine_vietnamese_is_not_even_looked_at_for_legacy_fonts():
    from loaders.read import _tables  # the gate that keeps repair_legacy_font linear on real text

    gate = _tables()["suspects"]
    assert [p for p, text in ORIGINAL.items() if gate.search(text)] == []
