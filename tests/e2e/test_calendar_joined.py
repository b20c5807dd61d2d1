"""The agenda joined up, on a phone with the demo: Zoeken's "café" finds the Mantelzorgcafé under
"Agenda", and the Wegwijzer's result shows the next Mantelzorgcafé and walk-in hour under "Kom ook
eens langs", each a link to its page at that date."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import check_page, open_page
from tests.e2e.test_questionnaire import HEAVY, answer, heading
from tests.e2e.test_search import cards, search_for, titles

SHOTS = Path("/tmp/shots14/h8-joined")
ACTIVITY_AT_A_DATE = re.compile(r"^/leusden/activiteit/\d+\?datum=\d{8}T\d{6}Z$")


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_cafe_finds_the_mantelzorgcafe_in_the_agenda_group(page: Page) -> None:
    open_page(page, "/leusden/zoeken")
    search_for(page, "café")
    assert "Mantelzorgcafé Leusden" in titles(page, "Agenda")
    assert "Mantelzorgcafé Poperinge" not in titles(page, "Agenda")
    link = cards(page, "Agenda").filter(has_text="Mantelzorgcafé Leusden")
    expect(link).to_have_attribute("href", re.compile(r"^/leusden/activiteit/\d+$"))
    _shot(page, "search-cafe")
    check_page(page, "calendar-search-cafe")


def test_the_wegwijzers_result_shows_the_next_cafe_and_walk_in_hour(page: Page) -> None:
    open_page(page, "/leusden/hulp")
    for question, taps in HEAVY:
        expect(heading(page, question)).to_be_visible()
        for tap in taps:
            answer(page, tap)
    expect(heading(page, "Wat past bij u")).to_be_visible()
    section = page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name=re.compile("Kom ook eens langs|Come along"))
    )
    expect(section).to_be_visible()
    # the next café and walk-in hour: the demo's, or one another test of this run added sooner
    links = section.get_by_role("link")
    expect(links).to_have_count(2)
    for n in range(2):
        expect(links.nth(n)).to_have_attribute("href", ACTIVITY_AT_A_DATE)
    expect(section).to_contain_text(
        re.compile(r"(maandag|dinsdag|woensdag|donderdag|vrijdag) \d+ \w+, \d+\.\d\d uur")
    )
    section.scroll_into_view_if_needed()
    _shot(page, "wegwijzer-come-along")
    check_page(page, "calendar-wegwijzer-come-along")
    page.get_by_role("button", name="English").click()
    expect(heading(page, "What suits you")).to_be_visible()
    expect(section.get_by_role("link")).to_have_count(2)
    _shot(page, "wegwijzer-come-along-en")
    check_page(page, "calendar-wegwijzer-come-along-en")
