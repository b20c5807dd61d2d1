"""The whole journey of a new caregiver on a phone, by visible text, in Dutch and in English: the
Wegwijzer, the result, the request form that asks to sign in, the link from the mail opened in a
second tab (which signs her up without asking again what the answers said), the request form filled
in from the answers, a reload in the middle of it, and her requests. axe runs on every page."""

import pytest
from playwright.sync_api import Page, expect

from mantelzorg_app.services.identity.accounts import CONSENT_TEXT
from mantelzorg_app.services.platform import i18n
from tests.e2e.conftest import check_page, open_page
from tests.e2e.test_questionnaire import HEAVY, answer, heading
from tests.e2e.test_sign_in import LINK, mail_body
from tests.support.smtp import SmtpServer


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_new_caregiver_from_the_wegwijzer_to_her_requests(page: Page, smtp: SmtpServer, lang: str):
    def words(dutch: str, **values: str) -> str:
        return i18n.gettext(lang, dutch, **values)

    def see(name: str) -> None:
        expect(heading(page, words(name))).to_be_visible()
        check_page(page, f"journey-{lang}-{len(seen)}")
        seen.append(name)

    seen: list[str] = []
    address = f"journey.{lang}@example.org"
    open_page(page, "/leusden/hulp")
    if lang == "en":
        page.get_by_role("button", name="English").click()
    for question, taps in HEAVY:
        see(question)
        for tap in taps:
            answer(page, words(tap))
    see("Wat past bij u")

    page.get_by_role("link", name=words("Vraag een vrijwilliger")).click()
    see("Hulp vragen aan een vrijwilliger")  # first: sign in
    page.get_by_role("main").get_by_role("link", name=words("Inloggen")).click()
    see("Inloggen")
    page.get_by_label(words("Uw e-mailadres")).fill(address)
    page.get_by_role("button", name=words("Stuur mij een code")).click()
    expect(page.get_by_text(words("Wij stuurden een code naar {address}.", address=address))).to_be_visible()
    check_page(page, f"journey-{lang}-code")
    link = LINK.search(mail_body(smtp, address)).group(0)

    page = page.context.new_page()  # the mail app opens the link in a new tab of this browser
    page.goto(link)
    page.get_by_role("button", name=words("Ja, log in")).click()
    see("Welkom!")  # the answers said the wijk and that she cares for someone: not asked again
    expect(page.get_by_text(words("U woont in {wijk}.", wijk="Centrum"))).to_be_visible()
    expect(page.get_by_text(words("U zorgt voor iemand."))).to_be_visible()
    page.get_by_label(words("Uw voornaam")).fill("Mira")
    page.get_by_role("checkbox", name=words(CONSENT_TEXT)).check()
    page.get_by_role("button", name=words("Aanmelden")).click()

    see("Hulp vragen aan een vrijwilliger")  # the form, filled in from the first tab's answers
    for kind in ("Boodschappen", "Iemand die even oppast"):
        expect(
            page.get_by_role("main").get_by_role("button", name=words(kind), exact=True)
        ).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name=words("Verder")).click()  # which help
    expect(page.get_by_text(words("Stap {number} van {total}", number="2", total="6"))).to_be_visible()
    page.reload()  # a reload in the middle keeps the step and what was chosen
    page.wait_for_selector('div.app[data-ready="true"]')
    expect(page.get_by_text(words("Stap {number} van {total}", number="2", total="6"))).to_be_visible()
    for _ in range(4):  # a text for each kind (an example is chosen), when, where
        page.get_by_role("button", name=words("Verder")).click()
    expect(page.get_by_role("heading", level=2, name=words("Klopt het zo?"))).to_be_visible()
    check_page(page, f"journey-{lang}-check")
    page.get_by_role("button", name=words("Vraag hulp")).click()

    see("Mijn hulpvragen")
    mine = page.get_by_role("main").get_by_role("listitem")
    expect(mine.filter(has_text=words("Boodschappen"))).to_have_count(1)
    expect(mine.filter(has_text=words("Iemand die even oppast"))).to_have_count(1)
