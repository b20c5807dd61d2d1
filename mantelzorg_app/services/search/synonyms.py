"""Plain words as data: what a caregiver types ("oppas", "even weg", "eten") and the words the index
uses for it ("respijtzorg", "maaltijden"). BUILT_IN holds ours; a hub's coordinator adds their own
(``SearchSynonym`` rows, on the sociale kaart's beheer page).

A synonym works one way: "oppas" also finds what says "respijtzorg", not the other way round. Both
sides may be more than one word: "even weg" is found as those words one after the other; a meaning of
two words ("huishoudelijke hulp") needs both words in a document. services.search.query reads them
through ``pairs``.

Nothing here commits: the caller commits once, after ``add`` or ``remove``.
"""

from sqlmodel import Session, col, select

from mantelzorg_app.models import Role, SearchSynonym
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import audit, database
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid
from mantelzorg_app.services.search.text import words

MAX_PER_HUB = 500
MAX_LENGTH = 60  # characters of a word or its meaning (the table's columns)
ADDED, REMOVED = "search.synonym_added", "search.synonym_removed"

# What people type -> what the index calls it: the words of the categories' labels and of the entries.
# Several meanings: any of them finds it. Plain words (lower case, no accents).
_MEANS: dict[str, tuple[str, ...]] = {
    # respijtzorg: someone takes over the care for a while
    **dict.fromkeys(
        (
            "even weg",
            "even vrij",
            "vrije dag",
            "rust",
            "adem",
            "ontlasten",
            "vakantie",
            "overnemen",
            "uitrusten",
        ),
        ("respijtzorg",),
    ),
    **dict.fromkeys(("oppas", "oppassen", "oppasser"), ("respijtzorg", "oppas")),
    **dict.fromkeys(
        ("logeren", "logeeropvang", "logeerhuis", "weekend weg"),
        ("respijtzorg", "logeeropvang", "logeerhuis"),
    ),
    # dagbesteding
    **dict.fromkeys(("overdag", "dagopvang", "dagje", "bezigheid", "activiteiten"), ("dagbesteding",)),
    # meals
    **dict.fromkeys(
        ("eten", "koken", "warme maaltijd", "tafeltje dekje", "avondeten", "lunch"),
        ("maaltijden", "maaltijd"),
    ),
    # transport
    **dict.fromkeys(("taxi", "rijden", "auto", "chauffeur", "rolstoel", "bus"), ("vervoer", "regiotaxi")),
    **dict.fromkeys(("ziekenhuis", "brengen", "halen"), ("vervoer",)),
    # memory
    **dict.fromkeys(
        ("geheugen", "vergeetachtig", "vergeten", "alzheimer", "verward", "in de war"),
        ("dementie", "geheugen"),
    ),
    # the household
    **dict.fromkeys(
        ("schoonmaak", "schoonmaken", "poetsen", "poetshulp", "stofzuigen", "wassen", "strijken"),
        ("huishouden", "huishoudelijke hulp"),
    ),
    # shopping
    **dict.fromkeys(("winkel", "supermarkt", "inkopen", "winkelen"), ("boodschappen",)),
    # paperwork and money
    **dict.fromkeys(
        (
            "formulieren",
            "formulier",
            "papieren",
            "brieven",
            "post",
            "geld",
            "rekeningen",
            "schulden",
            "belasting",
            "toeslag",
            "aanvragen",
        ),
        ("administratie", "papierwerk", "formulieren"),
    ),
    # talking, feeling alone, people in the same boat, being worn out
    **dict.fromkeys(("praten", "praatje", "luisteren", "verhaal"), ("lotgenoten", "gesprek", "praatje")),
    **dict.fromkeys(("alleen", "eenzaam", "eenzaamheid"), ("lotgenoten", "gezelschap", "praatje")),
    **dict.fromkeys(("verdriet", "rouw"), ("lotgenoten", "gesprek")),
    **dict.fromkeys(
        ("zwaar", "moe", "overbelast", "advies", "steun", "hulp voor mij"),
        ("mantelzorgondersteuning", "consulent", "steun voor mantelzorgers"),
    ),
    **dict.fromkeys(("koffie", "cafe", "ontmoeten"), ("mantelzorgcafe", "inloop", "ontmoetingscentrum")),
    # care at home, the doctor
    **dict.fromkeys(
        ("verpleging", "verzorging", "wijkverpleging", "wijkzuster", "douchen", "aankleden", "medicijnen"),
        ("thuiszorg", "zorg thuis"),
    ),
    **dict.fromkeys(("dokter", "praktijk", "poh"), ("huisarts", "praktijkondersteuner")),
    # the neighbourhood, odd jobs
    **dict.fromkeys(("buren", "buurt", "klusje", "klussen", "tuin"), ("buurthulp", "hulp uit de buurt")),
    # young carers, work
    **dict.fromkeys(("kind", "kinderen", "jongeren", "school", "student"), ("jonge mantelzorgers",)),
    **dict.fromkeys(("baan", "werkgever", "verlof", "baas"), ("werk",)),
    # the app's own pages (services.search.app_pages)
    "account": ("gegevens",),
}
BUILT_IN: tuple[tuple[str, str], ...] = tuple(
    (word, means) for word, all_means in _MEANS.items() for means in all_means
)


def plain_words(text: str) -> str:
    """What is stored and compared: the text's words, lower case without accents."""
    return " ".join(words(text))


def of_hub(session: Session, hub_id: int) -> list[SearchSynonym]:
    """The hub's own synonyms, by word."""
    return list(
        session.exec(
            select(SearchSynonym)
            .where(SearchSynonym.hub_id == hub_id)
            .order_by(col(SearchSynonym.word), col(SearchSynonym.means))
        ).all()
    )


def pairs(session: Session, hub_id: int | None) -> list[tuple[str, str]]:
    """Every (word, means) the hub's search knows: ours and the hub's own."""
    own: list[tuple[str, str]] = []
    if hub_id is not None:
        rows = session.exec(
            select(SearchSynonym.word, SearchSynonym.means).where(SearchSynonym.hub_id == hub_id)
        ).all()
        own = [(word, means) for word, means in rows]
    return [*BUILT_IN, *own]


def _checked(value: object, empty: str) -> str:
    text = value if isinstance(value, str) else ""
    if len(text) > MAX_LENGTH * 4:
        raise ValueError("too long")
    found = plain_words(text)
    if not found:
        raise LookupError(empty)
    if len(found) > MAX_LENGTH:
        raise ValueError("too long")
    return found


def add(session: Session, actor: Actor, word: object, means: object) -> SearchSynonym:
    """The coordinator's own synonym for their hub: ``word`` also finds what says ``means``.

    Raises authz.Refused for anyone but the hub's coordinator, and Invalid({"word"|"means": msgid})
    for a bad word. Adds the row and its audit line to the session; the caller commits.
    """
    authz.require_role(session, actor, "search.synonym_add", Role.coordinator)
    problems: dict[str, str] = {}
    found: dict[str, str] = {}
    for field, value, empty in (
        ("word", word, N_("Vul een woord in.")),
        ("means", means, N_("Vul in wat het woord betekent.")),
    ):
        try:
            found[field] = _checked(value, empty)
        except LookupError as missing:
            problems[field] = str(missing.args[0])
        except ValueError:
            problems[field] = N_("Gebruik hooguit 60 tekens.")
    if not problems and found["word"] == found["means"]:
        problems["means"] = N_("Kies een ander woord dan het woord zelf.")
    if problems:
        raise Invalid(problems)
    existing = of_hub(session, actor.hub_id)
    if any((row.word, row.means) == (found["word"], found["means"]) for row in existing):
        raise Invalid({"word": N_("Dit woord staat er al.")})
    if len(existing) >= MAX_PER_HUB:
        raise Invalid({"word": N_("Er zijn al 500 woorden. Haal er eerst een weg.")})
    row = SearchSynonym(
        hub_id=actor.hub_id, word=found["word"], means=found["means"], created_by=actor.person_id
    )
    session.add(row)
    audit.record(
        session, ADDED, hub_id=actor.hub_id, actor_id=actor.person_id, detail=f"{row.word} -> {row.means}"
    )
    return row


def remove(session: Session, actor: Actor, synonym_id: object) -> None:
    """Takes one of the hub's own synonyms away (the coordinator only; another hub's is refused).
    The caller commits."""
    authz.require_role(session, actor, "search.synonym_remove", Role.coordinator)
    row = database.row(session, SearchSynonym, synonym_id)
    if row is None or row.hub_id != actor.hub_id:
        authz.refuse(session, "search.synonym_remove", actor.hub_id, actor.person_id, "not this hub's")
    session.delete(row)
    audit.record(
        session, REMOVED, hub_id=actor.hub_id, actor_id=actor.person_id, detail=f"{row.word} -> {row.means}"
    )
