"""Render a document's text as a scanned paper page: the test data of the OCR tests and of bench/ocr.py.

What a scan of a Vietnamese directive looks like, made from its text (no scan from outside):
- the two header columns: issuer, "*", number and subject on the left; the national or Party motto
  and the date line on the right, each line centred in its column;
- body paragraphs wrapped to an A4 page with a first-line indent, page numbers at the top of pages 2+;
- "Nơi nhận" on the left and the signature block on the right, side by side, a hand-drawn signature
  and a red stamp-like circle over it;
- the page turned 0.5-1.5 degrees, blurred, with speckle noise.
Random choices come from a generator seeded by the document's name: the same text gives the same pages.

    python tests/render_pages.py OUT_DIR FILE.txt... [--format png|tiff|pdf|jpeg] [--clean]
"""
from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core: has every Vietnamese letter
FONTS = {"regular": "DejaVuSerif.ttf", "bold": "DejaVuSerif-Bold.ttf"}
DPI = 300
PAGE = (int(8.27 * DPI), int(11.69 * DPI))  # A4
MARGIN = {"left": int(1.1 * DPI), "right": int(0.6 * DPI), "top": int(0.7 * DPI), "bottom": int(0.8 * DPI)}
SIZE = {"body": 12, "header": 11}  # points

# Lines of the right header column (what a real header prints there), and the lines that end a header.
_RIGHT = re.compile(r"^(?:ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[OÒ]A XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]|"
                    r"[^\n]{0,40},\s*ngày\s+\d{1,2}\s+tháng)", re.I)
_HEADER_END = re.compile(r"^(?:Kính gửi|\d+\s*[.)/]|[-–]\s)", re.I)
_RULE = re.compile(r"^[-–—_=*\s]{3,}$")
_DISTRIBUTION = re.compile(r"^Nơi nhận", re.I)


def fonts_available() -> bool:
    return all((FONT_DIR / name).exists() for name in FONTS.values())


def _font(kind: str, points: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FONTS[kind]), round(points * DPI / 72))


def clean_lines(text: str) -> list[str]:
    """The text's lines without its markdown noise ("**", "\\*", trailing double spaces)."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.replace("**", "").replace("\\*", "\x00").replace("\\", "").rstrip()
        line = re.sub(r"(?<!\S)\*(?=\S)|(?<=\S)\*(?!\S)", "", line).replace("\x00", "*")  # *emphasis*
        line = re.sub(r"^\s*[-*]\s+(?=Kính gửi)", "", line).strip()
        lines.append(line)
    return lines


@dataclass
class Layout:
    left: list[str]        # header, left column
    right: list[str]       # header, right column
    body: list[str]        # paragraphs ("" = paragraph break)
    receivers: list[str]   # Nơi nhận block (left, beside the signature)
    signature: list[str]   # signature block (right)


def layout(text: str) -> Layout:
    lines = clean_lines(text)
    while lines and not lines[0]:
        lines.pop(0)
    head_end = next((i for i, l in enumerate(lines) if _HEADER_END.match(l) or len(l) > 110), len(lines))
    head = [l for l in lines[:head_end] if l]
    left, right = [], []
    for line in head:
        side = right if _RIGHT.match(line) else (right if _RULE.match(line) and right and
                                                   head.index(line) > 0 and head[head.index(line) - 1] in right else left)
        side.append(line)
    if not right or not left:  # no two-column header: everything is body
        left, right, head_end = [], [], 0
    rest = lines[head_end:]
    recv_at = next((i for i, l in enumerate(rest) if _DISTRIBUTION.match(l)), None)
    body, receivers, signature = rest, [], []
    if recv_at is not None:
        body, tail = rest[:recv_at], [l for l in rest[recv_at:] if l]
        k = 1
        while k < len(tail) and (tail[k].startswith(("-", "+", "•")) or tail[k][:1].islower()):
            k += 1
        receivers, signature = tail[:k], tail[k:]
    return Layout(left, right, body, receivers, signature)


class _Pages:
    """Pages drawn top to bottom; a new page when the current one is full."""

    def __init__(self):
        self.pages: list[Image.Image] = []
        self._new()

    def _new(self) -> None:
        self.page = Image.new("RGB", PAGE, "white")
        self.draw = ImageDraw.Draw(self.page)
        self.pages.append(self.page)
        self.y = MARGIN["top"]
        if len(self.pages) > 1:  # page number at the top centre, as the decree on document form has it
            f = _font("regular", SIZE["body"])
            n = str(len(self.pages))
            self.draw.text(((PAGE[0] - f.getlength(n)) / 2, self.y), n, font=f, fill="black")
            self.y += int(f.size * 2)

    def room(self, height: int) -> None:
        if self.y + height > PAGE[1] - MARGIN["bottom"]:
            self._new()

    def line(self, text: str, font, x0: int, x1: int, align: str = "left", indent: int = 0) -> None:
        height = int(font.size * 1.35)
        self.room(height)
        width = font.getlength(text)
        x = {"left": x0 + indent, "center": x0 + (x1 - x0 - width) / 2, "right": x1 - width}[align]
        self.draw.text((x, self.y), text, font=font, fill="black")
        self.y += height


def _wrap(text: str, font, width: int, indent: int = 0) -> list[str]:
    out, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if font.getlength(trial) + (indent if not out else 0) <= width or not current:
            current = trial
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    return out


def _bold(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _column(pages: _Pages, lines: list[str], x0: int, x1: int, points: int) -> None:
    for line in lines:
        font = _font("bold" if _bold(line) else "regular", points)
        for part in _wrap(line, font, x1 - x0):
            pages.line(part, font, x0, x1, "center")


def draw_document(text: str, rng: random.Random) -> list[Image.Image]:
    doc = layout(text)
    pages = _Pages()
    x0, x1 = MARGIN["left"], PAGE[0] - MARGIN["right"]
    split = x0 + int((x1 - x0) * 0.47)
    if doc.left:
        top = pages.y
        _column(pages, doc.left, x0, split - 20, SIZE["header"])
        bottom, pages.y = pages.y, top
        _column(pages, doc.right, split + 20, x1, SIZE["header"])
        pages.y = max(bottom, pages.y) + int(SIZE["body"] * DPI / 72)
    body_font = _font("regular", SIZE["body"])
    indent = int(0.4 * DPI)
    for para in doc.body:
        if not para:
            pages.y += int(body_font.size * 0.5)
            continue
        centred = _bold(para) and len(para) < 60
        font = _font("bold", SIZE["body"]) if _bold(para) else body_font
        for i, part in enumerate(_wrap(para, font, x1 - x0 - indent, indent)):
            pages.line(part, font, x0, x1, "center" if centred else "left", indent if i == 0 and not centred else 0)
    if doc.receivers or doc.signature:
        _signature_area(pages, doc, rng, x0, x1, split)
    return pages.pages


def _signature_area(pages: _Pages, doc: Layout, rng: random.Random, x0: int, x1: int, split: int) -> None:
    small, sign = _font("regular", SIZE["header"] - 1), _font("bold", SIZE["header"])
    line_h = int(sign.size * 1.35)
    need = line_h * (max(len(doc.receivers), len(doc.signature)) + 5)
    pages.room(need)
    top = pages.y + line_h
    pages.y = top
    for line in doc.receivers:
        font = _font("bold", SIZE["header"] - 1) if _DISTRIBUTION.match(line) else small
        for part in _wrap(line, font, split - x0):
            pages.line(part, font, x0, split)
    left_end = pages.y
    pages.y = top
    sx0 = split + 60
    names = doc.signature[-1:] if doc.signature else []
    for line in doc.signature[:-1]:
        for part in _wrap(line, sign, x1 - sx0):
            pages.line(part, sign, sx0, x1, "center")
    gap_top = pages.y
    pages.y += line_h * 3  # room for the hand signature and the stamp
    for line in names:
        pages.line(line, sign, sx0, x1, "center")
    centre = ((sx0 + x1) / 2 + rng.uniform(-120, -40), gap_top + line_h * 1.2)
    _hand_signature(pages.draw, ((sx0 + x1) / 2, gap_top + line_h * 1.5), rng)
    _stamp(pages.page, centre, rng)
    pages.y = max(pages.y, left_end)


def _hand_signature(draw: ImageDraw.ImageDraw, at: tuple[float, float], rng: random.Random) -> None:
    x, y = at[0] - 120, at[1]
    points = []
    for i in range(40):
        points.append((x + i * 6, y + 25 * __import__("math").sin(i / 3 + rng.random()) + rng.uniform(-4, 4)))
    draw.line(points, fill=(20, 30, 110), width=4, joint="curve")


def _stamp(page: Image.Image, centre: tuple[float, float], rng: random.Random) -> None:
    """A red seal: two rings, a star and a line of red text, drawn translucent over the signature."""
    r = int(0.78 * DPI)
    seal = Image.new("RGBA", (2 * r + 8, 2 * r + 8), (0, 0, 0, 0))
    d = ImageDraw.Draw(seal)
    red = (205, 30, 35, 210)
    d.ellipse((4, 4, 2 * r + 4, 2 * r + 4), outline=red, width=7)
    d.ellipse((34, 34, 2 * r - 26, 2 * r - 26), outline=red, width=3)
    d.regular_polygon((r + 4, r + 4 - 40, 30), 5, rotation=rng.uniform(0, 72), fill=red)
    font = _font("bold", 9)
    label = "ĐÓNG DẤU"
    d.text((r + 4 - font.getlength(label) / 2, r + 20), label, font=font, fill=red)
    page.paste(seal, (int(centre[0] - r), int(centre[1] - r)), seal)


def degrade(page: Image.Image, rng: random.Random) -> Image.Image:
    """A slightly turned, blurred, speckled copy of the page."""
    angle = rng.choice((-1, 1)) * rng.uniform(0.5, 1.5)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor="white")
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))
    draw = ImageDraw.Draw(page)
    w, h = page.size
    for _ in range(int(w * h * 0.0004)):  # speckle: dark dots of 1-3 pixels
        x, y, s = rng.randrange(w), rng.randrange(h), rng.choice((1, 1, 2, 3))
        g = rng.randrange(0, 120)
        draw.ellipse((x, y, x + s, y + s), fill=(g, g, g))
    return page


def render(text: str, name: str, clean: bool = False) -> list[Image.Image]:
    rng = random.Random(name)
    pages = draw_document(text, rng)
    return pages if clean else [degrade(p, rng) for p in pages]


def save(pages: list[Image.Image], out: Path, fmt: str) -> list[Path]:
    """PNG/JPEG: one file per page (NAME.png, NAME.p2.png ... so that NAME.* finds the first);
    TIFF and PDF: one multi-page file, as scanners write them."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt in ("tiff", "pdf"):
        path = out.with_suffix("." + fmt)
        extra = {"compression": "tiff_deflate"} if fmt == "tiff" else {"resolution": DPI}
        pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(DPI, DPI), **extra)
        return [path]
    paths = []
    for i, page in enumerate(pages, 1):
        path = out.with_name(out.name + ("" if i == 1 else f".p{i}") + "." + ("jpg" if fmt == "jpeg" else fmt))
        page.save(path, dpi=(DPI, DPI), **({"quality": 85} if fmt == "jpeg" else {}))
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--format", choices=("png", "tiff", "pdf", "jpeg"), default="pdf")
    ap.add_argument("--clean", action="store_true", help="no rotation, blur or noise")
    args = ap.parse_args()
    for f in map(Path, args.files):
        name = f.name.split(".")[0]
        for p in save(render(f.read_text(encoding="utf-8"), name, args.clean), Path(args.out) / name, args.format):
            print(p)


if __name__ == "__main__":
    main()
