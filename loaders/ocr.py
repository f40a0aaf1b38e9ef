"""Page images -> text, by tesseract: scanned PDFs and photos/scans of the signed paper.

One page at a time (bounded memory): a page is rendered or decoded, prepared, written to tesseract's
stdin as PNG and dropped; up to ``jobs`` pages are in tesseract at once. What the preparation does and
why (figures in bench/ocr.py and README):
- the red channel as the grey image: black ink stays black, the red stamp over the signature becomes
  near-white, so tesseract does not read the seal as letters;
- specks wiped by a grey opening 0.38 mm wide (3 px at 200 dpi), before the page is turned (turning
  smears them); wiping only lone specks (nothing dark around) was measured too and read worse: 0.885
  against 0.927 of the words of a rendered seed page; removing small ink components by area (the
  opening also thins grave accents: "Trần" read "Trân") read 0.953 of the words of 10 rendered pages
  against the opening's 0.959 (it loses dashes and semicolons), none at all 0.807;
- deskew by the projection profile (the angle whose row sums vary most), the first measured win on
  pages turned by a degree;
- blue ink (the hand signature) wiped: read as letters it came out as a signer's role ("NƯN");
- page segmentation ``--psm`` chosen by measurement (PSM below); then each two-column band (the
  header; "Nơi nhận" beside the signature) read again column by column (COLUMNS_PSM): read with the
  page, tesseract runs a row across both columns and merges words there;
- the text is rebuilt from tesseract's TSV: the two columns one after the other (issuer column, then
  the motto and date column, the order a typed header has), rules read as "-====" dropped, and body
  lines wrapped by the page width joined again (a paragraph per line, as typed text has it).
bench/ocr.py: the rendered corpus went 0.770 -> 0.923 with the last three, the seeds 0.967 -> 0.977.
Each page's TSV (words, boxes, confidences) is cached under the file's SHA-256 and the settings
(``cache``), page by page: a rebuild reads the cache and runs no OCR; a file stopped by the build's
timeout resumes where it stopped; the text is made from the cached words each time.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from loaders.records import OcrInfo, OcrPage

ENGINE = "tesseract"
LANGUAGE = "vie"
PSM = 3                  # fully automatic page segmentation (bench/ocr.py: best of 3, 4, 6 on rendered scans)
PDF_DPI = 0              # PDF pages rendered at their scanned image's own resolution (0), or at this one
PDF_DPI_RANGE = (150, 400)  # the resolution a PDF page is rendered at stays in this range (300 without an image)
DESKEW = True
COLUMNS_PSM = 6          # the header's two columns read again each alone, as one block of text (0: not)
COLOUR_INK = 30          # a pixel whose blue leads its red by more is blue ink (the signature), not print (0: off)
DESPECKLE = 0.38         # mm: an opening this wide wipes specks thinner than a stroke (0: off); 3 px at 200 dpi
NOISE_CONFIDENCE = (30.0, 60.0)  # tokens of 1-2 characters below the first, without letter or digit below
                                 # the second, are specks read as marks ("l", ":", "_"), not words
PREPARE_VERSION = "2"    # bump when the preparation changes: old cache entries are then not used
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie (or ./setup.sh as root)"
LOW_CONFIDENCE = 80.0    # mean word confidence (0-100) below which a page's text is doubtful
COLUMN_GAP = 2.5        # a gap this many word heights wide separates two columns
BLOCK_GAP = 1.2         # a blank this many line heights tall ends side-by-side columns
_RULE_MARKS = frozenset("-_=—–~¬.*")  # what a drawn rule is read as
# A line that starts a list item is never joined to the line before: "- ", "+ ", "1. ", "a) ", "II. ".
_LIST_ITEM = re.compile(r"^(?:[-+•*–]\s|\(?(?:\d{1,3}|[IVX]{1,4}|[a-zđ])[.)]\s)")


class OcrError(Exception):
    """OCR could not run on this file: the reason in plain words."""


@dataclass(frozen=True)
class Settings:
    language: str = LANGUAGE
    psm: int = PSM
    dpi: int = PDF_DPI
    deskew: bool = DESKEW
    red_channel: bool = True
    colour_ink: int = COLOUR_INK
    despeckle: float = DESPECKLE
    columns: int = COLUMNS_PSM

    def key(self, version: str) -> str:
        """Names the cache entries these settings (and this engine version) make."""
        text = f"{ENGINE} {version} {self.language} psm{self.psm} dpi{self.dpi} deskew{int(self.deskew)} " \
               f"red{int(self.red_channel)} speck{self.despeckle:g} prep{PREPARE_VERSION}" + \
               "".join(f" {name}{value}" for name, value in self._later().items())
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def _later(self) -> dict:
        """Settings added later, named in the key only when on (off, they make the entries made before them)."""
        return {name: value for name, value in (("ink", self.colour_ink), ("cols", self.columns)) if value}


# --- the engine --------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def engine_version() -> str | None:
    """tesseract's version ("5.3.0"), or None when it is not installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    first = (out.stdout or out.stderr).strip().splitlines()
    return first[0].split()[-1] if first and first[0].startswith("tesseract") else None


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    return frozenset(line.strip() for line in out.stdout.splitlines()[1:])


def missing(language: str = LANGUAGE) -> str | None:
    """Why OCR cannot run here (with the command that installs what is missing), or None."""
    if engine_version() is None:
        return f"tesseract is not installed; install it with: {INSTALL}"
    if language not in _languages():
        return f"tesseract has no {language} language data; install it with: {INSTALL}"
    return None


# --- pages ------------------------------------------------------------------------------------

def pdf_page_count(raw: bytes) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(raw))


def pdf_pages(raw: bytes, numbers: Iterable[int], dpi: int = PDF_DPI) -> Iterator[tuple[int, "Image"]]:
    """(page number from 1, image) of the given pages of a PDF, rendered one at a time."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(raw)
    try:
        for n in numbers:
            page = pdf[n - 1]
            try:
                scale = (dpi or _scan_dpi(page)) / 72
                image = page.render(scale=scale, grayscale=False).to_pil()
                image.info["dpi"] = (scale * 72, scale * 72)
                yield n, image
            finally:
                page.close()
    finally:
        pdf.close()


def _scan_dpi(page) -> float:
    """The resolution of the largest image on a PDF page (a scan is one page-sized image): rendering at
    it neither blurs nor invents pixels. 300 when the page has no image."""
    import pypdfium2.raw as pdfium_raw

    best, area = 300.0, 0.0
    width_pt = page.get_width() or 1
    for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) > area and right > left:
            area = (right - left) * (top - bottom)
            best = obj.get_px_size()[0] / ((right - left) / 72)
    low, high = PDF_DPI_RANGE
    return min(high, max(low, best)) if area > 0.25 * width_pt * page.get_height() else 300.0


def image_pages(raw: bytes) -> tuple[int, Callable[[Iterable[int]], Iterator[tuple[int, "Image"]]]]:
    """(frame count, a generator of (number, frame)) of an image file; TIFF may hold many pages."""
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(raw))
        count = getattr(image, "n_frames", 1)
    except Exception as error:  # Pillow raises many types on damaged images
        raise OcrError(f"broken image ({type(error).__name__}: {error})") from None

    def frames(numbers: Iterable[int]) -> Iterator[tuple[int, Image.Image]]:
        for n in numbers:
            image.seek(n - 1)
            image.load()
            yield n, image.copy()
    return count, frames


# --- preparing a page ---------------------------------------------------------------------------

def prepare(image: "Image", settings: Settings) -> "Image":
    """Colour page -> grey page, stamp faded, specks wiped, straightened."""
    from PIL import Image, ImageFilter, ImageOps

    if image.mode in ("RGBA", "LA", "P"):
        background = Image.new("RGB", image.size, "white")
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").split()[-1])
        image = background
    if image.mode == "RGB" and settings.red_channel:
        grey = image.getchannel("R")
        if settings.colour_ink:
            grey = _without_colour_ink(image, grey, settings.colour_ink)
    else:
        grey = ImageOps.grayscale(image) if image.mode not in ("L", "1") else image.convert("L")
    if settings.despeckle:  # opening: dark specks narrower than the window vanish, strokes stay
        size = _odd(settings.despeckle / 25.4 * _dpi(image))
        grey = grey.filter(ImageFilter.MaxFilter(size)).filter(ImageFilter.MinFilter(size))
    if settings.deskew:
        angle = skew_angle(grey)
        if abs(angle) >= 0.1:
            grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return grey


def _without_colour_ink(image: "Image", grey: "Image", lead: int) -> "Image":
    """Pixels whose blue leads their red by more than ``lead`` are a signature in blue ink: made white.
    (The red stamp is already light in the red channel, and print under it keeps its red value.)"""
    import numpy as np
    from PIL import Image

    rgb = np.asarray(image, dtype=np.uint8)
    blue = rgb[..., 2].astype(np.int16) - rgb[..., 0] > lead
    return Image.fromarray(np.where(blue, np.uint8(255), np.asarray(grey)), mode="L")


def _odd(pixels: float) -> int:
    """The widest odd window (3 at least) not wider than ``pixels`` (+ rounding)."""
    whole = int(round(pixels))
    return max(3, whole if whole % 2 else whole - 1)


def _dpi(image: "Image") -> float:
    """The page's resolution: as the file says (PDF pages: as rendered), else from its width taken as A4."""
    given = image.info.get("dpi")
    if given and 50 <= float(given[0]) <= 1200:
        return float(given[0])
    return max(image.size) / 11.69 if image.width > image.height else image.width / 8.27


def skew_angle(grey: "Image", limit: float = 3.0) -> float:
    """Degrees to turn the page (counter-clockwise) so that its lines are level: the angle whose
    row sums of ink vary most, searched coarse then fine on a reduced copy."""
    import numpy as np
    from PIL import Image

    scale = 1000 / max(grey.size)
    small = grey.resize((max(1, int(grey.width * scale)), max(1, int(grey.height * scale))),
                        Image.Resampling.BILINEAR)
    ink = small.point(lambda v: 255 if v < 160 else 0)

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32).sum(axis=1)
        return float(np.var(np.diff(rows)))

    best = max((a / 4 for a in range(int(-limit * 4), int(limit * 4) + 1)), key=sharpness)
    return max((best + a / 20 for a in range(-5, 6)), key=sharpness)


# --- tesseract --------------------------------------------------------------------------------

class _Running:
    """The tesseract processes of one file: all killed if the file's reading is stopped (timeout)."""

    def __init__(self):
        self.procs: set[subprocess.Popen] = set()
        self.lock = threading.Lock()
        self.stopped = False

    def run(self, args: list[str], data: bytes) -> str:
        env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per page: pages run side by side
        with self.lock:
            if self.stopped:
                raise OcrError("stopped")
            proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=env)
            self.procs.add(proc)
        try:
            out, err = proc.communicate(data)
        finally:
            with self.lock:
                self.procs.discard(proc)
        if proc.returncode != 0:
            raise OcrError(f"tesseract failed (exit {proc.returncode}): {err.decode('utf-8', 'replace').strip()[-300:]}")
        return out.decode("utf-8", "replace")

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            for proc in self.procs:
                proc.kill()


def ocr_page(grey: "Image", settings: Settings, running: _Running | None = None) -> str:
    """tesseract's TSV (words, boxes, confidences) of one prepared page: text_from_tsv makes the text.
    Where the page has two columns side by side (the header; "Nơi nhận" beside the signature), each
    column is read again on its own (``settings.columns``): read with the page, a row runs from one
    column into the other, across the rules under the header lines, and tesseract merges or splits
    words there ("V/vcung cấpOxyytế") or puts a column's word in the other."""
    running = running or _Running()
    tsv = _tesseract(grey, settings.psm, settings, running)
    if not settings.columns:
        return tsv
    for top, bottom, split in _column_bands(tsv):
        parts = []
        for side, (x0, x1) in (("L", (0, split)), ("R", (split, grey.width))):
            crop = grey.crop((x0, top, x1, bottom))
            parts.append((f"{side}{top}-", x0, top, _tesseract(crop, settings.columns, settings, running)))
        tsv = _with_columns(tsv, top, bottom, parts)
    return tsv


def _tesseract(grey: "Image", psm: int, settings: Settings, running: _Running) -> str:
    buffer = io.BytesIO()
    grey.save(buffer, format="PNG", compress_level=1)
    args = ["tesseract", "stdin", "stdout", "-l", settings.language, "--psm", str(psm),
            "-c", "preserve_interword_spaces=0", "tsv"]
    return running.run(args, buffer.getvalue())


def _column_bands(tsv: str) -> list[tuple[int, int, int]]:
    """(top, bottom, x between the columns) of each two-column run of the page, with a margin of half
    a line above and below that stays clear of the lines before and after it."""
    lines, width, height = _lines(tsv)
    columns: list = []
    _reading_order(lines, width, columns)
    mid = width / 2
    bands = []
    for run in columns:
        parts = [p for _, ps in run for p in ps]
        words = [w for p in parts for w in p]
        top, bottom = min(w.top for w in words), max(w.top + w.height for w in words)
        line = sorted(w.height for w in words)[len(words) // 2]
        above = [w.top + w.height for _, ws in lines for w in ws if w.top + w.height <= top]
        below = [w.top for _, ws in lines for w in ws if w.top >= bottom]
        left_end = max(p[-1].right for p in parts if _side(p, mid) == "L")
        right_start = min(p[0].left for p in parts if _side(p, mid) == "R")
        split = (left_end + right_start) // 2 if left_end < right_start else int(mid)
        bands.append((max(top - line // 2, max(above, default=0), 0),
                      min(bottom + line // 2, min(below, default=height), height), split))
    return bands


def _with_columns(tsv: str, top: int, bottom: int, parts: list[tuple[str, int, int, str]]) -> str:
    """The page's TSV with its words inside the band [top, bottom) replaced by the words read from the
    band's columns (placed back on the page, each column its own blocks), where the band's words were."""
    rows = tsv.splitlines()
    inside = lambda cols: cols[0] == "5" and top <= int(cols[7]) + int(cols[9]) // 2 < bottom
    kept, at = [rows[0]], None
    for row in rows[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and inside(cols):
            at = len(kept) if at is None else at
        else:
            kept.append(row)
    added = []
    for side, x0, y0, part in parts:
        for row in part.splitlines()[1:]:
            cols = row.split("\t")
            if len(cols) < 12 or cols[0] != "5":
                continue
            cols[2] = f"{side}{cols[2]}"  # blocks of their own
            cols[6], cols[7] = str(int(cols[6]) + x0), str(int(cols[7]) + y0)
            if inside(cols):
                added.append("\t".join(cols))
    at = len(kept) if at is None else at
    return "\n".join(kept[:at] + added + kept[at:])





@dataclass(frozen=True)
class _Word:
    text: str
    confidence: float
    left: int
    right: int
    top: int
    height: int


@dataclass(frozen=True)
class _Line:
    """One line of the text made: where it came from, so that wrapped lines can be joined."""
    key: tuple        # tesseract's (block, paragraph, line)
    words: tuple      # its _Words, left to right
    in_column: bool   # one side of two columns (header, signature): never joined to another line

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def left(self) -> int:
        return self.words[0].left

    @property
    def right(self) -> int:
        return self.words[-1].right

    @property
    def height(self) -> int:
        return sorted(w.height for w in self.words)[len(self.words) // 2]


def text_from_tsv(tsv: str) -> tuple[str, float, int]:
    """(text, mean word confidence, words) from tesseract's TSV: lines of words, a blank line between
    paragraphs, side-by-side columns (the header, "Nơi nhận" beside the signature) one after the other,
    and the lines of a body paragraph that the page's width wrapped joined again into one line."""
    lines, width, _ = _lines(tsv)
    confidences = [w.confidence for _, ws in lines for w in ws if w.confidence >= 0]
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(_unwrap(_reading_order(lines, width), width / 2)), mean, len(confidences)


def _lines(tsv: str) -> tuple[list[tuple[tuple, list[_Word]]], int, int]:
    """(lines of words without the noise, page width, page height) of tesseract's TSV."""
    lines: list[tuple[tuple, list[_Word]]] = []
    width = height = 0
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        if cols[0] == "1":
            width, height = int(cols[8]), int(cols[9])
        word = cols[11].strip()
        if cols[0] != "5" or not word:
            continue
        left, w, h, conf = int(cols[6]), int(cols[8]), int(cols[9]), float(cols[10])
        if _noise(word, conf):
            continue
        key = (cols[2], cols[3], cols[4])
        if not lines or lines[-1][0] != key:
            lines.append((key, []))
        lines[-1][1].append(_Word(word, conf, left, left + w, int(cols[7]), h))
    return lines, width, height


def _noise(word: str, confidence: float) -> bool:
    """Specks read as marks, and rules (the "-------" under a header line) read as a run of dashes."""
    low, mark = NOISE_CONFIDENCE
    rule = len(word) >= 3 and 2 * sum(c in _RULE_MARKS for c in word) >= len(word)
    return (rule or 0 <= confidence < low and len(word) <= 2
            or confidence < mark and not any(c.isalnum() for c in word))


def _segments(words: list[_Word]) -> list[list[_Word]]:
    """A line cut where the space between two words is far wider than a word space (a column gap)."""
    height = sorted(w.height for w in words)[len(words) // 2]
    parts = [[words[0]]]
    for before, word in zip(words, words[1:]):
        if word.left - before.right > COLUMN_GAP * height:
            parts.append([])
        parts[-1].append(word)
    return parts


def _reading_order(lines: list[tuple[tuple, list[_Word]]], width: int, columns: list | None = None
                   ) -> list[_Line | None]:
    """Runs of lines none of which spans the middle of the page, and one of which has words on both
    sides of it, are two columns: their left parts are given first, then their right parts. None marks
    a paragraph break. ``columns``, when given, receives each two-column run (its lines' parts)."""
    mid = width / 2
    out: list[_Line | None] = []
    run: list[tuple[tuple, list[list[_Word]]]] = []
    last: list = [None]

    def flush() -> None:
        if _two_sided(run, mid):
            if columns is not None:
                columns.append(list(run))
            for side in ("L", "R"):
                chosen = [(k, [p for p in parts if _side(p, mid) == side]) for k, parts in run]
                last[0] = None  # each column starts a paragraph
                _emit(out, [(k, parts) for k, parts in chosen if parts], last, True)
            last[0] = None
        else:
            _emit(out, run, last, False)
        run.clear()

    bottom = None
    for key, words in lines:
        parts = _segments(words)
        spans = any(p[0].left < mid - width * 0.05 and p[-1].right > mid + width * 0.05 for p in parts)
        top = min(w.top for w in words)
        height = sorted(w.height for w in words)[len(words) // 2]
        if bottom is not None and top - bottom > BLOCK_GAP * height:
            flush()  # a wide vertical gap ends the columns ("Kính gửi" below the header)
        elif run and not spans and not _continues_column(run, parts, mid, height):
            flush()  # a line out of line with the column it would continue ("Kính gửi" at the margin)
        bottom = max(w.top + w.height for w in words)
        if spans:
            flush()
            _emit(out, [(key, parts)], last, False)
        else:
            run.append((key, parts))
    flush()
    while out and out[-1] is None:
        out.pop()
    return out


def _two_sided(run, mid: float) -> bool:
    return any(len({_side(p, mid) for p in parts}) == 2 for _, parts in run)


def _continues_column(run, parts: list[list[_Word]], mid: float, height: float) -> bool:
    """Whether a line with words on one side only goes on with that side's column of a two-sided run:
    the column's lines are centred (the header) or flush left (the list beside the signature), and the
    line must be placed the same way; a column of one line, or one placed neither way, takes any line."""
    sides = {_side(p, mid) for p in parts}
    if len(sides) != 1 or not _two_sided(run, mid):
        return True
    side = sides.pop()
    column = [p for _, ps in run for p in ps if _side(p, mid) == side]
    if len(column) < 2:
        return True
    tolerance = 1.5 * height
    centres = sorted((p[0].left + p[-1].right) / 2 for p in column)
    lefts = sorted(p[0].left for p in column)
    centre, left = (parts[0][0].left + parts[-1][-1].right) / 2, parts[0][0].left
    centred = centres[-1] - centres[0] <= tolerance
    flush_left = lefts[-1] - lefts[0] <= tolerance
    if not centred and not flush_left:
        return True
    return (centred and abs(centre - centres[len(centres) // 2]) <= tolerance
            or flush_left and abs(left - lefts[len(lefts) // 2]) <= tolerance)


def _side(part: list[_Word], mid: float) -> str:
    return "L" if (part[0].left + part[-1].right) / 2 < mid else "R"


def _emit(out: list, lines, last: list, in_column: bool) -> None:
    """Append lines, with a paragraph break (None) where tesseract's paragraph (block, paragraph)
    changes; ``last`` holds the paragraph of the line appended before (None: start a new paragraph)."""
    for key, parts in lines:
        if out and out[-1] is not None and last[0] != key[:2]:
            out.append(None)
        out.append(_Line(key, tuple(w for part in parts for w in part), in_column))
        last[0] = key[:2]


def _unwrap(lines: list[_Line | None], mid: float) -> list[str]:
    """Text lines: a body line that reaches the right margin so that the next line's first word could
    not have fitted on it was wrapped by the page's width, and the next line goes on with it (one line
    per paragraph, as typed text has it), unless the next line is indented or starts a list item. The
margins are those of the lines across the middle of the page (``mid``): body lines."""
    body = [line for line in lines if line is not None and not line.in_column and line.left < mid < line.right]
    if not body:
        return ["" if line is None else line.text for line in lines]
    rights = sorted(line.right for line in body)
    lefts = sorted(line.left for line in body)
    margin_right, margin_left = rights[-1], lefts[len(lefts) // 10]
    out: list[str] = []
    before: _Line | None = None
    for line in lines:
        if line is None:
            out.append("")
        elif before is not None and out[-1] and _wrapped(before, line, margin_left, margin_right):
            out[-1] += " " + line.text
        else:
            out.append(line.text)
        before = line
    return out


def _wrapped(before: _Line, line: _Line, margin_left: int, margin_right: int) -> bool:
    if before.in_column or line.in_column or _LIST_ITEM.match(line.text):
        return False
    h = before.height
    first = line.words[0]
    reaches = before.right + 0.3 * h + (first.right - first.left) > margin_right - 0.5 * h
    return reaches and before.left <= margin_left + 4 * h and line.left <= margin_left + h


# --- a file ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OcrResult:
    pages: dict[int, str]        # page number -> text
    info: OcrInfo


def ocr_file(digest: str, numbers: list[int], pages: Callable[[Iterable[int]], Iterator[tuple[int, "Image"]]],
             cache: Path | None = None, settings: Settings = Settings(), jobs: int | None = None) -> OcrResult:
    """OCR the given pages of one file (``pages(numbers)`` renders them one at a time), through the
    cache when one is given. Raises OcrError when tesseract is missing or fails."""
    problem = missing(settings.language)
    if problem:
        raise OcrError(problem)
    version = engine_version()
    folder = cache / digest[:2] / digest / settings.key(version) if cache else None
    done: dict[int, tuple[str, float, int]] = {}
    if folder is not None:
        for n in numbers:
            entry = _cached(folder / f"page-{n:04d}.json")
            if entry is not None:
                done[n] = entry
    todo = [n for n in numbers if n not in done]
    if todo:
        done.update(_run_pages(todo, pages, settings, folder, jobs or os.cpu_count() or 1))
    info = OcrInfo(engine=ENGINE, version=version, language=settings.language,
                   pages=tuple(OcrPage(n, round(done[n][1], 1), done[n][2]) for n in numbers),
                   cached=not todo)
    return OcrResult({n: done[n][0] for n in numbers}, info)


def _run_pages(todo: list[int], pages, settings: Settings, folder: Path | None, jobs: int
               ) -> dict[int, tuple[str, float, int]]:
    running = _Running()
    results: dict[int, tuple[str, float, int]] = {}

    def one(n: int, image) -> None:
        tsv = ocr_page(prepare(image, settings), settings, running)
        results[n] = text_from_tsv(tsv)
        if folder is not None:
            _store(folder / f"page-{n:04d}.json", tsv)

    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    futures = []
    try:
        for n, image in pages(todo):
            # at most `jobs` pages waiting or in tesseract: memory stays bounded on long files
            while sum(not f.done() for f in futures) >= jobs:
                next(f for f in futures if not f.done()).result()
            futures.append(pool.submit(one, n, image))
            del image
        for f in futures:
            f.result()
    except BaseException as error:  # the build's timeout (SIGALRM), Ctrl-C, a failed page: no tesseract left running
        running.stop()
        error.ocr_pages = (len(results), len(todo))  # read by stopped_during_ocr: the timeout names OCR
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return results


def stopped_during_ocr(error: BaseException) -> tuple[int, int] | None:
    """(pages read, pages to read) when ``error`` stopped a file's OCR (the build's timeout), else None."""
    return getattr(error, "ocr_pages", None)


def _cached(path: Path) -> tuple[str, float, int] | None:
    """A page's (text, confidence, words) from its cached TSV: the text is made again from the words and
    their boxes, so a better reading order or line joining needs no new OCR."""
    try:
        return text_from_tsv(json.loads(path.read_text(encoding="utf-8"))["tsv"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(path: Path, tsv: str) -> None:
    """Whole or not at all: a kill mid-write leaves no half entry."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
        tmp.write_text(json.dumps({"tsv": tsv}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written costs time, not results


def user_cache() -> Path:
    """The cache of `extract` and `text`: $DIRECTIVE_KG_OCR_CACHE, else ~/.cache/directive-kg/ocr."""
    from loaders import paths

    given = os.environ.get("DIRECTIVE_KG_OCR_CACHE")
    return Path(given) if given else paths.user_cache("ocr")


def summary(info: OcrInfo) -> str:
    """The plain-words note a report shows for an OCR'd file."""
    pages = ", ".join(f"{p.confidence:.0f}" for p in info.pages)
    note = (f"text read by OCR ({info.engine} {info.version}, {info.language}): "
            f"mean confidence {info.mean_confidence:.0f}% over {len(info.pages)} page{'s' * (len(info.pages) > 1)}"
            + (f" ({pages})" if len(info.pages) > 1 else ""))
    low = [str(p.number) for p in info.pages if p.confidence < LOW_CONFIDENCE]
    if low:
        note += f"; low confidence (below {LOW_CONFIDENCE:.0f}%) on page {', '.join(low)}: check the text against the scan"
    return note
