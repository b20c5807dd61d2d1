"""The conversation page on a phone, as it looks (screenshots at 390x844) and reads (axe), in both
languages: badges, a wiped author, a hidden message, a shared card, the counter, Enter sends, a
quick reply, the question before a number goes to a group (with "Ja, stuur het" the one main button),
"Niet verstuurd" while offline and the same message once after; the way on from a refused
conversation. The main chat bars are in tests/e2e/test_chat.py."""

from datetime import UTC, datetime
from types import SimpleNamespace

from playwright.sync_api import Browser, expect
from sqlmodel import Session, col, select

from mantelzorg_app.models import ChatMessage, Conversation, Kind, Role
from mantelzorg_app.services.chat import conversations
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page, phone
from tests.e2e.test_chat import (
    NOT_SENT,
    _actor,
    _hub,
    _person,
    _say,
    conversation_path,
    lines,
    make_pair,
    make_person,
    open_conversation,
    signed_in,
    stored,
)
from tests.support.server import RunningApp


def _dressed_pair(db_url: str):
    """A pair with a few kinds of message: plain, from a hidden one, a shared card, a wiped author."""
    pair = make_pair(db_url, "Wietske", "Romke")
    db = engine(db_url)
    with Session(db) as session:
        hub = _hub(session)
        caregiver = _actor_of(session, hub, pair.caregiver, "Wietske", Role.caregiver)
        volunteer = _actor_of(session, hub, pair.volunteer, "Romke", Role.volunteer)
        _say(session, volunteer, pair.conversation_id, "Dag Wietske! Zal ik vrijdag om tien uur komen?")
        _say(session, caregiver, pair.conversation_id, "Ja, graag.\nDe sleutel ligt onder de mat.")
        hidden = _say(session, volunteer, pair.conversation_id, "Dit zag de coördinator liever niet.")
        hidden.hidden_at = datetime.now(UTC)
        card = _say(session, volunteer, pair.conversation_id, "Misschien iets voor u:")
        card.card_kind, card.card_title, card.card_path = (
            "service",
            "Mantelzorgsteunpunt Leusden",
            "sociale-kaart/1",
        )
        session.commit()
    db.dispose()
    return pair


def _actor_of(session, hub, person_id, first_name, role):
    return _actor(SimpleNamespace(id=person_id, first_name=first_name), hub, role)


def _room_with_us(db_url: str):
    db = engine(db_url)
    with Session(db) as session:
        hub = _hub(session)
        me = _person(session, hub, "Sjoukje", Role.caregiver)
        staff = _person(session, hub, "Marten", Role.professional)
        room = Conversation(hub_id=hub.id, kind=Kind.room, title="Proefgroep", created_at=datetime.now(UTC))
        session.add(room)
        session.flush()
        for person, role in ((me, Role.caregiver), (staff, Role.professional)):
            conversations.join(session, _actor(person, hub, role), room.id, datetime.now(UTC))
        _say(session, _actor(staff, hub, Role.professional), room.id, "Welkom in de groep!")
        wiped = _say(session, _actor(staff, hub, Role.professional), room.id, "Hallo allemaal.")
        wiped.author_id = None
        session.commit()
        ids = (me.id, room.id)
    db.dispose()
    return ids


def test_a_conversation_reads_well_in_both_languages(browser: Browser, app: RunningApp):
    pair = _dressed_pair(app.db_url)
    with phone(browser, app.url) as page:
        signed_in(page, app, pair.caregiver, app.url)
        open_conversation(page, pair.conversation_id)
        expect(page.get_by_role("heading", level=1, name="Romke")).to_be_visible()
        expect(lines(page)).to_have_count(4)
        expect(page.get_by_role("button", name="Stuur", exact=True)).to_be_in_viewport()  # the newest in view
        expect(page.get_by_role("button", name="Lees voor", exact=True)).to_have_count(5)  # page + 4
        expect(lines(page).first).to_contain_text("vrijwilliger, gescreend")
        expect(page.get_by_text("De coördinator heeft dit bericht verborgen.")).to_be_visible()
        expect(page.get_by_role("link", name="Mantelzorgsteunpunt Leusden")).to_have_attribute(
            "href", "/leusden/sociale-kaart/1"
        )
        expect(page.get_by_text("Nog 1000 tekens")).to_be_visible()
        box = page.get_by_label("Uw bericht", exact=True)
        box.fill("Tot vrijdag")
        expect(page.get_by_text("Nog 989 tekens")).to_be_visible()
        check_page(page, "chat-page-pair")
        box.press("Shift+Enter")
        box.press_sequentially("en dank u")
        box.press("Enter")  # Enter sends
        expect(lines(page).filter(has_text="en dank u")).to_have_count(1)
        expect(box).to_have_value("")
        page.get_by_role("button", name="Ik kom eraan").click()
        expect(lines(page).filter(has_text="Ik kom eraan")).to_have_count(1)
        assert stored(app.db_url, pair.conversation_id)[-2:] == ["Tot vrijdag\nen dank u", "Ik kom eraan"]
        page.get_by_role("button", name="English").click()
        expect(page.get_by_label("Your message")).to_be_visible()
        check_page(page, "chat-page-pair-en")
        page.get_by_role("button", name="Nederlands").click()


def test_a_room_holds_a_number_back_and_keeps_what_did_not_go(browser: Browser, app: RunningApp):
    me, room = _room_with_us(app.db_url)
    with phone(browser, app.url) as page:
        signed_in(page, app, me, app.url)
        open_conversation(page, room)
        expect(page.get_by_role("heading", level=1, name="Groep Proefgroep")).to_be_visible()
        expect(lines(page).filter(has_text="Welkom in de groep!")).to_contain_text("medewerker")
        expect(lines(page).filter(has_text="Hallo allemaal.")).to_contain_text("verwijderde gebruiker")
        expect(page.get_by_role("button", name="Verlaat de groep")).to_be_visible()
        box = page.get_by_label("Uw bericht", exact=True)
        box.fill("Bel me gerust: 06-12345678")
        page.get_by_role("button", name="Stuur", exact=True).click()
        expect(page.get_by_text("Wilt u dit nummer echt met iedereen delen?")).to_be_visible()
        expect(page.get_by_role("button", name="Stuur", exact=True)).to_have_count(0)  # one main button
        expect(page.get_by_role("button", name="Ja, stuur het")).to_be_visible()
        expect(page.get_by_role("button", name="Nee, pas het aan")).to_be_focused()
        check_page(page, "chat-page-room-held")
        page.get_by_role("button", name="Nee, pas het aan").click()
        expect(page.get_by_text("Wilt u dit nummer echt met iedereen delen?")).to_have_count(0)
        expect(box).to_have_value("Bel me gerust: 06-12345678")
        box.fill("Mail me gerust: sjoukje@example.org")
        page.get_by_role("button", name="Stuur", exact=True).click()
        expect(page.get_by_text("Wilt u dit e-mailadres echt met iedereen delen?")).to_have_count(1)  # once
        page.get_by_role("button", name="Nee, pas het aan").click()
        expect(page.get_by_role("button", name="Stuur", exact=True)).to_be_visible()
        box.fill("Bel me gerust, mijn nummer staat in de app")

        page.context.set_offline(True)
        page.get_by_role("button", name="Stuur", exact=True).click()
        expect(page.get_by_role("alert").filter(has_text=NOT_SENT)).to_be_visible(timeout=8_000)
        expect(box).to_have_value("Bel me gerust, mijn nummer staat in de app")
        check_page(page, "chat-page-not-sent")
        page.get_by_role("button", name="Stuur", exact=True).click()  # a retry while still offline
        page.context.set_offline(False)
        expect(lines(page).filter(has_text="mijn nummer staat")).to_have_count(1, timeout=20_000)
        expect(box).to_have_value("", timeout=10_000)
        expect(page.get_by_text(NOT_SENT)).to_have_count(0)
        db = engine(app.db_url)
        with Session(db) as session:
            texts = session.exec(
                select(ChatMessage.text)
                .where(ChatMessage.conversation_id == room)
                .order_by(col(ChatMessage.seq))
            ).all()
        db.dispose()
        assert [t for t in texts if "mijn nummer staat" in t] == [
            "Bel me gerust, mijn nummer staat in de app"
        ]


def test_a_refused_conversation_shows_the_way_on(browser: Browser, app: RunningApp):
    """A visitor signs in first and comes to Praten; someone else of the hub goes back to Praten."""
    pair = make_pair(app.db_url, "Hiltsje", "Auke")
    path = conversation_path(pair.conversation_id)
    with phone(browser, app.url) as page:
        open_page(page, path)
        expect(page.get_by_text("Dit gesprek kunt u niet openen.")).to_be_visible()
        expect(page.get_by_role("link", name="Log eerst in")).to_have_attribute(
            "href", "/leusden/inloggen?verder=praten"
        )
        check_page(page, "chat-page-visitor")

        signed_in(page, app, make_person(app.db_url, "Tsjerk"), app.url)
        open_page(page, path)
        expect(page.get_by_text("Dit gesprek kunt u niet openen.")).to_be_visible()
        expect(page.get_by_role("link", name="Log eerst in")).to_have_count(0)
        page.get_by_role("link", name="Naar Praten").click()
        expect(page.get_by_role("heading", level=1, name="Praten")).to_be_visible()
        rooms = page.locator("li.room")  # a wijk's room says what it is, the café keeps its name
        expect(rooms.filter(has_text="Groep Centrum")).to_have_count(1)
        expect(page.get_by_text("Groep Online Mantelzorgcafé")).to_have_count(0)
        check_page(page, "chat-page-rooms")
