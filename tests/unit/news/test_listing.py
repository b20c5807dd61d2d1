"""The Nieuws page's sections (the person's wijk first, a chosen wijk, the hub, general news), its
paging, Home's newest post, and the pages of one post and one general item."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import (
    Activity,
    ActivityKind,
    Hub,
    Membership,
    NewsFeed,
    NewsItem,
    NewsPhoto,
    NewsPost,
    Person,
    PostStatus,
    Role,
    Wijk,
)
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.news import listing

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tuesday 1 December 2026, 10.00 in Leusden


@pytest.fixture
def world(session: Session):
    leusden = Hub(
        slug="leusden", name="Leusden", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL"
    )
    other = Hub(
        slug="poperinge", name="Poperinge", country="BE", timezone="Europe/Brussels", speech_locale="nl-BE"
    )
    session.add_all([leusden, other])
    session.commit()
    centrum = Wijk(hub_id=leusden.id, slug="centrum", name="Centrum", kind="wijk")
    zuid = Wijk(hub_id=leusden.id, slug="zuid", name="Zuid", kind="wijk")
    abele = Wijk(hub_id=other.id, slug="abele", name="Abele", kind="deelgemeente")
    carla, eva, cora = Person(first_name="Carla"), Person(first_name="Eva"), Person(first_name="Cora")
    session.add_all([centrum, zuid, abele, carla, eva, cora])
    session.commit()
    session.add_all(
        [
            Membership(person_id=carla.id, hub_id=leusden.id, role=Role.caregiver, wijk_id=zuid.id),
            Membership(person_id=eva.id, hub_id=leusden.id, role=Role.trekker, wijk_id=centrum.id),
            Membership(person_id=cora.id, hub_id=leusden.id, role=Role.coordinator),
        ]
    )
    session.commit()
    return {"leusden": leusden, "other": other, "centrum": centrum, "zuid": zuid, "abele": abele} | {
        "carla": Actor(carla.id, "Carla", leusden.id, frozenset({Role.caregiver})),
        "eva": Actor(eva.id, "Eva", leusden.id, frozenset({Role.trekker})),
        "cora": Actor(cora.id, "Cora", leusden.id, frozenset({Role.coordinator})),
    }


def post(session, hub, wijk=None, status=PostStatus.published, days_ago=1, **fields) -> NewsPost:
    values = {"title": "Koffie in de wijk", "body": "Kom koffie drinken.", "author_name": "Eva"} | fields
    row = NewsPost(
        hub_id=hub.id,
        wijk_id=wijk.id if wijk else None,
        status=status,
        published_at=NOW - timedelta(days=days_ago) if status == PostStatus.published else None,
        updated_at=NOW - timedelta(days=days_ago),
        **values,
    )
    session.add(row)
    session.commit()
    return row


def item(session, hub, days_ago=1, **fields) -> NewsItem:
    feed = session.exec(select(NewsFeed).where(NewsFeed.hub_id == hub.id)).first()
    if feed is None:
        feed = NewsFeed(hub_id=hub.id, url=f"https://example.org/{hub.slug}.rss", name="MantelzorgNL")
        session.add(feed)
        session.commit()
    values = {
        "guid": f"g{days_ago}-{fields.get('title', '')}",
        "title": "Landelijk nieuws",
        "summary": "Kort.",
    }
    row = NewsItem(
        feed_id=feed.id, hub_id=hub.id, published_at=NOW - timedelta(days=days_ago), **values | fields
    )
    session.add(row)
    session.commit()
    return row


def names(found):
    return [(s.name, [c.title for c in s.cards]) for s in found]


def test_a_caregiver_sees_their_own_wijk_first_then_the_hub_then_general_news(session, world):
    hub = world["leusden"]
    post(session, hub, world["zuid"], title="Zuid", days_ago=3)
    post(session, hub, world["centrum"], title="Centrum", days_ago=1)
    post(session, hub, None, title="Heel Leusden", days_ago=2)
    item(session, hub, title="Landelijk")
    found = listing.sections(session, hub, world["carla"], None, NOW)
    assert names(found) == [
        ("wijk", ["Zuid"]),
        ("hub", ["Centrum", "Heel Leusden"]),
        ("general", ["Landelijk"]),
    ]
    assert found[0].heading == listing.FROM_YOUR_WIJK
    assert (found[1].heading, found[1].values) == (listing.FROM_HUB, {"hub": "Leusden"})
    assert found[2].cards[0].source == {"nl": "MantelzorgNL", "en": "MantelzorgNL"}


def test_a_visitor_has_no_wijk_section_and_a_chip_chooses_one(session, world):
    hub = world["leusden"]
    post(session, hub, world["zuid"], title="Zuid")
    post(session, hub, world["centrum"], title="Centrum")
    assert [s.name for s in listing.sections(session, hub, None, None, NOW)] == ["hub", "general"]
    found = listing.sections(session, hub, None, world["centrum"].id, NOW)
    assert names(found)[:2] == [("wijk", ["Centrum"]), ("hub", ["Zuid"])]
    assert (found[0].heading, found[0].values) == (listing.FROM_WIJK, {"wijk": "Centrum"})
    # the caregiver's own wijk chosen with the chip still says "Uit uw wijk"
    mine = listing.sections(session, hub, world["carla"], world["zuid"].id, NOW)
    assert mine[0].heading == listing.FROM_YOUR_WIJK
    # "Alle wijken": no wijk section, every post under the hub
    every = listing.sections(session, hub, world["carla"], None, NOW, own=False)
    assert names(every)[0] == ("hub", ["Centrum", "Zuid"])  # the same day: the last written first


def test_another_hubs_wijk_is_no_choice(session, world):
    post(session, world["leusden"], world["zuid"], title="Zuid")
    found = listing.sections(session, world["leusden"], None, world["abele"].id, NOW)
    assert [s.name for s in found] == ["hub", "general"]


def test_only_published_posts_and_only_this_hubs_are_listed(session, world):
    hub = world["leusden"]
    for status in (
        PostStatus.draft,
        PostStatus.waiting,
        PostStatus.changes,
        PostStatus.rejected,
        PostStatus.taken_down,
    ):
        post(session, hub, world["zuid"], status=status, title=str(status))
    post(session, world["other"], world["abele"], title="Poperinge")
    item(session, world["other"], title="Vlaams")
    assert names(listing.sections(session, hub, world["carla"], None, NOW)) == [
        ("wijk", []),
        ("hub", []),
        ("general", []),
    ]


def test_a_card_has_a_short_summary_the_day_in_words_the_source_and_the_photo(session, world):
    hub = world["leusden"]
    photo = NewsPhoto(hub_id=hub.id, data=b"jpeg", width=10, height=10, alt="Twee mensen met koffie")
    session.add(photo)
    session.commit()
    long_body = "Wij drinken koffie in het buurthuis. " * 10
    post(session, hub, world["centrum"], body=long_body, photo_id=photo.id, days_ago=0)
    post(session, hub, None, title="Heel", days_ago=1)
    cards = listing.sections(session, hub, None, None, NOW)[0].cards
    card = cards[0]
    assert len(card.summary) <= listing.SUMMARY_MOST and card.summary.endswith("…")
    assert card.summary.startswith("Wij drinken koffie")
    assert card.day == {"nl": "vandaag", "en": "today"}
    assert card.source["nl"] == "Trekkersgroep Centrum"
    assert (card.photo_url, card.photo_alt) == (f"/nieuws-foto/{photo.id}.jpg", "Twee mensen met koffie")
    assert cards[1].day == {"nl": "gisteren", "en": "yesterday"}
    assert cards[1].source["nl"] == "Mantelzorghub Leusden"
    assert cards[1].photo_url == ""


def test_short_cuts_at_a_word():
    assert listing.short("Kort  en\nklein") == "Kort en klein"
    assert listing.short("een twee drie vier", 12) == "een twee…"


def test_sections_are_paged(session, world):
    hub = world["leusden"]
    for n in range(7):
        post(session, hub, None, title=f"Bericht {n}", days_ago=n)
    first = listing.section(session, hub, None, listing.HUB, None, NOW, 0, most=3)
    assert [c.title for c in first.cards] == ["Bericht 0", "Bericht 1", "Bericht 2"] and first.more
    last = listing.section(session, hub, None, listing.HUB, None, NOW, 6, most=3)
    assert [c.title for c in last.cards] == ["Bericht 6"] and not last.more
    for n in range(4):
        item(session, hub, days_ago=n, title=f"Item {n}")
    general = listing.section(session, hub, None, listing.GENERAL, None, NOW, 3, most=3)
    assert [c.title for c in general.cards] == ["Item 3"] and not general.more


def test_home_shows_the_newest_post_of_the_persons_wijk_else_of_the_hub(session, world):
    hub = world["leusden"]
    assert listing.newest_local(session, hub, world["carla"], NOW) is None
    post(session, hub, world["centrum"], title="Centrum nieuw", days_ago=1)
    assert listing.newest_local(session, hub, world["carla"], NOW).title == "Centrum nieuw"
    post(session, hub, world["zuid"], title="Zuid oud", days_ago=5)
    assert listing.newest_local(session, hub, world["carla"], NOW).title == "Zuid oud"
    assert listing.newest_local(session, hub, None, NOW).title == "Centrum nieuw"


def test_a_post_page_shows_the_paragraphs_the_writer_the_wijk_and_the_activity(session, world):
    hub = world["leusden"]
    cafe = Activity(
        hub_id=hub.id,
        kind=ActivityKind.cafe,
        title="Inn-formeel",
        place="Buurthuis",
        starts_at=datetime(2026, 12, 8, 13, 0, tzinfo=UTC),
    )
    session.add(cafe)
    session.commit()
    row = post(
        session,
        hub,
        world["centrum"],
        body="Eerste alinea\nloopt door.\n\n\nTweede.",
        activity_id=cafe.id,
        author_id=world["eva"].person_id,
    )
    seen = listing.post_view(session, hub, None, row.id, NOW)
    assert seen.paragraphs == ["Eerste alinea loopt door.", "Tweede."]
    assert (seen.writer, seen.wijk, seen.published) == ("Eva", "Centrum", True)
    assert seen.activity.title == "Inn-formeel"
    assert seen.activity.when["nl"].startswith("dinsdag 8 december")
    cafe.cancelled_at = NOW
    session.add(cafe)
    session.commit()
    assert listing.post_view(session, hub, None, row.id, NOW).activity is None


def test_a_post_not_published_is_seen_only_by_its_writer_and_the_coordinator(session, world):
    hub = world["leusden"]
    row = post(session, hub, world["centrum"], status=PostStatus.waiting)
    row.author_id = world["eva"].person_id
    session.add(row)
    session.commit()
    assert listing.post_view(session, hub, None, row.id, NOW) is None
    assert listing.post_view(session, hub, world["carla"], row.id, NOW) is None
    assert listing.post_view(session, hub, world["eva"], row.id, NOW).published is False
    assert listing.post_view(session, hub, world["cora"], row.id, NOW) is not None
    # another hub's address, and ids that are no ids
    assert listing.post_view(session, world["other"], None, post(session, hub).id, NOW) is None
    for junk in ("1", -1, None, 10**20):
        assert listing.post_view(session, hub, world["cora"], junk, NOW) is None


def test_a_general_item_page(session, world):
    hub = world["leusden"]
    row = item(
        session, hub, html="<p>Tekst</p>", link="https://example.org/a", image_url="https://example.org/a.jpg"
    )
    seen = listing.item_view(session, hub, row.id, NOW)
    assert (seen.title, seen.source, seen.html, seen.link) == (
        "Landelijk nieuws",
        "MantelzorgNL",
        "<p>Tekst</p>",
        "https://example.org/a",
    )
    assert seen.image_url == "https://example.org/a.jpg"
    assert listing.item_view(session, world["other"], row.id, NOW) is None
    odd = item(session, hub, days_ago=2, link="javascript:alert(1)")
    assert listing.item_view(session, hub, odd.id, NOW).link == ""
