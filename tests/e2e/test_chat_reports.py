""" "Meld" on a phone: the sheet with four reasons, the thank-you, blocking in two steps and its undo
on Mijn gegevens, the focus into the sheet and back to "Meld", and the coordinator's Meldingen with
a decision, in both languages (axe and a screenshot of each screen)."""

import re

import pytest
from playwright.sync_api import Page, expect

from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.platform import i18n
from tests.e2e.conftest import check_page, open_page
from tests.e2e.test_chat import (
    _room_and_report,
    conversation_path,
    in_language,
    make_pair,
    person_named,
    signed_in,
)
from tests.support.server import RunningApp

DUTCH = {
    "meld": "Meld",
    "sheet": "Wat is er mis met dit bericht?",
    "rude": "Onbeleefd",
    "thanks": "Dank u. De coördinator kijkt ernaar.",
    "hide": "Verberg het bericht",
    "hidden": "Het bericht is verborgen. Niemand ziet het nog.",
    "back": "Terug",
    "block": "Blokkeer deze persoon",
    "block_says": "U krijgt dan geen berichten meer van deze persoon, ook niet in groepen.",
    "yes_block": "Ja, blokkeer",
    "blocked": "U krijgt geen berichten meer van deze persoon.",
    "blocked_list": "Geblokkeerd",
    "unblock": "Deblokkeer",
    "unblocked": "U krijgt weer berichten van {name}.",
    "messages": "Berichten",
}


def _words(language: str) -> dict[str, str]:
    """The page's words in ``language``, from the catalogue the front end is built with."""
    return {key: i18n.gettext(language, msgid) for key, msgid in DUTCH.items()}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_report_reaches_the_coordinator_who_hides_the_message(page: Page, app: RunningApp, language: str):
    words = _words(language)
    pair = make_pair(app.db_url, f"Yfke{language}", f"Quinta{language}")
    cafe = _room_and_report(app.db_url, pair)
    signed_in(page, app, pair.caregiver, app.url)

    open_page(page, conversation_path(cafe))
    in_language(page, language)
    asked = "Wie komt er donderdag koffie drinken?"
    lines = page.get_by_role("list", name=i18n.gettext(language, "Berichten")).get_by_role("listitem")
    theirs = lines.filter(has_text=asked).filter(has_text=pair.volunteer_name)
    mine = lines.filter(has_text="Wat een saai verhaal.").last  # another run's are not hers
    expect(mine.get_by_role("button", name=words["meld"])).to_have_count(0)  # not on one's own
    theirs.get_by_role("button", name=words["meld"]).click()
    sheet = page.get_by_role("dialog")
    expect(sheet).to_have_accessible_name(words["sheet"])
    expect(sheet.get_by_role("heading", name=words["sheet"])).to_be_focused()
    check_page(page, f"chat-report-sheet-{language}")

    sheet.get_by_role("button", name=words["rude"]).click()
    expect(sheet.get_by_role("status")).to_have_text(words["thanks"])
    check_page(page, f"chat-report-thanks-{language}")
    sheet.get_by_role("button", name=words["back"], exact=True).click()
    expect(sheet).to_have_count(0)
    expect(theirs.get_by_role("button", name=words["meld"])).to_be_focused()  # back where it opened

    # Blocking is two steps: what it does, then "Ja, blokkeer"; Mijn gegevens undoes it.
    theirs.get_by_role("button", name=words["meld"]).click()
    sheet.get_by_role("button", name=words["block"]).click()
    expect(sheet.get_by_text(words["block_says"])).to_be_focused()
    check_page(page, f"chat-report-block-ask-{language}")
    sheet.get_by_role("button", name=words["yes_block"]).click()
    expect(sheet.get_by_role("status")).to_have_text(words["blocked"])
    check_page(page, f"chat-report-blocked-{language}")
    sheet.get_by_role("button", name=words["back"], exact=True).click()
    expect(sheet).to_have_count(0)
    expect(theirs).to_have_count(0)
    expect(page.get_by_role("list", name=words["messages"])).to_be_focused()

    open_page(page, "/leusden/mijn-gegevens")
    blocked = page.get_by_role("region", name=words["blocked_list"])
    expect(blocked.get_by_role("listitem")).to_have_text(re.compile(pair.volunteer_name))
    check_page(page, f"account-blocked-{language}")
    blocked.get_by_role("button", name=words["unblock"]).click()
    unblocked = words["unblocked"].replace("{name}", pair.volunteer_name)
    expect(blocked.get_by_role("status")).to_have_text(unblocked)
    expect(blocked.get_by_role("listitem")).to_have_count(0)

    page.context.clear_cookies()
    signed_in(page, app, person_named(app.db_url, "Gerrit"), app.url, sessions.STAFF_EMAIL)
    open_page(page, "/leusden/beheer/praten")
    in_language(page, language)
    cards = page.locator("li.report-card").filter(has_text=asked)
    card = cards.filter(has_text=pair.volunteer_name)
    expect(card).to_have_count(1)
    check_page(page, f"chat-reports-{language}")

    card.get_by_role("button", name=words["hide"]).click()
    expect(page.get_by_role("main").get_by_role("status")).to_have_text(words["hidden"])
    expect(
        page.locator("li.report-card").filter(has_text="Wie komt er donderdag koffie drinken?")
    ).to_have_count(0)
    check_page(page, f"chat-reports-decided-{language}")
