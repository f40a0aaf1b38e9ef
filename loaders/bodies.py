"""Body names: complete relative names with the document's locality, resolve spellings to one body.

``complete_name`` keeps the writer's style ("UBND tỉnh" -> "UBND tỉnh Ninh Bình"); it is what the
parsers put into records. ``resolve_body`` gives the one canonical body behind any spelling
("BTG Tỉnh ủy Ninh Bình", "Ban Tuyên giáo Tỉnh ủy" in a Ninh Bình document, ...) with its level,
channel, locality, parent and numbering authority; its ``name`` is the IRI key.

All names, abbreviations and templates come from data/reference (see loaders/refdata.py).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from loaders import grammar as G
from loaders import refdata
from loaders.context import DocContext
from loaders.refdata import BodyTemplate, District, Province, Unit, fold
from loaders.slug import slug
from loaders.text import clean, unify_tones


@dataclass(frozen=True)
class Body:
    """One real body (or a class of bodies, kind "group"); equal when the canonical name is."""

    name: str                         # canonical, spelled out: "Ủy ban nhân dân tỉnh Ninh Bình"
    kind: str = "body"                # body | group
    level: str | None = None          # central | province | district | commune | sector
    channel: str | None = None        # party | state | front | armed
    province: str | None = None       # 2020 province of its locality
    district: str | None = None
    parent: str | None = None         # canonical name of the body it belongs to (group: the body it is within)
    authority: str | None = None      # whose numbering series its documents use
    labels: tuple[str, ...] = field(default=(), compare=False)  # spellings it was resolved from

    @property
    def iri_path(self) -> str:
        """"body/ban-tuyen-giao-tinh-uy-ninh-binh" or "group/..." (to append to the dkgid namespace)."""
        return f"{'group' if self.kind == 'group' else 'body'}/{slug(self.name)}"


# --- words and patterns built from the reference data ------------------------------------------------

# Grammar, not names: a plural or collective marker before a kind word ("các tỉnh", "cấp tỉnh").
_COLLECTIVE_BEFORE = re.compile(G.expand(r"(?:^|\s)%(collective)s\s*$"), re.I)
_PLURAL = re.compile(G.expand(r"(?:^|\s)%(plural)s\s"), re.I)
_DANGLING_PARENT = re.compile(G.expand(r"(?:^|\s)%(under)s$"), re.I)
_COMMITTEE_CLASS = re.compile(G.expand(r"(?i:%(committee_tail)s)(?![^\W_])"))   # "các đảng ủy, chi bộ trực thuộc"
_ANCHOR = re.compile(G.expand(r"\s(?:%(under)s|%(of)s)\s+"), re.I)
_OF = G.words("of_word")[0]   # "của"
_LAST_WORDS_COMMA = re.compile(r"([\w.]+(?:\s+[\w.]+)?)\s*,\s*$")  # "các quận, huyện, "
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")  # "Ia H'Drai" is one name


@lru_cache(maxsize=8192)  # pure, and asked for the same names again and again
def _normal(name: str) -> str:
    return clean(unify_tones(unicodedata.normalize("NFC", name))).strip(" .,;:")


@lru_cache(maxsize=1)
def _locality_regex() -> re.Pattern:
    words = sorted(refdata.locality_words(), key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<!\w)(?:(?P<of>{G.piece('of')})\s+)?(?P<word>{alternatives})\.?(?!\w)", re.I)


def _word(text: str) -> tuple[str, str] | None:
    """("unit", "thành phố") for "TP.", ("committee", "Tỉnh ủy") for "tỉnh ủy"."""
    return refdata.locality_words().get(fold(text))


@lru_cache(maxsize=1)
def _template_patterns() -> tuple[tuple[re.Pattern, BodyTemplate, str, int], ...]:
    """(full-match regex with a "slot" group, template, placeholder, literal length), longest first."""
    out = []
    for t in refdata.body_templates():
        for alias in dict.fromkeys((t.template, *t.aliases)):
            placeholder = re.search(r"\{(unit|committee)\}", alias)
            if not placeholder:
                continue
            pieces = []
            for token in alias.split():
                if token == placeholder.group(0):
                    pieces.append(r"(?P<slot>.+)")
                else:
                    pieces.append(re.sub(r"\\?[-–—]", "[-–—]", re.escape(unify_tones(token))))
            pattern = re.compile(r"\s+".join(pieces), re.I)
            out.append((pattern, t, placeholder.group(1), len(alias) - len(placeholder.group(0))))
    return tuple(sorted(out, key=lambda item: -item[3]))


@lru_cache(maxsize=1)
def acting_prefixes() -> tuple[str, ...]:
    """Organs that speak for a committee ("Ban Thường vụ", "BTV", "Thường trực"), from the templates
    whose numbering authority is the committee itself."""
    prefixes = []
    for t in refdata.body_templates():
        if t.authority == "{committee}":
            for alias in (t.template, *t.aliases):
                if alias.endswith(" {committee}"):
                    prefixes.append(alias[: -len(" {committee}")])
    return tuple(sorted(set(prefixes), key=len, reverse=True))


@lru_cache(maxsize=1)
def unit_prefixes() -> tuple[str, ...]:
    """Organs named by their unit ("UBND", "Ủy ban nhân dân", "Công an" before "tỉnh"): the templates and
    aliases that end with the unit."""
    prefixes = {alias[: -len(" {unit}")] for t in refdata.body_templates()
                for alias in (t.template, *t.aliases) if alias.endswith(" {unit}")}
    return tuple(sorted(prefixes, key=len, reverse=True))


# --- the document's locality -------------------------------------------------------------------------

@lru_cache(maxsize=256)
def _context_units(ctx: DocContext | None) -> tuple[Unit, ...]:
    """The document's own units, district first: [District Nam Trực, Province Nam Định]; from the
    locality fields, else from the committee / issuer names ("Thành ủy Nam Định" -> the city)."""
    if ctx is None:
        return ()
    province = refdata.find_province(ctx.province) if ctx.province else None
    district = None
    if ctx.district:
        district = refdata.find_district(ctx.district, province.name if province else None)
    if district is None:
        for name in (ctx.committee, ctx.issuer, ctx.parent_committee):
            found = _find_locality(name, province.name if province else None) if name else None
            if isinstance(found, District) and (province is None or found.province == province.name):
                district = found
                break
            if province is None and isinstance(found, Province):
                province = found
    if district and province is None:
        province = refdata.find_province(district.province)
    return tuple(u for u in (district, province) if u)


def _spelled(unit: Unit, role: str) -> str:
    return unit.committee_name if role == "committee" else unit.unit


@lru_cache(maxsize=8192)  # pure, and asked for the same places again and again
def _name_at(text: str, role: str | None = None, word: str | None = None) -> Unit | None:
    """The unit whose name starts ``text`` ("Nam Định, ..." -> Nam Định), longest first; with
    ``role``/``word`` only a unit of that kind or committee."""
    words = _TOKEN.findall(text)
    for k in range(min(8, len(words)), 0, -1):
        found = [u for u in refdata.find_units(" ".join(words[:k]))
                 if role is None or _fits(u, role, word)]
        if found:
            return found[0]
    return None


def _find_locality(text: str, prefer_province: str | None = None) -> Unit | None:
    """The last unit named in ``text`` with its kind or committee word ("... Tỉnh ủy Ninh Bình")."""
    for m in reversed(list(_locality_regex().finditer(text))):
        role, word = _word(m.group("word")) or (None, None)
        if role:
            unit = _parse_slot(text[m.start("word"):], role, prefer_province) or _name_at(text[m.end():], role, word)
            if unit:
                return unit
    return None


def _fits(unit: Unit, role: str, word: str) -> bool:
    return (unit.kind if role == "unit" else unit.committee) == word


@lru_cache(maxsize=8192)  # pure, and asked for the same places again and again
def _parse_slot(slot: str, placeholder: str, prefer_province: str | None = None) -> Unit | None:
    """A complete locality: "tỉnh Ninh Bình", "TP. Nam Định", "Đắk Lắk" (unit) or "Tỉnh ủy Ninh Bình"."""
    slot = slot.strip(" .,;:")
    if slot.lower().startswith(_OF + " "):
        slot = slot[len(_OF) + 1:]
    if placeholder == "committee":
        m = _locality_regex().match(slot)
        role_word = _word(m.group("word")) if m and not m.group("of") else None
        if not role_word or role_word[0] != "committee":
            return None
        candidates = [u for u in refdata.find_units(slot[m.end():].strip()) if u.committee == role_word[1]]
    else:
        candidates = list(refdata.find_units(slot))
        m = _locality_regex().match(slot)
        if not candidates and m and _word(m.group("word")) and m.end() < len(slot):
            role, word = _word(m.group("word"))
            if role == "unit":  # "tỉnh Ninh Bình" spelled as the data does not list it
                candidates = [u for u in refdata.find_units(slot[m.end():].strip()) if u.kind == word]
    if not candidates:
        return None
    candidates.sort(key=lambda u: (
        not (prefer_province and (u.name if isinstance(u, Province) else u.province) == prefer_province),
        isinstance(u, District)))
    return candidates[0]


# --- templates -----------------------------------------------------------------------------------------

def _fill(template: str, unit: Unit) -> str | None:
    """"Ban Tuyên giáo {committee}" + Ninh Bình -> "Ban Tuyên giáo Tỉnh ủy Ninh Bình"; None if a slot
    cannot be filled (a province has no {parent_unit})."""
    parent = refdata.find_province(unit.province) if isinstance(unit, District) else None
    values = {
        "unit": unit.unit, "committee": unit.committee_name,
        "parent_unit": parent.unit if parent else None,
        "parent_committee": parent.committee_name if parent else None,
    }
    if any(values.get(key) is None for key in re.findall(r"\{(\w+)\}", template)):
        return None
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


def _match_template(text: str, prefer_province: str | None = None,
                    day: str | None = None) -> tuple[BodyTemplate, Unit] | None:
    for slot, template, placeholder in _template_matches(text):
        unit = _parse_slot(slot, placeholder, prefer_province)
        unit = refdata.unit_on(unit, day) if unit else None
        if unit and unit.level in template.scopes:
            return template, unit
    return None


@lru_cache(maxsize=8192)  # pure, and the same names recur across a corpus (each document its own date)
def _template_matches(text: str) -> tuple[tuple[str, BodyTemplate, str], ...]:
    """(slot, template, placeholder) of every template pattern matching all of ``text``, in
    _template_patterns' order: what _match_template then tries in the document's place and date."""
    patterns = _template_patterns()
    return tuple((m.group("slot"), template, placeholder) for pattern, template, placeholder, _
                 in (patterns[i] for i in _starting_with(_FIRST_WORD.match(text).group()))
                 if (m := pattern.fullmatch(text)))


_FIRST_WORD = re.compile(r"\S*")


@lru_cache(maxsize=1)
def _first_tokens() -> tuple[tuple[re.Pattern | None, tuple[int, ...]], ...]:
    """The template patterns (their indexes) grouped by their first token: a pattern can match all of a
    name only when its first token matches all of the name's first word (a token holds no space);
    None for the patterns that open with the slot."""
    groups: dict[str, list[int]] = {}
    for i, (pattern, *_) in enumerate(_template_patterns()):
        groups.setdefault(pattern.pattern.split(r"\s+", 1)[0], []).append(i)
    return tuple((None if "(?P<slot>" in first else re.compile(first, re.I), tuple(indexes))
                 for first, indexes in groups.items())


@lru_cache(maxsize=1024)  # a few hundred first words ("Ban", "Sở", "UBND") recur
def _starting_with(word: str) -> tuple[int, ...]:
    """Indexes (in _template_patterns' order) of the template patterns a name starting with ``word`` may match."""
    return tuple(sorted(i for first, indexes in _first_tokens() if first is None or first.fullmatch(word) for i in indexes))


def _bloc_head(text: str) -> bool:
    """A bloc's committee ("Đảng ủy Khối các trường Đại học, Cao đẳng Hà Nội"): its "các" names the
    bloc's members, the whole one body (bloc_head rows of body_phrases.csv)."""
    return any(fold(text).startswith(fold(h) + " ") for h in _bloc_heads())


@lru_cache(maxsize=1)
def _bloc_heads() -> tuple[str, ...]:
    return tuple(r["text"] for r in refdata.table("body_phrases") if r["kind"] == "bloc_head")


def _open_template(text: str) -> tuple[BodyTemplate, str] | None:
    """The template whose head ends ``text`` before a bare unit word of its scopes ("Đảng ủy Khối các
    cơ quan tỉnh": the head "Đảng ủy Khối các cơ quan" and "tỉnh"; "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh")."""
    m = _bare_unit().fullmatch(text)
    template = _head_template(m.group("head"), bare_only=False) if m else None
    if template is None:
        return None
    unit = fold(m.group("unit"))
    kinds = {k for k, kind in (("province", "province_kind"), ("district", "district_kind"))
             if unit in {fold(w) for w in G.words(kind)}}
    level = next((s for s in template.scopes if s in kinds), None)   # "huyện": the district's, "tỉnh": the province's
    return (template, template.level or level) if level else None


@lru_cache(maxsize=1)
def _bare_unit() -> re.Pattern:
    units = G.alternation(G.words("province_kind") + G.words("district_kind"), "i")
    return re.compile(rf"(?P<head>.+?)\s+(?P<unit>{units})")


def _head_template(text: str, bare_only: bool = True) -> BodyTemplate | None:
    """A template whose head, without its locality, is ``text`` ("Mặt trận Tổ quốc", "Sở Y tế");
    with ``bare_only`` only templates marked bare (the head alone names the body of the context)."""
    return _head_index(bare_only).get(fold(text))


@lru_cache(maxsize=2)
def _head_index(bare_only: bool) -> dict[str, BodyTemplate]:
    """Folded head -> the first template (file order) with that head: _head_template's scan, done once."""
    index: dict[str, BodyTemplate] = {}
    for t in refdata.body_templates():
        if t.bare or not bare_only:
            for alias in (t.template, *t.aliases):
                head = re.sub(r"\s*\{\w+\}\s*", " ", alias).strip()
                if head:
                    index.setdefault(fold(head), t)
    return index


def _sector_head(text: str) -> BodyTemplate | None:
    """A department named by its head alone ("Sở Thông tin và Truyền thông"): as the issuer of a cited
    document ("Tờ trình số 1342/TTr-STTTT" of a province's decision) it is the Sở of the locality, as its
    symbol code would say; as an addressee it stays as written."""
    template = _head_template(text, bare_only=False)
    return template if template is not None and template.level == "sector" and template.channel == "state" else None


def _fill_in_context(template: BodyTemplate, units: tuple[Unit, ...]) -> tuple[str, Unit] | None:
    for unit in units:
        if unit.level in template.scopes:
            filled = _fill(template.template, unit)
            if filled:
                return filled, unit
    return None


# --- public API ----------------------------------------------------------------------------------------

def _dateless(function):
    """lru_cache keyed without the context's date, which completion does not read: the same names
    in the same locality recur across a corpus, each document with its own date."""
    cached = lru_cache(maxsize=8192)(function)

    def call(name: str, ctx: DocContext | None = None, cited: bool = False) -> str:
        return cached(name, _without_date(ctx) if ctx is not None and ctx.date is not None else ctx, cited)
    call.__doc__, call.__wrapped__ = function.__doc__, function
    return call


@lru_cache(maxsize=256)  # a document's context is asked for again and again
def _without_date(ctx: DocContext) -> DocContext:
    return replace(ctx, date=None)


@_dateless  # pure, and the same names recur across a corpus
def complete_name(name: str, ctx: DocContext | None = None, cited: bool = False) -> str:
    """Complete a relative body name with the document's locality, in the writer's style.

    ("UBND tỉnh", Ninh Bình) -> "UBND tỉnh Ninh Bình"; ("Ban Thường vụ Tỉnh ủy", Nam Trực) ->
    "Ban Thường vụ Tỉnh ủy Nam Định"; central aliases -> the canonical central name
    ("Ban Bí thư Trung ương Đảng" -> "Ban Bí thư"); anything else comes back whitespace-collapsed.

    A kind or committee word can fit both the document's own unit and the unit above it, when a
    city lies inside a city (Thành phố Thủ Đức in Thành phố Hồ Chí Minh: both committees are
    "Thành ủy"). It then names the document's own unit, unless ``cited``: the name is the issuer of
    a document this one cites, and directives come down the chain, so it names the unit above
    ("Ban Thường vụ Thành ủy" cited in a Thủ Đức document -> "... Thành ủy Hồ Chí Minh").
    """
    text = _normal(name)
    if not text:
        return clean(name)
    central = refdata.find_central_body(text)
    if central:
        return central.name
    units = _context_units(ctx)
    if not units:
        return _from_issuer(text, ctx)
    bare = _head_template(text) or (_sector_head(text) if cited else None)
    filled = _fill_in_context(bare, units) if bare else None
    if filled:
        return filled[0]
    completed = _complete_words(text, units, cited)
    for _ in range(4):  # a filled name can make the next word completable: reach the fixed point
        again = _complete_words(completed, units, cited)
        if again == completed:
            break
        completed = again
    if _DANGLING_PARENT.search(completed):  # "các đảng ủy trực thuộc" -> "... trực thuộc Huyện ủy Nam Trực"
        if ctx.channel == "state" and ctx.issuer and not _COMMITTEE_CLASS.search(completed):
            completed = f"{completed} {_normal(ctx.issuer)}"   # "các cơ quan, đơn vị trực thuộc" UBND quận 10's
        else:
            completed = f"{completed} {_normal(ctx.committee) if ctx.committee else units[0].committee_name}"
    return _from_issuer(completed, ctx) if completed == text else completed


# Commune kind words: communes are not in the admin unit data, so a commune is known only by its name
# in the document's own issuer ("Đảng ủy xã Hoa Thành").
_COMMUNE_WORD = re.compile(G.expand(r"(?:^|\s)(%(commune_kind)s)$"))
_UNIT_KIND_END = re.compile(G.expand(r"(?:^|\s)%(unit_kind)s$"))   # "thị xã" ends in a commune word


def _from_issuer(text: str, ctx: DocContext | None) -> str:
    """A name that stops where the document's own issuer's name goes on: "Ban Tuyên giáo Đảng ủy
    Khối" in a document of "Đảng ủy Khối các cơ quan tỉnh Hải Dương"; in a commune's document,
    "Ủy ban nhân dân xã" -> "Ủy ban nhân dân xã Hoa Thành"."""
    own = _normal(ctx.issuer) if ctx is not None and ctx.issuer else ""
    if not own:
        return text
    if ctx.level == "commune" and _spelled_alike(text, own):
        return own   # "UBND xã Tây Sơn" in a document of "Ủy ban nhân dân xã Tây Sơn": its own name
    words, own_words = text.split(), own.split()
    for k in range(min(len(words), len(own_words) - 1), 1, -1):
        if fold(" ".join(words[-k:])) == fold(" ".join(own_words[:k])):
            return " ".join(words[:-k] + own_words)
    m = None if _UNIT_KIND_END.search(text) else _COMMUNE_WORD.search(text)
    if m and ctx.level == "commune" and not _PLURAL.search(text):  # "UBND các xã, phường": a class
        place = re.search(rf"(?:^|\s){m.group(1)}\s+(\S.*)$", own)
        if place and place.group(1)[:1].isupper():
            return f"{text} {place.group(1)}"
    return text


def _spelled_alike(a: str, b: str) -> bool:
    """Two spellings of one template and place ("UBND xã Tây Sơn", "Ủy ban nhân dân xã Tây Sơn"): a commune,
    which is in no unit table, is known by its name only."""
    def read(name: str) -> tuple[str, str] | None:
        return next(((template.template, fold(slot)) for slot, template, _ in _template_matches(unify_tones(name))), None)
    return a != b and read(a) is not None and read(a) == read(b)


def _complete_words(text: str, units: tuple[Unit, ...], cited: bool = False) -> str:
    for m in reversed(list(_locality_regex().finditer(text))):
        role, word = _word(m.group("word")) or (None, None)
        if role is None or _COLLECTIVE_BEFORE.search(text[: m.start()]) or _in_list(text[: m.start()]):
            continue
        rest = text[m.end():]
        at_end = not rest.strip(" .")
        before_punct = rest[:1] in (",", ";", ")") or rest.lstrip().startswith("(")
        mid_committee = (role == "committee" and m.group("word")[0].isupper() and rest[:1].isspace()
                         and _name_at(rest) is None)
        if not (at_end or before_punct or mid_committee):
            continue
        fitting = [u for u in units if _fits(u, role, word)]  # own unit first, the one above last
        if not fitting:
            continue
        unit = fitting[-1] if cited else fitting[0]
        filled = _spelled(unit, role)
        head = text[: m.start()].rstrip()
        if m.group("of") and not _match_template(f"{head} {filled}"):
            filled = f"{_OF} {filled}"  # keep "của" unless a body name reads without it
        text = f"{head} {filled}{rest}".strip() if head else f"{filled}{rest}"
    return text


@lru_cache(maxsize=8192)  # pure, and asked for the same names again and again
def _in_list(before: str) -> bool:
    """"các quận, huyện, " before "thị xã": a list of kinds, not a body."""
    m = _LAST_WORDS_COMMA.search(before)
    return bool(m and (_word(m.group(1)) or _word(m.group(1).split()[-1])))


def resolve_body(name: str, ctx: DocContext | None = None) -> Body | None:
    """The canonical body behind a name as written; None for generic non-names ("các cơ quan chức năng")."""
    return _resolve_body(name, _period_context(ctx) if ctx is not None and ctx.date is not None else ctx)


@lru_cache(maxsize=256)  # a document's context is asked for again and again
def _period_context(ctx: DocContext) -> DocContext:
    """The context with one date for all the documents whose date chooses the same units (refdata.unit_on)."""
    return replace(ctx, date=refdata.same_units_day(ctx.date))


@lru_cache(maxsize=4096)  # pure, and the same names recur in the same place and period; resolving is slow
def _resolve_body(name: str, ctx: DocContext | None) -> Body | None:
    text = _normal(name)
    if not text:
        return None
    completed = complete_name(text, ctx)
    labels = tuple(dict.fromkeys((text, completed)))
    central = refdata.find_central_body(completed)
    if central:
        return Body(central.name, "body", central.level, central.channel, None, None, central.parent,
                    central.authority, labels)
    if not any(c.isupper() for c in completed[1:]) and (_PLURAL.match(completed) or completed[:1].islower()):
        return None
    units = _context_units(ctx)
    prefer = next((u.name for u in units if isinstance(u, Province)), None)
    day = ctx.date if ctx else None   # the document's date chooses the units in place
    match = _match_template(completed, prefer, day)
    if match is None:  # "Sở Y tế" in a Hà Nội document: the head of a local template
        head = _head_template(completed, bare_only=False)
        filled = _fill_in_context(head, units) if head else None
        match = (head, filled[1]) if filled else None
    if match:
        return _from_template(*match, labels)
    open_ = _open_template(completed)
    if open_ is not None:   # "Đảng ủy Khối các cơ quan tỉnh": one body of a place not written, no class
        return Body(completed, "body", open_[1], open_[0].channel, None, None, None, completed, labels)
    if _PLURAL.search(completed) and not _bloc_head(completed):
        return _group(completed, ctx, prefer, labels)   # "Đảng ủy Khối các trường ...": one bloc's committee
    organ = _acting_organ(completed, ctx, labels)
    if organ:
        return organ
    unit = _find_locality(completed, prefer)
    unit = refdata.unit_on(unit, day) if unit else None
    province, district = _place(unit)
    level = unit.level if unit else _guess("levels.csv", completed)
    return Body(completed, "body", level, _guess("channels.csv", completed), province, district, None,
                completed, labels)


def _guess(code_list: str, text: str) -> str | None:
    """The code of the leftmost spelling of a code list in ``text`` (the head noun comes first):
    "Hội Nông dân ..." -> front, "Ủy ban nhân dân các tỉnh ..." -> province."""
    best = None
    for spelling, code in refdata.code_spellings(code_list):
        m = re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", text, re.I)
        if m and (best is None or (m.start(), -len(spelling)) < best[0]):
            best = ((m.start(), -len(spelling)), code)
    return best[1] if best else None


def _place(unit: Unit | None) -> tuple[str | None, str | None]:
    if isinstance(unit, District):
        return unit.province, unit.name
    if isinstance(unit, Province):
        return unit.name, None
    return None, None


def _from_template(template: BodyTemplate, unit: Unit, labels: tuple[str, ...]) -> Body:
    name = _fill(template.template, unit)
    parent = next((p for p in (_fill(t, unit) for t in template.parents) if p), None)
    authority = _fill(template.authority, unit) if template.authority else name
    province, district = _place(unit)
    return Body(name, "body", template.level or unit.level, template.channel, province, district,
                parent, authority, labels + ((name,) if name not in labels else ()))


def _acting_organ(text: str, ctx: DocContext | None, labels: tuple[str, ...]) -> Body | None:
    """"Ban Thường vụ Đảng ủy Khối Doanh nghiệp Trung ương": an organ speaking for a known body."""
    for prefix in acting_prefixes():
        if fold(text).startswith(fold(prefix) + " "):
            inner = resolve_body(text[len(prefix):], ctx)
            if inner and inner.kind == "body" and inner.channel:
                name = f"{prefix} {inner.name}"
                return Body(name, "body", inner.level, inner.channel, inner.province, inner.district,
                            inner.name, inner.authority, labels)
    return None


def _group(text: str, ctx: DocContext | None, prefer: str | None, labels: tuple[str, ...]) -> Body:
    """A class of bodies ("các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy Ninh Bình")."""
    within = None
    anchors = list(_ANCHOR.finditer(text))
    if anchors:
        inner = resolve_body(text[anchors[-1].end():], ctx)
        within = inner if inner and inner.kind == "body" and inner.channel else None
    unit = _find_locality(text, prefer)
    province, district = _place(unit)
    if within:
        return Body(text, "group", within.level, within.channel, within.province or province,
                    within.district or district, within.name, None, labels)
    level = unit.level if unit else _guess("levels.csv", text)
    return Body(text, "group", level, _guess("channels.csv", text), province, district, None, None, labels)


def numbering_authority(issuer: str, ctx: DocContext | None = None) -> str:
    """Whose numbering series the issuer's numbers belong to: "Ban Thường vụ Tỉnh ủy Nam Định" ->
    "Tỉnh ủy Nam Định"; "Bộ Chính trị" -> "Trung ương"; "Văn phòng Chính phủ" -> itself."""
    body = resolve_body(issuer, ctx)
    return body.authority if body and body.authority else _normal(issuer)


def issuer_from_number(number: str, ctx: DocContext | None = None) -> str | None:
    """The issuing body told by a number's symbol: "16/CT-TTg" -> "Thủ tướng Chính phủ";
    "1100-CV/TU" in a Nam Trực document -> "Tỉnh ủy Nam Định". None when the symbol cannot tell."""
    code = refdata.find_issuer_code(number)
    if code is None or not code.body:
        return None
    if "{" not in code.body:
        return code.body
    if ctx is not None and ctx.level == "central":
        return None   # a central body's place ("Hà Nội") is no unit of the local bodies it cites
    units = _context_units(ctx)
    for scope in code.scopes:
        level, _, kind = scope.partition(":")
        for unit in units:
            if unit.level == level and (not kind or unit.kind == kind):
                return _fill(code.body, unit)
    return None
