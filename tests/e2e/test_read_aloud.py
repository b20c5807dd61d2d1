"""Read aloud on a real page: pauses between heading, text and each answer, the chosen answer said,
the page's language and the hub's voice, a second tap stops, and no button without speech.

The phone's speech is replaced by a recorder (speechSynthesis), so the test hears the text itself;
tests/unit/test_read_aloud.py checks how the text is built, piece by piece.
"""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page

RECORDER = """window.__spoken = []; window.__cancelled = 0;
Object.defineProperty(window, 'speechSynthesis', {value: {
    speaking: false, pending: false,
    cancel() { this.speaking = false; window.__cancelled += 1; },
    speak(u) { this.speaking = true; window.__spoken.push({text: u.text, lang: u.lang}); }}});"""


def first_question(page: Page, hub: str) -> None:
    page.add_init_script(RECORDER)
    open_page(page, f"/{hub}/hulp")
    begin = page.get_by_role("button", name="Beginnen")
    if begin.count():  # the Wegwijzer's short first screen
        begin.click()
    expect(page.get_by_role("heading", level=1, name="Zorgt u voor iemand?")).to_be_visible()


def read_aloud(page: Page) -> dict:
    page.evaluate("window.speechSynthesis.speaking = false")
    page.get_by_role("button", name=re.compile("^(Lees voor|Read aloud)$")).click()
    return page.evaluate("window.__spoken.at(-1)")


def test_the_first_question_is_read_with_pauses_and_the_chosen_answer(page: Page):
    first_question(page, "leusden")
    spoken = read_aloud(page)
    assert spoken["lang"] == "nl-NL"
    assert spoken["text"].startswith("Zorgt u voor iemand? Vraag 1 van 14."), spoken
    assert spoken["text"].endswith(" Ja. Nee. Dat weet ik niet."), spoken
    for not_read in ("Lees voor", "Grotere letters", "Terug", "Opnieuw beginnen"):
        assert not_read not in spoken["text"], spoken

    page.get_by_role("main").get_by_role("radio", name="Ja", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Zorgt u voor iemand?")).to_be_hidden()
    page.get_by_role("button", name="Terug").click()
    expect(page.get_by_role("radio", name="Ja", exact=True)).to_have_attribute("aria-checked", "true")
    spoken = read_aloud(page)
    assert spoken["text"].endswith(" Ja, gekozen. Nee. Dat weet ik niet."), spoken

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1, name="Do you look after someone?")).to_be_visible()
    spoken = read_aloud(page)
    assert spoken["lang"] == "en"
    assert spoken["text"].startswith("Do you look after someone? Question 1 of 14."), spoken
    assert ", chosen." in spoken["text"] and "gekozen" not in spoken["text"], spoken


def test_a_flemish_hub_reads_in_its_own_voice_and_a_second_tap_stops(page: Page):
    first_question(page, "poperinge")
    button = page.get_by_role("button", name="Lees voor")
    button.click()
    assert page.evaluate("window.__spoken.length") == 1
    assert page.evaluate("window.__spoken[0].lang") == "nl-BE"
    button.click()  # still speaking: the second tap stops
    assert page.evaluate("window.__cancelled") == 1
    assert page.evaluate("window.__spoken.length") == 1


def test_no_button_where_the_phone_has_no_speech(page: Page):
    page.add_init_script("delete Window.prototype.speechSynthesis; delete window.speechSynthesis;")
    open_page(page, "/leusden")
    assert page.evaluate("'speechSynthesis' in window") is False
    expect(page.get_by_role("button", name="Lees voor")).to_be_hidden()
    expect(page.get_by_role("switch", name="Grotere letters")).to_be_visible()
