"""The demo news of Leusden and Poperinge, counted back from ``now``.

Leusden has a trekkersgroep: one trekker per wijk (Eva of Groenhouten and the others of the demo
hub, services.demo), two or three published posts for every wijk, one post for the whole hub from
the coordinator, one post with a photo (a picture drawn here with Pillow, no photo of a real person,
made through services.news.photos like an upload, with its description), one linked to the
Inn-formeel network meeting of the agenda demo, and one waiting for the coordinator. Its general
news is the fixture feed ``demo_feed.xml``, loaded through services.news.importing as if fetched
(its address at example.org is made up). Poperinge has one post in Flemish words.

Every published post is in the search index. Loaded once with its hub (services.demo adds a hub
that is not there yet), so loading the demo again adds nothing.
"""

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from sqlmodel import Session, col, select

from mantelzorg_app.models import (
    Activity,
    ActivityKind,
    Hub,
    Membership,
    NewsFeed,
    NewsPost,
    PostStatus,
    Role,
)
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.news import importing, indexing, photos

FEED_FILE = Path(__file__).with_name("demo_feed.xml")
FEED_URL = "https://nieuws.mantelzorg.example.org/feed.rss"
FEED_NAME = "Mantelzorg Nederland (voorbeeld)"
PHOTO = "photo"
ACTIVITY = "activity"
WAITING = "waiting"


@dataclass(frozen=True)
class Post:
    wijk: str | None  # None: the whole hub
    writer: str  # the demo person's first name
    title: str
    body: str
    days_ago: int
    extra: str = ""  # PHOTO, ACTIVITY or WAITING
    alt: str = ""  # the photo's description


LEUSDEN = (
    Post(
        None,
        "Gerrit",
        "Er is een trekkersgroep",
        "In elke wijk is nu een trekker. Dat is een buurtbewoner die het nieuws uit de wijk deelt.\n\n"
        "Heeft u nieuws uit uw wijk? Vertel het aan de trekker van uw wijk.",
        20,
    ),
    Post(
        "Centrum",
        "Femke",
        "Koffie in de bibliotheek",
        "Elke vrijdag staat de koffie klaar in de bibliotheek. Van 10 tot 12 uur.\n\n"
        "U kunt even zitten en praten met andere mantelzorgers. Het is gratis.",
        3,
    ),
    Post(
        "Centrum",
        "Femke",
        "Nieuwe bankjes op het plein",
        "Op het plein staan nu drie nieuwe bankjes. Fijn om even uit te rusten na de boodschappen.",
        12,
    ),
    Post(
        "Centrum",
        "Femke",
        "Wie wil meehelpen op de markt?",
        "Op de markt staat in maart een kraam over mantelzorg. Wij zoeken nog twee mensen die willen helpen. "
        "Het gaat om één ochtend.",
        0,
        WAITING,
    ),
    Post(
        "Zuid",
        "Joris",
        "Samen wandelen op dinsdag",
        "Elke dinsdag lopen wij een rondje door het park. Wij beginnen om 14 uur bij de vijver.\n\n"
        "Neemt u de persoon voor wie u zorgt mee? Dat is goed. Wij lopen rustig.",
        2,
        PHOTO,
        "Een getekend park: een bankje naast een boom, een pad door het gras en de zon.",
    ),
    Post(
        "Zuid",
        "Joris",
        "Boodschappen samen doen",
        "Een paar buren gaan op zaterdag samen naar de supermarkt. Er is plek in de auto. "
        "Bel de trekker als u mee wilt.",
        9,
    ),
    Post(
        "Hamersveld",
        "Lieke",
        "Kom ook naar het netwerk van Inn-formeel",
        "Inn-formeel is een groep van vrijwilligers en mantelzorgers. Zij komen binnenkort bij elkaar.\n\n"
        "U hoort wat er in Leusden te doen is. En u ontmoet mensen uit de buurt.",
        1,
        ACTIVITY,
    ),
    Post(
        "Hamersveld",
        "Lieke",
        "Hulp bij formulieren",
        "Vindt u formulieren lastig? Op woensdag helpt een vrijwilliger in het wijkgebouw. "
        "Neem uw papieren mee.",
        15,
    ),
    Post(
        "Rozendaal",
        "Marloes",
        "Een luisterend oor",
        "Soms wilt u gewoon uw verhaal kwijt. Dat kan bij de koffie op maandagochtend in de kerkzaal.",
        5,
    ),
    Post(
        "Rozendaal",
        "Marloes",
        "Tuin van de buurt opgeknapt",
        "Buren hebben de tuin achter de flat opgeknapt. Er staan nu bloemen en een bank in de schaduw.",
        17,
    ),
    Post(
        "Groenhouten",
        "Eva",
        "Even vrij van de zorg",
        "Wilt u een middag voor uzelf? Een vrijwilliger kan dan bij uw naaste blijven.\n\n"
        "Vraag het via Hulp vragen in deze app. Of bel de consulent.",
        4,
    ),
    Post(
        "Groenhouten",
        "Eva",
        "Spelletjes in De Til",
        "Op de laatste zondag van de maand spelen wij spelletjes in De Til. Iedereen is welkom.",
        11,
    ),
    Post(
        "Groenhouten",
        "Eva",
        "Nieuwe buurtapp",
        "Veel buren gebruiken nu deze app. U vindt hier hulp, de agenda en het nieuws uit de wijk.",
        19,
    ),
    Post(
        "Tabaksteeg",
        "Nadia",
        "Maaltijd voor mantelzorgers",
        "In de buurtkamer koken vrijwilligers één keer per maand. U eet mee voor een klein bedrag.",
        6,
    ),
    Post(
        "Tabaksteeg",
        "Nadia",
        "Rollator-les",
        "Een fysiotherapeut laat zien hoe u veilig loopt met een rollator. Ook voor mantelzorgers.",
        14,
    ),
    Post(
        "Achterveld",
        "Ravi",
        "De bus naar het dorpshuis",
        "De buurtbus rijdt nu ook op vrijdag. Zo komt u makkelijk bij het dorpshuis en de dokter.",
        7,
    ),
    Post(
        "Achterveld",
        "Ravi",
        "Koor zoekt zangers",
        "Het koor van het dorpshuis zoekt nieuwe zangers. Zingen is goed voor u. "
        "U hoeft geen noten te lezen.",
        16,
    ),
    Post(
        "Stoutenburg",
        "Wouter",
        "Samen naar de markt",
        "Wij rijden op donderdag samen naar de markt in Leusden. Er zijn nog twee plaatsen.",
        8,
    ),
    Post(
        "Stoutenburg",
        "Wouter",
        "Hulp bij de tuin",
        "Lukt het werk in de tuin niet meer? Twee buren willen helpen met snoeien en maaien.",
        18,
    ),
)

POPERINGE = (
    Post(
        None,
        "Jolien",
        "Geld van de stad voor mantelzorgers",
        "Zorgt u thuis voor iemand? Dan krijgt u misschien geld van de stad als bedankje. "
        "Dat heet de mantelzorgpremie.\n\n"
        "Vraag ernaar aan het loket van het Sociaal Huis. Breng de kleefbriefjes van uw ziekenfonds mee. "
        "Het loket is open op dinsdag en donderdag, in de voormiddag.",
        3,
    ),
)

POSTS = {"leusden": LEUSDEN, "poperinge": POPERINGE}
FEEDS = {"leusden": (FEED_URL, FEED_NAME)}


def drawn_picture(width: int = 800, height: int = 600) -> bytes:
    """A simple drawn picture as a JPEG: a park with a path, a tree, a bench and the sun."""
    image = Image.new("RGB", (width, height), (178, 216, 240))
    draw = ImageDraw.Draw(image)
    horizon = height * 3 // 5
    draw.rectangle((0, horizon, width, height), fill=(120, 180, 90))
    middle, foot = width // 2, width // 10
    path = [(middle - foot, height), (middle + foot, height), (middle + 20, horizon), (middle, horizon)]
    draw.polygon(path, fill=(222, 200, 160))
    draw.ellipse((width - 170, 40, width - 70, 140), fill=(250, 210, 70))
    trunk_x = width // 5
    draw.rectangle((trunk_x, horizon - 120, trunk_x + 30, horizon + 40), fill=(110, 80, 50))
    draw.ellipse((trunk_x - 110, horizon - 300, trunk_x + 140, horizon - 80), fill=(60, 140, 70))
    seat_y = horizon + 60
    draw.rectangle((trunk_x + 50, seat_y, trunk_x + 190, seat_y + 14), fill=(140, 90, 50))
    draw.rectangle((trunk_x + 50, seat_y - 40, trunk_x + 190, seat_y - 28), fill=(140, 90, 50))
    for leg in (trunk_x + 60, trunk_x + 170):
        draw.rectangle((leg, seat_y, leg + 10, seat_y + 50), fill=(90, 60, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _network_meeting(session: Session, hub: Hub) -> int | None:
    return session.exec(
        select(Activity.id).where(Activity.hub_id == hub.id, Activity.kind == ActivityKind.network)
    ).first()


def _coordinator(session: Session, hub: Hub, people: dict[str, int]) -> int | None:
    """Who decided on the demo's posts: a demo coordinator of the hub."""
    return session.exec(
        select(Membership.person_id).where(
            Membership.hub_id == hub.id,
            Membership.role == Role.coordinator,
            col(Membership.person_id).in_(list(people.values())),
        )
    ).first()


def load_news(
    session: Session, hub: Hub, people: dict[str, int], wijk_ids: dict[str, int], now: datetime
) -> list[NewsPost]:
    """Adds the hub's demo posts (none for a hub without them) and its feed with its items. The feed's
    items are loaded last, through ``importing.load``, which commits."""
    decider = _coordinator(session, hub, people)
    made = []
    for plan in POSTS.get(hub.slug, ()):
        made.append(_add(session, hub, plan, people, wijk_ids, decider, now))
    session.flush()
    for post in made:
        indexing.index(session, post)
    feed = FEEDS.get(hub.slug)
    if feed is not None:
        url, name = feed
        row = NewsFeed(hub_id=hub.id, url=url, name=name, last_tried_at=now)
        session.add(row)
        session.flush()
        importing.load(session, row, FEED_FILE.read_bytes(), now)
    return made


def _add(
    session: Session,
    hub: Hub,
    plan: Post,
    people: dict[str, int],
    wijk_ids: dict[str, int],
    decider: int | None,
    now: datetime,
) -> NewsPost:
    writer = people[plan.writer]
    at = now - timedelta(days=plan.days_ago, hours=2)
    post = NewsPost(
        hub_id=hub.id,
        wijk_id=wijk_ids[plan.wijk] if plan.wijk else None,
        author_id=writer,
        author_name=plan.writer,
        title=plan.title,
        body=plan.body,
        sent_at=at,
        created_at=at - timedelta(hours=1),
        updated_at=at,
    )
    if plan.extra == WAITING:
        post.status = PostStatus.waiting
    else:
        post.status, post.published_at = PostStatus.published, at + timedelta(hours=1)
        post.decided_by_id, post.decided_at = decider, at + timedelta(hours=1)
    if plan.extra == ACTIVITY:
        post.activity_id = _network_meeting(session, hub)
    if plan.extra == PHOTO:
        roles = frozenset({Role.trekker})
        photo = photos.make(session, Actor(writer, plan.writer, hub.id, roles), drawn_picture(), at)
        photo.alt = plan.alt
        session.add(photo)
        post.photo_id = photo.id
    session.add(post)
    return post
