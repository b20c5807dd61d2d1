"""The whole way from the Wegwijzer to a volunteer, on phones: the bars of the help-request issue.

An anonymous visitor with a heavy load sees "Bel mij terug" first and leaves a number; signed in, the
answers become a request; a vetted volunteer in the same wijk sees it on top and offers help; the
caregiver accepts; both see the conversation. A volunteer of another hub never sees it.
"""

import random
import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import check_page, open_page, phone
from tests.e2e.test_coordination import sign_in
from tests.e2e.test_questionnaire import HEAVY, answer, heading, switch_language
from tests.e2e.test_sign_in import CODE, mail_body, type_code
from tests.support.smtp import SmtpServer

ASKED = "Wie kan een middag blijven, zodat ik even weg kan?"
OWN_WORDS = "Wie haalt op dinsdag de boodschappen bij de Jumbo?"


def card(page: Page, text: str):
    return page.get_by_role("listitem").filter(has_text=text)


def step(page: Page, number: int, total: int, title: str) -> None:
    expect(page.get_by_role("heading", level=2, name=title, exact=True)).to_be_visible()
    expect(page.get_by_text(f"Stap {number} van {total}", exact=True)).to_be_visible()


def chosen(page: Page, name: str, how: str = "aria-pressed"):
    expect(
        page.get_by_role("main").get_by_role(
            "radio" if how == "aria-checked" else "button", name=name, exact=True
        )
    ).to_have_attribute(how, "true")


def fill_in_the_request_form(page: Page) -> None:
    """The form after the Wegwijzer's answers (HEAVY): both kinds chosen, when and where filled in;
    a reload in the middle keeps the step and the typed words; English shows English examples."""
    step(page, 1, 6, "Welke hulp zoekt u?")
    for kind in ("Boodschappen", "Iemand die even oppast"):
        chosen(page, kind)
    check_page(page, "request-form-1-help")
    page.get_by_role("button", name="Verder").click()

    step(page, 2, 6, "Boodschappen")
    chosen(page, "Wie kan één keer per week boodschappen voor ons doen?", "aria-checked")
    page.get_by_role("radio", name="Ik schrijf het zelf").click()
    page.get_by_role("button", name="Verder").click()  # nothing typed yet: it says what to do
    expect(page.get_by_role("alert").filter(has_text="Er is een probleem")).to_contain_text(
        "Vertel kort wat voor hulp u zoekt."
    )
    check_page(page, "request-form-2-problem")
    page.get_by_label("Uw eigen woorden").fill(OWN_WORDS)
    page.wait_for_timeout(1200)  # kept a moment after the last key, without leaving the field
    page.reload()
    page.wait_for_selector('div.app[data-ready="true"]')
    step(page, 2, 6, "Boodschappen")
    expect(page.get_by_label("Uw eigen woorden")).to_have_value(OWN_WORDS)
    check_page(page, "request-form-2-own-words")
    page.get_by_role("button", name="Verder").click()

    step(page, 3, 6, "Iemand die even oppast")
    chosen(page, ASKED, "aria-checked")  # neutral: the Wegwijzer said "Mijn vader of moeder"
    chosen(page, "Ja", "aria-checked")  # sitting with someone is help at home
    switch_language(page, "English", "Ask a volunteer for help")
    chosen(page, "Who can stay for an afternoon, so I can go out for a while?", "aria-checked")
    check_page(page, "request-form-3-en")
    switch_language(page, "Nederlands", "Hulp vragen aan een vrijwilliger")
    page.get_by_role("button", name="Verder").click()

    step(page, 4, 6, "Wanneer komt het goed uit?")
    chosen(page, "Dinsdag")
    chosen(page, "Middag")
    check_page(page, "request-form-4-when")
    page.get_by_role("button", name="Verder").click()
    step(page, 5, 6, "Waar is de hulp nodig?")
    chosen(page, "Centrum", "aria-checked")
    check_page(page, "request-form-5-where")
    page.get_by_role("button", name="Verder").click()

    step(page, 6, 6, "Klopt het zo?")
    expect(page.get_by_role("main").get_by_role("listitem").filter(has_text=OWN_WORDS)).to_contain_text(
        "Boodschappen"
    )
    expect(page.get_by_role("main").get_by_role("listitem").filter(has_text=ASKED)).to_contain_text(
        "Hulp aan huis"
    )
    page.get_by_role("button", name="Terug").click()  # back and on again: all is kept
    step(page, 5, 6, "Waar is de hulp nodig?")
    page.get_by_role("button", name="Verder").click()
    step(page, 6, 6, "Klopt het zo?")
    check_page(page, "request-form-6-check")
    page.get_by_role("button", name="Vraag hulp").click()


def test_from_the_wegwijzer_to_a_volunteer(page: Page, browser: Browser, app_url: str, smtp: SmtpServer):
    open_page(page, "/leusden/hulp")
    for _question, taps in HEAVY:
        for tap in taps:
            answer(page, tap)
    expect(heading(page, "Wat past bij u")).to_be_visible()
    expect(page.locator("main h2").first).to_have_text("Bel mij terug")
    page.get_by_label("Uw telefoonnummer").fill(f"06 {random.randrange(10**7, 10**8)}")
    page.get_by_role("radio", name="In de ochtend").check()
    page.get_by_role("button", name="Bel mij terug").click()
    expect(page.get_by_text("Wij bellen naar")).to_be_visible()

    # Signing in on the way keeps the answers: the form is filled in with them.
    page.get_by_role("link", name="Vraag een vrijwilliger").click()
    expect(heading(page, "Hulp vragen aan een vrijwilliger")).to_be_visible()
    expect(page.get_by_text("Uw antwoorden blijven bewaard.")).to_be_visible()
    check_page(page, "request-sign-in-first")
    page.get_by_role("link", name="Inloggen").click()
    address = "anna.voorbeeld@leusden.example.org"
    page.get_by_label("Uw e-mailadres").fill(address)
    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page.get_by_label("De code (6 cijfers)")).to_be_visible()
    type_code(page, "".join(CODE.search(mail_body(smtp, address)).groups()))
    expect(heading(page, "Hulp vragen aan een vrijwilliger")).to_be_visible()
    fill_in_the_request_form(page)
    expect(heading(page, "Mijn hulpvragen")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("status")).to_have_text(
        "Dank u wel. Uw hulpvraag staat klaar."
    )
    expect(card(page, ASKED)).to_contain_text("Wij zoeken een vrijwilliger.")
    expect(card(page, OWN_WORDS)).to_contain_text("Boodschappen")  # two kinds chosen: two requests
    check_page(page, "requests")

    with phone(browser, app_url) as carla:
        sign_in(carla, smtp, "carla.voorbeeld@leusden.example.org", "Carla")
        carla.get_by_role("link", name="Helpen").click()
        expect(heading(carla, "Helpen")).to_be_visible()
        top = card(carla, ASKED)
        expect(top).to_be_visible()
        expect(top).to_contain_text("dinsdagmiddag, in Centrum")
        expect(top).not_to_contain_text("Anna")  # no name before the caregiver says yes
        check_page(carla, "helping")
        top.get_by_role("button", name="Ik help").click()
        expect(card(carla, ASKED)).to_contain_text("U zei: ik help.")
        told = smtp.last_to(address)
        assert told["Subject"] == "Iemand wil u helpen", told["Subject"]
        assert "Carla wil helpen bij uw hulpvraag (Iemand die even oppast)" in mail_body(smtp, address)
        assert "/leusden/hulpvragen" in mail_body(smtp, address)
        switch_language(carla, "English", "Helping")
        check_page(carla, "helping-en")
        switch_language(carla, "Nederlands", "Helpen")

        open_page(page, "/leusden/hulpvragen")
        expect(card(page, ASKED)).to_contain_text("Carla wil u helpen.")
        check_page(page, "requests-offer")
        card(page, ASKED).get_by_role("button", name="Ja, graag").click()
        expect(card(page, ASKED)).to_contain_text("Carla helpt u.")
        assert smtp.last_to("carla.voorbeeld@leusden.example.org")["Subject"] == "U mag helpen"
        card(page, ASKED).get_by_role("link", name="Naar het gesprek").click()
        expect(page).to_have_url(re.compile(r"/leusden/praten/\d+$"))
        expect(heading(page, "Carla")).to_be_visible()
        expect(page.get_by_text("Anna en Carla kunnen hier samen afspreken.")).to_be_visible()
        page.get_by_label("Uw bericht", exact=True).fill("Dag Carla, past dinsdag om twee uur?")
        page.get_by_role("button", name="Stuur").click()
        expect(page.get_by_role("listitem").filter(has_text="past dinsdag om twee uur?")).to_be_visible()
        check_page(page, "thread")

        open_page(carla, "/leusden/helpen")
        expect(card(carla, ASKED)).to_contain_text("U helpt Anna.")
        card(carla, ASKED).get_by_role("link", name="Naar het gesprek").click()
        expect(carla.get_by_text("Dag Carla, past dinsdag om twee uur?")).to_be_visible()
        carla.get_by_label("Uw bericht", exact=True).fill("Ja, dat past. Tot dinsdag!")
        carla.get_by_role("button", name="Stuur").click()
        expect(carla.get_by_text("Ja, dat past. Tot dinsdag!")).to_be_visible()
        open_page(carla, "/leusden/helpen/profiel")
        expect(heading(carla, "Wat ik graag doe")).to_be_visible()
        expect(carla.get_by_role("button", name="Centrum")).to_have_attribute("aria-pressed", "true")
        check_page(carla, "volunteer-profile")

    with phone(browser, app_url) as ivo:  # a volunteer of Poperinge
        open_page(ivo, "/poperinge/inloggen")
        address = "ivo.voorbeeld@poperinge.example.org"
        ivo.get_by_label("Uw e-mailadres").fill(address)
        ivo.get_by_role("button", name="Stuur mij een code").click()
        expect(ivo.get_by_label("De code (6 cijfers)")).to_be_visible()
        type_code(ivo, "".join(CODE.search(mail_body(smtp, address)).groups()))
        expect(heading(ivo, "Welkom, Ivo")).to_be_visible()
        open_page(ivo, "/poperinge/helpen")
        expect(heading(ivo, "Helpen")).to_be_visible()
        expect(ivo.get_by_text(ASKED)).to_have_count(0)
        open_page(ivo, "/leusden/helpen")
        expect(ivo.get_by_text("Deze pagina is voor vrijwilligers.")).to_be_visible()
        expect(ivo.get_by_text(ASKED)).to_have_count(0)


def test_coordinator_asks_a_volunteer_for_a_request_that_waits(page: Page, smtp: SmtpServer):
    sign_in(page, smtp, "gerrit.voorbeeld@leusden.example.org", "Gerrit")
    page.get_by_role("link", name="Beheer").click()
    waiting = card(page, "Wie kan ons naar het ziekenhuis brengen?")
    expect(waiting).to_contain_text("Wacht al 4 dagen op een vrijwilliger.")
    check_page(page, "coordination-waiting")
    waiting.get_by_role("button", name="Vraag Daan").click()
    expect(page.get_by_role("main").get_by_role("status")).to_contain_text("Gevraagd.")
    expect(card(page, "Wie kan ons naar het ziekenhuis brengen?")).to_contain_text("Gevraagd: Daan")


def test_a_professional_asks_for_help_on_a_caregivers_behalf(page: Page, smtp: SmtpServer):
    sign_in(page, smtp, "fatima.voorbeeld@leusden.example.org", "Fatima")
    page.get_by_role("link", name="Mijn hulpvragen").click()
    page.get_by_role("link", name="Nieuwe hulpvraag").click()
    expect(heading(page, "Hulp vragen aan een vrijwilliger")).to_be_visible()
    step(page, 1, 6, "Voor wie vraagt u hulp?")
    page.get_by_label("Voornaam van de mantelzorger").fill("Wim")
    page.get_by_label("E-mailadres van de mantelzorger").fill("wim.voorbeeld@example.org")
    page.get_by_role("button", name="Verder").click()
    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    expect(summary).to_contain_text("Vraag eerst of de mantelzorger het goed vindt.")
    expect(page.get_by_label("Voornaam van de mantelzorger")).to_have_value("Wim")
    check_page(page, "request-on-behalf-problems")
    page.get_by_label("De mantelzorger vindt het goed dat ik deze hulpvraag plaats.").click()
    expect(page.get_by_label("De mantelzorger vindt het goed dat ik deze hulpvraag plaats.")).to_be_checked()
    page.get_by_role("button", name="Verder").click()
    step(page, 2, 6, "Welke hulp zoekt u?")
    page.get_by_role("radio", name="Papierwerk").click()
    chosen(page, "Papierwerk", "aria-checked")
    for title in ("Papierwerk", "Wanneer komt het goed uit?"):
        page.get_by_role("button", name="Verder").click()
        expect(page.get_by_role("heading", level=2, name=title, exact=True)).to_be_visible()
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("radio", name="Hamersveld").click()
    page.get_by_role("button", name="Verder").click()
    step(page, 6, 6, "Klopt het zo?")
    expect(page.get_by_text("Voor Wim")).to_be_visible()
    page.get_by_role("button", name="Vraag hulp").click()
    expect(heading(page, "Mijn hulpvragen")).to_be_visible()
    asked = card(page, "Wie helpt met brieven en formulieren?")
    expect(asked).to_contain_text("Voor Wim")
    expect(asked).to_contain_text("Wij zoeken een vrijwilliger.")
