"""The orchestrator and the `extract` command: evidence invariant, robustness, NFD input, CLI."""
from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from directive_kg import extract_file, extract_text
from directive_kg.cli import main
from loaders.paths import DOCUMENTS, ROOT
from loaders.text import SourceText

FILES = sorted(DOCUMENTS.glob("*.txt"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_evidence_quotes_the_canonical_text(path):
    record = extract_file(path)
    canonical = SourceText.from_text(path.read_text(encoding="utf-8")).canonical
    assert record.evidence, "a document without evidence"
    for key, span in record.evidence.items():
        assert 0 <= span.start < span.end <= len(canonical), key
        assert canonical[span.start:span.end] == span.quote, key


def test_every_value_has_evidence():
    record = extract_file(DOCUMENTS / "000_971c03e54ee92b8c.txt")
    keys = {"doc_type", "number", "date", "place", "issuer", "acting_body", "subject", "signer.name",
            "signer.role", "signer.authority"} | {f"recipients[{i}]" for i in range(3)} | {f"distribution[{i}]" for i in range(5)}
    assert keys <= set(record.evidence)


def _without_quotes(record):
    return replace(record, evidence={k: (v.start, v.end) for k, v in record.evidence.items()})


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
       | st.lists(st.sampled_from(["Số 12-CV/TU", "ngày 29/77/2020", "TỈNH ỦY NINH BÌNH", "Kính gửi:", "- A,",
                                   "Nơi nhận:", "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Trần Văn An", "SAO LỤC", "|", "\n",
                                   "Ban Thường vụ Tỉnh ủy yêu cầu", "Chủ tịch UBND tỉnh Chỉ thị:", "**", "./."]),
                  max_size=30).map(" ".join))
def test_never_raises_and_spans_quote_the_text(text):
    record = extract_text(text)
    canonical = unicodedata.normalize("NFC", text)
    for key, span in record.evidence.items():
        assert canonical[span.start:span.end] == span.quote, key
    nfd = extract_text(unicodedata.normalize("NFD", text))
    assert _without_quotes(nfd) == _without_quotes(record)


@pytest.mark.parametrize("path", FILES[:5], ids=lambda p: p.stem)
def test_nfd_input_gives_the_same_record(path):
    text = path.read_text(encoding="utf-8")
    a, b = extract_text(text), extract_text(unicodedata.normalize("NFD", text))
    assert _without_quotes(a) == _without_quotes(b)


def test_cli_jsonl_json_table_and_errors(tmp_path, capsys):
    good = str(FILES[0])
    missing = str(tmp_path / "missing.txt")
    assert main(["extract", good, missing, "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    line = json.loads(out.strip())
    assert line["source"] == good and line["number"] == "2644-CV/TU"
    assert line["evidence"]["number"] == {"start": line["evidence"]["number"]["start"],
                                          "end": line["evidence"]["number"]["end"], "quote": "2644 - CV/TU"}
    assert missing in err
    assert main(["extract", good, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["issuer"] == "Tỉnh ủy Ninh Bình"
    assert main(["extract", good, "--format", "table"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["file", "type", "number"] and "Trần Hồng Quảng" in table[1]


def test_console_script_runs():
    out = subprocess.run([sys.executable, "-m", "directive_kg.cli", "extract", str(FILES[0])],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and json.loads(out.stdout)["date"] == "2020-07-29"


# A legal-database page: a title line naming the document, the site's metadata, then the document
# itself with its header. The page is the original, not a press text quoting it.
def test_page_title_over_the_original_header():
    from loaders.extract import extract_text

    text = ("Quyết định 412/QĐ-UBND năm 2019 phê duyệt quy hoạch chợ tỉnh Phú Yên\n"
            "Số hiệu: 412/QĐ-UBND Loại văn bản: Quyết định\nNơi ban hành: Tỉnh Phú Yên Người ký: Trần Văn Bình\n\n"
            "ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 412/QĐ-UBND\nPhú Yên, ngày 9 tháng 4 năm 2019\nQUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT QUY HOẠCH CHỢ\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n")
    r = extract_text(text)
    assert (r.text_kind, r.number, r.date, r.issuer) == ("ORIG", "412/QĐ-UBND", "2019-04-09",
                                                         "Chủ tịch Ủy ban nhân dân tỉnh Phú Yên")
