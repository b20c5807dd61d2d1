"""Search speed: `services.search.query.search` over 1,000, 10,000 and 100,000 services in one hub.

`python -m tests.bench.search` fills a throw-away SQLite file with made-up sociale kaart services (a
fixed seed; names, one-line summaries and descriptions from the categories' own words plus made-up
organisation names, so the vocabulary grows with the hub), 1,000 services in a second hub and the
app's pages, then times a mix of exact, stemmed, as-you-type, typo and synonym queries (what the
search box sends: limit 30, no filter, and one with a wijk) REPEAT times each after a warm-up, and
prints the median and the 95th percentile, one line per size, then one per kind of query. Then the
same on PostgreSQL: inside `pg_virtualenv` (a throw-away cluster, as `make test`'s scale-out run),
started by this script when it is installed; without it, one line says PostgreSQL was skipped.
Rows go in by bulk insert with the same stemmed terms services.search.index writes (building them
is not timed). It prints; it asserts no thresholds.
"""

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, insert, text
from sqlmodel import Session, SQLModel, create_engine, select

import mantelzorg_app.models  # noqa: F401  registers every table
from mantelzorg_app.models import Hub, SearchDocument, SearchWord, Wijk
from mantelzorg_app.models.search import PG_CREATE_DOCUMENT, PG_DOCUMENT_INDEX
from mantelzorg_app.services.directory.taxonomy import CATEGORIES
from mantelzorg_app.services.search import app_pages
from mantelzorg_app.services.search.index import SUGGESTIBLE
from mantelzorg_app.services.search.query import search
from mantelzorg_app.services.search.text import stem, words
from tests.bench.matching import NOW, SEED

SIZES = (1_000, 10_000, 100_000)
OTHER_HUB = 1_000  # services in the second hub, which must never show
REPEAT = 15
WARM_UP = 2
QUERIES = {
    "exact": ("respijtzorg", "dagbesteding", "regiotaxi", "mantelzorgcafe", "thuiszorg leusden"),
    "stemmed": ("boodschap", "maaltijd", "dagbestedingen", "formulier"),
    "prefix": ("boodsch", "huishoud", "vrijwil"),
    "typo": ("respijtzrog", "boodschapen", "huishoudlijke", "dagbestding"),
    "synonym": ("oppas", "even weg", "taxi", "eten", "geheugen", "vergeetachtig"),
}
# what services of each category are called and say, besides the category's own words
NOUNS = {
    "mantelzorgondersteuning": ("Steunpunt Mantelzorg", "Mantelzorgcafé", "Inloopuur", "Mantelzorgconsulent"),
    "respijtzorg": ("Logeerhuis", "Oppascentrale", "Respijtzorg", "Logeeropvang"),
    "dagbesteding": ("Dagbesteding", "Dagcentrum", "Zorgboerderij", "Ontmoetingsplek"),
    "thuiszorg": ("Thuiszorg", "Wijkverpleging", "Zorg Thuis"),
    "huishoudelijke_hulp": ("Huishoudelijke Hulp", "Schoonmaakdienst", "Thuishulp"),
    "vervoer": ("Regiotaxi", "Vrijwilligersvervoer", "Automaatje", "Rolstoelbus"),
    "maaltijden": ("Maaltijdservice", "Tafeltje Dekje", "Samen Eten"),
    "boodschappen": ("Boodschappendienst", "Boodschappenbus", "Bezorgservice"),
    "buurthulp": ("Buurthulp", "Burenhulp", "Klussendienst"),
    "lotgenoten": ("Lotgenotengroep", "Praatgroep", "Gespreksgroep"),
    "administratie": ("Formulierenhulp", "Thuisadministratie", "Geldzaken Spreekuur"),
    "huisarts": ("Praktijkondersteuner", "Huisartsenpraktijk"),
    "dementie": ("Casemanager Dementie", "Ontmoetingscentrum", "Alzheimer Café"),
    "jonge_mantelzorgers": ("Jonge Mantelzorgers", "Jongerenpunt"),
    "werk_en_mantelzorg": ("Werk en Mantelzorg", "Mantelzorgvriendelijk Werken"),
}
SENTENCES = (
    "U belt ons en wij maken een afspraak bij u thuis.",
    "Een vrijwilliger komt bij u langs voor een gesprek.",
    "Het is gratis voor inwoners van de gemeente.",
    "U betaalt een eigen bijdrage per uur.",
    "Wij helpen ook mensen die weinig Nederlands spreken.",
    "Bel op werkdagen tussen negen en twaalf uur.",
    "U kunt ook zonder afspraak binnenlopen.",
    "Voor ouderen en mensen met een beperking.",
    "Wij werken samen met de huisarts en de wijkverpleging.",
    "De eerste keer is een kennismaking.",
    "Wij komen met de auto of de fiets.",
    "Er is koffie en thee en tijd voor een praatje.",
    "Aanmelden kan via de consulent of zelf.",
    "U krijgt binnen een week antwoord.",
)
PLACES = ("Leusden", "Centrum", "Zuid", "Hamersveld", "Rozendaal", "Achterveld", "Stoutenburg", "Eemland")
SYLLABLES = ("ka", "mel", "ro", "ven", "dor", "li", "sta", "bur", "ne", "ho", "ter", "wa", "gen", "sel", "mo")


@cache
def _stem(word: str) -> str:
    return stem(word)


def _terms(value: str) -> str:
    return " ".join(_stem(word) for word in words(value))


def _made_up_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()


def _services(rng: random.Random, count: int, wijk_ids: list[int]) -> Iterator[tuple[dict, str]]:
    for _ in range(count):
        category = rng.choice(CATEGORIES)
        organisation = f"Stichting {_made_up_name(rng)}"
        title = f"{rng.choice(NOUNS[category.value])} {rng.choice((*PLACES, _made_up_name(rng)))}"
        summary = f"{category.what} {rng.choice(SENTENCES)}"
        body = " ".join((category.label, summary, *rng.sample(SENTENCES, 3), organisation))
        wijken = (
            "" if rng.random() < 0.6 else " ".join(str(w) for w in rng.sample(wijk_ids, rng.randint(1, 3)))
        )
        row = {
            "kind": "service",
            "ref": "",
            "title": title,
            "summary": summary[:300],
            "icon": category.icon,
            "category": category.value,
            "wijk_ids": wijken,
            "terms_title": _terms(title),
            "terms_body": _terms(body),
        }
        yield row, f"{title} {body}"


def _load(
    session: Session, hub_id: int, count: int, rng: random.Random, wijk_ids: list[int], first: int
) -> None:
    """Adds ``count`` services to the hub, and their words to its vocabulary."""
    rows, seen = [], set()
    for i, (row, written) in enumerate(_services(rng, count, wijk_ids), start=first):
        rows.append({**row, "hub_id": hub_id, "ref": str(i), "updated_at": NOW})
        seen.update(word for word in words(written) if len(word) in SUGGESTIBLE and not word.isdigit())
    connection = session.connection()
    for start in range(0, len(rows), 5_000):
        connection.execute(insert(SearchDocument), rows[start : start + 5_000])
    known = set(session.exec(select(SearchWord.word).where(SearchWord.hub_id == hub_id)).all())
    new = [{"hub_id": hub_id, "word": word, "stem": _stem(word)} for word in sorted(seen - known)]
    if new:
        connection.execute(insert(SearchWord), new)
    session.commit()


def _hub(session: Session, slug: str) -> tuple[int, list[int]]:
    hub = Hub(slug=slug, name=slug.title(), country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL")
    session.add(hub)
    session.flush()
    wijken = [Wijk(hub_id=hub.id, slug=place.lower(), name=place, kind="wijk") for place in PLACES]
    session.add_all(wijken)
    session.commit()
    return hub.id, [wijk.id for wijk in wijken]


def _timed(session: Session, hub_id: int, wijk_id: int) -> dict[str, list[float]]:
    runs: dict[str, list[float]] = {kind: [] for kind in (*QUERIES, "wijk")}
    cases = [(kind, query, None) for kind, queries in QUERIES.items() for query in queries]
    cases += [("wijk", query, wijk_id) for query in ("respijtzorg", "oppas", "boodschapen")]
    for repeat in range(WARM_UP + REPEAT):
        for kind, query, wijk in cases:
            start = time.perf_counter_ns()
            search(session, hub_id, query, wijk_id=wijk)
            if repeat >= WARM_UP:
                runs[kind].append((time.perf_counter_ns() - start) / 1e6)
    return runs


def _figures(runs: list[float]) -> str:
    return f"p50 {statistics.median(runs):.1f} ms p95 {statistics.quantiles(runs, n=100)[94]:.1f} ms"


def bench(engine: Engine, database: str) -> None:
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    rng = random.Random(SEED)
    postgres = engine.dialect.name == "postgresql"
    with Session(engine) as session:
        leusden, wijken = _hub(session, "leusden")
        other, other_wijken = _hub(session, "elders")
        app_pages.index_pages(session)
        session.commit()
        _load(session, other, OTHER_HUB, rng, other_wijken, 1)
        loaded = 0
        for size in SIZES:
            if postgres:  # a GIN index is quicker made once over all rows than kept row by row
                session.connection().execute(text(f"DROP INDEX IF EXISTS {PG_DOCUMENT_INDEX}"))
            _load(session, leusden, size - loaded, rng, wijken, OTHER_HUB + loaded + 1)
            if postgres:
                for statement in PG_CREATE_DOCUMENT:
                    session.connection().execute(text(statement))
                session.connection().execute(text("ANALYZE"))
                session.commit()
            loaded = size
            runs = _timed(session, leusden, wijken[1])
            print(f"search services n={size} {database}: {_figures([ms for r in runs.values() for ms in r])}")
            print(
                f"  by query n={size} {database}:",
                "; ".join(f"{kind} {_figures(kind_runs)}" for kind, kind_runs in runs.items()),
                flush=True,
            )
        found = search(session, leusden, "respijtzrog")
        print(
            f"  ('respijtzrog' at n={loaded} on {database}: 'Bedoelt u: {found.suggestion}?',",
            f"{sum(len(group.hits) for group in found.groups)} hits shown)",
        )


def _postgres_url() -> str:
    env = os.environ
    return (
        f"postgresql+psycopg://{env['PGUSER']}:{env['PGPASSWORD']}"
        f"@{env['PGHOST']}:{env['PGPORT']}/{env['PGDATABASE']}"
    )


def main(args: list[str]) -> None:
    if "--postgresql" in args:  # inside pg_virtualenv
        engine = create_engine(_postgres_url())
        bench(engine, "postgresql")
        engine.dispose()
        return
    print(f"(search bench: 1-minute load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        bench(engine, "sqlite")
        engine.dispose()
    if "--sqlite" in args:
        return
    if shutil.which("pg_virtualenv") is None:
        print("search services postgresql: skipped (pg_virtualenv is missing: apt-get install postgresql)")
        return
    subprocess.run(
        ["pg_virtualenv", sys.executable, "-m", "tests.bench.search", "--postgresql"],
        check=True,
        stderr=subprocess.DEVNULL,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
