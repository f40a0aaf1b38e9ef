"""House rule: knowledge lives in data, code stays generic. No regex literal under loaders/ (nor
directive_kg/) holds a Vietnamese word: the words live in data/reference and loaders.grammar builds the patterns by name.

A regex literal is a raw string (r"...", rf"..."), a string with regex syntax ("(?:", "\\s", "[^", "a|b") or a
string passed straight to a ``re`` function. A
Vietnamese word is a run of two or more letters with one that has a diacritic ("các", "ủy", "Nơi"); a
character class ("[A-ZĐƯ]": the alphabet, not a word) is not a word.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOADERS = ROOT / "loaders"
CODE = sorted([*LOADERS.glob("*.py"), *(ROOT / "directive_kg").glob("*.py")])

# file -> why its Vietnamese regex literals stay in code (keep short; each entry needs a reason)
ALLOWED = {
    "read.py": "the spelling of a Vietnamese syllable (onset, vowel, coda) that tells a mojibake or OCR "
               "word from a real one: orthography, not vocabulary",
}

_RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
_WORD = re.compile(r"[^\W\d_]{2,}")


def has_diacritic(ch: str) -> bool:
    base = unicodedata.normalize("NFD", ch)
    return ch in "đĐ" or (len(base) > 1 and base[0].isascii())


def vietnamese_words(pattern: str) -> list[str]:
    """The Vietnamese words of a regex source, character classes left out."""
    return [w for w in _WORD.findall(_CLASS.sub(" ", pattern)) if any(has_diacritic(c) for c in w)]


_REGEX_SYNTAX = re.compile(r"\(\?|\\\\[sSwWdDbB]|\[\^|\w\|\w")   # "(?", "\\s", "[^", "các|những"


def _docstring_starts(tree: ast.AST) -> set[tuple[int, int]]:
    return {(n.body[0].lineno, n.body[0].col_offset) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}


def _regex_literals(source: str, tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every raw string (r"...", rf"...") and of every other string written with regex
    syntax ("(?:các|những)"); docstrings are prose."""
    out = []
    docs = _docstring_starts(tree)
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.STRING and tok.start not in docs:
            prefix = re.match(r"[A-Za-z]*", tok.string).group(0).lower()
            if "r" in prefix or _REGEX_SYNTAX.search(tok.string):
                out.append((tok.start[0], tok.string))
    return out


def _re_call_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of the string constants inside the pattern argument of a re.<function>(...) call."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RE_FUNCS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args:
            out += [(c.lineno, c.value) for c in ast.walk(node.args[0])
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    return out


def offences(path: Path) -> list[str]:
    """"file:line: words" for each line with a regex literal that holds Vietnamese words."""
    source = path.read_text(encoding="utf-8")
    by_line: dict[int, set[str]] = {}
    tree = ast.parse(source)
    for line, text in _regex_literals(source, tree) + _re_call_literals(tree):
        by_line.setdefault(line, set()).update(vietnamese_words(text))
    return [f"{path.parent.name}/{path.name}:{line}: {', '.join(sorted(words))}"
            for line, words in sorted(by_line.items()) if words]


@pytest.mark.parametrize("path", CODE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_vietnamese_word_in_a_regex_literal(path):
    if path.parent == LOADERS and path.name in ALLOWED:
        pytest.skip(f"allowed: {ALLOWED[path.name]}")
    assert offences(path) == [], "put the words in data/reference and build the pattern in loaders.grammar"


@pytest.mark.parametrize("pattern, words", [
    (r"(?:các|những)\s+", ["các", "những"]),
    (r"[A-ZĐƯ][^\W_]*", []),                 # the alphabet in a class
    (r"\d{1,5}(?:\s*[-/]\s*\d{4})?", []),
    (r"^[\s\-*]*Nơi nhận\s*:", ["Nơi", "nhận"]),
    (r"(?i)(?:^|\s)ủy\s", ["ủy"]),
])
def test_the_guard_finds_words_not_letters(pattern, words):
    assert vietnamese_words(pattern) == words


def test_allowed_files_exist():
    assert all((LOADERS / name).exists() for name in ALLOWED)


def test_the_guard_reads_raw_strings_and_re_calls(tmp_path):
    """A raw string anywhere and a plain string given to re.* are both read; other strings are not."""
    code = tmp_path / "sample.py"
    code.write_text('import re\nA = r"(?:các)\\s"\nB = re.compile("những ")\nC = "Sao lục"\nD = "(?:[Cc]ác|mọi)"\n',
                    encoding="utf-8")
    assert offences(code) == [f"{tmp_path.name}/sample.py:{n}: {w}" for n, w in ((2, "các"), (3, "những"), (5, "mọi, ác"))]
