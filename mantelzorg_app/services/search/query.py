"""The one search box: what a hub's search finds for the words someone typed, grouped by kind.

How a query is read (the same on SQLite and PostgreSQL):
- The text is cut to text.MAX_QUERY characters and read as plain words (text.words): quotes, ``*``,
  brackets, ``NEAR``-like syntax, emoji are only separators or ordinary words, never FTS syntax. The
  database query is built from those words' Dutch stems alone, each one quoted. At most MAX_WORDS
  words count; common little words ("de", "ik", "voor") are left out unless nothing else is left.
- Every word must be found (AND), so one common word does not find everything. A word is found as
  itself, by its stem ("boodschap" finds "boodschappen"), from 3 letters on as the start of a word
  (as-you-type: "boodsch", and Dutch compounds: "respijtzorg" finds "respijtzorgcentrum"), or through a
  synonym (services.search.synonyms: "oppas" finds respijtzorg; "even weg" as two words in a row).
- Typos: when nothing is found, each word the hub's index does not know is replaced by the nearest
  word of the hub's vocabulary (rapidfuzz; on PostgreSQL pg_trgm first picks the candidates). Then
  ``suggestion`` holds the corrected words ("Bedoelt u: respijtzorg?") and, when they find something,
  ``used_suggestion`` is True and the hits are for them. A word with no match and no near word is
  left out of that corrected query. When every word is known but not all in one document, nothing is
  found: we never fall back to "any word".
- Where: the hub's own documents and the app's pages (hub_id None), never another hub's; ``category``
  keeps documents of that category, ``wijk_id`` those for the whole hub or that wijk.
- Order: the database finds the matches and keeps the CANDIDATES best of each kind by its own rank
  (FTS5 bm25, PostgreSQL ts_rank, the title weighted 4x in both). Those are ranked again here with
  one formula (a word in the title counts 4x one in the text; the word itself more than its start or
  a synonym), ties by title: both databases give the same order.
"""

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from threading import Lock
from weakref import WeakKeyDictionary

from rapidfuzz import fuzz, process
from sqlalchemy import Engine, func, text
from sqlmodel import Session, col, or_, select

from mantelzorg_app.models import SearchWord
from mantelzorg_app.models.search import FTS_TABLE, PG_TSVECTOR
from mantelzorg_app.services.search import synonyms
from mantelzorg_app.services.search.index import SUGGESTIBLE
from mantelzorg_app.services.search.text import MAX_QUERY, plain, stem, words

_CATEGORY = re.compile(r"[a-z0-9_]{1,30}")  # what a category value looks like
KINDS = ("service", "page", "activity", "post")  # the order of the groups (post: a news post)
MAX_WORDS = 8  # words of a query that count; the rest is left out
MAX_LIMIT = 100
CANDIDATES = 60  # the database's best of the hub's own, ranked again here
RANKED = 300  # at most this many matches the database ranks, on SQLite and PostgreSQL alike (_select)
PREFIX_FROM = 3  # letters a word needs to be found as the start of a longer word
TITLE_WEIGHT = 4.0  # a word in the title counts this much more than one in the text
# How much a way of finding a word counts: the word itself, the start of a word, a synonym.
EXACT, START, SYNONYM = 1.0, 0.6, 0.8
SUGGEST_SCORE = 75  # rapidfuzz ratio (0-100) a vocabulary word needs to be suggested
SUGGEST_TRIGRAM = 0.2  # pg_trgm similarity of PostgreSQL's candidates (below what rapidfuzz needs)

# Little words that tell the index nothing ("hulp bij de boodschappen"); plain words.
STOP_WORDS = frozenset(
    """
    de het een en of ik u je jij jou mijn mij me wij we ons onze jullie hij zij ze hem haar hun
    zijn is ben bent was waren wordt worden heb hebt heeft hebben bij voor met van in op aan te
    naar om over uit tot door als dat die dit deze der des wat waar hoe wanneer kan kun kunt
    kunnen wil wilt willen zou zoek zoeken graag iets er niet ook nog wel al maar dan toch zo
    hulp help nodig iemand doen doet krijgen vinden
    a an the for of to and or my i
    """.split()  # noqa: SIM905  (a list of 90 words reads better as text)
)


@dataclass(frozen=True)
class Hit:
    kind: str  # KINDS
    ref: str  # the service's id; a page's hub path part ("mijn-gegevens")
    title: str  # a page's is a Dutch msgid: translate it
    summary: str  # a page's is a Dutch msgid too
    icon: str  # a Lucide icon name
    category: str  # a service's category value (services.directory.taxonomy); "" for a page


@dataclass(frozen=True)
class Group:
    kind: str
    hits: tuple[Hit, ...]  # best first


@dataclass(frozen=True)
class Results:
    query: str  # the text as read (cut to MAX_QUERY)
    groups: tuple[Group, ...]  # only kinds with hits, in KINDS order
    suggestion: str = ""  # "respijtzorg" for "Bedoelt u: respijtzorg?"; "" when none
    used_suggestion: bool = False  # the hits are for the suggestion: nothing matched as typed

    @property
    def hits(self) -> tuple[Hit, ...]:
        return tuple(hit for group in self.groups for hit in group.hits)


EMPTY_GROUPS: tuple[Group, ...] = ()


# --- the query as terms -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    stem: str
    start: bool  # also as the start of a longer word


@dataclass(frozen=True)
class _Way:
    """One way a query word is found: these terms (in a row when ``phrase``, else anywhere)."""

    terms: tuple[_Term, ...]
    weight: float
    phrase: bool = False


@dataclass(frozen=True)
class _Word:
    """One word of the query (or a synonym's words in a row) and every way it is found."""

    said: str  # as typed, plain ("even weg")
    ways: tuple[_Way, ...]


def _word_ways(word: str) -> list[_Way]:
    stemmed = stem(word)
    ways = [_Way((_Term(stemmed, False),), EXACT)]
    if len(word) >= PREFIX_FROM:
        ways.append(_Way((_Term(stemmed, True),), START))
        if word != stemmed:  # "boodsch": the typed start of a word, beside its stem
            ways.append(_Way((_Term(word, True),), START))
    return ways


def _meaning_way(means: str) -> _Way:
    return _Way(tuple(_Term(stem(word), len(word) >= PREFIX_FROM) for word in means.split()), SYNONYM)


@lru_cache(maxsize=64)
def _synonym_table(found: tuple[tuple[str, str], ...]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The synonyms by the stems of their word: ("eef", "weg") -> ("respijtzorg",)."""
    table: dict[tuple[str, ...], list[str]] = {}
    for word, means in found:
        key = tuple(stem(part) for part in words(word))
        meaning = " ".join(words(means))
        if key and meaning and meaning not in table.setdefault(key, []):
            table[key].append(meaning)
    return {key: tuple(meanings) for key, meanings in table.items()}


def _read(said: Sequence[str], table: dict[tuple[str, ...], tuple[str, ...]]) -> list[_Word]:
    """The query's words with their ways, a synonym of several words taken as one."""
    longest = max((len(key) for key in table), default=1)
    stems = [stem(word) for word in said]
    found: list[_Word] = []
    kept_stop: list[_Word] = []
    i = 0
    while i < len(said):
        for size in range(min(longest, len(said) - i), 0, -1):
            meanings = table.get(tuple(stems[i : i + size]))
            if meanings:
                typed = said[i : i + size]
                if size == 1:
                    own = _word_ways(typed[0])
                else:
                    own = [_Way(tuple(_Term(s, False) for s in stems[i : i + size]), EXACT, phrase=True)]
                found.append(_Word(" ".join(typed), (*own, *(_meaning_way(m) for m in meanings))))
                i += size
                break
        else:
            word = _Word(said[i], tuple(_word_ways(said[i])))
            (kept_stop if said[i] in STOP_WORDS else found).append(word)
            i += 1
    return (found or kept_stop)[:MAX_WORDS]


# --- the database's part ------------------------------------------------------------------------


def _fts5(query: Sequence[_Word]) -> str:
    """An FTS5 MATCH expression: every term quoted, so nothing typed is read as syntax."""

    def way(w: _Way) -> str:
        if w.phrase:
            return '"' + " ".join(t.stem for t in w.terms) + '"'
        parts = [f'"{t.stem}"' + ("*" if t.start else "") for t in w.terms]
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    return " AND ".join("(" + " OR ".join(dict.fromkeys(way(w) for w in word.ways)) + ")" for word in query)


def _tsquery(query: Sequence[_Word]) -> str:
    """The same as a PostgreSQL tsquery, for to_tsquery('simple', ...)."""

    def term(t: _Term) -> str:
        return f"'{t.stem}'" + (":*" if t.start else "")

    def way(w: _Way) -> str:
        parts = [term(t) for t in w.terms]
        return parts[0] if len(parts) == 1 else "(" + (" <-> " if w.phrase else " & ").join(parts) + ")"

    return " & ".join("(" + " | ".join(dict.fromkeys(way(w) for w in word.ways)) + ")" for word in query)


_COLUMNS = "d.id, d.kind, d.ref, d.title, d.summary, d.icon, d.category, d.terms_title, d.terms_body"


def _filters(category: str, wijk_id: int | None) -> tuple[str, dict]:
    where, values = [""], {}
    if category:
        where.append("d.category = :category")
        values["category"] = category
    if wijk_id is not None:
        where.append("(d.wijk_ids = '' OR (' ' || d.wijk_ids || ' ') LIKE :wijk)")
        values["wijk"] = f"% {wijk_id} %"
    return " AND ".join(where), values


def _select(
    session: Session, query: Sequence[_Word], where: str, values: dict, *, title_only: bool, k: int
) -> list:
    """The documents (``where`` says which) that have every query word, the database's best ``k``
    by its rank; with ``title_only`` every word in the title.

    A query that matches a great many documents (a word in nearly every text) would have all of them
    ranked: both databases then rank the first RANKED matches only, one cap for both. PostgreSQL's
    ts_rank has to build each row's tsvector again (the index holds an expression, not a column),
    which is what keeps RANKED small. "First" is by id on SQLite (FTS5 walks its rowids in order)
    and in table order on PostgreSQL (its bitmap scan; the same for rows written in id order:
    sorting by id there would cost a look at every match, measured at 20 ms more at 100,000).
    SQLite first counts every hub's matches (quick in FTS5) and ranks them all when there are at
    most RANKED. Below RANKED matches, as in every real hub, both rank every match."""
    if _dialect(session) == "postgresql":
        match = f"{PG_TSVECTOR} @@ q"
        if title_only:  # checked on the rows the index found
            match += " AND to_tsvector('simple', d.terms_title) @@ q"
        rank = "ts_rank('{0.1, 0.2, 0.25, 1.0}'::float4[], found.tsv, q)"  # D, C, B, A: the title 4x
        sql = (
            f"SELECT found.* FROM (SELECT {_COLUMNS}, {PG_TSVECTOR} AS tsv"
            f" FROM searchdocument d, to_tsquery('simple', :q) q WHERE {match} AND {where} LIMIT {RANKED})"
            f" AS found, to_tsquery('simple', :q) q ORDER BY {rank} DESC, found.id LIMIT {int(k)}"
        )
        return list(session.connection().execute(text(sql), {**values, "q": _tsquery(query)}).all())
    expression = _fts5(query)
    if title_only:
        expression = f"{{terms_title}} : ({expression})"
    # CROSS JOIN keeps the full-text table the outer loop: SQLite may otherwise walk the hub's rows
    sql = (
        f"SELECT {_COLUMNS} FROM {FTS_TABLE} CROSS JOIN searchdocument d ON d.id = {FTS_TABLE}.rowid"
        f" WHERE {FTS_TABLE} MATCH :q AND {where}"
    )
    connection = session.connection()
    counted = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"
    if connection.execute(text(counted), {"q": expression}).scalar_one() > RANKED:
        first = sql.replace(f"SELECT {_COLUMNS}", "SELECT d.id", 1) + f" ORDER BY d.id LIMIT {RANKED}"
        sql += f" AND d.id IN ({first})"
    sql += f" ORDER BY bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0), d.id LIMIT {int(k)}"
    return list(connection.execute(text(sql), {**values, "q": expression}).all())


def _matches(
    session: Session, hub_id: int, query: Sequence[_Word], category: str, wijk_id: int | None, k: int
) -> list:
    """The documents that have every query word: the hub's ``k`` best by the database's rank (those
    with every word in the title when there are ``k`` of them: a title counts 4x, so no text needs
    ranking then), and the app's pages (hub_id None) that have them."""
    filters, values = _filters(category, wijk_id)
    own = f"d.hub_id = :hub{filters}"
    values = {**values, "hub": hub_id}
    found = _select(session, query, own, values, title_only=True, k=k)
    if len(found) < k:
        found = _select(session, query, own, values, title_only=False, k=k)
    return found + _shared(session, query, filters, values)


def _shared(session: Session, query: Sequence[_Word], filters: str, values: dict) -> list:
    """The app's pages that have every query word. They are a dozen rows for every hub: matched
    here by the same rules, rather than by a full-text search over every hub's documents."""
    sql = f"SELECT {_COLUMNS} FROM searchdocument d WHERE d.hub_id IS NULL{filters}"
    rows = session.connection().execute(text(sql), values).all()
    return [row for row in rows if _has_every(_Terms(row.terms_title), _Terms(row.terms_body), query)]


def _found_at_all(session: Session, hub_id: int, word: _Word) -> bool:
    """Whether the word alone finds anything in the hub (its own documents or the app's)."""
    where = "(d.hub_id = :hub OR d.hub_id IS NULL)"
    if _dialect(session) == "postgresql":
        sql = f"SELECT 1 FROM searchdocument d WHERE {PG_TSVECTOR} @@ to_tsquery('simple', :q) AND {where}"
        sql += " LIMIT 1"
        q = _tsquery((word,))
    else:
        sql = (
            f"SELECT 1 FROM {FTS_TABLE} CROSS JOIN searchdocument d ON d.id = {FTS_TABLE}.rowid"
            f" WHERE {FTS_TABLE} MATCH :q AND {where} LIMIT 1"
        )
        q = _fts5((word,))
    return session.connection().execute(text(sql), {"q": q, "hub": hub_id}).first() is not None


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# --- ranking ------------------------------------------------------------------------------------


class _Terms:
    """A document's column of stemmed words, to check terms against quickly."""

    def __init__(self, terms: str):
        self.tokens = terms.split()
        self.sorted = sorted(set(self.tokens))

    def has(self, t: _Term) -> bool:
        at = bisect_left(self.sorted, t.stem)
        return at < len(self.sorted) and (
            self.sorted[at].startswith(t.stem) if t.start else self.sorted[at] == t.stem
        )

    def has_way(self, way: _Way) -> bool:
        if not all(self.has(t) for t in way.terms):
            return False
        if not way.phrase:
            return True
        tokens, size = self.tokens, len(way.terms)
        return any(
            all(tokens[i + j] == t.stem for j, t in enumerate(way.terms))
            for i in range(len(tokens) - size + 1)
        )


def _has_every(title: _Terms, body: _Terms, query: Sequence[_Word]) -> bool:
    return all(any(title.has_way(way) or body.has_way(way) for way in word.ways) for word in query)


def _score(title: _Terms, body: _Terms, query: Sequence[_Word]) -> float:
    total = 0.0
    for word in query:
        total += max(
            (way.weight * (TITLE_WEIGHT if title.has_way(way) else 1.0 if body.has_way(way) else 0.0))
            for way in word.ways
        )
    return total


def _grouped(rows: Iterable, query: Sequence[_Word], limit: int) -> tuple[Group, ...]:
    by_kind: dict[str, list[tuple[tuple, Hit]]] = {}
    for row in rows:
        score = _score(_Terms(row.terms_title), _Terms(row.terms_body), query)
        hit = Hit(row.kind, row.ref, row.title, row.summary, row.icon, row.category)
        by_kind.setdefault(row.kind, []).append(((-score, plain(row.title), row.ref), hit))
    order = [*KINDS, *sorted(set(by_kind) - set(KINDS))]
    return tuple(
        Group(kind, tuple(hit for _key, hit in sorted(by_kind[kind], key=lambda pair: pair[0])[:limit]))
        for kind in order
        if kind in by_kind
    )


# --- spelling suggestions -----------------------------------------------------------------------

_vocabularies: WeakKeyDictionary[Engine, dict[int, tuple[tuple, tuple[str, ...]]]] = WeakKeyDictionary()
_vocabulary_lock = Lock()


def _hub_words(hub_id: int):
    return or_(SearchWord.hub_id == hub_id, col(SearchWord.hub_id).is_(None))


def _vocabulary(session: Session, hub_id: int) -> tuple[str, ...]:
    """The hub's words (and the app pages'), kept per engine until a word is added or removed."""
    stamp = tuple(session.exec(select(func.count(), func.max(SearchWord.id)).where(_hub_words(hub_id))).one())
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    kept = _vocabularies.get(engine, {}).get(hub_id)
    if kept and kept[0] == stamp:
        return kept[1]
    found = tuple(sorted(set(session.exec(select(SearchWord.word).where(_hub_words(hub_id))).all())))
    with _vocabulary_lock:
        _vocabularies.setdefault(engine, {})[hub_id] = (stamp, found)
    return found


def _candidates(session: Session, hub_id: int, word: str) -> Sequence[str]:
    if _dialect(session) != "postgresql":
        return _vocabulary(session, hub_id)
    # pg_trgm's GIN index over lower(word) picks the few near words; rapidfuzz ranks them as on SQLite.
    session.connection().execute(text(f"SET LOCAL pg_trgm.similarity_threshold = {SUGGEST_TRIGRAM}"))
    return session.exec(
        select(SearchWord.word).where(_hub_words(hub_id), func.lower(SearchWord.word).op("%")(word))
    ).all()


def _nearest(session: Session, hub_id: int, word: str) -> list[str]:
    """The vocabulary's words nearest to ``word``, best first (ties alphabetically)."""
    if len(word) not in SUGGESTIBLE or word.isdigit():
        return []
    near = process.extract(
        word, _candidates(session, hub_id, word), scorer=fuzz.ratio, score_cutoff=SUGGEST_SCORE, limit=None
    )
    ranked = sorted(
        (
            (-score, candidate)
            for candidate, score, _i in near
            if candidate != word and candidate not in STOP_WORDS
        )
    )
    return [candidate for _score, candidate in ranked[:5]]


def _corrected(session: Session, hub_id: int, query: Sequence[_Word]) -> list[_Word] | None:
    """The query with each unknown word replaced by its nearest known one (or left out); None when
    nothing changed."""
    fixed: list[_Word] = []
    changed = False
    for word in query:
        if _found_at_all(session, hub_id, word):
            fixed.append(word)
            continue
        changed = True
        for candidate in _nearest(session, hub_id, word.said.replace(" ", "")):
            replacement = _Word(candidate, tuple(_word_ways(candidate)))
            if _found_at_all(session, hub_id, replacement):
                fixed.append(replacement)
                break
    return fixed if changed else None


# --- the one entry ------------------------------------------------------------------------------


def search(
    session: Session,
    hub_id: int,
    text: str,
    *,
    category: str = "",
    wijk_id: int | None = None,
    limit: int = 30,
) -> Results:
    """What the hub's search finds for ``text`` (see the module's docstring). Never raises on any
    text; reads only, so the caller's session stays as it was."""
    typed = (text if isinstance(text, str) else "")[:MAX_QUERY]
    category = category if isinstance(category, str) else ""
    wijk_id = wijk_id if isinstance(wijk_id, int) and not isinstance(wijk_id, bool) else None
    limit = max(1, min(limit if isinstance(limit, int) else 30, MAX_LIMIT))
    said = words(typed)
    if not said or (category and not _CATEGORY.fullmatch(category)):  # no document has such a category
        return Results(typed.strip(), EMPTY_GROUPS)
    table = _synonym_table(tuple(synonyms.pairs(session, hub_id)))
    query = _read(said, table)
    k = max(CANDIDATES, limit)
    groups = _grouped(_matches(session, hub_id, query, category, wijk_id, k), query, limit)
    if groups:
        return Results(typed.strip(), groups)
    fixed = _corrected(session, hub_id, query)
    if not fixed:
        return Results(typed.strip(), EMPTY_GROUPS)
    suggestion = " ".join(word.said for word in fixed)
    groups = _grouped(_matches(session, hub_id, fixed, category, wijk_id, k), fixed, limit)
    return Results(typed.strip(), groups, suggestion, used_suggestion=bool(groups))
