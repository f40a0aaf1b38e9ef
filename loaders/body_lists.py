"""Lists of bodies written the short way, expanded to one full name per body.

"Các Sở: Y tế, Công Thương, Giáo dục và Đào tạo" -> Sở Y tế, Sở Công Thương, Sở Giáo dục và Đào tạo;
"Ủy ban nhân dân các tỉnh, thành phố: Bắc Giang, Hải Phòng" -> Ủy ban nhân dân tỉnh Bắc Giang,
Ủy ban nhân dân thành phố Hải Phòng (the kind of each place from the admin unit data);
"Bộ: Quốc phòng; Công an" -> Bộ Quốc phòng, Bộ Công an. An item that already names its body
("Công an Thành phố" in "các Sở, ngành: Y tế, Công an Thành phố") is kept as written.

Whether "và" joins two bodies or belongs to one name ("Giáo dục và Đào tạo") is decided by the body
names of the reference data. List heads, class words, plural markers and separators are in
``data/reference/body_lists.csv``. Pure functions over strings: the header (Kính gửi entries), the
assignments and the press-report reader share them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders import refdata
from loaders.records import Span
from loaders.text import BRACKETED
from loaders.refdata import District, Province, fold


@dataclass(frozen=True)
class ListItem:
    """One body of a list: its full name and where the item is written in the list's text."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class ColonList:
    """A "head: items" list found in a text: the head's start, the expanded items and where the list
    ends (the text's end, or the ";" after which other addressees follow)."""

    start: int
    items: tuple[ListItem, ...]
    end: int


def _words(kind: str) -> list[tuple[str, str]]:
    return [(r["text"], r.get("value") or "") for r in _rows() if r["kind"] == kind]


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, str], ...]:
    return tuple(refdata.read_csv("body_lists.csv", ("kind", "text", "example")))


def _alt(words) -> str:
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    # "chính trị - xã hội" also written "chính trị- xã hội", "chính trị -xã hội", "chính trị – xã hội"
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())).replace(r"\s+\-\s+", r"\s*[-–—]\s*") for p in parts) + ")"


@lru_cache(maxsize=1)
def _grammar() -> dict:
    prefix = {fold(t): v for t, v in _words("list_head")}
    units = [t for t, _ in _words("unit_head")]
    klass = [t for t, _ in _words("list_head")] + [t for t, _ in _words("list_class")] + units
    word = rf"(?i:{_alt(klass)})"
    nb = r"(?![^\W_])"
    return {
        "prefix": prefix,
        "units": {fold(u) for u in units},
        # "<organ> các tỉnh, thành phố:" / "Các Sở, ngành:" / "Bộ:" just before the colon
        "head": re.compile(rf"(?<![^\W_])(?:(?P<plural>(?i:{_alt(t for t, _ in _words('plural'))}))\s+)?"
                           rf"(?P<classes>{word}{nb}(?:\s*(?:,|-|\s)\s*{word}{nb})*)\s*:\s*"),
        "class_word": re.compile(rf"{word}{nb}"),
        "separator": re.compile(rf"\s*[,;]\s*|\s+(?i:{_alt(t for t, _ in _words('separator'))})\s+"),
        "organ_stop": re.compile(rf"(?:[,;:]|\s(?i:{_alt(t for t, _ in _words('separator'))}))\s"),
    }


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    """Folded names of the country's regions (body_phrases.csv region rows): "tây nguyên", "bắc trung bộ"."""
    from loaders.citations import patterns
    return frozenset(fold(t) for t, _ in patterns("body_phrases.csv").get("region", ()))


@lru_cache(maxsize=1)
def _name_tails() -> frozenset[str]:
    """Folded body names without their head word ("giáo dục và đào tạo", "văn hóa, thể thao và
    du lịch"): a list item equal to one of them is one name, whatever "và" or "," it holds."""
    names = [re.sub(r"\s*\{\w+\}\s*", " ", a).strip() for t in refdata.body_templates() for a in (t.template, *t.aliases)]
    names += [n for b in refdata.central_bodies() for n in (b.name, *b.aliases)]
    # a template that is a head itself ("Đảng bộ {unit}" -> "Đảng bộ") names nothing after a head: its "bộ" would
    # end "Đảng bộ bộ phận" at "Đảng bộ bộ"
    from loaders.citations import patterns
    heads = {fold(t) for t, _ in patterns("body_phrases.csv").get("body_head", ())}
    return frozenset(fold(n.split(" ", 1)[1]) for n in names if " " in n and fold(n) not in heads)


@lru_cache(maxsize=1)
def _body_start() -> re.Pattern:
    """An item that names its own body ("Công an Thành phố", "Bộ Tư lệnh Thủ đô")."""
    from loaders.citations import patterns  # the body heads of body_phrases.csv
    heads = [t for t, _ in patterns("body_phrases.csv").get("body_head", ())]
    return re.compile(rf"{_alt(heads)}(?![^\W_])")


def opens_addressee(text: str) -> bool:
    """``text`` opens an addressee of its own: a body's head, a post or a plural before them."""
    return bool(_addressee_start().match(text))


@lru_cache(maxsize=1)
def _addressee_start() -> re.Pattern:
    """An entry that opens an addressee of its own: a body's head, a post or a plural ("Bộ trưởng", "Chủ
    tịch Ủy ban ...", "các Bộ trưởng"), not a place of a list."""
    from loaders.citations import patterns
    rows = patterns("body_phrases.csv")
    words = [t for t, _ in rows.get("body_head", ())] + [t for t, _ in rows.get("post", ())]
    return re.compile(rf"(?:(?i:{_alt(t for t, _ in _words('plural'))})\s+)?{_alt(words)}(?![^\W_])", re.I)


@lru_cache(maxsize=1)
def post_start() -> re.Pattern:
    """A post opening an entry ("Bí thư", "Chủ tịch UBND ..."): body_phrases.csv post rows."""
    return re.compile(rf"(?i:{_phrase_alt('post')})(?![^\W_])")


@lru_cache(maxsize=1)
def _known_name_re() -> re.Pattern:
    """A body head followed by a known name ("Sở " + "tư pháp"), longest first."""
    from loaders.citations import patterns
    heads = [t for t, _ in patterns("body_phrases.csv").get("body_head", ())]
    tails = _alt(_name_tails()).replace(r"\-", r"\s*[-–—]\s*")  # fold wrote "động-thương binh"
    return re.compile(rf"{_alt(heads)}\s+(?i:{tails})(?![^\W_])")


@lru_cache(maxsize=8192)  # pure, and asked for the same phrases again and again
def known_name_end(text: str) -> int | None:
    """End of a known body name that ``text`` starts with when lower-case words not of the name
    follow ("Sở Tư pháp thẩm định hồ sơ" -> 10); None when the text is that name or goes on as one."""
    m = _known_name_re().match(text)
    if not m:
        return None
    rest = text[m.end():]
    if not rest.strip() or not rest[:1].isspace():
        return None
    word = rest.split()[0]
    if not word[:1].islower() or _continues().match(rest.lstrip()):
        return None
    return m.end()


def known_name_at(text: str, pos: int, end: int) -> int | None:
    """End of a known body name written at ``pos`` ("Ban chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần
    chúng"), else None."""
    m = _known_name_re().match(text, pos, end)
    return m.end() if m else None


def inside_known_name(text: str, at: int) -> bool:
    """Position ``at`` of ``text`` lies inside a known body name written there ("Văn phòng Ban chỉ đạo
    phòng thủ dân sự quốc gia": its lower-case "chỉ đạo" is no clause word)."""
    return any(m.start() < at < m.end() for m in _known_name_re().finditer(text))


def inside_listed_tail(text: str, at: int) -> bool:
    """Position ``at`` lies inside an item of a colon list that is a known name without its head ("các Bộ: Quốc
    phòng, Ngoại giao, ...": its "giao" is no task verb)."""
    colon = text.rfind(":", 0, at)
    return colon >= 0 and any(m.start("tail") < at < m.end("tail") for m in _listed_tail_re().finditer(text, colon))


@lru_cache(maxsize=1)
def _listed_tail_re() -> re.Pattern:
    from loaders import grammar as G   # grammar reads the reference tables through refdata, as this module does
    tails = _alt(_name_tails()).replace(r"\-", r"\s*[-–—]\s*")
    return re.compile(rf"[:,;]\s*(?P<tail>(?i:{tails}))(?=\s*(?:[,;.]|$|\s(?:{G.piece('and')})\s))")


@lru_cache(maxsize=1)
def _dashed_tail_re() -> re.Pattern:
    """A known name's words holding a dash ("Lao động - Thương binh và Xã hội"), a line break beside the dash."""
    dashed = [t for t in _name_tails() if "-" in t]
    return re.compile(rf"(?i:{_alt(dashed)})(?![^\W_])".replace(r"\-", r"\s*[-–—]\s*"))


def dash_inside_name(text: str, at: int) -> bool:
    """Position ``at`` (a line break before "- ") lies inside a known name whose dash the line break put at the
    line's start ("Sở: Lao động\n- Thương binh và Xã hội": a PDF's broken line, no dashed item)."""
    return any(m.start() < at < m.end() for m in _dashed_tail_re().finditer(text, max(0, at - 60), at + 80))


def continues_name(rest: str) -> bool:
    """``rest`` (lower case, after a name) goes on with that name: "của tỉnh", "trực thuộc ...", "và ..."."""
    return bool(_continues().match(rest.lstrip()))


@lru_cache(maxsize=1)
def _continues() -> re.Pattern:
    """Words that go on with a name ("của tỉnh", "tỉnh", "trực thuộc ...", "các ..."): unit words
    of body_phrases.csv and the name_continuation words of body_lists.csv."""
    from loaders.citations import patterns
    words = [t for t, _ in patterns("body_phrases.csv").get("unit_word", ())] + [t for t, _ in _words("name_continuation")]
    return re.compile(rf"(?i:{_alt(words)})(?![^\W_])")


# ---------------------------------------------------------------- splitting

def split_items(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each item of a list written with "," ";" "và": known names stay whole
    ("Giáo dục và Đào tạo"), a piece starting in lower case after "và" continues its item
    ("Khu công nghiệp và chế xuất")."""
    end = len(text) if end is None else end
    g = _grammar()
    pieces, pos = [], start
    for m in g["separator"].finditer(text, start, end):
        pieces.append((pos, m.start(), m.group(0).strip()))
        pos = m.end()
    pieces.append((pos, end, ""))
    pieces = [(s, e, sep) for s, e, sep in pieces if text[s:e].strip(" .")]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        j = len(pieces)
        while j > i + 1 and fold(text[pieces[i][0]:pieces[j - 1][1]]) not in _name_tails():
            j -= 1
        s, e = pieces[i][0], pieces[j - 1][1]
        if out and i > 0 and pieces[i - 1][2] not in (",", ";") and text[s:s + 1].islower():
            out[-1] = (out[-1][0], e)  # "... Khu công nghiệp và chế xuất"
        else:
            out.append((s, e))
        i = j
    return [(s, e - len(text[s:e]) + len(text[s:e].rstrip(" .;,"))) for s, e in out]


# ---------------------------------------------------------------- colon lists

@dataclass(frozen=True)
class ClassMembers:
    """"các bộ Công an, Quốc phòng và các tỉnh ...": the class words ("các bộ") end at ``class_end``, its
    members' names run to ``names_end``; another addressee starts at ``rest_start`` (the text's end when none)."""

    class_end: int
    names_end: int
    rest_start: int


@lru_cache(maxsize=1)
def _class_then_names() -> tuple[re.Pattern, re.Pattern]:
    from loaders.citations import UPPER, patterns
    name = rf"[{UPPER}][^\s,;:]*(?:\s+[^\s,;:]+){{0,5}}?"
    rows = patterns("body_phrases.csv")
    heads = {t.casefold() for t, _ in rows.get("body_head", ())}
    units = [t for t, _ in rows.get("unit_class", ()) if t.casefold() in heads]   # "bộ", "sở": a member is "Bộ X"
    plural = _alt(t for t, _ in _words("plural"))
    kinds = _alt(t for t, _ in _words("unit_head"))   # "UBND các tỉnh Lai Châu, Nghệ An": an organ before the places' kind
    return (re.compile(rf"^(?:(?P<cls>(?i:{plural})\s+(?i:{_alt(units)}))|[^\W\d_][^,;:\n]*?\s(?i:{plural})\s+(?:{kinds}))"
                       rf"(?=\s+{name}\s*,\s*[{UPPER}])"),
            re.compile(rf"(?:\s*,|\s+(?i:{_alt(t for t, _ in _words('separator'))}))\s+(?=(?i:{plural})\s)"))


@lru_cache(maxsize=8192)  # pure, and asked for the same phrases again and again
def class_then_names(text: str) -> ClassMembers | None:
    """A plural class word that heads its members' names right before capitalised names listed with commas
    ("các bộ Công an, Quốc phòng, Xây dựng"; an organ of places: "UBND các tỉnh Lai Châu, Nghệ An"): a list
    of that class's members, as after a colon, up to another class ("... và các tỉnh ven biển")."""
    head, other = _class_then_names()
    m = head.match(text)
    if not m or m.group("cls") and fold(text[m.end():].split(",", 1)[0].strip()) not in _name_tails():
        return None   # "các ban Đảng, Ban Cán sự đảng": "Đảng" names no board, "các ban Đảng" is a class
    if fold(text[m.end():].split(",", 1)[0].strip()) in _regions():
        return None   # "UBND các tỉnh Tây Nguyên, Nam Trung Bộ": regions, the class's places, not its members
    nxt = other.search(text, m.end())
    return ClassMembers(m.end(), nxt.start() if nxt else len(text), nxt.end() if nxt else len(text))


@lru_cache(maxsize=1)
def _organ_over_members() -> re.Pattern:
    """An organ, then a plural class word heading its members' names, ending the text ("Ban Chỉ huy phòng chống thiên
    tai các Bộ Quốc phòng")."""
    from loaders.citations import patterns
    rows = patterns("body_phrases.csv")
    heads = {t.casefold() for t, _ in rows.get("body_head", ())}
    units = [t for t, _ in rows.get("unit_class", ()) if t.casefold() in heads]
    return re.compile(rf"[^\W_][^,;:\n]*?\s(?i:{_alt(t for t, _ in _words('plural'))})\s+(?i:{_alt(units)})\s+(?P<members>[^;:\n]+)$")


def organ_over_members(current: str, piece: str) -> bool:
    """"Ban Chỉ huy ... các Bộ Quốc phòng" + "," + "Công an": the organ of each member of the class, one addressee
    (the members' names known to the body data, without their head word)."""
    m = _organ_over_members().match(current.strip())
    return bool(m) and all(fold(n.strip()) in _name_tails() for n in (*m.group("members").split(","), piece.strip(" .")))


@lru_cache(maxsize=1)
def _such_as_re() -> re.Pattern:
    from loaders.citations import UPPER
    plural = _alt(t for t, _ in _words("plural"))
    return re.compile(rf"^\s*(?i:{plural})\s+[^\W\d_]+(?:\s+[^\W\d_]+){{0,2}}?\s+(?i:{_alt(t for t, _ in _words('such_as'))})"
                      rf"\s+(?=[{UPPER}])")


def named_after_such_as(text: str) -> int:
    """Where the named bodies start after "các đơn vị như " opening a list ("các đơn vị như Công an thành phố, Sở Y
    tế": the class only announces its examples); 0 when the list opens otherwise."""
    m = _such_as_re().match(text)
    return m.end() if m else 0


@lru_cache(maxsize=8192)  # pure, and asked for the same phrases again and again
def find_colon_list(text: str) -> ColonList | None:
    """The "head: items" list of ``text`` (items run to its end), expanded; None when there is none
    or an item cannot be named for sure. "các bộ Công an, Quốc phòng" is read as "các bộ: Công an, Quốc phòng"."""
    members = class_then_names(text)
    if members:   # the space after the class words stands for the colon: offsets unchanged
        found = find_colon_list(f"{text[:members.class_end]}:{text[members.class_end + 1:members.names_end]}")
        if found and found.start == 0:
            return found
    g = _grammar()
    for m in g["head"].finditer(text):
        classes = [fold(c.group(0)) for c in g["class_word"].finditer(m.group("classes"))]
        prefixes = [g["prefix"][c] for c in classes if c in g["prefix"]]
        kinds = [c for c in classes if c in g["units"]]
        head_start = m.start()
        organ = ""
        if kinds:
            if not m.group("plural"):
                continue
            organ_start = _organ_start(text, m.start())
            organ = BRACKETED.sub("", text[organ_start:m.start()]).strip()   # "Ủy ban nhân dân (UBND)"
            if not organ:
                continue  # "các tỉnh: A, B" names places, not bodies
            head_start = organ_start
        elif prefixes:
            head_start = _post_before_head(text, m.start())
        items = []
        end = len(text)
        if kinds:
            end = _list_end(text, m.end(), lambda item: bool(refdata.find_units(item) or refdata.find_province_2025(item))
                            or not opens_addressee(item))
        elif prefixes:   # "Bộ: Quốc phòng, Y tế; Bí thư, Chủ tịch UBND ...": a post ends the list ("Ban Bí thư" has a tail "Bí thư")
            end = _list_end(text, m.end(), lambda item: fold(item) in _name_tails() and not post_start().match(item))
        other = _class_then_names()[1].search(text, m.end(), end) if kinds or prefixes else None
        end = other.end() if other else end   # "Bộ: Quốc phòng, Công Thương và các bộ, ngành liên quan": a class ends the list
        for s, e in split_items(text, m.end(), end):
            name = _item_name(text[s:e].strip(), prefixes[:1], kinds, organ)
            if name is not None:
                items.append(ListItem(name, s, e))
            elif prefixes or kinds:
                return None
            # "các sở, ngành: Công Thương, Công an Thành phố": with no head word to add, only the
            # items that name their own body are known
        if items:
            return ColonList(head_start, tuple(items), end)
    return None


def _post_before_head(text: str, head_at: int) -> int:
    """Where a post right before "các Bộ:" starts ("Bộ trưởng các Bộ: Quốc phòng, Y tế"): the post asks
    each ministry of the list, so it belongs to its head, not an addressee of its own."""
    m = _post_before().search(text, 0, head_at)
    return m.start("post") if m else head_at


@lru_cache(maxsize=1)
def _post_before() -> re.Pattern:
    return re.compile(rf"(?:^|[,;\n]\s*)(?P<post>{_phrase_alt('post')})\s+$")


@lru_cache(maxsize=None)
def _phrase_alt(kind: str) -> str:
    """The alternation of one kind of body_phrases.csv ("post", "body_head")."""
    from loaders.citations import patterns
    return _alt(t for t, _ in patterns("body_phrases.csv").get(kind, ()))


def _list_end(text: str, start: int, is_item) -> int:
    """Where a "Bộ: A, B" list ends: at a ";" after items written with "," when what follows is no
    item of the list (``is_item``: "Bộ trưởng các Bộ: Quốc phòng, Y tế; Chủ tịch UBND các tỉnh" -> before
    "; Chủ tịch"; "Chủ tịch UBND các tỉnh: Nghệ An, Hà Tĩnh; Bộ trưởng" -> before "; Bộ trưởng"); the
    text's end otherwise ("Bộ: Tài chính; Xây dựng", "Bộ: Quốc phòng, Công an; Y tế")."""
    for semi in re.finditer(";", text[start:]):
        at = start + semi.start()
        following = re.split(r"[,;]", text[at + 1:], maxsplit=1)[0].strip(" .")
        if "," not in text[start:at]:
            # "các tỉnh: Khánh Hòa; Đắk Lắk, Gia Lai; Bộ trưởng ...": items written with ";" run on to an addressee
            if following and not is_item(following) and opens_addressee(following):
                return at
            continue
        if following and not is_item(following):
            return at
    return len(text)


def _organ_start(text: str, plural_at: int) -> int:
    """Where the organ before "các tỉnh, thành phố:" starts ("Ủy ban nhân dân", "UBND")."""
    stops = list(_grammar()["organ_stop"].finditer(text, 0, plural_at))
    return stops[-1].end() if stops else 0


def _item_name(item: str, prefixes: list[str], kinds: list[str], organ: str) -> str | None:
    if prefixes and fold(item) in _name_tails():
        return f"{prefixes[0]} {item}"    # "Bộ: ...; Công an" -> "Bộ Công an"
    if _body_start().match(item) or prefixes and _post_body().match(item):
        return item                       # "Công an Thành phố", "Chánh Văn phòng Ban chỉ đạo ...": a body's name
    if kinds:
        kind = _unit_kind(item, kinds)
        return f"{organ} {kind} {item}" if kind else None
    return f"{prefixes[0]} {item}" if prefixes else None


@lru_cache(maxsize=1)
def _post_body() -> re.Pattern:
    """An item that is a post of a named body ("và Chánh Văn phòng Ban chỉ đạo ..." after "Bộ: A, B")."""
    return re.compile(rf"(?:{_phrase_alt('post')})\s+(?:{_phrase_alt('body_head')})(?![^\W_])")


def _unit_kind(name: str, kinds: list[str]) -> str | None:
    """"Hải Phòng" among "tỉnh, thành phố" -> "thành phố" (from the admin units); the one kind
    listed when there is one; None when the data cannot tell."""
    province_level = "tỉnh" in kinds
    found = {u.kind for u in refdata.find_units(name)
             if (isinstance(u, Province) if province_level else isinstance(u, District)) and u.kind in kinds}
    new = refdata.find_province_2025(name) if province_level and not found else None
    if new is not None and new.kind in kinds:
        found = {new.kind}   # "Huế": a province since 2025, a district before
    if len(found) == 1:
        return found.pop()
    return kinds[0] if len(kinds) == 1 else None


def expand_list(text: str) -> tuple[ListItem, ...]:
    """The bodies of a colon list ("Các Sở: Y tế, Công Thương") with their offsets in ``text``;
    () when ``text`` holds no colon list."""
    found = find_colon_list(text)
    return found.items if found else ()


# ---------------------------------------------------------------- addressee classes

# The group of offices and sectors ("ban, ngành, cơ quan"): a list of them alone is an ordinary class
# of bodies; a list that also names another level of the political system (cấp ủy, chính quyền,
# Mặt trận ...) is an addressee list.
_OFFICES = "sector"
MASS = "mass"   # the mass organisations ("các đoàn thể chính trị - xã hội"): "các hội, đoàn thể chính trị - xã hội" is one class


@lru_cache(maxsize=1)
def _elliptic_class_re() -> re.Pattern:
    """"các Chi, Đảng bộ": one word written once for two classes (body_phrases elliptic_class rows), whatever the case."""
    from loaders.citations import patterns
    words = [t for t, _ in patterns("body_phrases.csv").get("elliptic_class", ())]
    return re.compile(rf"(?<![^\W_])(?i:{_alt(words) if words else '(?!)'})(?![^\W_])")


@lru_cache(maxsize=1)
def _addressee_re() -> tuple[re.Pattern, dict[str, str]]:
    rows = _words("addressee")
    plural = _alt(t for t, _ in _words("plural"))
    pattern = re.compile(rf"(?P<plural>(?i:{plural})\s+)?(?P<word>(?i:{_alt(t for t, _ in rows)}))(?![^\W_])")
    return pattern, {_class_key(t): g for t, g in rows}


def addressee_end(text: str, pos: int) -> int | None:
    """End of the addressee class word at ``pos`` ("tổ chức đảng" in "... tổ chức đảng nghiêm túc"):
    a verb-like word there ("tổ chức") is part of the class, not the predicate."""
    m = _addressee_re()[0].match(text, pos)
    return m.end() if m else None


def addressee_group(text: str) -> str | None:
    """The group (body_lists.csv addressee value: party, state, front, mass, sector) of the class
    ``text`` starts with ("các tổ chức chính trị - xã hội của tỉnh" -> mass), else None."""
    pattern, groups = _addressee_re()
    m = pattern.match(text)
    return groups.get(_class_key(m.group("word"))) if m else None


def _class_key(word: str) -> str:
    """The key of a class word as the rows write it: the pattern takes "chính trị-xã hội" and "chính trị – xã
    hội" as "chính trị - xã hội", so does the key."""
    return re.sub(r"\s*[-–—]\s*", " - ", re.sub(r"\s+", " ", word.lower()))


@lru_cache(maxsize=8192)  # pure, and asked for the same phrases again and again
def split_addressees(text: str) -> tuple[ListItem, ...]:
    """The classes of an addressee list, one item per level of the political system:
    "các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể" -> "các cấp ủy, tổ
    chức đảng" | "chính quyền" | "Mặt trận Tổ quốc" | "các đoàn thể". A piece starting with "các",
    after "và", or of another group starts a new item; () when ``text`` is not such a list."""
    pattern, groups = _addressee_re()
    g = _grammar()
    pieces, pos = [], 0
    elliptic = [(m.start(), m.end()) for m in _elliptic_class_re().finditer(text)]
    for m in g["separator"].finditer(text):
        if any(s <= m.start() < e for s, e in elliptic):
            continue   # "cấp ủy các Chi, Đảng bộ cơ sở": the comma inside one elliptic class
        pieces.append((pos, m.start(), m.group(0).strip()))
        pos = m.end()
    pieces.append((pos, len(text), ""))
    items: list[list] = []       # [start, end, group]
    seen: set[str] = set()
    for k, (s, e, _) in enumerate(pieces):
        piece = text[s:e]
        if not piece.strip():
            continue
        m = pattern.match(piece)
        if not m or m.group("word")[:1].isupper() and piece[m.end():].lstrip()[:1].isupper():
            return ()  # not a class, or a named body: "Ban Dân vận Huyện ủy", "Hội Nông dân tỉnh"
        group = groups.get(_class_key(m.group("word")))
        seen.add(group)
        joined_by = pieces[k - 1][2] if k else ""
        if items and not m.group("plural") and joined_by in (",", ";") \
                and (items[-1][2] == group or (items[-1][2], group) == (_OFFICES, MASS)) \
                and not m.group("word")[:1].isupper():   # "các hội, đoàn thể chính trị - xã hội tỉnh": one class
            items[-1][1] = e
        else:
            items.append([s, e, group])
    if not items or seen <= {_OFFICES}:
        return ()
    return tuple(ListItem(text[s:e].strip(" .,;"), s, e) for s, e, _ in items)


# ---------------------------------------------------------------- recipients in prose

@lru_cache(maxsize=1)
def _committee_groups() -> tuple[re.Pattern, dict[str, str]]:
    from loaders.citations import patterns
    rows = patterns("body_phrases.csv").get("committee_class", ())
    return re.compile(rf"(?i:{_alt(t for t, _ in rows)})(?![^\W_])"), {t: g or "committee" for t, g in rows}


def _committee_group(text: str, last: bool = False) -> str | None:
    pattern, groups = _committee_groups()
    found = list(pattern.finditer(text))
    return groups.get(re.sub(r"\s+", " ", found[-1 if last else 0].group(0).lower())) if found else None


def split_recipients(text: str) -> tuple[ListItem, ...]:
    """The addressees of a list written in a sentence ("gửi các tỉnh ủy, thành ủy, các ban đảng, Ban
    cán sự đảng ..."), each as written: a colon list is expanded; otherwise a piece starting with
    "các" or a capital starts a new addressee, a lower-case piece continues the one before ("thành
    ủy"), and "các đảng ủy ..." continues a class of committees of its group ("các quận ủy, huyện ủy,
    các đảng ủy trực thuộc"); an organ before "các" holds over a named committee ("Ban Thường vụ các
    huyện ủy, Thành ủy Huế")."""
    colon = find_colon_list(text)
    if colon:
        seps = _alt(t for t, _ in _words("separator"))
        head = re.sub(rf"(?:\s+(?i:{seps})|[,;])\s*$", "", text[:colon.start].rstrip()).strip()
        before = split_recipients(head) if head else ()
        rest = text[colon.end:].lstrip(" ;")
        after = tuple(ListItem(it.name, len(text) - len(rest) + it.start, len(text) - len(rest) + it.end)
                      for it in split_recipients(rest)) if rest.strip(" .") else ()
        return before + colon.items + after
    items: list[list[int]] = []      # [start, end] of each addressee
    pos, sep = 0, ""
    for m in [*_grammar()["separator"].finditer(text), None]:
        s, e = pos, (m.start() if m else len(text))
        piece = text[s:e].strip(" .")
        if piece:
            if items and _continues_item(text[items[-1][0]:items[-1][1]], piece, sep):
                items[-1][1] = e
            else:
                items.append([s + text[s:e].index(piece), e])
        pos, sep = (m.end(), m.group(0).strip()) if m else (len(text), "")
    return tuple(ListItem(text[s:e].strip(" .;,"), s, s + len(text[s:e].rstrip(" .;,"))) for s, e in items)


def _continues_item(current: str, piece: str, sep: str) -> bool:
    """Whether ``piece``, after ``sep``, goes on with the addressee ``current``."""
    if sep not in (",", ";"):   # "và" joins two addressees, but inside a known name ("các sở giáo dục và đào tạo")
        return piece[:1].islower() and (joins_name(current, sep, piece) or continues_units(current, piece)
                                        or belongs_on(piece))
    plural = _plural_re()
    group = _committee_group(current, last=True)
    m = plural.match(piece)
    if m:  # "các quận ủy, huyện ủy, các đảng ủy trực thuộc": one class of committees
        rest = piece[m.end():]
        return rest[:1].islower() and bool(plural.match(current)) and group is not None \
            and group == _committee_group(rest)
    if piece[:1].islower() or organ_over_members(current, piece):
        return True
    # "Ban Thường vụ các huyện ủy, thị ủy, Thành ủy Huế": the organ holds over the named committee
    words = piece.split()
    return bool(re.match(r"\S.*?\s", current) and plural.search(current) and not current[:1].islower()
                and len(words) >= 3 and all(w[:1].isupper() for w in words[2:]) and group is not None
                and _committee_group(piece) == group and not plural.match(current))


@lru_cache(maxsize=1)
def _belonging_re() -> re.Pattern:
    return re.compile(rf"(?:{_alt(t for t, _ in _words('belonging'))})\s")


def belongs_on(piece: str) -> bool:
    """"các bệnh viện trực thuộc Bộ Y tế" + "và" + "thuộc trường đại học": a second parent of the same item."""
    return bool(_belonging_re().match(piece.lstrip()))


def continues_units(current: str, rest: str) -> bool:
    """"Chủ tịch UBND các quận, huyện, thị xã" + "và" + "xã, phường, thị trấn": kinds of units after kinds of units
    go on with the same list."""
    units = _unit_kind_re()
    first = re.split(r"[,;]", rest, maxsplit=1)[0].strip()
    return bool(units.fullmatch(first) and units.search(current.rstrip(" ,;")))


def joins_name(current: str, sep: str, piece: str) -> bool:
    """"các sở giáo dục" + "và" + "đào tạo": the words around ``sep`` end a known name's tail."""
    before, after = fold(current).split(), re.split(r"[,;]", fold(piece), maxsplit=1)[0].split()
    return any(" ".join([*before[k:], fold(sep), *after[:j]]) in _name_tails()
               for k in range(len(before)) for j in range(1, min(len(after), 6) + 1))


@lru_cache(maxsize=1)
def _unit_kind_re() -> re.Pattern:
    """A kind of district or commune ("thị xã", "phường") ending a list of units."""
    from loaders import grammar as G
    return re.compile(rf"(?<![^\W_])(?:{_alt(G.words('district_kind') + G.words('commune_kind'))})$", re.I)


@lru_cache(maxsize=1)
def _plural_re() -> re.Pattern:
    return re.compile(rf"(?i:{_alt(t for t, _ in _words('plural'))})\s+(?=\S)")


# ---------------------------------------------------------------- recipients

def recipient_names(st, spans: list[Span]) -> list[tuple[str, Span]]:
    """Kính gửi entries of a SourceText -> (name, evidence): a colon list is expanded (its items may
    have been cut at ";" into entries of one line: "Bộ: Quốc phòng; Công an"); other entries as written."""
    out: list[tuple[str, Span]] = []
    i = 0
    while i < len(spans):
        j = i + 1
        while j < len(spans) and "\n" not in st.work[spans[j - 1].end:spans[j].start]:
            j += 1  # entries of one line
        s, e = spans[i].start, spans[j - 1].end
        found = find_colon_list(st.work[s:e])
        if not (found and found.start == 0):
            s, e, j = spans[i].start, spans[i].end, i + 1   # an entry of its own that is a list
            found = find_colon_list(st.work[s:e])
        if found and found.start == 0:
            out.extend((it.name, st.span(s + it.start, s + it.end)) for it in found.items)
            i += 1
            while i < j and spans[i].start < s + found.end:
                i += 1   # the entries the list took; those after its end are entries of their own
            continue
        span = _without_address(st, spans[i])
        value = st.value(span.start, span.end)
        if re.search(r"[^\W\d_]", value):  # a table cell "|" left alone is no recipient
            out.append((value, span))
        i += 1
    return out


def _without_address(st, span: Span) -> Span:
    """"Công ty TNHH X (Đ/c: tầng 22 ..., Hà Nội - MST: ...)": the addressee without its postal address."""
    m = _address_re().search(st.work, span.start, span.end)
    return st.span(span.start, m.start()) if m and m.start() > span.start else span


@lru_cache(maxsize=1)
def _address_re() -> re.Pattern:
    from loaders.header_vocab import markers   # header_vocab reads the reference tables as this module does
    return re.compile(rf"\s*\(\s*{_alt(r['spelling'] for r in markers('address_label'))}\s*:")


__all__ = ["ListItem", "ColonList", "ClassMembers", "class_then_names", "expand_list", "find_colon_list", "inside_known_name", "opens_addressee", "split_items", "split_addressees",
           "addressee_end", "known_name_end", "organ_over_members", "split_recipients", "recipient_names"]
