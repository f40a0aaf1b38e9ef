"""OCR measurements: accuracy of extraction from rendered scans, the OCR settings, speed and the cache.

    python bench/ocr.py [--shared ../shared] [--what settings,seeds,corpus,speed] [--out /tmp/dkg-ocr]

- seeds / corpus: every document of ../shared/seeds (../shared/corpus) is rendered as a scan
  (tests/render_pages.py: two-column header, stamp over the signature, 0.5-1.5 degrees, blur, speckle)
  to a PDF, read back through OCR with the chosen settings, extracted, and scored against its gold
  with ../shared/tools/score_extraction.py; the same documents' own text is scored too, so the loss
  due to OCR is visible. The rendered folder (PDF + gold links) is kept, so the scorer's own command
  can be run on it: score_extraction.py OUT/seeds --cmd "directive-kg extract --format jsonl".
- settings: the seeds scored under each OCR setting changed one at a time from the chosen ones
  (page segmentation mode, deskew, despeckle, stamp removal by the red channel, render resolution,
  header columns in reading order), with mean confidence and seconds: how the defaults were chosen.
- speed: a 20-page scanned PDF read with OCR (seconds, cores), then read again (cache: no OCR).
Figures are printed; nothing is timed by the tests.
--cache DIR keeps the OCR'd pages (tesseract's TSV) between runs, so a change to the text made from
them or to the parser is measured without OCR; --misses N lists the scorer's misses on the scans;
--set psm=4,columns=0 measures other settings.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import render_pages  # noqa: E402
from loaders import ocr  # noqa: E402
from loaders.extract import extract_text  # noqa: E402
from loaders.read import read_document  # noqa: E402


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_extraction", shared / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render_folder(src: Path, out: Path) -> list[tuple[Path, Path, Path]]:
    """(rendered PDF, gold, original text) of every document of src; gold files linked beside the PDFs."""
    out.mkdir(parents=True, exist_ok=True)
    triples = []
    for gold in sorted(src.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        text = src / f"{name}.txt"
        if not text.exists():
            continue
        pdf = out / f"{name}.pdf"
        if not pdf.exists():
            render_pages.save(render_pages.render(text.read_text(encoding="utf-8"), name), out / name, "pdf")
        link = out / gold.name
        if not link.exists():
            link.symlink_to(gold.resolve())
        triples.append((pdf, gold, text))
    return triples


CACHE: Path | None = None  # --cache: OCR'd pages kept between runs (same file, same settings: no OCR)


def ocr_text(pdf: Path, settings: ocr.Settings, jobs: int = 1) -> tuple[str, ocr.OcrInfo]:
    import hashlib

    raw = pdf.read_bytes()
    numbers = list(range(1, ocr.pdf_page_count(raw) + 1))
    digest = hashlib.sha256(raw).hexdigest()
    result = ocr.ocr_file(digest, numbers, lambda todo: ocr.pdf_pages(raw, todo, settings.dpi), CACHE, settings, jobs)
    return "\n\n".join(result.pages[n] for n in numbers), result.info


MISSES = 0  # --misses: how many of the scorer's misses to print after each score


def score(sc, triples, texts: dict[Path, str]) -> float:
    predictions = {}
    for pdf, _, _ in triples:
        record = extract_text(texts[pdf], str(pdf)).to_json()
        record["source"] = str(pdf)
        predictions[str(pdf.resolve())] = record
    tally = sc.score([(pdf, gold) for pdf, gold, _ in triples], predictions)
    for miss in tally.misses[:MISSES]:
        print("  " + miss)
    result = tally.report()
    scored = [r["f1"] for r in result.values() if r["gold"] or r["predicted"]]
    return sum(scored) / max(len(scored), 1)


def measure(sc, triples, settings: ocr.Settings, jobs: int) -> dict:
    """OCR every rendered document (documents side by side, pages in order), then score."""
    start = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        results = dict(zip([t[0] for t in triples], pool.map(lambda t: ocr_text(t[0], settings), triples)))
    seconds = time.perf_counter() - start
    texts = {pdf: text for pdf, (text, _) in results.items()}
    confidence = sum(i.mean_confidence for _, i in results.values()) / len(results)
    pages = sum(len(i.pages) for _, i in results.values())
    return {"f1": round(score(sc, triples, texts), 3), "confidence": round(confidence, 1), "pages": pages,
            "seconds": round(seconds, 1)}


def text_score(sc, triples) -> float:
    global MISSES
    shown, MISSES = MISSES, 0  # the misses listed are those of the scans
    try:
        return round(score(sc, triples, {pdf: text.read_text(encoding="utf-8") for pdf, _, text in triples}), 3)
    finally:
        MISSES = shown


def settings_table(sc, triples, jobs: int) -> None:
    base = ocr.Settings()
    trials = [("chosen: " + describe(base), base)]
    for psm in (4, 6, 11):
        trials.append((f"psm {psm}", replace(base, psm=psm)))
    trials += [("header columns read with the page", replace(base, columns=0)),
               ("blue signature ink kept", replace(base, colour_ink=0)),
               ("no deskew", replace(base, deskew=False)), ("no despeckle", replace(base, despeckle=0)),
               ("despeckle 0.6 mm", replace(base, despeckle=0.6)), ("grey (stamp kept)", replace(base, red_channel=False)),
               ("PDF rendered at 300 dpi", replace(base, dpi=300)), ("columns as tesseract reads them", None)]
    print("| setting | mean F1 (seeds) | mean confidence | pages | seconds |\n|---|---:|---:|---:|---:|")
    for name, settings in trials:
        if settings is None:
            saved, ocr.COLUMN_GAP = ocr.COLUMN_GAP, 1e9
            m = measure(sc, triples, base, jobs)
            ocr.COLUMN_GAP = saved
        else:
            m = measure(sc, triples, settings, jobs)
        print(f"| {name} | {m['f1']:.3f} | {m['confidence']:.1f} | {m['pages']} | {m['seconds']:.1f} |", flush=True)


def with_settings(base: ocr.Settings, given: str) -> ocr.Settings:
    """``base`` with the NAME=VALUE pairs of ``given`` (comma-separated), each of its field's type."""
    changes = {}
    for pair in filter(None, given.split(",")):
        name, value = pair.split("=", 1)
        kind = type(getattr(base, name))
        changes[name] = value not in ("0", "false", "off") if kind is bool else kind(value)
    return replace(base, **changes)


def describe(s: ocr.Settings) -> str:
    return (f"psm {s.psm}, deskew {'on' if s.deskew else 'off'}, despeckle {s.despeckle:g} mm, "
            f"{'red channel' if s.red_channel else 'grey'}, blue ink " + (f"wiped (lead {s.colour_ink})" if s.colour_ink else "kept")
            + ", PDF pages at " + (f"{s.dpi} dpi" if s.dpi else "their scan's resolution"))


def speed(shared: Path, out: Path) -> None:
    """A 20-page scan: the seeds' and corpus texts one after the other, rendered until 20 pages."""
    pdf = out / "twenty-pages.pdf"
    if not pdf.exists():
        pages = []
        for f in sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "corpus").glob("*.txt")):
            pages += render_pages.render(f.read_text(encoding="utf-8"), f.stem)
            if len(pages) >= 20:
                break
        render_pages.save(pages[:20], out / "twenty-pages", "pdf")
    cache = Path(tempfile.mkdtemp(prefix="dkg-ocr-cache-"))
    start, cpu = time.perf_counter(), _cpu()
    doc = read_document(pdf, ocr_cache=cache)
    first, cpu = time.perf_counter() - start, _cpu() - cpu
    start = time.perf_counter()
    again = read_document(pdf, ocr_cache=cache)
    second = time.perf_counter() - start
    print(f"20-page scanned PDF ({pdf.stat().st_size / 1e6:.1f} MB), {os.cpu_count()} cores: read with OCR in "
          f"{first:.1f} s ({first / 20:.2f} s a page; CPU {cpu:.1f} s, so {cpu / (os.cpu_count() or 1):.1f} s on "
          f"idle cores), mean confidence {doc.ocr.mean_confidence:.1f}; "
          f"read again {second:.2f} s (from the cache: {again.ocr.cached})")


def _cpu() -> float:
    """CPU seconds of this process and its finished children (tesseract): the machine's load aside."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("DIRECTIVE_KG_SHARED", "../shared"), help="the shared folder (seeds, corpus, tools)")
    ap.add_argument("--what", default="seeds,corpus,speed,settings")
    ap.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "dkg-ocr"), help="rendered scans go here")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cache", help="keep OCR'd pages here between runs (measures parsing changes without OCR)")
    ap.add_argument("--misses", type=int, default=0, help="print this many of the scorer's misses")
    ap.add_argument("--set", default="", metavar="NAME=VALUE,...",
                    help="OCR settings other than the chosen ones, e.g. psm=4,deskew=0 (names of ocr.Settings)")
    args = ap.parse_args()
    global CACHE, MISSES
    CACHE, MISSES = (Path(args.cache) if args.cache else None), args.misses
    chosen = with_settings(ocr.Settings(), args.set)
    shared, out, what = Path(args.shared), Path(args.out), args.what.split(",")
    if not (shared / "tools" / "score_extraction.py").exists():
        print(f"no {shared}/tools/score_extraction.py: pass --shared", file=sys.stderr)
        return 2
    missing = ocr.missing()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    sc = scorer(shared)
    print(f"tesseract {ocr.engine_version()}, settings: {describe(chosen)}")
    for part in ("seeds", "corpus"):
        if part in what:
            triples = render_folder(shared / part, out / part)
            m = measure(sc, triples, chosen, args.jobs)
            print(f"{part}: {len(triples)} documents, {m['pages']} pages: mean F1 from the scans {m['f1']:.3f} "
                  f"(their text: {text_score(sc, triples):.3f}), mean OCR confidence {m['confidence']:.1f}, "
                  f"OCR {m['seconds']:.1f} s", flush=True)
    if "speed" in what:
        speed(shared, out)
    if "settings" in what:
        settings_table(sc, render_folder(shared / "seeds", out / "seeds"), args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
