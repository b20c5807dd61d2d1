"""The Wegwijzer on a phone: one question per screen, back and reload keep the answers, 'Bel mij terug'
reaches the coordinator's list."""

import random

from playwright.sync_api import Page, expect

from mantelzorg_app.services.platform import i18n
from tests.e2e.conftest import check_page, open_page
from tests.e2e.test_coordination import sign_in
from tests.support.smtp import SmtpServer

# (question, answers to tap) for a heavy load; a question with several answers ends with "Verder".
HEAVY = [
    ("Zorgt u voor iemand?", ["Ja"]),
    ("Voor wie zorgt u?", ["Mijn vader of moeder", "Verder"]),
    ("Hoeveel uur per week zorgt u?", ["20 tot 40 uur"]),
    ("Hoe lang zorgt u al?", ["1 tot 5 jaar"]),
    ("Hoe vaak bent u moe door de zorg?", ["Vaak"]),
    ("Hoe vaak heeft u te weinig tijd voor uzelf?", ["Vaak"]),
    ("Hoe vaak is de zorg lastig te combineren met werk of gezin?", ["Soms"]),
    ("Hoe vaak voelt u zich alleen met de zorg?", ["Vaak"]),
    ("Hoe vaak voelt u zich somber of verdrietig?", ["Soms"]),
    ("Hoe vaak denkt u: ik kan het niet meer aan?", ["Vaak"]),
    ("Welke hulp zou fijn zijn?", ["Boodschappen", "Iemand die even oppast", "Verder"]),
    ("Op welke dagen komt hulp goed uit?", ["Dinsdag", "Verder"]),
    ("Op welk moment van de dag komt hulp goed uit?", ["Middag", "Verder"]),
    ("Waar woont u?", ["Centrum"]),
]


def heading(page: Page, name: str):
    return page.get_by_role("heading", level=1, name=name)


def answer(page: Page, name: str) -> None:
    page.get_by_role("main").get_by_role("button", name=name, exact=True).click()


def switch_language(page: Page, to: str, then_heading: str) -> None:
    page.get_by_role("button", name=to).click()
    expect(heading(page, then_heading)).to_be_visible()


def test_heavy_load_asks_for_a_call_back_that_the_coordinator_makes(page: Page, smtp: SmtpServer):
    page.add_init_script(
        """window.__spoken = [];
        Object.defineProperty(window, 'speechSynthesis', {value: {
            speaking: false, cancel() {}, speak(u) { window.__spoken.push(u.text); }}});"""
    )
    open_page(page, "/leusden")
    page.get_by_role("link", name="Hulp vragen").click()
    expect(heading(page, "Zorgt u voor iemand?")).to_be_visible()
    expect(page.get_by_role("button", name="Terug")).to_have_count(0)
    page.get_by_role("button", name="Lees voor").click()
    spoken = page.evaluate("window.__spoken.join(' ')")
    assert "Zorgt u voor iemand?" in spoken and "Dat weet ik niet" in spoken, spoken
    switch_language(page, "English", "Do you look after someone?")
    expect(page.get_by_text("Question 1 of 14")).to_be_visible()
    check_page(page, "questionnaire-01-en")
    switch_language(page, "Nederlands", "Zorgt u voor iemand?")

    for number, (question, taps) in enumerate(HEAVY, start=1):
        expect(heading(page, question)).to_be_visible()
        expect(page.get_by_text(f"Vraag {number} van 14", exact=True)).to_be_visible()
        if number == 7:  # a reload goes on where the visitor was
            page.reload()
            expect(heading(page, question)).to_be_visible()
            expect(page.get_by_text("Vraag 7 van 14", exact=True)).to_be_visible()
        check_page(page, f"questionnaire-{number:02d}")
        for tap in taps:
            answer(page, tap)
        if number == 3:  # back one step: the earlier answer is still chosen
            expect(heading(page, HEAVY[3][0])).to_be_visible()
            # each new step starts at the top, where a screen reader goes on reading
            expect(page.locator("main")).to_be_focused()
            assert page.evaluate("window.scrollY") == 0
            page.get_by_role("button", name="Terug").click()
            expect(heading(page, question)).to_be_visible()
            expect(page.get_by_role("button", name="20 tot 40 uur")).to_have_attribute("aria-pressed", "true")
            answer(page, "20 tot 40 uur")

    expect(heading(page, "Wat past bij u")).to_be_visible()
    expect(page.locator("main h2").first).to_have_text("Bel mij terug")
    expect(
        page.get_by_text("Het zorgen is nu zwaar voor u. U hoeft het niet alleen te doen.")
    ).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Iemand die even oppast")).to_be_visible()
    check_page(page, "questionnaire-result")
    switch_language(page, "English", "What suits you")
    expect(page.get_by_role("button", name="Call me back")).to_be_visible()
    check_page(page, "questionnaire-result-en")
    switch_language(page, "Nederlands", "Wat past bij u")

    phone = page.get_by_label("Uw telefoonnummer")
    phone.fill("12345")
    page.get_by_role("button", name="Bel mij terug").click()
    summary = page.get_by_role("alert").filter(has_text="Er ontbreekt nog iets")
    expect(summary).to_contain_text("Dit lijkt geen telefoonnummer.")
    expect(summary).to_contain_text("Kies wanneer wij u het beste kunnen bellen.")
    expect(phone).to_have_value("12345")
    check_page(page, "questionnaire-result-problems")
    number = f"06 {random.randrange(10**7, 10**8)}"
    phone.fill(number)
    page.get_by_role("radio", name="In de middag").check()
    page.get_by_role("button", name="Bel mij terug").click()
    expect(page.get_by_text("Dank u wel. Wij bellen u zo snel mogelijk terug.")).to_be_visible()
    expect(page.get_by_text(f"Wij bellen naar {number}.")).to_be_visible()
    check_page(page, "questionnaire-thanks")

    sign_in(page, smtp, "gerrit.voorbeeld@leusden.example.org", "Gerrit")
    page.get_by_role("link", name="Beheer").click()
    call = page.get_by_role("listitem").filter(has_text=number)
    expect(call).to_contain_text("In de middag")
    expect(call).to_contain_text("Het zorgen is zwaar")
    expect(call.get_by_role("link", name=number)).to_have_attribute("href", "tel:" + number.replace(" ", ""))
    check_page(page, "coordination-callbacks")
    call.get_by_role("button", name="Gebeld").click()
    expect(page.get_by_role("status")).to_contain_text("Gebeld.")
    expect(page.get_by_role("listitem").filter(has_text=number)).to_have_count(0)


def test_no_one_to_care_for_gets_a_kind_end(page: Page):
    open_page(page, "/leusden/hulp")
    answer(page, "Nee")
    expect(heading(page, "Dank u wel")).to_be_visible()
    expect(page.get_by_text("U zorgt nu niet voor iemand.")).to_be_visible()
    expect(page.get_by_role("link", name="Ik wil helpen")).to_be_visible()
    expect(page.get_by_role("button", name="Bel mij terug")).to_have_count(0)
    check_page(page, "questionnaire-not-caring")
    page.get_by_role("button", name="Terug").click()
    expect(heading(page, "Zorgt u voor iemand?")).to_be_visible()
    expect(page.get_by_role("button", name="Nee", exact=True)).to_have_attribute("aria-pressed", "true")


def test_every_step_and_the_result_in_english(page: Page):
    """The same way as the heavy load above, in English: each screen gets axe and a screenshot."""

    def english(dutch: str) -> str:
        return i18n.gettext("en", dutch)

    open_page(page, "/leusden/hulp")
    switch_language(page, "English", english(HEAVY[0][0]))
    for number, (question, taps) in enumerate(HEAVY, start=1):
        expect(heading(page, english(question))).to_be_visible()
        expect(page.get_by_text(f"Question {number} of 14", exact=True)).to_be_visible()
        check_page(page, f"questionnaire-{number:02d}-en")
        for tap in taps:
            answer(page, english(tap))
    expect(heading(page, "What suits you")).to_be_visible()
    expect(page.get_by_role("link", name=english("Vraag een vrijwilliger"))).to_be_visible()
    switch_language(page, "Nederlands", "Wat past bij u")
