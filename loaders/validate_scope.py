"""The corpus-wide SHACL checks of a build that changes some files, run only over the focus nodes the
change can affect (issue 15: adding 1,000 files to a built store); the results of the others are
kept from the last build (loaders.validate_memo).

The bound (why it equals a whole validation). A check's answer for a focus node is decided by the
triples its query matches; each of those lies on a chain of at most ``hops`` triples from the focus
(shacl_sparql.reach_with_constants, from the parsed query: its target and every pattern, negated
ones too, joined to ?this through variables). A focus node whose answer differs between the last
validated graph and this one has, on such a chain in one of the two, a changed triple (added or
removed); along the chain up to the first changed triple every triple is unchanged, so it is in the
graph of now. Hence the focus node is reached from the near end of a changed triple (the end nearer
the focus in the pattern that can match it: the predicate, the side, and the IRIs a constant far
end must be) by at most as many steps back along triples of the store now as that end can lie from
the focus in the patterns (Reach.steps, at most ``hops - 1``; ``walk``). Every focus node
so reached is checked again (the target block limited to them by VALUES); the results of the
others are kept. Uniqueness and aggregates need nothing more: the other members of a group are
joined through the group key (``?this p ?key . ?other p ?key``), so a changed ``?other p ?key``
reaches every ``?this`` of that key.

The changed triples: of each file graph whose content changed, came or went, the lines of its old
version (the lines the memo kept of it, only those whose predicate some check reads) or of its new
one, not of both (a triple the graph holds before and after stays in the merged graph), and the
line difference of the shared graphs. A check that cannot be bounded (reach None: a path
with * or +, a pattern not joined to ?this, NOW(), ...), or whose scope holds a blank node (SPARQL
cannot name a stored one: the ontology's), runs whole.

Figures (2026-12-06, 2 cores at load average 15-25, CPU seconds; bench/validate_add.py, and the
checks of main's 10,000 + 1,000 store run whole and bounded by the 1,000 added files): at 10,000
documents the 110 bounded checks cost 21.1 s whole, 8.9 s bounded (walks included; 2.8 s of it six
checks of quotes whose scope outgrew the graph count, run whole); adding 1,000 to
1,000 the whole validate stage costs 16.3 s against 9.6 s before (the corpus-wide checks 2.3 s
against 2.2 s; the changed lines, walks and locating ~6 s more): the bound pays above a few thousand
documents.
Adding 1,000 to 10,000 (bench/validate_add.py --replay: the add's validation alone, load average ~17,
CPU s of the stage, forked checks included): 26.4 s before (walks a look-up per node; changed triples
every line of a changed graph; results located in a memory copy of the ~12,000 graphs mentioning
them), 19.6 s now (a VALUES query a pattern and hop, walks stopped at the store's graph count, the
changed lines of each graph, located by the heldBy index); the results equal a whole validation's.
Adding 1,000 to 10,000 and to 30,000 (2026-12-06 23:00-23:15, CPU s of the add's validation,
bench/validate_add.py --replay, load average 4-10): main 14.2 at 10,000, 27.0 at 30,000 (per-batch 3.8
/ 6.9: the add changes 3,199 / 4,402 graphs; corpus-wide 5.7 / 11.5, of it CitationEdgeShape whole
0.6 / 2.1 and UniqueNumberShape 0.5 / 1.7 though scoped: Oxigraph evaluates its second group over
every document before the join; the rest 4.7 / 8.6). Each end walked only as far as its entry
lies: the rest 6.3 at 30,000 (the total the same, 27.2, at load 10.5). CitationEdgeShape bounded:
13.2 at 10,000 (0.4 scoped); whole validation of the 11,000 and the add's: the same 308 results.
A predicate variable that is also a node (CitationEdgeShape: ``$this ?path ?value``, ?path the
relation's dkg:edgeProperty) is bounded by the IRIs the store holds where its one binding pattern
puts it (data_predicates); they are part of the memo's version, so they are the same before and now.
Two checks cannot be bounded by the change: FutureDateShape reads NOW() (its answer for a node
changes with the clock, no triple changing), BodyHierarchyShape a + path (a changed
org:subOrganizationOf triple closes a cycle through any number of unchanged ones); both read one
predicate of few triples and run whole.
Where the add's validation goes (2026-12-07, 10,000 + 1,000, bench/validate_add.py --replay, CPU s at
load average 33-40; the profile's "(main: ...)" labels): 15.0 in all (main db04791: 15.65; its
target_block stepped char by char through a scoped check's VALUES, 57 ms a call at 19,000 nodes);
per-batch checks 3.9 and their memo records 0.9; corpus-wide checks 6.1: DocumentShape's screens 1.3,
TextReusePassageShape's two quotedFrom checks run whole 1.0 (their scope, 31,000 of 64,000 passages,
passes the graph count; scoped they cost 1.5 against 1.1 whole), UniqueNumberShape 0.55 over 5,821
documents (an added number reaches every document of that number); the plan's walks 2.0-2.2; the
changed triples 1.0-1.1 (a Delta of 380,000 lines); the memo's plan 0.4 (of it affected(): every
line of the shared graphs parsed, growing with the corpus graph). Giving the scoped checks of one
target the union of their scopes (one screen for all) gained nothing (6.2 against 5.9-6.1).
Scoped, a check still read the corpus where Oxigraph evaluated a group whole before joining it with
the focus nodes: a screen's UNION branches (DocumentShape's 3.1 s at 30,000 plus 1,000, as much as the
whole screen) and UniqueNumberShape's two groups (1.7 s). Now a screen's groups that bind ?this get the
focus nodes by VALUES (bound_to_focus), a check's group after its target is joined LATERAL and the
groups sharing its variables get their values (lateral_joined, bound_joins): 0.8 and 0.7 s; the add's
corpus-wide checks 9.8 -> 6.8 CPU s at 30,000, 4.1 -> 3.8 at 10,000 (bench/README.md).
"""
from __future__ import annotations

import hashlib
import logging
import re
import zlib
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Mapping, Sequence

import pyoxigraph as ox

from loaders.shacl_sparql import TARGET_OPEN, Check, Reach, reach_with_constants, target_block
from loaders.validate_memo import hashed_terms, ntriples_lines, object_term, term_hashes

log = logging.getLogger(__name__)

FORMAT = "3"  # bump when what is kept for the corpus-wide checks, or how they are bounded, changes


def check_key(check: Check) -> str:
    """A check's identity in the memo."""
    parts = (check.shape, check.severity, check.component, check.path or "", check.query,
             check.message or "", check.per_focus or "", str(check.node_shape))
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def scope_of(check: Check) -> Reach | None:
    """The Reach (with constants) of a check: its query's and, when it runs per focus node, the
    target query's; None when one of them cannot be bounded or it has no target block to limit."""
    text = check.per_focus or check.query
    if target_block(text) is None:
        return None
    found = reach_with_constants(check.query, True)
    if found is None:
        return None
    if check.per_focus:
        target = reach_with_constants(check.per_focus, True)
        return None if target is None else found | target
    return found


def data_predicates(store: ox.Store, scopes: Iterable[Reach | None]) -> dict[tuple, frozenset[str]]:
    """Each predicate the scopes name by the pattern that binds it (("objects" | "subjects", q):
    reach_with_constants) -> the IRIs it can be: the objects (subjects) of q in the store."""
    found = {}
    for scope in scopes:
        for p, *_ in scope.near if scope is not None else ():
            if isinstance(p, tuple) and p not in found:
                side, q = p
                pattern = f"?x <{q}> ?other" if side == "subjects" else f"?other <{q}> ?x"
                found[p] = frozenset(str(r["x"])[1:-1] for r in store.query(f"SELECT DISTINCT ?x WHERE {{ {pattern} }}")
                                     if isinstance(r["x"], ox.NamedNode))
    return found


def with_data_predicates(scope: Reach | None, found: Mapping[tuple, frozenset[str]]) -> Reach | None:
    """The scope with each predicate named by its binding pattern replaced by the IRIs ``found``
    for it (data_predicates; None when one is not found: unbounded). The caller keeps them in the
    memo's version: while they are the same, a triple the query matches through the variable has
    one of them as predicate, before and now."""
    if scope is None or not any(isinstance(p, tuple) for p, *_ in scope.near):
        return scope
    if any(isinstance(p, tuple) and p not in found for p, *_ in scope.near):
        return None

    def entries(entry: tuple) -> list[tuple]:
        return [(q, *entry[1:]) for q in sorted(found[entry[0]])] if isinstance(entry[0], tuple) else [entry]
    depth: dict = {}
    for entry in scope.near:
        for e in entries(entry):
            depth[e] = max(depth.get(e, 0), scope.steps(entry))
    return Reach(scope.hops, frozenset(depth), frozenset(depth.items()))


def predicates(scopes: Iterable[Reach | None]) -> frozenset | None:
    """The predicates whose triples a file's record keeps for the next build (None: all)."""
    found = set()
    for scope in scopes:
        if scope is not None:
            found |= {p for p, *_ in scope.near}
    return None if None in found else frozenset(found)


def kept_lines(text: str, wanted: frozenset | None) -> bytes:
    """The lines of an N-Triples text whose predicate is ``wanted`` (all when None), zlib'd."""
    if wanted is None:
        lines = text
    elif not wanted:
        lines = ""
    else:  # split, not a regex alternation of the predicates: 2.8x faster (a build reads every graph)
        keep = {f"<{p}>" for p in wanted}
        lines = "\n".join(line for line, parts in ((line, line.split(" ", 2)) for line in text.split("\n"))
                          if len(parts) == 3 and parts[0] and parts[1] in keep)
    return zlib.compress(lines.encode(), 1)


def terms_and_lines(text: str, wanted: frozenset | None) -> tuple[bytes, bytes]:
    """(validate_memo.term_hashes(text), kept_lines(text, wanted)): what a build records of every graph,
    in one pass over the lines where both passes read the same lines (no line break in the text but
    "\n": splitlines also breaks at \r, \x85, \u2028, ...; 18 % less CPU than two passes), else in two."""
    lines = text.splitlines()
    if not wanted or "\r" in text or len(lines) != text.count("\n") + (not text.endswith("\n") and bool(text)):
        return term_hashes(text), kept_lines(text, wanted)
    keep = {f"<{p}>" for p in wanted}
    terms, kept = set(), []
    for line in lines:
        parts = line.split(" ", 2)
        if len(parts) == 3:
            subject, predicate, rest = parts
            terms.add(subject)
            terms.add(object_term(rest))
            if predicate in keep and subject:
                kept.append(line)
    return hashed_terms(terms), zlib.compress("\n".join(kept).encode(), 1)


class Delta:
    """The changed triples, by predicate: ``near_ends(scope)`` the nodes a check's chains may start
    from."""

    def __init__(self, texts: Iterable[str]):
        self.by_p: dict[str, set[tuple[str, str]]] = {}
        for text in texts:
            for s, p, o in ntriples_lines(text):
                self.by_p.setdefault(p, set()).add((s, o))
        self.ends: dict[tuple, set[str]] = {}  # (predicate, side, far) -> near ends: scopes share them
        self.canonical: dict[tuple, frozenset[str] | None] = {}  # the same, canonical

    def __bool__(self) -> bool:
        return bool(self.by_p)

    def canonical_ends(self, entry: tuple) -> frozenset[str] | None:
        """The near ends of one entry of a scope as pyoxigraph writes them (canonical; None: a blank node)."""
        if entry not in self.canonical:
            found = canonical(self.near_ends(Reach(1, frozenset({entry}))))
            self.canonical[entry] = None if found is None else frozenset(found)
        return self.canonical[entry]

    def near_ends(self, scope: Reach) -> set[str]:
        nodes: set[str] = set()
        for entry in scope.near:
            if entry not in self.ends:
                p, side, far = entry
                pairs = (pair for q in self.by_p for pair in self.by_p[q]) if p is None else self.by_p.get(p, ())
                near = 0 if side == "s" else 1
                self.ends[entry] = {pair[near] for pair in pairs if far is None or pair[1 - near] in far}
            nodes |= self.ends[entry]
        return nodes


def _term(node: str):
    """An N-Triples term as a pyoxigraph term; None for a blank node."""
    if node.startswith("<"):
        return ox.NamedNode(node[1:-1])
    if node.startswith("_:"):
        return None
    return next(iter(ox.parse(f"<urn:x> <urn:x> {node} .", format=ox.RdfFormat.N_TRIPLES))).object


def canonical(nodes: Iterable[str]) -> set[str] | None:
    """The nodes as pyoxigraph writes them (results name their focus so); None if one is blank."""
    found = set(nodes)
    literals = [n for n in found if n[0] != "<"]  # a term as N-Triples writes it: "<", "_:" or '"'
    if any(n.startswith("_:") for n in literals):
        return None
    if literals:  # parsed in one document (one parse a literal cost most of an add's ends: 10,000 + 1,000)
        found.difference_update(literals)
        lines = "".join(f"<urn:x> <urn:x> {n} .\n" for n in literals)
        found.update(str(q.object) for q in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES))
    return found


def ends(delta: Delta, scope: Reach) -> dict[str, int] | None:
    """The near ends of the changed triples a check's patterns can match, each with the most steps
    back to walk from it: as many as its entry's near end can lie from the focus (Reach.steps); None
    when one is a blank node."""
    left: dict[str, int] = {}
    for entry in sorted(scope.near, key=scope.steps):  # the most steps last: they overwrite
        found = delta.canonical_ends(entry)
        if found is None:
            return None
        left.update(dict.fromkeys(found, scope.steps(entry)))
    return left


def walk(store: ox.Store, left: dict[str, int], scope: Reach, seen: dict | None = None,
         limit: int | None = None, counted: Callable[[Iterable[str]], int] | None = None,
         lookups: int | None = None) -> set[str] | None:
    """The nodes of ``left`` (node -> the steps back to walk from it: ``ends``) and what reaches them
    back along the store's triples that the scope's patterns can match (see the module's
    docstring), each node reached given the steps left (one fewer, and no more than the entry it
    was reached by allows: Reach.steps). A walk of hops - 1 steps from every end made a new child's
    passage (its parent an end at 0 steps) reach every sibling (reuse-levels at 10,000 plus 1,000:
    9,772 of 9,987 documents). None once a blank node, or more than ``limit`` nodes beyond the
    ends, are reached (the caller then runs whole: the rest of the walk would be wasted); with
    ``counted`` (a per-document table counts its documents; the count of some nodes, adding up over
    disjoint ones), once more than ``limit`` of the nodes reached, ends included, count (reuse-levels at 10,000 plus 1,000: 106,625 nodes, 6,715 of its
    9,987 documents).
    ``seen``: (node, predicate, side) -> the nodes one step back, shared by the walks of one build;
    each step asks one query a pattern for all the frontier's nodes (step_back). ``lookups``: the
    look-ups (entries it adds to ``seen``: those another walk made cost this one nothing) that cost
    as much as ``limit`` nodes: the walk gives up once the share of the one used and the share of the
    other pass 1 together (table_delta: the walk and the rows computed again against a whole write)."""
    seen = {} if seen is None else seen
    start = len(seen)
    left = dict(left)
    base = len(left) if counted is None else 0  # without `counted`, the limit is of the nodes beyond the ends
    # `counted` asked once a node (it adds up over disjoint nodes): asked of every node reached after each
    # step, it cost half of reuse-levels' walk (10,000 plus 1,000: 44,107 nodes, 2.6 million looked up)
    fresh, total = list(left), 0

    def over(walked: bool = False) -> bool:  # the look-ups' share and the nodes' (or counted's) pass 1 together
        nonlocal total
        # once walked, the look-ups are spent whatever is decided: the nodes alone then
        used = 0.0 if lookups is None or walked else (len(seen) - start) / max(lookups, 1)
        if used > 1:
            return True
        if limit is None or len(left) - base <= limit * (1 - used):
            return False
        if counted is not None and fresh:
            total += counted(fresh)
            fresh.clear()
        return counted is None or total > limit * (1 - used)

    # steps only lower what is left: the nodes with k left are all known once those with more are walked
    for k in range(max(left.values(), default=0), 0, -1):
        frontier = [n for n, m in left.items() if m == k]
        for group in _asked_together(scope.near):
            if over():  # before each query (after the last one: over(walked=True) below)
                return None
            p, side, far = (*group[0], None)[:3]
            asked = [n for n in frontier if far is None or n in far]
            # one step from a node many triples point to (a code-list value, a common body) can reach
            # the whole store: given up as soon as it passes the limit (9 s of an add's tables at 2,000)
            if not step_back(store, asked, tuple(e[0] for e in group) if len(group) > 1 else p, side, seen,
                             None if limit is None or counted else limit + base - len(left), left):
                return None
            for entry in group:
                then = min(k - 1, scope.steps(entry))
                # the steps that found something (most find nothing: skipped without a Python loop each)
                for found in filter(None, map(seen.__getitem__, [(n, entry[0], side) for n in asked])):
                    for x in found:
                        if x.startswith("_:"):
                            return None
                        if left.get(x, -1) < then:
                            if x not in left:
                                fresh.append(x)
                            left[x] = then
    return None if over(walked=True) else set(left)


def _asked_together(near: Iterable[tuple]) -> list[list[tuple]]:
    """The scope's entries grouped as a step asks them: those of a named predicate and no far end, one
    group a side (one query for their predicates: step_back), every other entry alone."""
    sides: dict[str, list[tuple]] = {}
    alone = []
    for entry in sorted(near, key=str):
        p, side, far = (*entry, None)[:3]
        if isinstance(p, str) and far is None:
            sides.setdefault(side, []).append(entry)
        else:
            alone.append([entry])
    return [*sides.values(), *alone]


def walk_ends(store: ox.Store, delta: Delta, scope: Reach, seen: dict | None = None,
              limit: int | None = None, counted: Callable[[Iterable[str]], int] | None = None) -> set[str] | None:
    """``walk`` from the ``ends`` of the changed triples ``delta``: the focus nodes a change can reach."""
    left = ends(delta, scope)
    return None if left is None else walk(store, left, scope, seen, limit, counted)


STEP_VALUES = 5000  # nodes bound by VALUES in one query of step_back
NOTHING: tuple = ()  # what a look-up of step_back that found nothing keeps in ``seen``
ROWS_A_NODE = 8      # rows a step may read for each node it may still reach (siblings share parents)


def step_back(store: ox.Store, nodes: Sequence[str], p: str | tuple[str, ...] | None, side: str, seen: dict,
              budget: int | None = None, known: Mapping[str, int] | frozenset = frozenset()) -> bool:
    """Fill ``seen[(n, p, side)]`` for each of ``nodes`` not there: the subjects of the triples
    ``?x p n`` (side "s"), else the objects of ``n p ?x`` (none for a literal n), in the store's
    default graph; one VALUES-bound query per STEP_VALUES nodes (a look-up per node cost 14 s at
    100,000 documents, in Python). ``p`` a tuple: each of its predicates, asked in one query (?p
    tested by FILTER IN: reuse-levels' walk at 10,000 plus 1,000, 44,107 nodes, 11 predicates of a
    side 1.0 CPU s against 4.9 one query a predicate). False once more than ``budget`` nodes not
    ``known`` are found, or ROWS_A_NODE times as many rows (None: no limit): the walk gives up, and
    ``seen`` keeps only the queries answered whole."""
    ps = p if isinstance(p, tuple) else (p,)
    if len(ps) == 1:
        todo = [n for n in nodes if (n, p, side) not in seen]
    else:
        todo = [n for n in nodes if any((n, q, side) not in seen for q in ps)]
    if side != "s":  # a literal is no subject
        seen.update(dict.fromkeys([(n, q, side) for n in todo if not n.startswith("<") for q in ps], NOTHING))
        todo = [n for n in todo if n.startswith("<")]
    if isinstance(p, tuple):
        pattern = ("?x ?p ?n" if side == "s" else "?n ?p ?x") + f" FILTER (?p IN ({', '.join(f'<{q}>' for q in p)}))"
    else:
        pred = f"<{p}>" if p is not None else "?any_p"
        pattern = "?x " + pred + " ?n" if side == "s" else "?n " + pred + " ?x"
    reached: set[str] = set()
    rows_cap = None if budget is None else ROWS_A_NODE * (budget + 1)
    for i in range(0, len(todo), STEP_VALUES):
        chunk = todo[i:i + STEP_VALUES]
        limit = "" if rows_cap is None else f" LIMIT {rows_cap}"
        found: dict[tuple, list[str]] = {}
        rows = 0
        for row in store.query(f"SELECT ?n ?x ?p WHERE {{ VALUES ?n {{ {' '.join(chunk)} }} {pattern} }}{limit}"):
            x = str(row[1])  # by position: by name cost a look-up a row
            key = (str(row[0]), row[2].value if len(ps) > 1 else p, side)
            hit = found.get(key)
            if hit is None:
                found[key] = [x]
            else:
                hit.append(x)
            if x not in known:
                reached.add(x)
            rows += 1
        if budget is not None and (rows == rows_cap or len(reached) > budget):
            return False
        # every look-up made is kept, most with nothing found: one shared empty tuple (a list each cost a
        # third of an add's walks, 10,000 + 1,000: 750,000 look-ups)
        seen.update(dict.fromkeys([(n, q, side) for n in chunk for q in ps], NOTHING))
        seen.update(found)
    return True


def limited(check: Check, nodes: set[str], store: ox.Store | None = None) -> Check:
    """The check with its target block limited to ``nodes`` (IRIs and literals): the nodes given,
    the target's patterns tested on each by FILTER EXISTS (Oxigraph joins VALUES with a pattern by
    evaluating the pattern whole: 0.55 s for 3,000 of 11,000 documents, 0.05 s as EXISTS); every other
    group after the target joined LATERAL (lateral_joined; with ``store``, bound_joins: the groups
    sharing its variables). Not VALUES in every group (bound_to_focus, the screens'): a check's own
    groups bound so (CitationEdgeShape's UNION branches) cost 6.0 s against 1.1 at 30,000 plus 1,000."""
    text = check.per_focus or check.query
    start, end = target_block(text)
    inner = text[start + len(TARGET_OPEN):text.rindex("}", start, end - 1)]
    text = (text[:start] + TARGET_OPEN + "VALUES ?this { " + " ".join(sorted(nodes)) + " } FILTER EXISTS { "
            + inner + "} } }" + text[end:])
    if check.per_focus:
        return replace(check, per_focus=text)
    text = lateral_joined(text)
    return replace(check, query=bound_joins(store, text) if store is not None else text)


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|<[^<>\s]*>|[{}]')
# _TOKEN with a run of IRIs one match: a scoped query's VALUES of ~20,000 focus nodes, tokenized an IRI at a
# time by every _groups call (the screens', lateral_joined's, bound_joins'), cost ~0.3 s of an add at 10,000
_BRACES = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|(?:<[^<>\s]*>\s*)+|[{}]')
_THIS = re.compile(r"\?this\b")
_AGGREGATE = re.compile(r"\b(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(", re.I)
_SUB_SELECT = re.compile(r"\bSELECT\b(.*?)\bWHERE\b", re.I | re.S)
_GROUP_BY = re.compile(r"\bGROUP\s+BY\b(.*?)(\bHAVING\b|\bORDER\b|\bLIMIT\b|\bOFFSET\b|$)", re.I | re.S)


@dataclass
class _Group:
    """One ``{ ... }`` of a query: where it opens and closes, and its own text (nested groups left out)."""
    start: int
    end: int = -1
    own: list = field(default_factory=list)
    children: list = field(default_factory=list)


def _groups(query: str) -> list[_Group]:
    """The query's top-level groups, each with its nested ones (braces inside strings and IRIs skipped)."""
    top, stack, last = [], [], 0
    for m in _BRACES.finditer(query):
        if m.group() not in "{}":
            continue
        if stack:
            stack[-1].own.append(query[last:m.start()])
        if m.group() == "{":
            group = _Group(m.start())
            (stack[-1].children if stack else top).append(group)
            stack.append(group)
        elif stack:
            stack.pop().end = m.start()
        last = m.end()
    return top


def _binds_this(own: str) -> bool:
    """Whether a group's own text (nested groups left out) binds ?this by a triple pattern: ?this
    outside the parentheses of its BIND, FILTER and function calls, and no VALUES of its own."""
    text = _flat(own)
    return bool(_THIS.search(text)) and not re.search(r"\bVALUES\b", text, re.I)


def _keeps_focus(own: str) -> bool:
    """Whether a sub-select (its group's own text) keeps each ?this apart: it projects ?this and
    groups by it, or does not aggregate (a count over every ?this would change if some were left out)."""
    head = _SUB_SELECT.search(own)
    if head is None or not (_THIS.search(head.group(1)) or "*" in head.group(1)):
        return False
    grouped = _GROUP_BY.search(own)
    return bool(_THIS.search(grouped.group(1))) if grouped else not _AGGREGATE.search(own)


def bound_to_focus(query: str, lookup: re.Pattern | None = None, reads: Callable[[str], bool] | None = None) -> str:
    """A scoped query (its target block a VALUES of focus nodes: ``limited``) with the same VALUES
    opening every other group that binds ?this by a triple pattern of its own (_binds_this), outside
    sub-selects that aggregate over several ?this and EXISTS: Oxigraph evaluates such a group whole
    before joining it with the focus nodes (a screen's UNION branches and counts, validate._screened:
    DocumentShape's screen over 1,000 documents at 30,000 cost what the whole one does).
    The same answers: each group's solutions are joined with the target's ?this, which is one of
    those nodes. ``lookup``: the pattern of a target given as a group of its own instead (a batch's
    marked targets), which then opens those of the groups whose own text ``reads`` says yes to (a
    group of the batch's own triples is cheaper left whole: the lookup costs a join)."""
    at = query.find(TARGET_OPEN + "VALUES ?this {")
    if at >= 0:
        values = query[at + len(TARGET_OPEN):query.index("}", at + len(TARGET_OPEN)) + 1]
    else:
        found = lookup.search(query) if lookup is not None else None
        if found is None:
            return query
        values = found.group(0)
    chosen = reads if at < 0 and reads is not None else (lambda own: True)
    inserts: list[tuple[int, str]] = []

    def visit(group: _Group) -> None:
        if query.startswith(TARGET_OPEN, group.start) or query.startswith(values, group.start):
            return  # a target block: limited already
        own = "".join(group.own)
        if _SUB_SELECT.search(own):  # a sub-select's own group: VALUES goes inside its WHERE group
            if not _keeps_focus(own):
                return
        elif _binds_this(own) and chosen(own):
            inserts.append((group.start + 1, " " + values + " "))
        for i, child in enumerate(group.children):
            if not _EXISTS_BEFORE.search(group.own[i]):  # evaluated once a row: a VALUES there costs once a row
                visit(child)

    for group in _groups(query):  # the outer WHERE group: its target block, then the rest
        for child in group.children:
            visit(child)
    for i, text in sorted(inserts, reverse=True):
        query = query[:i] + text + query[i:]
    return query


def lateral_joined(query: str) -> str:
    """A scoped query with the group right after its target joined LATERAL (_lateral)."""
    outer = _groups(query)
    group = _lateral(query, outer[0]) if len(outer) == 1 else None
    return query if group is None else query[:group.start] + "LATERAL " + query[group.start:]


def _lateral(query: str, outer: _Group) -> "_Group | None":
    """The group right after the outer group's target block when it binds ?this, holds no sub-select
    and is no branch of a UNION: joined LATERAL, it is evaluated for each focus node (bound by VALUES,
    Oxigraph still evaluated UniqueNumberShape's first group whole: 0.9 of 1.6 s for 1,000 of 30,000
    documents). The target binds only ?this, so the group rebinds nothing in scope; a join with ?this
    substituted is the same join."""
    groups = outer.children
    if (len(groups) < 2 or not query.startswith(TARGET_OPEN, groups[0].start) or outer.own[1].strip()
            or re.match(r"\s*UNION\b", outer.own[2], re.I)):
        return None  # not right after the target, or a branch of a UNION
    text = query[groups[1].start:groups[1].end]
    return groups[1] if _binds_this("".join(groups[1].own)) and not _SUB_SELECT.search(text) else None


_VAR = re.compile(r"\?\w+")
_EXISTS_BEFORE = re.compile(r"\bEXISTS\s*$", re.I)
_NOT_PLAIN = re.compile(r"\b(OPTIONAL|MINUS|UNION|EXISTS|GRAPH|SERVICE|LATERAL|FILTER|BIND|VALUES)\s*$", re.I)


def _flat(own: str) -> str:
    """A group's own text without strings, IRIs and parenthesised expressions (BIND, FILTER, calls)."""
    text = _TOKEN.sub(" ", own)
    while True:
        flat = re.sub(r"\([^()]*\)", " ", text)
        if flat == text:
            return text
        text = flat


def _pattern_variables(own: str) -> set[str] | None:
    """The variables a group binds by triple patterns of its own (None: it has VALUES or a sub-select)."""
    text = _flat(own)
    return None if re.search(r"\b(VALUES|SELECT)\b", text, re.I) else set(_VAR.findall(text))


def bound_joins(store: ox.Store, query: str) -> str:
    """A scoped query (lateral_joined) whose top-level groups that do not bind ?this have the variables
    they share with the group joined LATERAL after the target (each bound by a triple pattern of both)
    bound by VALUES to what that group gives for the focus nodes: UniqueNumberShape's second group
    (every document's key) was evaluated whole before the join. The same answers: a solution's shared
    variable is the value the LATERAL group gives it."""
    outer = _groups(query)
    if len(outer) != 1 or query.find(TARGET_OPEN + "VALUES ?this {") < 0:
        return query
    groups, own = outer[0].children, outer[0].own
    if len(groups) < 3 or not own[1].strip().upper().endswith("LATERAL"):
        return query
    bound = groups[1]  # joined LATERAL after the target (lateral_joined)
    names = _pattern_variables("".join(bound.own))
    inserts = []
    for i, g in enumerate(groups[2:], 2):
        free = _pattern_variables("".join(g.own))
        if free is None or names is None or "?this" in free or _NOT_PLAIN.search(own[i]) or re.match(r"\s*UNION\b", own[i + 1], re.I):
            continue
        shared = sorted(names & free - {"?this"})
        if not shared:
            continue
        prologue = query[:_SUB_SELECT.search(query).start()]
        source = query[groups[0].start:bound.end + 1]
        values = []
        for row in store.query(f"{prologue}SELECT DISTINCT {' '.join(shared)} WHERE {{ {source} }}"):
            terms = [row[v[1:]] for v in shared]  # mandatory in the source: bound
            if any(t is None or isinstance(t, ox.BlankNode) for t in terms):
                break
            values.append("(" + " ".join(map(str, terms)) + ")")
        else:
            inserts.append((g.start + 1, f" VALUES ({' '.join(shared)}) {{ {' '.join(values)} }} "))
    for at, text in sorted(inserts, reverse=True):
        query = query[:at] + text + query[at:]
    return query


@dataclass(frozen=True)
class Plan:
    """What to do with each corpus-wide check: run whole, run over some focus nodes, or keep."""
    whole: tuple[tuple, ...]          # (shape, check)
    scoped: tuple[tuple, ...]         # (shape, check limited to its scope, key, scope nodes)
    kept: Mapping[str, list]          # key -> results kept whole (nothing it reads changed)
    previous: Mapping[str, list]      # key -> last results (those outside the scope are kept)
    reason: str


def plan(store: ox.Store, wide: Sequence[tuple], previous: Mapping[str, list] | None, delta: Delta | None,
         scopes: Mapping[str, Reach | None] | None = None, graphs: int | None = None) -> Plan:
    """Plan the corpus-wide checks ``wide`` [(shape, check)] given the last build's results
    (None: none kept), the changed triples (None: unknown) and each check's scope (check key ->
    scope_of, computed when not given). A check whose scope holds more nodes than the store has
    ``graphs`` runs whole: a focus node given in VALUES costs about what a file's share of a whole
    run does (2,000 documents plus 1,000: 9-100 us a node, 15-35 us a file), and both answers are
    the same."""
    if previous is None or delta is None:
        return Plan(tuple(wide), (), {}, {}, "no results kept from the last build")
    whole, scoped, kept, unbounded = [], [], {}, []
    walks: dict[Reach, set[str] | None] = {}
    seen: dict = {}
    for shape, check in wide:
        key = check_key(check)
        scope = scopes[key] if scopes is not None and key in scopes else scope_of(check)
        if key not in previous or scope is None:
            whole.append((shape, check))
            unbounded += [check.shape] if scope is None else []
            continue
        if scope not in walks:
            walks[scope] = walk_ends(store, delta, scope, seen, graphs)
        nodes = walks[scope]
        if nodes is None or (graphs is not None and len(nodes) > graphs):
            whole.append((shape, check))
            log.info("SHACL corpus-wide check run whole: %s %s (its scope: %s)", check.shape, check.component,
                     f"over {graphs} nodes, or a blank node" if nodes is None else f"{len(nodes)} nodes, over {graphs}")
        elif not nodes:
            kept[key] = previous[key]
        else:
            log.debug("SHACL corpus-wide check scoped: %s %s over %d nodes", check.shape, check.component, len(nodes))
            scoped.append((shape, limited(check, nodes, store), key, frozenset(nodes)))
    reason = (f"{len(whole)} whole ({len(unbounded)} unbounded: {', '.join(sorted(set(unbounded))) or 'none'}), "
              f"{len(scoped)} over the focus nodes a change reaches, {len(kept)} kept")
    return Plan(tuple(whole), tuple(scoped), kept, previous, reason)
