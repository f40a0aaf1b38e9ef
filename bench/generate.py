#!/usr/bin/env python3
"""Write a synthetic corpus of directives in the forms of the real ones, with a gold record each.

Central directives (Thường trực Ban Bí thư công điện, Thủ tướng chỉ thị and công điện, Văn phòng
Chính phủ thông báo, Ban Bí thư chỉ thị) propagate to the 63 provinces (Tỉnh ủy / Thành ủy and UBND),
then to their districts (Huyện ủy, Quận ủy, Thị ủy, Thành ủy, UBND huyện), with lags of a day or two
per level (some late), explicit, implicit ("ý kiến chỉ đạo của ... về ...") and dated-only ("Điện
mật ngày ...") citations, nested citations, assignments with lead and cooperating bodies,
signatures, Kính gửi and Nơi nhận lists, sao lục copies, and noise at a configurable rate.

    python bench/generate.py --docs 1000 --out bench/corpus/1000 [--seed 7] [--noise 0.1]

Deterministic for a given seed. NAME.txt and NAME.gold.json sit side by side, so
tests/score_extraction.py scores the parser on the result.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOCAB = json.loads((Path(__file__).parent / "generator_data.json").read_text(encoding="utf-8"))


@dataclass
class Unit:
    province: str
    province_kind: str        # tỉnh | thành phố
    province_committee: str   # Tỉnh ủy | Thành ủy
    districts: list[tuple[str, str, str]] = field(default_factory=list)  # (name, kind, committee)


def load_units() -> list[Unit]:
    units: dict[str, Unit] = {}
    with open(ROOT / "data/reference/admin_units_2020.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            u = units.setdefault(row["province"], Unit(row["province"], row["province_kind"], row["province_committee"]))
            if row["district"]:
                u.districts.append((row["district"], row["district_kind"], row["district_committee"]))
    return list(units.values())


def vn_date(d: dt.date) -> str:
    return f"ngày {d.day:02d} tháng {d.month} năm {d.year}" if d.day < 10 else f"ngày {d.day} tháng {d.month} năm {d.year}"


def short_date(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def upper(s: str) -> str:
    return s.upper()


class Numbering:
    """Numbers per issuer per year, starting somewhere plausible."""

    def __init__(self, rng: random.Random):
        self.rng, self.next = rng, {}

    def __call__(self, issuer: str, year: int) -> int:
        key = (issuer, year)
        if key not in self.next:
            self.next[key] = self.rng.randint(5, 900)
        self.next[key] += self.rng.randint(1, 4)
        return self.next[key]


@dataclass
class Doc:
    name: str
    text: str
    gold: dict
    reuse: dict = field(default_factory=dict)   # with --reuse: its paragraph and the passages copied from the parent


@dataclass(frozen=True)
class Ref:
    """What a lower document needs to cite its parent."""

    doc_type: str
    number: str | None
    date: dt.date
    issuer: str          # resolved name (gold)
    issuer_text: str     # as a lower document writes it
    subject: str
    alias: str | None = None
    channel: str = "party"


class TextCopier:
    """The reuse paragraphs: sentences of random words of the vocabulary (unique with overwhelming
    probability, so any shared stretch is a copy), copied down the chain with noise."""
    OCR = {"a": "á", "ă": "a", "ơ": "o", "ư": "u", "l": "1", "o": "0", "n": "m", "h": "b", "ê": "e", "ộ": "ô", "i": "l"}

    def __init__(self, rng: random.Random, copy_rate: float = 0.6, word_noise: float = 0.04):
        self.rng, self.copy_rate, self.word_noise = rng, copy_rate, word_noise
        words = {w.lower() for v in VOCAB.values() if isinstance(v, list) for item in v
                 for w in (item if isinstance(item, str) else " ".join(str(x) for x in item.values())).split()}
        self.words = sorted(w for w in words if w.isalpha())
        self.sentences: dict[str, list[tuple[int, int]]] = {}   # document -> its paragraph's sentence spans
        self.texts: dict[str, str] = {}

    def new_sentence(self) -> str:
        n = self.rng.randint(14, 24)
        s = " ".join(self.rng.choice(self.words) for _ in range(n))
        return s[0].upper() + s[1:] + "."

    def noisy(self, sentence: str) -> str:
        out = []
        for w in sentence.split(" "):
            r = self.rng.random()
            if r < self.word_noise:              # an OCR-confused letter
                i = self.rng.randrange(len(w))
                w = w[:i] + self.OCR.get(w[i], w[i]) + w[i + 1:]
            elif r < self.word_noise * 1.25:     # a word dropped
                continue
            elif r < self.word_noise * 1.5:      # a word inserted
                out.append(self.rng.choice(self.words))
            out.append(w)
        return " ".join(out)

    def insert(self, name: str, text: str, parent: str | None) -> tuple[str, dict]:
        rng = self.rng
        pieces: list[tuple[str, tuple[int, int] | None]] = []   # (sentence, index range copied) | new
        if parent is None or parent not in self.sentences:
            pieces = [(self.new_sentence(), None) for _ in range(8)]
        else:
            ptext, pspans = self.texts[parent], self.sentences[parent]
            runs: list[list[int]] = []
            for i in range(len(pspans)):
                if rng.random() < self.copy_rate:
                    if runs and runs[-1][-1] == i - 1:
                        runs[-1].append(i)
                    else:
                        runs.append([i])
            if len(runs) > 1 and rng.random() < 0.2:   # two items reordered
                a, b = rng.sample(range(len(runs)), 2)
                runs[a], runs[b] = runs[b], runs[a]
            for run in runs:
                if rng.random() < 0.5:                  # a local sentence before it
                    pieces.append((self.new_sentence(), None))
                for i in run:
                    pieces.append((self.noisy(ptext[pspans[i][0]:pspans[i][1]]), (run[0], run[-1])))
            pieces.append((self.new_sentence(), None))
        at = text.find(" yêu cầu")
        at = text.rfind("\n", 0, at) + 1 if at >= 0 else len(text)
        spans, pos, para = [], at, []
        for sentence, _ in pieces:
            spans.append((pos, pos + len(sentence)))
            para.append(sentence)
            pos += len(sentence) + 1
        new_text = text[:at] + " ".join(para) + "\n\n" + text[at:]
        self.texts[name], self.sentences[name] = new_text, spans
        gold, k = [], 0
        while k < len(pieces):   # one passage per run of consecutive copied sentences
            run = pieces[k][1]
            if run is None:
                k += 1
                continue
            j = k
            while j + 1 < len(pieces) and pieces[j + 1][1] == run:
                j += 1
            pspans = self.sentences[parent]
            gold.append(dict(parent=parent, start=spans[k][0], end=spans[j][1],
                             parent_start=pspans[run[0]][0], parent_end=pspans[run[1]][1]))
            k = j + 1
        return new_text, {"paragraph": [at, at + len(" ".join(para))], "passages": gold}


class Generator:
    def __init__(self, seed: int, noise: float, reuse: bool = False):
        self.rng = random.Random(seed)
        self.noise = noise
        self.number = Numbering(self.rng)
        self.units = load_units()
        # Text reuse (--reuse): its own random stream, so the documents without it stay byte for byte.
        self.copier = TextCopier(random.Random(seed * 7919 + 1)) if reuse else None

    # -- pieces ----------------------------------------------------------------------------------------
    def person(self) -> str:
        v = VOCAB
        return f"{self.rng.choice(v['family_names'])} {self.rng.choice(v['middle_names'])} {self.rng.choice(v['given_names'])}"

    def cite(self, ref: Ref, verb: str, citing_date: dt.date) -> tuple[str, dict]:
        """A citation sentence head and its gold entry: explicit, dated-only or implicit."""
        r = self.rng.random()
        date_text = short_date(ref.date)
        gold_date = ref.date.isoformat()
        if r < 0.08 and ref.date.month < 10:  # typo: month digit doubled, as in "29/77/2020"
            date_text = f"{ref.date.day}/{ref.date.month}{ref.date.month}/{ref.date.year}"
        if ref.number and r < 0.75:
            text = f"{ref.doc_type} số {ref.number}, ngày {date_text} của {ref.issuer_text} về {ref.subject}"
            return f"{verb} {text}", dict(text=text, doc_type=ref.doc_type, number=ref.number, date=gold_date,
                                          issuer=ref.issuer, relation="implements", explicit=True)
        if ref.alias and r < 0.9:
            text = f"{ref.alias} ngày {date_text} của {ref.issuer_text} về {ref.subject}"
            return f"{verb} {text}", dict(text=text, doc_type=ref.doc_type, number=None, date=gold_date,
                                          issuer=ref.issuer, relation="implements", explicit=True)
        if not ref.number:
            text = f"{ref.doc_type} ngày {date_text} của {ref.issuer_text} về {ref.subject}"
            return f"{verb} {text}", dict(text=text, doc_type=ref.doc_type, number=None, date=gold_date,
                                          issuer=ref.issuer, relation="implements", explicit=True)
        text = f"ý kiến chỉ đạo của {ref.issuer_text} về {ref.subject}"
        return f"{verb} {text}", dict(text=text, doc_type=ref.doc_type, number=None, date=None,
                                      issuer=ref.issuer, relation="implements", explicit=False)

    def noisy(self, text: str) -> str:
        rng = self.rng
        if rng.random() >= self.noise:
            return text
        lines = text.split("\n")
        choice = rng.randrange(4)
        if choice == 0:  # Markdown markers around header lines
            lines = [f"**{l}**" if l.isupper() and l.strip() else l for l in lines]
        elif choice == 1:  # trailing double spaces
            lines = [l + "  " if l.strip() else l for l in lines]
        elif choice == 2:  # a long paragraph broken in two
            long = [i for i, l in enumerate(lines) if len(l) > 120]
            if long:
                i = rng.choice(long)
                cut = lines[i].rfind(" ", 0, len(lines[i]) // 2)
                if cut > 0:
                    lines[i:i + 1] = [lines[i][:cut], "", lines[i][cut + 1:]]
        else:  # the typo of seed 001
            return "\n".join(lines).replace("dịch Covid-19 nhằm", "dịch Covi-19 nhằm")
        return "\n".join(lines)

    # -- documents -------------------------------------------------------------------------------------
    def central(self, k: int, date: dt.date) -> tuple[Doc, Ref]:
        c = VOCAB["campaigns"][k % len(VOCAB["campaigns"])]
        subject = VOCAB["subjects"][k % len(VOCAB["subjects"])]
        n = self.number(c["issuer"], date.year)
        number = c["symbol"].format(n=n)
        urgency = "Hỏa tốc" if c["doc_type"] == "Công điện" else None
        signer = self.person()
        if c["channel"] == "party":
            text = (f"BAN CHẤP HÀNH TRUNG ƯƠNG\n{upper(c['issuer'])}\n*\nSố {number}\n"
                    + ("HỎA TỐC\n" if urgency else "")
                    + f"ĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, {vn_date(date)}\n\n{upper(c['doc_type'])}\n"
                    f"về {subject}\n\nKính gửi:\n- Các tỉnh ủy, thành ủy trực thuộc Trung ương,\n"
                    f"- Các ban cán sự đảng, đảng đoàn trực thuộc Trung ương.\n\n"
                    f"Trước tình hình hiện nay, {c['issuer']} yêu cầu các cấp ủy, tổ chức đảng quán triệt và thực hiện nghiêm các nội dung sau:\n\n"
                    f"1. Các tỉnh ủy, thành ủy trực thuộc Trung ương {VOCAB['party_tasks'][0]}.\n\n"
                    f"Nơi nhận:\n- Như trên,\n- Lưu Văn phòng Trung ương Đảng.\n\nT/M BAN BÍ THƯ\n\n{signer}\n")
            signer_auth, signer_role = "T/M BAN BÍ THƯ", None
        else:
            text = (f"{upper(c['issuer'])}\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n\n"
                    f"Số: {number}\n\nHà Nội, {vn_date(date)}\n\n{upper(c['doc_type'])}\nVề {subject}\n\n"
                    f"Kính gửi:\n- Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ;\n- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n\n"
                    f"Để {subject}, {c['issuer']} yêu cầu:\n\n1. Bộ Y tế chủ trì, phối hợp với Bộ Công an {VOCAB['state_tasks'][0]}.\n\n"
                    f"Nơi nhận:\n- Như trên;\n- Lưu: VT, KGVX.\n\nTHỦ TƯỚNG\n{signer}\n")
            signer_auth, signer_role = None, "THỦ TƯỚNG"
        name = f"central_{k:04d}"
        if c["channel"] == "party":
            recipients = ["Các tỉnh ủy, thành ủy trực thuộc Trung ương", "Các ban cán sự đảng, đảng đoàn trực thuộc Trung ương"]
            assigns = [dict(text=f"Các tỉnh ủy, thành ủy trực thuộc Trung ương {VOCAB['party_tasks'][0]}",
                            bodies=["Các tỉnh ủy, thành ủy trực thuộc Trung ương"], cooperating=[])]
            distribution = ["Như trên", "Lưu Văn phòng Trung ương Đảng"]
        else:
            recipients = ["Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
            assigns = [dict(text=f"Bộ Y tế chủ trì, phối hợp với Bộ Công an {VOCAB['state_tasks'][0]}",
                            bodies=["Bộ Y tế"], cooperating=["Bộ Công an"])]
            distribution = ["Như trên", "Lưu: VT, KGVX"]
        gold = self.gold(c["doc_type"], number, date, "Hà Nội", c["issuer"], "central", None,
                         f"về {subject}" if c["channel"] == "party" else f"Về {subject}", urgency, recipients, [], assigns,
                         signer=dict(name=signer, role=signer_role, authority=signer_auth), distribution=distribution)
        ref = Ref(c["doc_type"], number, date, c["issuer"], c["issuer_text"], subject, c.get("alias"), c["channel"])
        return Doc(name, self.noisy(text), gold), ref

    def province_party(self, k: int, u: Unit, parent: Ref, date: dt.date) -> tuple[Doc, Ref]:
        committee = f"{u.province_committee} {u.province}"
        n = self.number(committee, date.year)
        number = f"{n}-CV/TU"
        subject = parent.subject
        head, cite = self.cite(parent, "Thực hiện", date)
        signer = self.person()
        tasks = VOCAB["party_tasks"]
        body_tg = f"Ban Tuyên giáo {committee}"
        text = (f"{upper(committee)}\n\n*\n\nSố {number}\n\nV/v {subject}\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
                f"{u.province}, {vn_date(date)}\n\nKính gửi:\n\n- Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc {u.province_committee},\n"
                f"- Các ban cán sự đảng, đảng đoàn,\n- Các sở, ban, ngành, đoàn thể {u.province_kind}.\n\n"
                f"{head}, Ban Thường vụ {u.province_committee} yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt một số nội dung sau:\n\n"
                f"1. Đảng ủy Công an {u.province_kind}, Đảng ủy Quân sự {u.province_kind} {tasks[0]}.\n\n"
                f"2. Giao Ban Tuyên giáo {u.province_committee} chủ trì, phối hợp với Ban Chỉ đạo phòng, chống dịch Covid-19 {u.province_kind} {tasks[1]}; "
                f"thường xuyên báo cáo Ban Thường vụ {u.province_committee}.\n\n"
                f"Nơi nhận:\n\n- Văn phòng Trung ương Đảng (để b/c),\n- Như kính gửi,\n- Lưu Văn phòng {u.province_committee}.\n\n"
                f"T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n\n\n{signer}")
        gold = self.gold("Công văn", number, date, u.province, committee, "province", None, f"V/v {subject}", None,
                         [f"Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc {u.province_committee}", "Các ban cán sự đảng, đảng đoàn",
                          f"Các sở, ban, ngành, đoàn thể {u.province_kind}"],
                         [cite],
                         [dict(text=f"Đảng ủy Công an {u.province_kind}, Đảng ủy Quân sự {u.province_kind} {tasks[0]}",
                               bodies=[f"Đảng ủy Công an {u.province_kind} {u.province}", f"Đảng ủy Quân sự {u.province_kind} {u.province}"], cooperating=[]),
                          dict(text=f"Giao Ban Tuyên giáo {u.province_committee} chủ trì, phối hợp với Ban Chỉ đạo phòng, chống dịch Covid-19 {u.province_kind} {tasks[1]}",
                               bodies=[body_tg], cooperating=[f"Ban Chỉ đạo phòng, chống dịch Covid-19 {u.province_kind} {u.province}"],
                               reports_to=f"Ban Thường vụ {committee}")],
                         acting_body=f"Ban Thường vụ {committee}",
                         signer=dict(name=signer, role="PHÓ BÍ THƯ", authority="T/M BAN THƯỜNG VỤ"),
                         distribution=["Văn phòng Trung ương Đảng (để b/c)", "Như kính gửi", f"Lưu Văn phòng {u.province_committee}"])
        if self.rng.random() < 0.1:  # a sao lục by the provincial Đảng ủy Khối
            copy_date = date + dt.timedelta(days=self.rng.randint(1, 5))
            copy_number = f"{self.number('ĐUK ' + u.province, copy_date.year)}-BS/ĐUK"
            copier = self.person()
            text += (f"\n\nĐẢNG ỦY KHỐI CÁC CƠ QUAN\n{upper(u.province_kind)} {upper(u.province)}\n*\nSố {copy_number}\nSAO LỤC\n"
                     f"{u.province}, {vn_date(copy_date)}\nT/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nNơi nhận:\n- Các chi, đảng bộ cơ sở,\n- Lưu VPĐUK.\n\n{copier}")
            gold["copy"] = dict(doc_type="Sao lục", number=copy_number, date=copy_date.isoformat(), place=u.province,
                                issuer=f"Đảng ủy Khối các cơ quan {u.province_kind} {u.province}",
                                signer=dict(name=copier, role="CHÁNH VĂN PHÒNG", authority="T/L BAN THƯỜNG VỤ"),
                                distribution=["Các chi, đảng bộ cơ sở", "Lưu VPĐUK"])
        name = f"p{k:05d}_tu"
        ref = Ref("Công văn", number, date, f"Ban Thường vụ {committee}", f"Ban Thường vụ {u.province_committee}", subject)
        return Doc(name, self.noisy(text), gold), ref

    def province_state(self, k: int, u: Unit, parent: Ref, date: dt.date) -> tuple[Doc, Ref]:
        issuer = f"Ủy ban nhân dân {u.province_kind} {u.province}"
        n = self.number(issuer, date.year)
        number = f"{n}/UBND-VX"
        head, cite = self.cite(parent, "Thực hiện", date)
        signer = self.person()
        task = VOCAB["state_tasks"][k % len(VOCAB["state_tasks"])]
        text = (f"ỦY BAN NHÂN DÂN\n{upper(u.province_kind)} {upper(u.province)}\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                f"Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: {number}\nV/v {parent.subject}\n\n{u.province}, {vn_date(date)}\n\n"
                f"Kính gửi:\n\n- Các sở, ban, ngành {u.province_kind};\n- Ủy ban nhân dân các huyện, thị xã, thành phố.\n\n"
                f"{head}, Ủy ban nhân dân {u.province_kind} yêu cầu:\n\n"
                f"1. Sở Y tế chủ trì, phối hợp với Công an {u.province_kind} {task}.\n\n"
                f"Nơi nhận:\n- Như trên;\n- Thủ tướng Chính phủ (để báo cáo);\n- Lưu: VT, VX.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n{signer}\n")
        gold = self.gold("Công văn", number, date, u.province, issuer, "province", None, f"V/v {parent.subject}", None,
                         [f"Các sở, ban, ngành {u.province_kind}", "Ủy ban nhân dân các huyện, thị xã, thành phố"], [cite],
                         [dict(text=f"Sở Y tế chủ trì, phối hợp với Công an {u.province_kind} {task}",
                               bodies=["Sở Y tế"], cooperating=[f"Công an {u.province_kind} {u.province}"])],
                         signer=dict(name=signer, role="PHÓ CHỦ TỊCH", authority="KT. CHỦ TỊCH"),
                         distribution=["Như trên", "Thủ tướng Chính phủ (để báo cáo)", "Lưu: VT, VX"])
        ref = Ref("Công văn", number, date, f"UBND {u.province_kind} {u.province}", f"UBND {u.province_kind}", parent.subject, channel="state")
        return Doc(f"p{k:05d}_ub", self.noisy(text), gold), ref

    def district_party(self, k: int, u: Unit, d: tuple[str, str, str], parents: list[Ref], date: dt.date) -> Doc:
        name_, kind, committee_word = d
        committee = f"{committee_word} {name_}"
        code = {"Huyện ủy": "HU", "Quận ủy": "QU"}.get(committee_word, "TU")
        number = f"{self.number(committee, date.year)}-CV/{code}"
        heads, cites = [], []
        for i, p in enumerate(parents):
            h, c = self.cite(p, "Thực hiện" if i == 0 else "và", date)
            heads.append(h)
            cites.append(c)
        signer = self.person()
        parent_body = f"Đảng bộ {u.province_kind} {u.province}"
        text = (f"{upper(parent_body)}\n{upper(committee)}\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố {number}\n\n{name_}, {vn_date(date)}\n\n"
                f"V/v {parents[0].subject}\n\nKính gửi: - Các tổ chức cơ sở đảng trực thuộc,\n- Các cơ quan ban, ngành, đoàn thể {kind}.\n\n"
                f"{' '.join(heads)}, Ban Thường vụ {committee_word} yêu cầu:\n\n"
                f"1. Giao UBND {kind} {VOCAB['state_tasks'][2]}; phối hợp với Công an {kind} quản lý chặt chẽ địa bàn.\n\n"
                f"2. Ban Tuyên giáo {committee_word} chủ trì phối hợp với Phòng Văn hóa và Thông tin {VOCAB['party_tasks'][1]}.\n\n"
                f"Nơi nhận:\n\n- Như trên,\n- Ban Tuyên giáo {u.province_committee} (để báo cáo),\n- Lưu Văn phòng {committee_word}.\n\n"
                f"T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\n\n\n{signer}")
        gold = self.gold("Công văn", number, date, name_, committee, "district", parent_body, f"V/v {parents[0].subject}", None,
                         ["Các tổ chức cơ sở đảng trực thuộc", f"Các cơ quan ban, ngành, đoàn thể {kind}"], cites,
                         [dict(text=f"Giao UBND {kind} {VOCAB['state_tasks'][2]}", bodies=[f"UBND {kind} {name_}"],
                               cooperating=[f"Công an {kind} {name_}"]),
                          dict(text=f"Ban Tuyên giáo {committee_word} chủ trì phối hợp với Phòng Văn hóa và Thông tin {VOCAB['party_tasks'][1]}",
                               bodies=[f"Ban Tuyên giáo {committee}"], cooperating=[f"Phòng Văn hóa và Thông tin {kind} {name_}"])],
                         acting_body=f"Ban Thường vụ {committee}",
                         signer=dict(name=signer, role="BÍ THƯ", authority="T/M BAN THƯỜNG VỤ"),
                         distribution=["Như trên", f"Ban Tuyên giáo {u.province_committee} (để báo cáo)", f"Lưu Văn phòng {committee_word}"])
        return Doc(f"d{k:06d}_hu", self.noisy(text), gold)

    def gold(self, doc_type, number, date, place, issuer, level, parent_body, subject, urgency, recipients, cites, assigns,
             acting_body=None, signer=None, distribution=()):
        return dict(doc_type=doc_type, number=number, date=date.isoformat(), place=place, issuer=issuer,
                    acting_body=acting_body, issuer_level=level, parent_body=parent_body, subject=subject,
                    urgency=urgency, recipients=list(recipients), cited_documents=list(cites), assignments=list(assigns),
                    signer=signer, distribution=list(distribution), copy_of=None)

    def copied(self, doc: Doc, parent: str | None) -> Doc:
        """With --reuse: a paragraph before the "... yêu cầu" line, copied in part from the parent's (with
        noise) and in part new; the copied passages are the document's reuse gold."""
        if self.copier is not None:
            doc.text, doc.reuse = self.copier.insert(doc.name, doc.text, parent)
        return doc

    # -- the corpus ------------------------------------------------------------------------------------
    def documents(self, total: int):
        """Breadth first: a central directive, its provinces, their districts; then the next directive."""
        made, k = 0, 0
        start = dt.date(2020, 3, 1)
        while made < total:
            root_date = start + dt.timedelta(days=11 * k + self.rng.randint(0, 5))
            doc, root = self.central(k, root_date)
            yield self.copied(doc, None)
            made += 1
            provinces = []
            for u in self.units:
                if made >= total:
                    return
                lag = self.rng.choice([0, 1, 1, 1, 2, 2, 3]) if self.rng.random() > 0.05 else self.rng.randint(5, 20)
                pdoc, pref = self.province_party(made, u, root, root_date + dt.timedelta(days=lag))
                yield self.copied(pdoc, doc.name)
                made += 1
                provinces.append((u, pref, pdoc.name))
                if made < total and self.rng.random() < 0.5:
                    sdoc, _ = self.province_state(made, u, root, root_date + dt.timedelta(days=lag + self.rng.randint(0, 2)))
                    yield self.copied(sdoc, doc.name)
                    made += 1
            for u, pref, pname in provinces:
                for d in u.districts:
                    if made >= total:
                        return
                    lag = self.rng.choice([1, 1, 2, 2, 3]) if self.rng.random() > 0.05 else self.rng.randint(4, 15)
                    parents = [pref, root] if self.rng.random() < 0.4 else [pref]
                    yield self.copied(self.district_party(made, u, d, parents, pref.date + dt.timedelta(days=lag)), pname)
                    made += 1
            k += 1


def saved_elsewhere(doc: Doc, rng: random.Random) -> Doc:
    """The same document as another website serves it: other bytes (Windows line ends, or a blank
    line before the text), another file name, the same gold."""
    text = doc.text.replace("\n", "\r\n") if rng.random() < 0.5 else "\n" + doc.text
    return Doc(f"{doc.name}_web", text, doc.gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--noise", type=float, default=0.1, help="share of documents with noise (0..1)")
    ap.add_argument("--no-gold", action="store_true", help="write the texts only")
    ap.add_argument("--duplicates", type=float, default=0.0,
                    help="share of documents (0..1) also saved under a second file name, as from another website")
    ap.add_argument("--reuse", action="store_true", help="add a paragraph each implementation partly copies from "
                    "its parent (OCR-like noise, reordered and inserted sentences); NAME.reuse.json is its gold")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    n = copies = 0
    dup_rng = random.Random(args.seed + 1)  # its own stream: the corpus is the same with or without copies
    for doc in Generator(args.seed, args.noise, args.reuse).documents(args.docs):
        docs = [doc]
        if args.duplicates and dup_rng.random() < args.duplicates:
            docs.append(saved_elsewhere(doc, dup_rng))
            copies += 1
        for d in docs:
            (args.out / f"{d.name}.txt").write_bytes(d.text.encode("utf-8"))
            if not args.no_gold:
                (args.out / f"{d.name}.gold.json").write_text(json.dumps(d.gold, ensure_ascii=False, indent=1), encoding="utf-8")
                if args.reuse and d is doc:  # a copy's spans moved with its bytes: its gold is the original's
                    (args.out / f"{d.name}.reuse.json").write_text(json.dumps(d.reuse), encoding="utf-8")
        n += 1
    print(f"wrote {n} documents to {args.out}" + (f", {copies} of them twice" if copies else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
