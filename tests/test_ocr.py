"""OCR of scans, end to end with the real tesseract: the five seeds rendered as noisy scans
(tests/render_pages.py: two-column header, red stamp over the signature, 0.5-1.5 degrees, blur, speckle)
read back and scored against their gold; evidence spans index the OCR'd text; the build reads scans in
its worker path, caches them (a rebuild runs no tesseract), records OCR in the graph, keeps the
per-file timeout; without tesseract, scans are set aside with the install command.
The corpus measurement and the timings are in bench/ocr.py."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loaders import ocr
from loaders.extract import extract_file
from loaders.paths import DOCUMENTS, ROOT
from loaders.read import SetAside, SourceDocument, read_document

sys.path.insert(0, str(Path(__file__).parent))
import render_pages  # noqa: E402

pytestmark = [
    pytest.mark.skipif(ocr.missing() is not None, reason=f"{ocr.missing()}"),
    pytest.mark.skipif(not render_pages.fonts_available(),
                       reason="no DejaVu fonts to render test scans; install them with: sudo apt-get install fonts-dejavu-core"),
]

GOLD = ROOT / "tests" / "gold"
SCORER = ROOT / "tests" / "score_extraction.py"
SEEDS = sorted(p.stem for p in DOCUMENTS.glob("[0-9]*.txt"))
# One scanner format per seed: PDF of page images, multi-page TIFF.
FORMATS = dict(zip(SEEDS, ("pdf", "tiff", "pdf", "tiff", "pdf")))
# Mean F1 of extraction from the rendered scans of the seeds, by the project's copy of the scorer (17
# measures): 0.799 measured before issue 19's work on the columns, wrapped lines and signature ink;
# ../shared's scorer (26 measures) now gives 0.977 (bench/ocr.py; their text 0.996). The floor is kept
# low: the test guards the path (scan -> OCR -> extract), bench/ocr.py the figure.
FLOOR = 0.78


def render(name: str, folder: Path, fmt: str, pages: slice = slice(None)) -> Path:
    text = (DOCUMENTS / f"{name}.txt").read_text(encoding="utf-8")
    return render_pages.save(render_pages.render(text, name)[pages], folder / name, fmt)[0]


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scans")
    for name in SEEDS:
        render(name, folder, FORMATS[name])
        shutil.copy(GOLD / f"{name}.gold.json", folder)
    return folder


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ocr-cache")


def test_seed_scans_score_like_their_text(scans, cache):
    env = dict(os.environ, DIRECTIVE_KG_OCR_CACHE=str(cache))
    run = subprocess.run([sys.executable, str(SCORER), "--json", "--cmd",
                          f"{sys.executable} -m directive_kg.cli extract --format jsonl", str(scans)],
                         capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    measures = json.loads(run.stdout)
    scored = [m["f1"] for m in measures.values() if m["gold"] or m.get("predicted")]  # as ../shared's scorer
    assert sum(scored) / len(scored) >= FLOOR, measures


def test_evidence_spans_index_the_ocr_text_that_text_shows(scans, cache):
    scan = scans / f"{SEEDS[4]}.pdf"
    record = extract_file(scan, ocr_cache=cache)
    shown = subprocess.run([sys.executable, "-m", "directive_kg.cli", "text", str(scan), "--ocr-cache", str(cache)],
                           capture_output=True, text=True, cwd=ROOT, check=True)
    text = shown.stdout[:-1]  # the command ends the text with a newline
    assert record.number == "963-CV/TU" and record.evidence
    for key, span in record.evidence.items():
        assert text[span.start:span.end] == span.quote, key
    assert "text read by OCR (tesseract" in shown.stderr and record.ocr.cached
    assert record.ocr.engine == "tesseract" and record.ocr.language == "vie"
    assert len(record.ocr.pages) == 2 and all(p.confidence > 80 and p.words > 100 for p in record.ocr.pages)


def test_header_columns_come_out_one_after_the_other(scans, cache):
    doc = read_document(scans / f"{SEEDS[4]}.pdf", ocr_cache=cache)
    lines = [line for line in doc.text.splitlines() if line.strip()]
    issuer = next(i for i, line in enumerate(lines) if "TRÀ VINH" in line)
    motto = next(i for i, line in enumerate(lines) if "CỘNG SẢN" in line)
    number = next(i for i, line in enumerate(lines) if "963" in line)
    assert "CỘNG SẢN" not in lines[issuer] and issuer < number < motto  # left column first, whole


@pytest.mark.parametrize("fmt", ["png", "jpeg"])
def test_page_images(tmp_path, cache, fmt):
    image = render(SEEDS[4], tmp_path, fmt, slice(0, 1))
    record = extract_file(image, ocr_cache=cache)
    assert (record.number, record.issuer, record.doc_type) == ("963-CV/TU", "Tỉnh ủy Trà Vinh", "Công văn")
    assert record.ocr is not None and len(record.ocr.pages) == 1
    assert read_document(image, ocr="never").reason.endswith("not read because OCR is off (--ocr never)")


def test_ocr_modes_on_a_pdf_with_a_text_layer(tmp_path, cache):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=(8.27, 11.69))
    figure.text(0.1, 0.9, "Số 963-CV/TU ngày 29 tháng 7 năm 2020 của Tỉnh ủy Trà Vinh", fontsize=14)
    figure.savefig(tmp_path / "typed.pdf")
    plt.close(figure)
    auto = read_document(tmp_path / "typed.pdf", ocr_cache=cache)
    always = read_document(tmp_path / "typed.pdf", ocr="always", ocr_cache=cache)
    assert auto.ocr is None and "963-CV/TU" in auto.text
    assert always.ocr is not None and "963-CV/TU" in always.text and len(always.ocr.pages) == 1


def test_cache_is_per_page_and_per_settings(tmp_path):
    scan = render(SEEDS[4], tmp_path, "tiff")
    first = read_document(scan, ocr_cache=tmp_path / "cache")
    pages = sorted((tmp_path / "cache").rglob("page-*.json"))
    assert [p.name for p in pages] == ["page-0001.json", "page-0002.json"] and not first.ocr.cached
    pages[1].unlink()  # as if the build's timeout had stopped it after page 1: only page 2 is read again
    again = read_document(scan, ocr_cache=tmp_path / "cache")
    assert again.text == first.text and not again.ocr.cached
    assert read_document(scan, ocr_cache=tmp_path / "cache").ocr.cached


def logging_tesseract(folder: Path) -> tuple[dict, Path]:
    """PATH with a `tesseract` that logs each call and runs the real one."""
    real, log = shutil.which("tesseract"), folder / "calls.log"
    shim = folder / "bin" / "tesseract"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real}" "$@"\n')
    shim.chmod(0o755)
    return dict(os.environ, PATH=f"{shim.parent}{os.pathsep}{os.environ['PATH']}"), log


def test_build_reads_scans_caches_them_and_records_ocr(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    render(SEEDS[4], corpus, "png", slice(0, 1))
    shutil.copy(DOCUMENTS / f"{SEEDS[0]}.txt", corpus)
    env, log = logging_tesseract(tmp_path)
    store = tmp_path / "store"

    def build() -> dict:
        subprocess.run([sys.executable, "-m", "directive_kg.cli", "build", str(corpus), "--store", str(store), "--quiet"],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        return json.loads((store / "build-report.json").read_text(encoding="utf-8"))

    def ocr_calls() -> int:
        lines = log.read_text().splitlines() if log.exists() else []
        return sum(line.startswith("stdin") for line in lines)

    report = build()
    scan = next(f for f in report["files"] if f["path"].endswith(".png"))
    assert scan["status"] == "loaded with warnings" and scan["document"] == "963-CV/TU"
    assert any(w.startswith("text read by OCR (tesseract") and "mean confidence" in w for w in scan["warnings"])
    first = ocr_calls()  # the page, then its header columns each on its own
    assert 1 <= first <= 5 and any((store / "ocr-cache").rglob("page-0001.json"))
    report = build()
    assert ocr_calls() == first, "a rebuild with nothing changed ran OCR again"
    assert report["store_changes"]["written"] == 0  # same text, same graph

    from loaders.store import open_store
    with open_store(store) as kg:
        rows = list(kg.store.query("""
            PREFIX dkg: <https://w3id.org/directive-kg/ontology#>
            SELECT ?engine ?version ?lang ?conf ?n ?pconf WHERE {
              ?doc dkg:sourceFile ?file . ?file dkg:textReadBy ?ocr .
              ?ocr a dkg:OcrReading ; dkg:ocrEngine ?engine ; dkg:ocrEngineVersion ?version ; dkg:ocrLanguage ?lang ;
                   dkg:ocrConfidence ?conf ; dkg:ocrPage ?page . ?page dkg:pageNumber ?n ; dkg:ocrConfidence ?pconf }"""))
    assert len(rows) == 1
    row = rows[0]
    assert (row["engine"].value, row["version"].value, row["lang"].value, row["n"].value) == (
        "tesseract", ocr.engine_version(), "vie", "1")
    assert 80 < float(row["conf"].value) <= 100


def test_the_file_timeout_stops_ocr(tmp_path):
    from loaders.build import _read_one

    scan = render(SEEDS[1], tmp_path, "tiff")
    outcome, record = _read_one((str(scan), scan.name, 0.5, "auto", ""))
    assert record is None and outcome.reason.startswith(f"{scan.name}: OCR took more than 0.5 s (")
    assert "raise the limit with --file-timeout" in outcome.reason and "parser" not in outcome.reason
    for _ in range(50):  # killed at once; reaped by their threads a moment later
        leftover = subprocess.run(["pgrep", "-P", str(os.getpid()), "tesseract"], capture_output=True, text=True)
        if not leftover.stdout:
            break
        time.sleep(0.1)
    assert leftover.stdout == ""


def test_without_tesseract_scans_are_set_aside_with_the_install_command(tmp_path):
    scan = render(SEEDS[4], tmp_path, "png", slice(0, 1))
    pdf = render(SEEDS[4], tmp_path, "pdf", slice(0, 1))
    code = ("import sys; from loaders.read import read_document as r; "
            "print(r(sys.argv[1]).reason); print(r(sys.argv[2]).reason)")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    run = subprocess.run([sys.executable, "-c", code, str(scan), str(pdf)], cwd=ROOT, capture_output=True, text=True,
                         env=dict(os.environ, PATH=str(empty)), check=True)
    image_reason, pdf_reason = run.stdout.splitlines()
    assert image_reason.startswith("PNG image: a scan or photo of a document needs OCR, but tesseract is not installed")
    assert pdf_reason.startswith("no text layer: this PDF is a scan and needs OCR, but tesseract is not installed")
    assert all(ocr.INSTALL in r for r in (image_reason, pdf_reason))


# --- the text made from tesseract's words (TSV): reading order, wrapped lines, rules -------------

def tsv(*lines: tuple) -> str:
    """A page's TSV, 2480 x 3508 px, from (block, paragraph, left, top, text[, right]) lines: words 40 px
    high at 25 px a letter (confidence 95), 20 px apart, or spread to end at ``right`` (justified); text
    may be ((left, text), ...): parts of one row (two columns)."""
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"]
    for n, (block, par, left, top, text, *right) in enumerate(lines, 1):
        k = 0
        for left, text in ([(left, text)] if isinstance(text, str) else text):  # (left, text) pairs: one row
            words = text.split()
            widths = [25 * len(w) for w in words]
            gap = (right[0] - left - sum(widths)) / max(len(words) - 1, 1) if right else 20
            x = left
            for word, w in zip(words, widths):
                k += 1
                rows.append(f"5\t1\t{block}\t{par}\t{n}\t{k}\t{round(x)}\t{top}\t{w}\t40\t95\t{word}")
                x += w + gap
    return "\n".join(rows)


def test_lines_wrapped_by_the_page_width_are_joined_again():
    page = tsv(
        (1, 1, 420, 600, "Thực hiện Công văn số 12 của Tỉnh ủy về việc tăng cường công tác phòng chống dịch", 2180),
        (1, 1, 300, 660, "bệnh trong tình hình mới, Ban Thường vụ yêu cầu các cấp ủy thực hiện tốt các việc", 2180),
        (1, 1, 300, 720, "sau đây:"),
        (1, 2, 420, 780, "1. Các huyện ủy, thành ủy chỉ đạo quán triệt nghiêm túc và đầy đủ các nội dung", 2180),
        (1, 2, 300, 840, "- kể cả các chi bộ trực thuộc cơ sở;"),   # a list item after a full line
        (1, 3, 420, 900, "Văn phòng Tỉnh ủy theo dõi, đôn đốc và báo cáo kết quả thực hiện về Ban Thường vụ", 2180),
        (1, 3, 420, 960, "Ban Tuyên giáo Tỉnh ủy hướng dẫn."),       # indented: a paragraph of its own
    )
    text, confidence, words = ocr.text_from_tsv(page)
    assert text.splitlines() == [
        "Thực hiện Công văn số 12 của Tỉnh ủy về việc tăng cường công tác phòng chống dịch bệnh trong "
        "tình hình mới, Ban Thường vụ yêu cầu các cấp ủy thực hiện tốt các việc sau đây:",
        "",
        "1. Các huyện ủy, thành ủy chỉ đạo quán triệt nghiêm túc và đầy đủ các nội dung",
        "- kể cả các chi bộ trực thuộc cơ sở;",
        "",
        "Văn phòng Tỉnh ủy theo dõi, đôn đốc và báo cáo kết quả thực hiện về Ban Thường vụ",
        "Ban Tuyên giáo Tỉnh ủy hướng dẫn.",
    ]
    assert confidence == 95 and words == len(" ".join(text.split("\n")).split())


def test_a_line_at_the_margin_below_the_header_columns_is_not_the_left_columns():
    """The header's left column is centred; "Kính gửi" at the body margin right under it is not part of
    it, even without a blank wide enough to end the columns."""
    page = tsv(
        (1, 1, 0, 200, ((450, "VĂN PHÒNG CHÍNH PHỦ"), (1350, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))),
        (1, 1, 0, 260, ((505, "Số: 60/VPCP-KGVX"), (1500, "Độc lập - Tự do - Hạnh phúc"))),
        (1, 1, 0, 320, ((455, "V/v cung cấp Oxy y tế"), (1400, "Hà Nội, ngày 03 tháng 01 năm 2022"))),
        (2, 1, 300, 400, "Kính gửi: Bộ Y tế."),
    )
    text = ocr.text_from_tsv(page)[0].splitlines()
    assert [line for line in text if line] == [
        "VĂN PHÒNG CHÍNH PHỦ", "Số: 60/VPCP-KGVX", "V/v cung cấp Oxy y tế",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 03 tháng 01 năm 2022",
        "Kính gửi: Bộ Y tế."]


@pytest.mark.parametrize("word, confidence, dropped", [
    ("c=n============", 0.0, True),   # the rule under the motto
    ("-======", 12.8, True),
    ("-", 93.0, False),                # the dash of "Độc lập - Tự do"
    ("——", 32.9, True),
    ("l", 20.0, True),                 # a speck read as a letter
    ("Số:", 93.3, False),
])
def test_rules_and_specks_are_not_words(word, confidence, dropped):
    assert ocr._noise(word, confidence) is dropped


def test_blue_ink_is_wiped_and_print_under_the_red_stamp_kept():
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (800, 400), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 100, 300, 140), fill=(10, 10, 10))      # print
    draw.line((400, 100, 700, 150), fill=(20, 30, 110), width=5)  # a signature in blue ink
    draw.ellipse((90, 60, 330, 300), outline=(205, 30, 35), width=8)  # the seal's ring
    grey = ocr.prepare(page, ocr.Settings(deskew=False, despeckle=0))
    assert grey.getpixel((550, 125)) == 255            # the signature is gone
    assert grey.getpixel((200, 120)) < 60              # the print stays black
    assert grey.getpixel((210, 297)) > 180             # the ring is light


def test_the_header_columns_are_read_each_on_its_own(tmp_path, cache):
    """A State header whose rows run from one column into the other: read apart, the subject's words
    keep their spaces and the motto stays whole."""
    text = ("VĂN PHÒNG CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "---------------\nSố: 60/VPCP-KGVX\nV/v cung cấp Oxy y tế\nHà Nội, ngày 03 tháng 01 năm 2022\n\n"
            "Kính gửi:\n- Bộ Y tế;\n- Bộ Công Thương.\n\nBộ Y tế chủ động phối hợp với Bộ Công Thương triển "
            "khai thực hiện chỉ đạo của Thủ tướng Chính phủ tại Công điện số 1815/CĐ-TTg ngày 26 tháng 12 năm 2021.\n")
    page = render_pages.save(render_pages.render(text, "oxy")[:1], tmp_path / "oxy", "png")[0]
    record = extract_file(page, ocr_cache=cache)
    assert (record.number, record.date, record.issuer) == ("60/VPCP-KGVX", "2022-01-03", "Văn phòng Chính phủ")
    assert record.subject == "V/v cung cấp Oxy y tế"
