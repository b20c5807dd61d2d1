"""The Wegwijzer on a phone: a first screen, one question per screen, the page's Terug and the
browser's Back and Forward, a reload keeps the answers and the typed number, 'Opnieuw beginnen' asks
once, a heavy load gets a real answer, and 'Bel mij terug' reaches the coordinator's list."""

import random
import re

from playwright.sync_api import Page, expect

from mantelzorg_app.services.platform import i18n
from tests.e2e.conftest import check_page, open_page
from tests.e2e.test_coordination import sign_in
from tests.support.smtp import SmtpServer

# The first screen: one tap on "Beginnen" opens the first question.
INTRO = ("Welke hulp past bij u?", ["Beginnen"])
# (heading, buttons to tap) from the first screen on, for a heavy load with "Vaak" on "ik kan het
# niet meer aan"; a question with several answers ends with "Verder".
HEAVY = [
    INTRO,
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


def choice(page: Page, name: str):
    """An answer by its word: a radio where one may be chosen, a button (a toggle) where several."""
    main = page.get_by_role("main")
    return main.get_by_role("radio", name=name, exact=True).or_(
        main.get_by_role("button", name=name, exact=True)
    )


def answer(page: Page, name: str) -> None:
    choice(page, name).click()


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
    # One short first screen: how long, anonymous, why; the count starts at the first question.
    expect(heading(page, INTRO[0])).to_be_visible()
    expect(page.get_by_text("Het duurt ongeveer 3 minuten.")).to_be_visible()
    expect(page.get_by_text("U hoeft uw naam niet te geven.")).to_be_visible()
    expect(page.get_by_text("Vraag 1 van 14")).to_have_count(0)
    check_page(page, "questionnaire-intro")
    answer(page, "Beginnen")
    expect(heading(page, "Zorgt u voor iemand?")).to_be_visible()
    expect(page.get_by_role("button", name="Terug")).to_have_count(0)
    page.get_by_role("button", name="Lees voor").click()
    spoken = page.evaluate("window.__spoken.join(' ')")
    assert "Zorgt u voor iemand?" in spoken and "Dat weet ik niet" in spoken, spoken
    switch_language(page, "English", "Do you look after someone?")
    expect(page.get_by_text("Question 1 of 14")).to_be_visible()
    check_page(page, "questionnaire-01-en")
    switch_language(page, "Nederlands", "Zorgt u voor iemand?")

    for number, (question, taps) in enumerate(HEAVY[1:], start=1):
        expect(heading(page, question)).to_be_visible()
        expect(page.get_by_text(f"Vraag {number} van 14", exact=True)).to_be_visible()
        if number == 5:  # the browser's Back: the question before, its answer still chosen; Forward again
            page.go_back()
            expect(heading(page, HEAVY[4][0])).to_be_visible()
            expect(page.get_by_text("Vraag 4 van 14", exact=True)).to_be_visible()
            expect(choice(page, "1 tot 5 jaar")).to_have_attribute("aria-checked", "true")
            assert "jaar" not in page.url and page.url.endswith("#vraag-4"), page.url  # no answer in it
            page.go_forward()
            expect(heading(page, question)).to_be_visible()
        if number == 3:  # each question has its own title
            expect(page).to_have_title("Vraag 3 van 14 - Hulp - Mantelzorghub Leusden")
        if number == 7:  # a reload goes on where the visitor was
            page.reload()
            expect(heading(page, question)).to_be_visible()
            expect(page.get_by_text("Vraag 7 van 14", exact=True)).to_be_visible()
        if number == 8:  # Back still works after the reload
            page.go_back()
            expect(heading(page, HEAVY[7][0])).to_be_visible()
            answer(page, HEAVY[7][1][0])
            expect(heading(page, question)).to_be_visible()
        check_page(page, f"questionnaire-{number:02d}")
        for tap in taps:
            answer(page, tap)
        if number == 3:  # back one step: the earlier answer is still chosen
            expect(heading(page, HEAVY[4][0])).to_be_visible()
            # each new step starts at the top, where a screen reader goes on reading
            expect(page.locator("main")).to_be_focused()
            assert page.evaluate("window.scrollY") == 0
            page.get_by_role("button", name="Terug").click()
            expect(heading(page, question)).to_be_visible()
            expect(choice(page, "20 tot 40 uur")).to_have_attribute("aria-checked", "true")
            answer(page, "20 tot 40 uur")

    # A heavy load: who calls back and when, the hub's number to call now, and after "Vaak" on
    # "ik kan het niet meer aan" the huisarts and 113, calmly.
    expect(heading(page, "Wat past bij u")).to_be_visible()
    expect(page.locator("main h2").first).to_have_text("Bel mij terug")
    expect(
        page.get_by_text("Het zorgen is nu zwaar voor u. U hoeft het niet alleen te doen.")
    ).to_be_visible()
    expect(page.get_by_text("Een mantelzorgconsulent van Leusden belt u binnen 2 werkdagen.")).to_be_visible()
    expect(page.get_by_role("link", name="033-000 0000")).to_have_attribute("href", "tel:0330000000")
    expect(page.get_by_role("heading", level=2, name="Praten kan altijd")).to_be_visible()
    expect(page.get_by_text("Dat kan met uw huisarts.")).to_be_visible()
    expect(page.get_by_text("113 Zelfmoordpreventie. Bel gratis 0800-0113, dag en nacht.")).to_be_visible()
    expect(page.get_by_role("link", name="0800-0113")).to_have_attribute("href", "tel:08000113")
    expect(page.get_by_role("listitem").filter(has_text="Iemand die even oppast")).to_be_visible()
    # The sociale kaart's services that fit: the consulent first for a heavy load, each a card to tap.
    expect(page.get_by_role("heading", level=2, name="Dit kan ook helpen")).to_be_visible()
    fits = page.get_by_role("heading", level=3)
    expect(fits.first).to_have_text("Consulent mantelzorg")
    expect(fits.filter(has_text="Oppas aan huis door vrijwilligers")).to_be_visible()
    expect(page.get_by_role("link", name="Consulent mantelzorg")).to_have_attribute(
        "href", re.compile(r"/leusden/sociale-kaart/[0-9]+$")
    )
    expect(page.get_by_role("link", name="Bel 033-000 00 01")).to_have_attribute("href", "tel:0330000001")
    check_page(page, "questionnaire-result")
    switch_language(page, "English", "What suits you")
    expect(page.get_by_role("button", name="Call me back")).to_be_visible()
    check_page(page, "questionnaire-result-en")
    switch_language(page, "Nederlands", "Wat past bij u")

    # An empty field says what to do; a wrong one says what is wrong.
    page.get_by_role("button", name="Bel mij terug").click()
    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    expect(summary).to_contain_text("Vul uw telefoonnummer in.")
    expect(summary).to_contain_text("Kies wanneer wij u kunnen bellen.")
    phone = page.get_by_label("Uw telefoonnummer")
    phone.fill("12345")
    page.get_by_role("button", name="Bel mij terug").click()
    expect(summary).to_contain_text("Dit lijkt geen telefoonnummer.")
    expect(phone).to_have_value("12345")
    check_page(page, "questionnaire-result-problems")

    # What was typed survives a reload.
    number = f"06 {random.randrange(10**7, 10**8)}"
    phone.fill(number)
    phone.blur()
    page.wait_for_timeout(300)
    page.reload()
    expect(heading(page, "Wat past bij u")).to_be_visible()
    expect(page.get_by_label("Uw telefoonnummer")).to_have_value(number)
    page.get_by_role("radio", name="In de middag").check()
    page.get_by_role("button", name="Bel mij terug").click()
    thanks = page.get_by_role("status").filter(has_text="Dank u wel. Wij bellen u terug.")
    expect(thanks).to_contain_text(
        "Een mantelzorgconsulent van Leusden belt u binnen 2 werkdagen, in de middag."
    )
    expect(thanks).to_contain_text(f"Wij bellen naar {number}.")
    check_page(page, "questionnaire-thanks")

    sign_in(page, smtp, "gerrit.voorbeeld@leusden.example.org", "Gerrit")
    page.get_by_role("link", name="Beheer").click()
    call = page.get_by_role("listitem").filter(has_text=number)
    expect(call).to_contain_text("In de middag")
    expect(call).to_contain_text("Het zorgen is zwaar")
    expect(call.get_by_role("link", name=number)).to_have_attribute("href", "tel:" + number.replace(" ", ""))
    check_page(page, "coordination-callbacks")  # what the coordinator does next: test_coordination.py


def test_no_one_to_care_for_gets_a_kind_end(page: Page):
    open_page(page, "/leusden/hulp")
    answer(page, "Beginnen")
    answer(page, "Nee")
    expect(heading(page, "Dank u wel")).to_be_visible()
    expect(page.get_by_text("U zorgt nu niet voor iemand.")).to_be_visible()
    expect(page.get_by_role("link", name="Ik wil helpen")).to_be_visible()
    expect(page.get_by_role("button", name="Bel mij terug")).to_have_count(0)
    check_page(page, "questionnaire-not-caring")
    page.get_by_role("button", name="Terug").click()
    expect(heading(page, "Zorgt u voor iemand?")).to_be_visible()
    expect(choice(page, "Nee")).to_have_attribute("aria-checked", "true")
    # The page's Terug and the browser's Back walk one history: Forward is the result again.
    page.go_forward()
    expect(heading(page, "Dank u wel")).to_be_visible()
    page.go_back()
    expect(heading(page, "Zorgt u voor iemand?")).to_be_visible()
    page.go_back()
    expect(heading(page, INTRO[0])).to_be_visible()
    page.go_forward()
    expect(heading(page, "Zorgt u voor iemand?")).to_be_visible()
    page.go_forward()
    expect(heading(page, "Dank u wel")).to_be_visible()

    # "Opnieuw beginnen" asks once; "Nee" keeps everything.
    page.get_by_role("button", name="Opnieuw beginnen").click()
    expect(page.get_by_text("Wilt u opnieuw beginnen? Dan wissen wij al uw antwoorden.")).to_be_visible()
    expect(page.get_by_role("button", name="Nee, ga verder")).to_be_focused()
    check_page(page, "questionnaire-start-over")
    page.get_by_role("button", name="Nee, ga verder").click()
    expect(heading(page, "Dank u wel")).to_be_visible()
    expect(page.get_by_text("Wilt u opnieuw beginnen?")).to_have_count(0)
    page.get_by_role("button", name="Opnieuw beginnen").click()
    page.get_by_role("button", name="Ja, wis mijn antwoorden").click()
    expect(heading(page, "Zorgt u voor iemand?")).to_be_visible()
    expect(page.get_by_text("Vraag 1 van 14", exact=True)).to_be_visible()
    expect(choice(page, "Nee")).to_have_attribute("aria-checked", "false")


def test_every_step_and_the_result_in_english(page: Page):
    """The same way as the heavy load above, in English: each screen gets axe and a screenshot."""

    def english(dutch: str) -> str:
        return i18n.gettext("en", dutch)

    open_page(page, "/leusden/hulp")
    switch_language(page, "English", english(INTRO[0]))
    check_page(page, "questionnaire-intro-en")
    answer(page, english("Beginnen"))
    for number, (question, taps) in enumerate(HEAVY[1:], start=1):
        expect(heading(page, english(question))).to_be_visible()
        expect(page.get_by_text(f"Question {number} of 14", exact=True)).to_be_visible()
        check_page(page, f"questionnaire-{number:02d}-en")
        for tap in taps:
            answer(page, english(tap))
    expect(heading(page, "What suits you")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=english("Praten kan altijd"))).to_be_visible()
    check_page(page, "questionnaire-result-heavy-en")
    expect(page.get_by_role("link", name=english("Vraag een vrijwilliger"))).to_be_visible()
    switch_language(page, "Nederlands", "Wat past bij u")
