#!/usr/bin/env python3
"""Score find_citations / find_assignments alone against the gold, with hand-built header contexts.

Usage: .venv/bin/python tests/citation_score.py [--misses] [NAME ...]

Uses the matching rules of tests/score_extraction.py (same_citation, similar, match_sets) so the numbers
agree with the end-to-end scorer for these fields. The contexts below are what the header parser is
expected to give (issuer, locality, committee) and the document's own number (from the gold).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from score_extraction import match_sets, same_citation, similar  # noqa: E402

from loaders.assignments import find_assignments  # noqa: E402
from loaders.citations import find_citations  # noqa: E402
from loaders.context import DocContext  # noqa: E402
from loaders.text import SourceText  # noqa: E402

DOCS = HERE.parent / "data" / "documents"
GOLD = HERE / "gold"

CONTEXTS = {
    "000_971c03e54ee92b8c": DocContext("Tỉnh ủy Ninh Bình", "province", "party", "Ninh Bình", "tỉnh", committee="Tỉnh ủy Ninh Bình"),
    "001_769c6a309fc48807": DocContext("Huyện ủy Nam Trực", "district", "party", "Nam Định", "tỉnh", "Nam Trực", "huyện",
                                       "Huyện ủy Nam Trực", "Tỉnh ủy Nam Định"),
    "002_3065f9b87e21bb45": DocContext("Tỉnh ủy Bình Định", "province", "party", "Bình Định", "tỉnh", committee="Tỉnh ủy Bình Định"),
    "003_8ed794c749fc62eb": DocContext("Thành ủy Nam Định", "district", "party", "Nam Định", "tỉnh", "Nam Định", "thành phố",
                                       "Thành ủy Nam Định", "Tỉnh ủy Nam Định"),
    "004_09971cfee03b94d0": DocContext("Tỉnh ủy Trà Vinh", "province", "party", "Trà Vinh", "tỉnh", committee="Tỉnh ủy Trà Vinh"),
    "party_004": DocContext("Ban Thường vụ Đảng ủy Khối Doanh nghiệp Trung ương", "central", "party",
                            committee="Đảng ủy Khối Doanh nghiệp Trung ương"),
    "party_008": DocContext("Ban Thường vụ Tỉnh ủy Đắk Lắk", "province", "party", "Đắk Lắk", "tỉnh", committee="Tỉnh ủy Đắk Lắk"),
    "party_016": DocContext("Tỉnh ủy Thừa Thiên Huế", "province", "party", "Thừa Thiên Huế", "tỉnh", committee="Tỉnh ủy Thừa Thiên Huế"),
    "party_017": DocContext("Bộ Chính trị", "central", "party"),
    "party_023": DocContext("Thường trực Thành ủy Hải Phòng", "province", "party", "Hải Phòng", "thành phố",
                            committee="Thành ủy Hải Phòng"),
    "state_001": DocContext("Văn phòng Chính phủ", "central", "state"),
    "state_008": DocContext("Bộ Y tế", "central", "state"),
    "state_012": DocContext("Chủ tịch Ủy ban nhân dân thành phố Hà Nội", "province", "state", "Hà Nội", "thành phố"),
    "state_013": DocContext("Ủy ban nhân dân Thành phố Hồ Chí Minh", "province", "state", "Hồ Chí Minh", "thành phố"),
    "state_022": DocContext("Ủy ban nhân dân huyện Quảng Trạch", "district", "state", None, None, "Quảng Trạch", "huyện"),
    "state_024": DocContext("Chủ tịch Ủy ban nhân dân tỉnh Sơn La", "province", "state", "Sơn La", "tỉnh"),
    "state_029": DocContext("Văn phòng Chính phủ", "central", "state"),
}
SEEDS = [n for n in CONTEXTS if n[0].isdigit()]


def run(name: str) -> dict:
    gold = json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))
    st = SourceText.from_text((DOCS / f"{name}.txt").read_text(encoding="utf-8"))
    found = find_citations(st, CONTEXTS[name], own_number=gold.get("number"))
    assigns = find_assignments(st, CONTEXTS[name])
    return {
        "gold": gold,
        "cited_documents": [c.__dict__ for c, _ in found.citations],
        "generic": [g for g, _ in found.generic],
        "warnings": list(found.warnings),
        "assignments": [{"text": a.text, "bodies": list(a.bodies), "cooperating": list(a.cooperating),
                         "reports_to": a.reports_to} for a, _ in assigns],
    }


def score(names: list[str], show: bool = False) -> dict[str, tuple[float, float, float]]:
    sets = {"citations": [0, 0, 0], "assignment.lead_bodies": [0, 0, 0]}
    fields = {"citation.date": [0, 0, 0], "citation.issuer": [0, 0, 0]}  # correct, gold, predicted
    for name in names:
        r = run(name)
        gold, pc = r["gold"], r["cited_documents"]
        gc = gold.get("cited_documents") or []
        counts = match_sets(pc, gc, same_citation)
        for i in range(3):
            sets["citations"][i] += counts[i]
        if show and counts[0] < max(counts[1], counts[2]):
            print(f"{name}: citations {counts}: expected {[c.get('number') or c['text'][:50] for c in gc]}, "
                  f"got {[c.get('number') or c['text'][:50] for c in pc]}")
        for g in gc:
            p = next((c for c in pc if same_citation(c, g)), {})
            for fname, ok in (("citation.date", p.get("date") == g.get("date")),
                              ("citation.issuer", similar(p.get("issuer") or "", g.get("issuer") or "", 0.8))):
                key = fname.split(".")[1]
                row = fields[fname]
                if g.get(key):
                    row[1] += 1
                    row[0] += bool(p.get(key)) and ok
                    if show and not (p.get(key) and ok):
                        print(f"{name}: {fname}: expected {g.get(key)!r}, got {p.get(key)!r}")
                if p.get(key):
                    row[2] += 1
                    if show and not g.get(key):
                        print(f"{name}: {fname}: expected nothing, got {p.get(key)!r}")
        lead = lambda rec: [b for a in rec.get("assignments") or [] for b in a.get("bodies") or []]
        counts = match_sets(lead(r), lead(gold), similar)
        for i in range(3):
            sets["assignment.lead_bodies"][i] += counts[i]
        if show and counts[0] < max(counts[1], counts[2]):
            print(f"{name}: lead bodies {counts}: expected {lead(gold)}, got {lead(r)}")
    out = {}
    for name, (tp, pred, gold) in sets.items():
        out[name] = _f1(tp / pred if pred else float(not gold), tp / gold if gold else 1.0)
    for name, (correct, gold, pred) in fields.items():
        out[name] = _f1(correct / pred if pred else 1.0, correct / gold if gold else 1.0)
    return out


def _f1(p: float, r: float) -> tuple[float, float, float]:
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r) if p + r else 0.0, 3)


def main(argv: list[str]) -> int:
    show = "--misses" in argv
    names = [a for a in argv if not a.startswith("--")]
    if names:
        for n in names:
            print(json.dumps({k: v for k, v in run(n).items() if k != "gold"}, ensure_ascii=False, indent=1))
        return 0
    for label, group in (("seeds", SEEDS), ("corpus", [n for n in CONTEXTS if n not in SEEDS])):
        print(f"== {label}")
        for k, (p, r, f) in score(group, show).items():
            print(f"{k:<24} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
