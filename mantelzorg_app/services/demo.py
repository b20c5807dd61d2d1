"""Demo data: the hub Leusden (NL) and the hub Poperinge (West Flanders, BE).

Place names are real; every person is made up and obviously so: the surname "Voorbeeld"
(example), addresses at example.org, and phone numbers that are zeros after the mobile prefix or,
for a hub's own number, after the area code.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session

from mantelzorg_app.models import HelpRequest, Hub, Membership, Person, Role, VolunteerProfile, Wijk
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.calendar.demo import load_calendar
from mantelzorg_app.services.chat.demo import load_chat
from mantelzorg_app.services.directory.demo import load_directory
from mantelzorg_app.services.help.requests import EXAMPLES, HOME_VISIT_BY_DEFAULT
from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES
from mantelzorg_app.services.news.demo import load_news
from mantelzorg_app.services.platform.hubs import hub_by_slug
from mantelzorg_app.services.search.app_pages import index_pages


@dataclass(frozen=True)
class DemoHub:
    slug: str
    name: str
    country: str
    timezone: str
    speech_locale: str
    phone_prefix: str
    # The hub's own number (made up: zeros after the area code) and its call-back promise.
    hub_phone: str
    callback_caller: str
    callback_workdays: int
    wijken: tuple[tuple[str, str, str], ...]  # name, kind, postcodes
    people: tuple[tuple[str, Role, str | None], ...]  # first name, role, wijk name
    # volunteers' profiles: first name, categories, wijken (space-separated), VOG seen
    profiles: tuple[tuple[str, str, tuple[str, ...], bool], ...] = ()
    # open requests: caregiver's first name, category, example sentence number, days since asked
    requests: tuple[tuple[str, str, int, int], ...] = ()


ALL_HELP = " ".join(CATEGORY_VALUES)

LEUSDEN = DemoHub(
    slug="leusden",
    name="Leusden",
    country="NL",
    timezone="Europe/Amsterdam",
    speech_locale="nl-NL",
    phone_prefix="06-000000",
    hub_phone="033-000 0000",
    callback_caller="consulent",
    callback_workdays=2,
    wijken=(
        ("Centrum", "wijk", "3831"),
        ("Zuid", "wijk", "3832 3833"),
        ("Hamersveld", "wijk", "3833"),
        ("Rozendaal", "wijk", "3831"),
        ("Groenhouten", "wijk", "3832"),
        ("Tabaksteeg", "wijk", "3832"),
        ("Achterveld", "kern", "3791"),
        ("Stoutenburg", "kern", "3835"),
    ),
    people=(
        ("Anna", Role.caregiver, "Centrum"),
        ("Bram", Role.caregiver, "Achterveld"),
        ("Carla", Role.volunteer, "Centrum"),
        ("Daan", Role.volunteer, "Zuid"),
        ("Eva", Role.trekker, "Groenhouten"),
        ("Fatima", Role.professional, None),
        ("Gerrit", Role.coordinator, None),
        # the trekkersgroep: with Eva, one trekker for each wijk (services.news.demo)
        ("Femke", Role.trekker, "Centrum"),
        ("Joris", Role.trekker, "Zuid"),
        ("Lieke", Role.trekker, "Hamersveld"),
        ("Marloes", Role.trekker, "Rozendaal"),
        ("Nadia", Role.trekker, "Tabaksteeg"),
        ("Ravi", Role.trekker, "Achterveld"),
        ("Wouter", Role.trekker, "Stoutenburg"),
    ),
    profiles=(
        ("Carla", ALL_HELP, ("Centrum", "Rozendaal", "Hamersveld"), True),
        ("Daan", "boodschappen vervoer klusjes", ("Zuid", "Groenhouten", "Tabaksteeg", "Achterveld"), False),
    ),
    requests=(("Bram", "vervoer", 0, 4),),
)

POPERINGE = DemoHub(
    slug="poperinge",
    name="Poperinge",
    country="BE",
    timezone="Europe/Brussels",
    speech_locale="nl-BE",
    phone_prefix="0400 00 00",
    hub_phone="057 00 00 00",
    callback_caller="sociaal_huis",
    callback_workdays=3,
    wijken=(
        ("Poperinge", "deelgemeente", "8970"),
        ("Reningelst", "deelgemeente", "8970"),
        ("Krombeke", "deelgemeente", "8972"),
        ("Proven", "deelgemeente", "8972"),
        ("Roesbrugge-Haringe", "deelgemeente", "8972"),
        ("Watou", "deelgemeente", "8978"),
    ),
    people=(
        ("Hilde", Role.caregiver, "Watou"),
        ("Ivo", Role.volunteer, "Poperinge"),
        ("Jolien", Role.coordinator, None),
        ("Koen", Role.professional, None),
    ),
    profiles=(("Ivo", ALL_HELP, ("Poperinge", "Reningelst", "Watou"), True),),
)

DEMO_HUBS = (LEUSDEN, POPERINGE)


def load_demo(session: Session) -> list[str]:
    """Adds each demo hub that is not there yet; returns the slugs it added."""
    added = []
    for demo in DEMO_HUBS:
        if hub_by_slug(session, demo.slug) is None:
            _add_hub(session, demo)
            added.append(demo.slug)
    index_pages(session)  # manage migrate does it too; here for databases made without it (tests)
    session.commit()
    return added


def _add_hub(session: Session, demo: DemoHub) -> None:
    hub = Hub(
        slug=demo.slug,
        name=demo.name,
        country=demo.country,
        timezone=demo.timezone,
        speech_locale=demo.speech_locale,
        phone=demo.hub_phone,
        callback_caller=demo.callback_caller,
        callback_workdays=demo.callback_workdays,
    )
    session.add(hub)
    session.flush()
    today = utcnow().date()
    wijk_ids = {}
    for name, kind, postcodes in demo.wijken:
        wijk = Wijk(hub_id=hub.id, slug=_slug(name), name=name, kind=kind, postcodes=postcodes)
        session.add(wijk)
        session.flush()
        wijk_ids[name] = wijk.id
    people = {}
    for number, (first_name, role, wijk_name) in enumerate(demo.people, start=1):
        person = Person(
            first_name=first_name,
            email=f"{first_name.lower()}.voorbeeld@{demo.slug}.example.org",
            phone=f"{demo.phone_prefix} {number:02d}",
        )
        session.add(person)
        session.flush()
        people[first_name] = person.id
        session.add(
            Membership(
                person_id=person.id,
                hub_id=hub.id,
                role=role,
                wijk_id=wijk_ids.get(wijk_name) if wijk_name else None,
                vog_checked_on=today if any(p[0] == first_name and p[3] for p in demo.profiles) else None,
            )
        )
    for first_name, categories, wijken, _vetted in demo.profiles:
        session.add(
            VolunteerProfile(
                person_id=people[first_name],
                hub_id=hub.id,
                categories=categories,
                wijk_ids=" ".join(str(wijk_ids[name]) for name in wijken),
            )
        )
    for first_name, category, example, days_ago in demo.requests:
        home = next(wijk for name, role, wijk in demo.people if name == first_name)
        session.add(
            HelpRequest(
                hub_id=hub.id,
                caregiver_id=people[first_name],
                category=category,
                text=EXAMPLES[category][example],
                wijk_id=wijk_ids[home],
                home_visit=category in HOME_VISIT_BY_DEFAULT,
                created_at=utcnow() - timedelta(days=days_ago),
            )
        )
    # the sociale kaart; its professionals keep their organisation's entries
    staff = {name: people[name] for name, role, _wijk in demo.people if role == Role.professional}
    load_directory(session, hub, wijk_ids, staff)
    # Praten: the hub's rooms, a few friendly messages, and a 1:1 about a matched request
    load_chat(session, hub, people, wijk_ids)
    # the agenda: the café, the walk-in hours, the academy's courses; counted from now
    load_calendar(session, hub, people, wijk_ids, utcnow())
    # the news: the trekkersgroep's posts (one with a photo, one waiting) and the general news feed
    load_news(session, hub, people, wijk_ids, utcnow())


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")
