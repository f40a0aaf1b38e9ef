"""File -> ``SourceDocument`` (decoded, clean NFC text) or ``SetAside`` (a reason a person understands).

What happens to the bytes, in order:
1. The file itself: missing, a directory, a broken link, not a regular file, empty, too large,
   unreadable -> set aside before anything is read.
2. The container, by content (magic numbers) rather than by name: PDF (pypdf text layer; pages without
   a usable one read by OCR, loaders/ocr.py), page images (PNG, JPEG, TIFF of one or many pages, GIF,
   BMP, WebP: OCR), DOCX (python-docx), other binaries (archives, old Office files) -> set aside.
   ``ocr``: "auto" (OCR only pages without a text layer), "always" (every PDF page), "never".
3. Text bytes: BOM; UTF-16 without BOM (NUL-byte pattern); strict UTF-8; otherwise a cut last
   character (truncated UTF-8), lines of UTF-8 mixed with lines in a legacy encoding, or a whole file in a
   legacy Vietnamese encoding. The legacy candidates (Windows-1258, TCVN3/ABC, VNI) are scored by the
   share of words that are valid Vietnamese syllables and the best one wins; charset-normalizer guesses
   when none looks Vietnamese. HTML (by name or content) is reduced to its text.
4. Text typed in a legacy font but stored as Unicode (a DOCX set in .VnTime, a web page pasted from one)
   is converted line by line where that makes the line read as Vietnamese.
5. Clean-up: line endings -> "\\n", BOM and control characters removed, NFC.
Every problem found on the way that does not stop reading becomes a plain-words warning.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import os
import re
import stat
import string
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.paths import REFERENCE
from loaders.records import OcrInfo

LEGACY_TABLES = REFERENCE / "legacy_encodings"


@dataclass(frozen=True)
class SourceDocument:
    path: str                   # as given
    text: str                   # decoded, NFC, BOM removed, line endings "\n": the text evidence spans index
    sha256: str                 # of the raw bytes
    format: str                 # "text" | "markdown" | "html" | "docx" | "pdf" | "image"
    encoding: str | None        # "utf-8", "utf-16-le", "cp1258", "tcvn3", "vni", ... (None for docx/pdf)
    warnings: tuple[str, ...]   # plain words
    size: int                   # bytes
    ocr: OcrInfo | None = None  # set when (some of) the text was read by OCR


@dataclass(frozen=True)
class SetAside:
    path: str
    reason: str                 # plain words
    sha256: str | None = None


class _SetAside(Exception):
    """A problem with the file, not with the code: becomes a SetAside with this reason."""


OCR_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class _Ocr:
    """What to do with pages that need OCR, for one file."""
    mode: str
    cache: Path | None
    digest: str


def read_document(path: str | os.PathLike, max_bytes: int = 20_000_000, *, ocr: str = "auto",
                  ocr_cache: str | os.PathLike | None = None) -> SourceDocument | SetAside:
    """Read one file. Never raises for a bad file: every problem is a SetAside naming it.
    ``ocr``: "auto" | "always" | "never" (see above); ``ocr_cache``: folder of the OCR cache (None: no cache)."""
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {ocr!r}")
    given = os.fspath(path)
    given = given if isinstance(given, str) else os.fsdecode(given)
    file = Path(given)
    problem = _file_problem(file, max_bytes)
    if problem:
        return SetAside(given, problem)
    try:
        raw = file.read_bytes()
    except OSError as error:
        return SetAside(given, f"cannot read the file: {_os_reason(error)}")
    digest = hashlib.sha256(raw).hexdigest()
    if len(raw) > max_bytes:  # grew between stat and read
        return SetAside(given, _too_large(len(raw), max_bytes), digest)
    try:
        fmt, text, encoding, warnings, ocr_info = _extract(
            raw, file.suffix.lower(), _Ocr(ocr, Path(ocr_cache) if ocr_cache else None, digest))
    except _SetAside as reason:
        return SetAside(given, str(reason), digest)
    text, cleaning = _clean(text)
    if not text.strip():
        return SetAside(given, _NO_TEXT[fmt] if raw not in _BOM_ONLY else "empty file (only a byte-order mark)", digest)
    return SourceDocument(given, text, digest, fmt, encoding, tuple(warnings + cleaning), len(raw), ocr_info)


_NO_TEXT = {
    "text": "only whitespace, no text", "markdown": "only whitespace, no text",
    "html": "no text: the HTML page has only markup, scripts or whitespace",
    "docx": "no text: the DOCX has only empty paragraphs", "pdf": "no text layer: this PDF is a scan; run OCR first",
    "image": "no text: OCR found no words on the image (a blank page, a picture, or too faint to read)",
}


def corpus_root(corpus: Path) -> Path:
    """The folder that a corpus's file names are relative to: the corpus itself, or a lone file's folder."""
    return corpus if corpus.is_dir() else corpus.parent


def discover(root: str | os.PathLike) -> list[Path]:
    """Every file under root, sorted: regular files, and also links and special files so that the build
    can report why it did not read them. Hidden files and folders and ``*.gold.json`` are skipped;
    linked folders are listed, not entered. A root that is not a folder is returned alone."""
    root = Path(root)
    return _walk(root) if root.is_dir() else [root]


def _walk(root: Path) -> list[Path]:
    found: list[tuple[str, Path]] = []  # (name relative to root, "/" separators; path): sorted by the name
    top = len(str(root).rstrip(os.sep)) + 1
    for folder, subfolders, names in os.walk(root):
        base = Path(folder)
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        linked = [name for name in subfolders if (base / name).is_symlink()]  # os.walk does not enter them
        prefix = os.path.join(folder, "")[top:].replace(os.sep, "/")  # os.walk spells folders from root
        for name in names + linked:
            if not name.startswith(".") and not name.endswith(".gold.json"):
                found.append((prefix + name, base / name))
    found.sort(key=lambda e: e[0])
    return [path for _, path in found]


# --- 1. the file itself ---------------------------------------------------------------------------

def _file_problem(file: Path, max_bytes: int) -> str | None:
    try:
        info = file.stat()
    except FileNotFoundError:
        if file.is_symlink():
            return f"broken symbolic link: it points to {os.readlink(file)}, which does not exist"
        return "file not found"
    except OSError as error:
        return f"cannot read the file: {_os_reason(error)}"
    if stat.S_ISDIR(info.st_mode):
        return "a directory, not a file"
    if not stat.S_ISREG(info.st_mode):
        kind = "a named pipe" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
        return f"not a regular file ({kind})"
    if info.st_size == 0:
        return "empty file (0 bytes)"
    if info.st_size > max_bytes:
        return _too_large(info.st_size, max_bytes)
    return None


def _os_reason(error: OSError) -> str:
    return "permission denied" if isinstance(error, PermissionError) else (error.strerror or str(error)).lower()


def _too_large(size: int, limit: int) -> str:
    shown = _human_size(size)
    if shown == _human_size(limit):
        shown = f"{size:,} bytes"
    return f"file is {shown}, above the {_human_size(limit)} limit for one document; split it"


def _human_size(n: int) -> str:
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.0f} {unit}" if n >= 10 * scale else f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


# --- 2. containers by content ---------------------------------------------------------------------

def _binary(kind: str) -> str:
    return f"binary file ({kind}), not a document"


# Magic numbers (at offset 0) of page images: read by OCR.
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"),
)
# Magic numbers (at offset 0) of files that are not documents -> the reason they are set aside.
_MAGIC = (
    (b"RIFF", _binary("RIFF audio/video/image")), (b"OggS", _binary("Ogg audio/video")),
    (b"fLaC", _binary("FLAC audio")), (b"ID3", _binary("MP3 audio")), (b"\x1f\x8b", _binary("gzip archive")),
    (b"7z\xbc\xaf\x27\x1c", _binary("7-Zip archive")), (b"Rar!\x1a\x07", _binary("RAR archive")),
    (b"\xfd7zXZ\x00", _binary("xz archive")), (b"SQLite format 3\x00", _binary("SQLite database")),
    (b"\x7fELF", _binary("program (ELF executable)")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office file (.doc/.xls/.ppt): save it as .docx"),
    (b"{\\rtf", "RTF document, not supported: save it as .docx or .txt"),
)
# Short magic numbers that also start ordinary text: trusted only with a NUL byte in the first 512 bytes.
_WEAK_MAGIC = ((b"BM", _binary("BMP image")), (b"MZ", _binary("Windows program")), (b"BZh", _binary("bzip2 archive")))
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def _extract(raw: bytes, suffix: str, ocr: _Ocr) -> tuple[str, str, str | None, list[str], OcrInfo | None]:
    """(format, text, encoding, warnings, OCR info), or raise _SetAside."""
    if raw.startswith(b"%PDF-"):
        return ("pdf", *_read_pdf(raw, ocr))
    image = _image_kind(raw)
    if image:
        return ("image", *_read_image(raw, image, ocr))
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return ("docx", *_read_docx(raw), None)
    _reject_magic(raw)
    text, encoding, warnings = decode_bytes(raw)
    if suffix in _HTML_SUFFIXES or _HTML_START.match(text[:4096]):
        text, more = html_to_text(text)
        fmt = "html"
        warnings += more
    else:
        fmt = "markdown" if suffix in (".md", ".markdown") else "text"
        text = markup_lines_to_text(text)
    if suffix in (".pdf", ".docx", ".doc"):
        warnings.append(f"the name says {suffix} but the content is plain text; read as text")
    if encoding not in ("tcvn3", "vni"):
        text, fixed = repair_legacy_font(text)
        warnings += fixed
    return fmt, text, encoding, warnings, None


def _image_kind(raw: bytes) -> str | None:
    for magic, kind in _IMAGES:
        if raw.startswith(magic):
            return kind
    if raw.startswith(b"RIFF") and raw[8:12] == b"WEBP":
        return "WebP image"
    if raw.startswith(b"BM") and b"\x00" in raw[:512]:
        return "BMP image"
    return None


def _read_image(raw: bytes, kind: str, ocr: _Ocr) -> tuple[str, None, list[str], OcrInfo]:
    """A photo or scan of the paper: every frame (page) read by OCR."""
    from loaders import ocr as engine

    if ocr.mode == "never":
        raise _SetAside(f"{kind}: a scan or photo of a document, not read because OCR is off (--ocr never)")
    problem = engine.missing()
    if problem:
        raise _SetAside(f"{kind}: a scan or photo of a document needs OCR, but {problem}")
    try:
        count, frames = engine.image_pages(raw)
        result = engine.ocr_file(ocr.digest, list(range(1, count + 1)), frames, ocr.cache)
    except engine.OcrError as error:
        raise _SetAside(f"{kind}: {error}") from None
    text = "\n\n".join(result.pages[n] for n in sorted(result.pages))
    return text, None, [engine.summary(result.info)], result.info


def _ocr_pdf_pages(raw: bytes, numbers: list[int], ocr: _Ocr) -> tuple[dict[int, str], OcrInfo]:
    from loaders import ocr as engine

    try:
        result = engine.ocr_file(ocr.digest, numbers, lambda todo: engine.pdf_pages(raw, todo), ocr.cache)
    except engine.OcrError as error:
        raise _SetAside(f"scanned PDF: {error}") from None
    except Exception as error:  # pdfium raises its own types on damaged files
        raise _SetAside(f"scanned PDF: could not render its pages ({type(error).__name__}: {error})") from None
    return result.pages, result.info


def _reject_magic(raw: bytes) -> None:
    weak = _WEAK_MAGIC if b"\x00" in raw[:512] else ()
    for magic, reason in _MAGIC + weak:
        if raw.startswith(magic):
            raise _SetAside(reason)
    if raw[4:8] == b"ftyp":
        raise _SetAside(_binary("MP4/QuickTime video"))


def _read_docx(raw: bytes) -> tuple[str, None, list[str]]:
    from docx import Document
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _SetAside(f"broken ZIP/DOCX container ({error}); the file may be truncated or damaged") from None
    if "word/document.xml" not in names:
        kind = ("Excel workbook (.xlsx)" if any(n.startswith("xl/") for n in names) else
                "PowerPoint file (.pptx)" if any(n.startswith("ppt/") for n in names) else
                "OpenDocument file; save it as .docx" if "content.xml" in names else "ZIP archive; unpack it")
        raise _SetAside(_binary(kind))

    def blocks(container) -> list[str]:
        lines: list[str] = []
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    cells, seen = [], set()
                    for cell in row.cells:
                        if id(cell._tc) not in seen:  # a merged cell is repeated once per grid column
                            seen.add(id(cell._tc))
                            cells.append("\n".join(blocks(cell)).strip())
                    lines.append(" | ".join(cells))
            else:
                lines.append(item.text)
        return lines

    try:
        text = "\n".join(blocks(Document(io.BytesIO(raw))))
    except Exception as error:  # python-docx raises many types on malformed XML; all mean a damaged file
        raise _SetAside(f"broken DOCX ({type(error).__name__}: {error})") from None
    text, warnings = repair_legacy_font(text)
    return text, None, warnings


# A page whose text layer has fewer letters than this is read as a scan (a page number, a stray mark).
_USABLE_LETTERS = 20


def _read_pdf(raw: bytes, ocr: _Ocr) -> tuple[str, None, list[str], OcrInfo | None]:
    from pypdf import PdfReader

    warnings: list[str] = []
    with _CapturedLog("pypdf") as repairs:
        try:
            reader = PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise _SetAside("encrypted PDF: it needs a password; save an unprotected copy")
            pages = list(reader.pages)
        except _SetAside:
            raise
        except Exception as error:  # pypdf raises many types on damaged files
            raise _SetAside(f"broken PDF ({type(error).__name__}: {error}); the file may be damaged or truncated") from None
        texts, failed = [], []
        for number, page in enumerate(pages, 1):
            try:
                texts.append(page.extract_text() or "")
            except Exception as error:
                texts.append("")
                failed.append(f"page {number} ({type(error).__name__})")
    if not pages:
        raise _SetAside("broken PDF: it has no pages")
    texts, info, notes = _with_ocr(raw, texts, ocr)
    warnings += notes
    blank = [str(n) for n, t in enumerate(texts, 1) if not t.strip()]
    if len(blank) == len(texts):
        raise _SetAside(f"broken PDF: could not read the text of {', '.join(failed)}" if failed else
                        "no text: neither a text layer nor words found by OCR (blank or unreadable pages)" if info else
                        "no text layer: this PDF is a scan; OCR is off (--ocr never)" if ocr.mode == "never" else
                        _NO_TEXT["pdf"])
    if failed:
        warnings.append("could not read the text of " + ", ".join(failed))
    if blank and info is None:
        warnings.append(f"{len(blank)} of {len(texts)} pages have no text layer (scanned?): page {', '.join(blank)}")
    if b"%%EOF" not in raw[-2048:]:
        warnings.append("text looks truncated: the PDF has no end marker (%%EOF)")
    if repairs:
        warnings.append(f"PDF structure repaired while reading ({repairs[0]})")
    # OCR'd pages are Unicode from tesseract: no legacy font to repair (its noise could look like one)
    text, fixed = repair_legacy_font("\n".join(texts)) if info is None else ("\n".join(texts), [])
    return text, None, warnings + fixed, info


def _with_ocr(raw: bytes, texts: list[str], ocr: _Ocr) -> tuple[list[str], OcrInfo | None, list[str]]:
    """The pages' texts with the scanned ones (all of them with "always") read by OCR."""
    from loaders import ocr as engine

    scanned = [n for n, t in enumerate(texts, 1)
               if ocr.mode == "always" or sum(c.isalpha() for c in t) < _USABLE_LETTERS]
    if not scanned or ocr.mode == "never":
        return texts, None, []
    problem = engine.missing()
    if problem:
        if len(scanned) == len(texts):
            raise _SetAside(f"no text layer: this PDF is a scan and needs OCR, but {problem}")
        return texts, None, [f"page {', '.join(map(str, scanned))} without a text layer not read: {problem}"]
    read, info = _ocr_pdf_pages(raw, scanned, ocr)
    texts = list(texts)
    for n, text in read.items():
        texts[n - 1] = text + "\n"
    note = engine.summary(info)
    if len(scanned) < len(texts):
        note += f" (page {', '.join(map(str, scanned))}; the others have a text layer)"
    return texts, info, [note]


class _CapturedLog(logging.Handler):
    """Collects a library's log messages for the duration of a with-block, instead of printing them."""

    def __init__(self, name: str):
        super().__init__(logging.WARNING)
        self.logger, self.messages = logging.getLogger(name), []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> list[str]:
        self.propagate, self.logger.propagate = self.logger.propagate, False
        self.logger.addHandler(self)
        return self.messages

    def __exit__(self, *exc) -> None:
        self.logger.removeHandler(self)
        self.logger.propagate = self.propagate


# --- 3. text bytes --------------------------------------------------------------------------------

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
_BOM_ONLY = {bom for bom, _ in _BOMS}
_LEGACY_NAMES = {
    "cp1258": "Windows-1258 (legacy Vietnamese code page)",
    "tcvn3": "TCVN3 (legacy Vietnamese encoding of the ABC/.VnTime fonts)",
    "vni": "VNI (legacy Vietnamese encoding of the VNI-Times fonts)",
}


def decode_bytes(raw: bytes) -> tuple[str, str, list[str]]:
    """Text bytes -> (text, encoding, warnings). Raises _SetAside for binary content."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom):]
            if encoding == "utf-8":
                return _decode_utf8_or_legacy(body)
            return _decode_wide(body, encoding, [])
    wide = _utf16_by_nul_pattern(raw)
    if wide:
        text, encoding, warnings = _decode_wide(raw, wide, [f"decoded as UTF-16 ({wide[-2:].upper()}) without a byte-order mark"])
        sample = text[:10_000]
        if sum(unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs") and c not in "\t\n\r" for c in sample) <= len(sample) // 20:
            return text, encoding, warnings
        raise _SetAside(_binary("unknown type: many NUL/control bytes"))
    sample = raw[:65536]
    controls = sum(sample.count(bytes([b])) for b in range(32) if b not in b"\t\n\r\f\x0b\x1b")
    if controls > max(4, len(sample) // 100):
        raise _SetAside(_binary("unknown type: many NUL/control bytes"))
    return _decode_utf8_or_legacy(raw)


def _utf16_by_nul_pattern(raw: bytes) -> str | None:
    """UTF-16 text puts a NUL next to every ASCII character (spaces, digits, line breaks): on odd
    offsets in little-endian, on even offsets in big-endian. Binary data has NULs on both."""
    sample = raw[:65536]
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 2:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul >= 0.2 and even_nul <= 0.02:
        return "utf-16-le"
    if even_nul >= 0.2 and odd_nul <= 0.02:
        return "utf-16-be"
    return None


def _decode_wide(body: bytes, encoding: str, warnings: list[str]) -> tuple[str, str, list[str]]:
    unit = 4 if "32" in encoding else 2
    extra = len(body) % unit
    if extra:
        body = body[:-extra]
        warnings.append("text looks truncated: the file ends in the middle of a character")
    text = body.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - body.decode(encoding, errors="ignore").count("\ufffd")
    if bad:
        warnings.append(f"{bad} invalid {encoding.upper()} sequences replaced by \ufffd")
    return text, encoding, warnings


def _decode_utf8_or_legacy(raw: bytes) -> tuple[str, str, list[str]]:
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as error:
        # UTF-8 up to a character cut by the end of the file (and some UTF-8 before it to show it is UTF-8).
        if error.reason == "unexpected end of data" and error.start >= len(raw) - 3 and not raw[:error.start].isascii():
            return raw[:error.start].decode("utf-8"), "utf-8", [
                "text looks truncated: the file ends in the middle of a character"]
    lines = raw.splitlines(keepends=True)
    utf8 = [_is_utf8(line) for line in lines]
    if not any(ok and not line.isascii() for line, ok in zip(lines, utf8)):
        return _decode_legacy(raw)
    # Mixed: keep the UTF-8 lines, decode the others with the legacy encoding that fits them best.
    others = [line for line, ok in zip(lines, utf8) if not ok]
    name, valid, total = _best_legacy(b"".join(others))
    if total and valid / total >= 0.5:
        decode, how = _LEGACY_DECODERS[name], f"decoded as {_LEGACY_NAMES[name]}"
    else:
        decode, how = (lambda line: line.decode("utf-8", errors="replace")), "invalid bytes replaced by \ufffd"
    text = "".join(line.decode("utf-8") if ok else decode(line) for line, ok in zip(lines, utf8))
    return text, "utf-8", [f"mixed encodings: {len(others)} of {len(lines)} lines are not UTF-8; {how}"]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _decode_legacy(raw: bytes) -> tuple[str, str, list[str]]:
    name, valid, total = _best_legacy(raw)
    if total and valid / total >= 0.3:
        warnings = [f"decoded as {_LEGACY_NAMES[name]}"]
        if valid / total < 0.8:
            warnings.append(f"encoding uncertain: only {valid * 100 // total}% of the words with accents are Vietnamese syllables")
        text = _LEGACY_DECODERS[name](raw)
        if name == "tcvn3" and text != _charmap(raw, _tables()["tcvn3_bytes"]):
            warnings.append("TCVN3 has no capital accented letters; capitals were restored from the neighbouring letters")
        return text, name, warnings
    from charset_normalizer import from_bytes

    guess = from_bytes(raw).best()
    if guess is not None:
        return str(guess), guess.encoding, [
            f"not Vietnamese in any legacy encoding; decoded as {guess.encoding} (a guess by charset-normalizer)"]
    return _decode_cp1258(raw), "cp1258", ["encoding unknown; decoded as Windows-1258, expect wrong letters"]


# --- legacy Vietnamese encodings (tables in data/reference/legacy_encodings/) ---------------------

def _byte_table(codec: str) -> str:
    """The 256 characters the bytes mean in a one-byte codec (Latin-1 where the codec has none), for
    ``codecs.charmap_decode``."""
    table = []
    for byte in range(256):
        try:
            table.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            table.append(chr(byte))
    return "".join(table)


@lru_cache(maxsize=1)
def _tables() -> dict:
    with open(LEGACY_TABLES / "tcvn3.csv", encoding="utf-8", newline="") as f:
        tcvn3 = {int(row["byte"], 16): unicodedata.normalize("NFC", row["unicode"]) for row in csv.DictReader(f)}
    with open(LEGACY_TABLES / "vni.csv", encoding="utf-8", newline="") as f:
        vni = {bytes.fromhex(row["legacy_hex"]).decode("cp1252"): unicodedata.normalize("NFC", row["unicode"])
               for row in csv.DictReader(f)}
    cp1252 = _byte_table("cp1252")
    vni_pattern = re.compile("|".join(map(re.escape, sorted(vni, key=len, reverse=True))))
    # Unicode text typed in a legacy font shows the font's bytes as their cp1252 characters.
    tcvn3_surface = {ord(cp1252[b]): char for b, char in tcvn3.items()}
    suspects = {chr(c) for c in tcvn3_surface} | set("".join(vni))
    suspects = "".join(sorted(c for c in suspects if not c.isascii() and not _is_vietnamese_letter(c)))
    pairs = sorted(k for k in vni if len(k) == 2 and k[1] in "âêÂÊ")  # "oâ", "aê": never Vietnamese
    lower = "".join(sorted(c for c in tcvn3.values() if c.islower()))
    capitals = "A-Z" + "".join(sorted(c for c in tcvn3.values() if c.isupper()))
    return {
        "cp1252": cp1252,
        "cp1258": _byte_table("cp1258"),
        "tcvn3_bytes": "".join(tcvn3.get(b, cp1252[b]) for b in range(256)),
        "tcvn3_surface": tcvn3_surface,
        # A word of capitals and TCVN3 small letters only, with at least one of the latter: "TỉNH", "ủY", "ở".
        "tcvn3_capital_word": re.compile(rf"(?<![^\W\d_])[{capitals}{lower}]*[{lower}][{capitals}{lower}]*(?![^\W\d_])"),
        "vni": vni,
        "vni_pattern": vni_pattern,
        "suspects": re.compile(f"[{re.escape(suspects)}]|" + "|".join(map(re.escape, pairs))),
    }


def _charmap(raw: bytes, table: str) -> str:
    return codecs.charmap_decode(raw, "strict", table)[0]


def _decode_cp1258(raw: bytes) -> str:
    return _charmap(raw, _tables()["cp1258"])


def _decode_tcvn3(raw: bytes) -> str:
    return _restore_capitals(_charmap(raw, _tables()["tcvn3_bytes"]))


def _decode_vni(raw: bytes) -> str:
    return _vni_from_surface(_charmap(raw, _tables()["cp1252"]))


def _vni_from_surface(text: str) -> str:
    tables = _tables()
    return tables["vni_pattern"].sub(lambda m: tables["vni"][m.group()], text)


def _tcvn3_from_surface(text: str) -> str:
    return _restore_capitals(text.translate(_tables()["tcvn3_surface"]))


# On a tie (a text of one or two accented words) the first wins: Windows-1258, the only one a
# Vietnamese-locale Windows writes by itself, then TCVN3, the most common font encoding.
_LEGACY_DECODERS = {"cp1258": _decode_cp1258, "tcvn3": _decode_tcvn3, "vni": _decode_vni}


def decode_legacy(raw: bytes, encoding: str) -> str:
    """Bytes in a legacy Vietnamese encoding ("cp1258", "tcvn3", "vni") -> NFC text."""
    return unicodedata.normalize("NFC", _LEGACY_DECODERS[encoding](raw))
_WORD = re.compile(r"[^\W\d_]+")


def _restore_capitals(text: str) -> str:
    """TCVN3 fonts have no capital accented letters: headings are typed with the lowercase codes in a
    capitals font (.VnTimeH). A word whose other letters are all capitals ("TỉNH", "ủY", "BìNH") is set
    in capitals, and so is a whole line without lowercase ASCII letters that has another such word or
    a capital word of 3+ letters with a Vietnamese letter other than Đ ("Về VIệC", "Bí THƯ");
    "Độ", "Tỉ" and "Số 43-BS/ĐUK" stay as they are."""
    capital_word = _tables()["tcvn3_capital_word"]

    def word(w: str) -> str:
        return w.upper() if sum(c.isupper() for c in w) >= 2 or w[-1].isupper() else w

    def heading(m: re.Match) -> str:
        line = m.group()
        if any(capital_word.fullmatch(w) and word(w) != w or len(w) >= 3 and w.isupper() and not w.strip("Đ").isascii()
               for w in _WORD.findall(line)):
            return "".join(c.upper() if len(c.upper()) == 1 else c for c in line)
        return line

    text = _HEADING_LINE.sub(heading, text)
    return capital_word.sub(lambda m: word(m.group()), text)


_HEADING_LINE = re.compile(r"^(?=[^\n]*[^\x00-\x7f])[^a-z\n]*$", re.M)  # no small ASCII letter, some non-ASCII
_SAMPLE_BYTES = 131_072


def _best_legacy(raw: bytes) -> tuple[str, int, int]:
    """(name, valid, total) of the legacy decoding whose accented words are most often Vietnamese,
    judged on the first 128 kB."""
    sample = raw[:_SAMPLE_BYTES]
    if len(raw) > len(sample) and b"\n" in sample:
        sample = sample[:sample.rindex(b"\n")]
    best = None
    for name, decode in _LEGACY_DECODERS.items():
        valid, total = vietnamese_score(decode(sample))
        key = (valid / total if total else 0.0, total)
        if best is None or key > best[0]:
            best = (key, name, valid, total)
    return best[1:]


def repair_legacy_font(text: str) -> tuple[str, list[str]]:
    """Lines of Unicode text that show a legacy font's bytes ("§éc lËp", "Ñoäc laäp") -> Vietnamese.
    Only lines with characters or letter + mark pairs ("oâ", "aê") that no Vietnamese word has are
    looked at, and such a line is converted only when that makes clearly more of its words Vietnamese
    (at least 80%, and 20 points more than before)."""
    tables = _tables()
    if not tables["suspects"].search(text):
        return text, []
    converted: dict[str, int] = {}
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if not tables["suspects"].search(line):
            continue
        valid, total = vietnamese_score(line)
        before = valid / total if total else 0.0
        for name, convert in (("tcvn3", _tcvn3_from_surface), ("vni", _vni_from_surface)):
            candidate = convert(line)
            valid, total = vietnamese_score(candidate)
            if total and valid / total >= 0.8 and valid / total >= before + 0.2:
                lines[i], before = candidate, valid / total
                converted[name] = converted.get(name, 0) + 1
    if not converted:
        return text, []
    return "".join(lines), [f"{count} line{'s' * (count > 1)} typed in a legacy font converted from {_LEGACY_NAMES[name]}"
                            for name, count in converted.items()]


# --- Vietnamese orthography: the measure that picks an encoding -----------------------------------

_TONE_MARKS = dict.fromkeys((0x300, 0x301, 0x303, 0x309, 0x323))
# A written Vietnamese syllable, tone mark removed: onset, then a vowel cluster with the finals it
# allows: clusters ending in a semivowel take none ("oai"), "iê uô ươ uâ ă â" need one ("tiên", "ăn"),
# "ch"/"nh" follow only "a ê i y oa uê uy" ("anh", "ếch"). Grammar, not a word list; "k" for "Đắk Lắk".
_CLOSED = "iêu|oai|oao|oay|oeo|uây|uôi|uya|uyu|ươi|ươu|yêu|uơ|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu"
_SYLLABLE = re.compile(
    "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    f"(?:{_CLOSED}|(?:uyê|iê|yê|uô|ươ|uâ|ă|â)(?:ng|[cmnptk])|(?:oa|uê|uy|a|ê|i|y)(?:ch|nh|ng|[cmnptk])?"
    "|(?:oă|oe|oo|e|o|ô|ơ|u|ư)(?:ng|[cmnptk])?)")
_ABBREVIATION = re.compile("[A-ZĐ]{2,8}")
_EDGE_PUNCTUATION = string.punctuation + "“”‘’„–—…"
_SCORE_SAMPLE = 20_000


@lru_cache(maxsize=100_000)
def is_vietnamese_syllable(word: str) -> bool:
    if _ABBREVIATION.fullmatch(word):
        return True  # "HĐND", "BCĐ"
    if not (word.islower() or word.isupper() or word[:1].isupper() and word[1:].islower()):
        return False  # "phÈm" is a misdecoding, not a word
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ord(c) in _TONE_MARKS for c in decomposed) > 1:
        return False
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", decomposed.translate(_TONE_MARKS))) is not None


def _is_vietnamese_letter(char: str) -> bool:
    low = char.lower()
    return low == "đ" or any(is_vietnamese_syllable(w) for w in (low, "b" + low, "b" + low + "n"))


def vietnamese_score(text: str) -> tuple[int, int]:
    """(valid, total) over the words that have a non-ASCII character (the first 20 000 of them):
    valid when every non-ASCII part between "-", "/" and "." is a Vietnamese syllable or an abbreviation
    ("HĐND"). ASCII words and parts say nothing about the encoding and are not counted."""
    valid = total = 0
    for match in re.finditer(r"\S+", text):
        word = match.group().strip(_EDGE_PUNCTUATION)
        if word.isascii():
            continue
        total += 1
        valid += all(is_vietnamese_syllable(part) for part in re.split(r"[-/.]", word) if not part.isascii())
        if total >= _SCORE_SAMPLE:
            break
    return valid, total


# --- HTML -----------------------------------------------------------------------------------------

_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_DROPPED = {"script", "style", "noscript", "template", "iframe", "object", "embed", "nav"}
_DROPPED_ROLES = {"navigation", "menu", "menubar", "search"}  # a site's menus are not the document
_LINE_BLOCKS = {"div", "li", "tr", "dt", "dd", "section", "article", "header", "footer", "nav", "aside", "main",
                "figure", "figcaption", "address", "caption", "form", "fieldset", "legend", "title", "hr"}
_PARAGRAPH_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre"}
# Placeholders put between the texts and resolved once the text is out, so that separators do not
# pile up: a run of blank text with a paragraph mark becomes one blank line, with a line mark one line
# break, and cell marks between two cells become " | " (one per cell boundary).
_PARAGRAPH, _LINE, _CELL = "\x1d", "\x1e", "\x1f"
_BLANK = "[ \t\n\x1d\x1e]*"


def html_to_text(markup: str) -> tuple[str, list[str]]:
    """Text of an HTML page: no script, style, comment or navigation menu; blocks on their own lines,
    cells " | ".
    The tree is walked with an explicit stack, without changing it: linear time, any depth."""
    from bs4 import BeautifulSoup, CData, NavigableString, Tag

    parts: list[str] = []
    stack: list = [(BeautifulSoup(markup, "html.parser"), None, False, False)]
    while stack:
        node, closing, in_pre, in_cell = stack.pop()
        if closing is not None:
            parts.append(closing)
        elif isinstance(node, NavigableString):
            if type(node) in (NavigableString, CData):  # not comments, doctypes, declarations
                parts.append(node if in_pre else re.sub(r"[ \t\n\r\f]+", " ", node))
        elif node.name == "br":
            parts.append("\n")
        elif node.name not in _DROPPED and node.get("role") not in _DROPPED_ROLES:
            name = node.name
            mark = (_PARAGRAPH if name in _PARAGRAPH_BLOCKS and not in_cell else
                    _LINE if name in _LINE_BLOCKS or name in _PARAGRAPH_BLOCKS else "")
            parts.append(mark)
            stack.append((None, mark, False, False))
            in_pre = in_pre or name in ("pre", "textarea")
            children, cells = [], 0
            for child in node.contents:
                is_cell = isinstance(child, Tag) and child.name in ("td", "th")
                if is_cell and cells:
                    children.append((None, _CELL, False, False))
                children.append((child, None, in_pre, in_cell or is_cell))
                cells += is_cell
            stack.extend(reversed(children))
    text = "".join(parts).replace("\xa0", " ")
    text = re.sub(f"{_BLANK}{_CELL}(?:{_BLANK}{_CELL})*{_BLANK}", lambda m: " " + "| " * m.group().count(_CELL), text)
    text = re.sub(f"[ \t\n]*[{_PARAGRAPH}{_LINE}]{_BLANK}",
                  lambda m: "\n\n" if _PARAGRAPH in m.group() else "\n", text)
    text = "\n".join(line.strip(" \t") for line in text.split("\n"))
    warnings = []
    if re.search(r"<html\b", markup[:4096], re.I) and not re.search(r"</html\s*>", markup[-4096:], re.I):
        warnings.append("text looks truncated: the page has no closing </html>")
    return text.strip("\n"), warnings


_MARKUP_LINE = re.compile(r"</?(?:p|div|span|strong|em|b|i|br|td|tr|li)\b[^<>]*>|(?:&(?:[a-zA-Z]{2,8}|#\d{2,5});[^&\n]{0,40}){3}")


_TAG_ONLY_LINE = re.compile(r"[ \t]*</?[A-Za-z][\w:-]*(?:[ \t][^<>\n]*)?>?[ \t]*")


def markup_lines_to_text(text: str) -> str:
    """A text copied from a page with some lines still in HTML ("<p style=...>Ng&agrave;y 4/12 ...</p>"):
    those lines read as the page shows them; the other lines as written."""
    if "<" not in text and "&" not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _TAG_ONLY_LINE.fullmatch(line):
            lines[i] = ""   # "</xml": a tag (or the rest of one) left alone on its line shows nothing
        elif _MARKUP_LINE.search(line):
            lines[i] = html_to_text(line)[0]
    return "\n".join(lines)


# --- 5. clean-up ----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")


def _clean(text: str) -> tuple[str, list[str]]:
    """Line endings -> "\\n" (vertical tab and form feed are line breaks too), control characters and
    stray BOMs removed, NFC."""
    text = re.sub(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]", "\n", text)
    text, removed = _CONTROL.subn("", text.removeprefix("\ufeff"))
    warnings = [f"removed {removed} control characters (NUL and others)"] if removed else []
    return unicodedata.normalize("NFC", text), warnings
