"""The ways into Praten from elsewhere, on phones: a service's card asks its organisation ("Stel een
vraag": the professional answers and the caregiver sees who did) and goes to one's volunteer as a
tappable card ("Stuur naar mijn vrijwilliger"); a visitor is asked to sign in first; the
coordinator writes to a signed-in person who asked for a call-back ("Stuur een bericht").

People are made for each test (tests/e2e/test_chat.make_pair) or are the demo's Fatima and Gerrit;
each signs in with the mailed code (tests/e2e/test_coordination.sign_in).
"""

from datetime import UTC, datetime

from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, col, select

from mantelzorg_app.models import CallbackTask, Hub, Membership, Person, Service
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page, phone
from tests.e2e.test_chat import FIRST_LOAD, lines, make_pair, person_named
from tests.e2e.test_coordination import sign_in
from tests.support.server import RunningApp
from tests.support.smtp import SmtpServer


def signed_in(page: Page, smtp: SmtpServer, db_url: str, person_id: int) -> None:
    db = engine(db_url)
    with Session(db) as session:
        person = session.get(Person, person_id)
        address, first_name = person.email, person.first_name
    db.dispose()
    sign_in(page, smtp, address, first_name)


def fatimas_service(db_url: str) -> tuple[int, str]:
    """A Leusden service of the organisation the demo's Fatima works for: (id, name)."""
    db = engine(db_url)
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        organization_id = session.exec(
            select(Membership.organization_id).where(
                Membership.person_id == person_named(db_url, "Fatima"), Membership.hub_id == hub_id
            )
        ).one()
        found = session.exec(
            select(Service.id, Service.name)
            .where(Service.organization_id == organization_id, Service.status == "active")
            .order_by(col(Service.id))
        ).first()
    db.dispose()
    return found


def on_service(page: Page, service_id: int) -> None:
    page.goto(f"/leusden/sociale-kaart/{service_id}")
    page.wait_for_selector('div.app[data-ready="true"]', timeout=FIRST_LOAD)


def test_a_card_goes_to_the_volunteer_and_asks_the_organisation(
    browser: Browser, app: RunningApp, smtp: SmtpServer
):
    pair = make_pair(app.db_url, "Wietske", "Olga")
    service_id, name = fatimas_service(app.db_url)
    with phone(browser, app.url) as wietske, phone(browser, app.url) as fatima:
        signed_in(wietske, smtp, app.db_url, pair.caregiver)
        signed_in(fatima, smtp, app.db_url, person_named(app.db_url, "Fatima"))

        on_service(wietske, service_id)
        expect(wietske.get_by_role("heading", level=1, name=name)).to_be_visible()
        check_page(wietske, "service-chat-buttons")
        wietske.get_by_role("button", name="Stuur naar mijn vrijwilliger").click()
        wietske.wait_for_url(f"**/leusden/praten/{pair.conversation_id}")
        card = lines(wietske).filter(has_text=name)
        expect(card).to_have_count(1)
        expect(card.get_by_role("link", name=name)).to_have_attribute(
            "href", f"/leusden/sociale-kaart/{service_id}"
        )
        check_page(wietske, "chat-shared-card")

        on_service(wietske, service_id)
        wietske.get_by_role("button", name="Stel een vraag").click()
        wietske.wait_for_url("**/leusden/praten/*")
        asked = wietske.url.rsplit("/", 1)[1]
        assert asked != str(pair.conversation_id)
        expect(wietske.get_by_role("heading", level=1)).to_contain_text("Steunpunt")  # the page has loaded
        expect(wietske.get_by_text("Nog geen berichten.", exact=False)).to_be_visible()
        wietske.get_by_label("Uw bericht", exact=True).fill("Kan ik ook op zaterdag bij u terecht?")
        wietske.get_by_role("button", name="Stuur").click()
        expect(lines(wietske).filter(has_text="op zaterdag")).to_have_count(1)

        # Fatima sees who asked; Wietske sees who answered, marked as staff.
        open_page(fatima, "/leusden/praten")
        fatima.get_by_role("link", name="Wietske", exact=False).first.click()
        question = lines(fatima).filter(has_text="op zaterdag")
        expect(question).to_contain_text("Wietske", timeout=FIRST_LOAD)
        fatima.get_by_label("Uw bericht", exact=True).fill("Ja hoor, op zaterdag zijn wij open tot 12 uur.")
        fatima.get_by_role("button", name="Stuur").click()
        answer = lines(wietske).filter(has_text="tot 12 uur")
        expect(answer).to_contain_text("Fatima", timeout=5_000)
        expect(answer).to_contain_text("medewerker")
        check_page(wietske, "chat-organisation-answered")

    # The organisation's own professional is not asked to ask herself.
    with phone(browser, app.url) as again:
        signed_in(again, smtp, app.db_url, person_named(app.db_url, "Fatima"))
        on_service(again, service_id)
        expect(again.get_by_role("heading", level=1, name=name)).to_be_visible()
        expect(again.get_by_role("button", name="Stel een vraag")).to_have_count(0)
        expect(again.get_by_role("button", name="Stuur naar mijn vrijwilliger")).to_have_count(0)


def test_a_visitor_is_asked_to_sign_in_first(page: Page, app: RunningApp):
    service_id, name = fatimas_service(app.db_url)
    on_service(page, service_id)
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    expect(page.get_by_text("Wilt u een vraag stellen in de app? Log dan eerst in.")).to_be_visible()
    expect(page.get_by_role("button", name="Stel een vraag")).to_have_count(0)
    expect(page.get_by_role("main").get_by_role("link", name="Inloggen")).to_have_attribute(
        "href", "/leusden/inloggen"
    )
    check_page(page, "service-chat-sign-in-first")


def test_the_coordinator_writes_to_who_asked_for_a_call_back(
    browser: Browser, app: RunningApp, smtp: SmtpServer
):
    pair = make_pair(app.db_url, "Roos", "Tineke")
    db = engine(app.db_url)
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        session.add(
            CallbackTask(
                hub_id=hub_id,
                phone="06 00000077",
                good_time="middag",
                name="Roos",
                person_id=pair.caregiver,
                created_at=datetime.now(UTC),
            )
        )
        session.commit()
    db.dispose()
    with phone(browser, app.url) as gerrit:
        signed_in(gerrit, smtp, app.db_url, person_named(app.db_url, "Gerrit"))
        open_page(gerrit, "/leusden/beheer")
        row = gerrit.get_by_role("listitem").filter(has_text="06 00000077")
        check_page(gerrit, "coordination-callback-message")
        row.get_by_role("button", name="Stuur een bericht").click()
        gerrit.wait_for_url("**/leusden/praten/*")
        expect(gerrit.get_by_role("heading", level=1)).to_contain_text("Roos")
        expect(gerrit.get_by_text("Nog geen berichten.", exact=False)).to_be_visible()
        gerrit.get_by_label("Uw bericht", exact=True).fill("Ik probeerde u te bellen. Wanneer past het?")
        gerrit.get_by_role("button", name="Stuur").click()
        expect(lines(gerrit).filter(has_text="Wanneer past het?")).to_have_count(1)
