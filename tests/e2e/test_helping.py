"""Status, offers and helping on phones: what the cards say about when, once each; "Ik help" taken
back until the yes; the offer mail about the VOG; stopping asks once; the conversation's times in
words; the volunteer's profile keeps what was typed across a reload and says what is missing."""

import re
from datetime import UTC, datetime

from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import HelpRequest, Hub, Membership, Person, Role, Wijk
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page, phone
from tests.e2e.test_coordination import sign_in
from tests.e2e.test_privacy import sign_up
from tests.e2e.test_sign_in import heading, mail_body
from tests.support.server import RunningApp
from tests.support.smtp import SmtpServer

ASKED = "Wie kan een avond oppassen?"
ANNA = "anna.voorbeeld@leusden.example.org"
CARLA = "carla.voorbeeld@leusden.example.org"


def card(page: Page, text: str):
    return page.get_by_role("listitem").filter(has_text=text)


def _anna_asks(db_url: str) -> None:
    """Anna's request, as the form leaves it: a home visit in Centrum, Tuesday or Thursday afternoon."""
    with Session(engine(db_url)) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        anna = session.exec(
            select(Person)
            .join(Membership, Membership.person_id == Person.id)
            .where(
                Person.first_name == "Anna", Membership.hub_id == hub.id, Membership.role == Role.caregiver
            )
        ).one()
        centrum = session.exec(select(Wijk).where(Wijk.hub_id == hub.id, Wijk.name == "Centrum")).one()
        session.add(
            HelpRequest(
                hub_id=hub.id,
                caregiver_id=anna.id,
                category="oppas",
                text=ASKED,
                wijk_id=centrum.id,
                days="dinsdag donderdag",
                dayparts="middag",
                home_visit=True,
                created_at=datetime.now(UTC),
            )
        )
        session.commit()


def test_an_offer_from_ik_help_to_the_conversation(
    page: Page, browser: Browser, app: RunningApp, smtp: SmtpServer
):
    _anna_asks(app.db_url)
    with phone(browser, app.url) as carla:
        sign_in(carla, smtp, CARLA, "Carla")
        open_page(carla, "/leusden/helpen")
        offered = card(carla, ASKED)
        expect(offered).to_contain_text("middag, in Centrum")
        expect(offered).to_contain_text(re.compile(r"ook (dinsdag|donderdag)middag"))  # the moment, named
        expect(offered).not_to_contain_text("andere momenten")
        offered.get_by_role("button", name="Ik help").click()
        expect(offered).to_contain_text("U zei: ik help.")
        body = mail_body(smtp, ANNA)
        assert "Carla wil helpen" in body
        assert re.search(r"De coördinator heeft op \w+ \d+ \w+ de VOG van Carla gezien\.", body), body
        assert "Verklaring Omtrent het Gedrag" in body
        check_page(carla, "helping-offered")

        # Taken back before Anna answers: off her card; Carla may offer again.
        offered.get_by_role("button", name="Ik kan toch niet helpen").click()
        expect(carla.get_by_text("Goed. U helpt hier niet.")).to_be_visible()
        expect(carla.get_by_text("De mantelzorger krijgt uw aanbod.")).to_have_count(0)
        sign_in(page, smtp, ANNA, "Anna")
        open_page(page, "/leusden/hulpvragen")
        mine = card(page, ASKED)
        expect(mine).to_contain_text("Wanneer: dinsdag of donderdag, in de middag")
        expect(mine).to_contain_text("Wij zoeken een vrijwilliger.")
        expect(mine.get_by_role("button", name="Ja, graag")).to_have_count(0)
        card(carla, ASKED).get_by_role("button", name="Ik help").click()
        expect(card(carla, ASKED)).to_contain_text("U zei: ik help.")

        # The card says it once: the offer asks the question, no status line repeats it.
        open_page(page, "/leusden/hulpvragen")
        expect(mine).to_contain_text("Carla wil u helpen. Wilt u dat?")
        expect(mine.get_by_text("Wilt u dat?")).to_have_count(1)
        check_page(page, "requests-offer")
        mine.get_by_role("button", name="Ja, graag").click()
        expect(mine).to_contain_text("Carla helpt u.")
        expect(mine).to_contain_text("Eerste moment dat past:")
        expect(mine).to_contain_text("in de middag")

        # Stopping asks once; "Nee" changes nothing.
        mine.get_by_role("button", name="Ik heb deze hulp niet meer nodig").click()
        expect(mine.get_by_role("alert")).to_contain_text("Weet u het zeker?")
        check_page(page, "requests-stop-asked")
        mine.get_by_role("button", name="Nee, ik wil nog hulp").click()
        expect(mine.get_by_role("alert")).to_have_count(0)
        expect(mine).to_contain_text("Carla helpt u.")
        check_page(page, "requests-matched")

        # After the yes there is nothing to take back; the card says when.
        open_page(carla, "/leusden/helpen")
        helping = card(carla, ASKED)
        expect(helping).to_contain_text("U helpt Anna.")
        expect(helping).to_contain_text("Eerste moment dat past:")
        expect(helping.get_by_role("button", name="Ik kan toch niet helpen")).to_have_count(0)

        # The conversation (Praten, headed by the other's first name) says when in words, in the
        # reader's language, above the messages.
        mine.get_by_role("link", name="Naar het gesprek").click()
        expect(page).to_have_url(re.compile(r"/leusden/praten/\d+$"))
        expect(heading(page, "Carla")).to_be_visible()
        expect(page.get_by_text("Anna en Carla kunnen hier samen afspreken.")).to_be_visible()
        expect(page.get_by_text("Wanneer: dinsdag of donderdag, in de middag")).to_be_visible()
        expect(page.get_by_text("Eerste moment dat past:")).to_be_visible()
        page.get_by_label("Uw bericht", exact=True).fill("Dag Carla, past donderdag?")
        page.get_by_role("button", name="Stuur").click()
        message = page.get_by_role("listitem").filter(has_text="past donderdag?")
        expect(message).to_contain_text(re.compile(r"vandaag om \d{1,2}\.\d\d uur"))
        check_page(page, "thread")
        page.get_by_role("button", name="English").click()
        expect(page.get_by_text("Anna and Carla can make arrangements here.")).to_be_visible()
        expect(page.get_by_text("When: Tuesday or Thursday, in the afternoon")).to_be_visible()
        expect(message).to_contain_text(re.compile(r"today at \d{1,2}:\d\d"))
        check_page(page, "thread-en")
        page.get_by_role("button", name="Nederlands").click()
        expect(page.get_by_label("Uw bericht", exact=True)).to_be_visible()

        # "Ja, stop deze hulpvraag" does stop it.
        open_page(page, "/leusden/hulpvragen")
        mine.get_by_role("button", name="Ik heb deze hulp niet meer nodig").click()
        mine.get_by_role("button", name="Ja, stop deze hulpvraag").click()
        expect(mine).to_contain_text("Gestopt.")


def test_the_profile_keeps_what_was_typed_and_says_what_is_missing(page: Page, smtp: SmtpServer):
    sign_in(page, smtp, CARLA, "Carla")
    open_page(page, "/leusden/helpen/profiel")
    expect(heading(page, "Wat ik graag doe")).to_be_visible()
    for wijk in ("Centrum", "Rozendaal", "Hamersveld"):
        page.get_by_role("button", name=wijk, exact=True).click()
        expect(page.get_by_role("button", name=wijk, exact=True)).to_have_attribute("aria-pressed", "false")
    page.get_by_label("Of typ uw postcode").fill("3832 AB")
    page.wait_for_timeout(1000)  # the typed postcode goes to the server while typing (debounced)

    page.reload()
    page.wait_for_selector('div.app[data-ready="true"]')
    expect(page.get_by_label("Of typ uw postcode")).to_have_value("3832 AB")
    expect(page.get_by_role("button", name="Centrum", exact=True)).to_have_attribute("aria-pressed", "false")

    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    expect(summary).to_contain_text("Kies hoe ver u wilt gaan.")
    expect(page.get_by_label("Of typ uw postcode")).to_have_value("3832 AB")
    check_page(page, "volunteer-profile-problems")
    page.get_by_role("radio", name="5 km", exact=True).click()
    page.get_by_role("button", name="Opslaan").click()
    expect(heading(page, "Helpen")).to_be_visible()


def test_a_volunteer_without_a_vog_reads_what_one_is(page: Page, smtp: SmtpServer):
    # A new volunteer: the demo's Daan may have been vetted by tests/e2e/test_coordination.py already.
    sign_up(page, smtp, "fenna.vog@example.org", "Fenna", role="Ik wil helpen als vrijwilliger")
    open_page(page, "/leusden/helpen")
    expect(
        page.get_by_text("Een VOG (Verklaring Omtrent het Gedrag) is een verklaring van de overheid.")
    ).to_be_visible()
    check_page(page, "helping-without-vog")
