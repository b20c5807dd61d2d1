"""Schrijf een bericht on a phone: Eva, the demo's trekker for Groenhouten, writes; the writing
helper's tips come while she types and never stop her (only their count is live); the activity is
a big button, "Nee, over geen activiteit" first; the draft is saved as she types and comes back after
a reload and from Mijn berichten; sent, it is taken back ("Haal terug") and thrown away. Someone who
is no trekker reads that the page is for trekkers, with a way on. axe on the writing page and Mijn
berichten in Dutch and English."""

import re
import uuid

from playwright.sync_api import Browser, Page, expect

from mantelzorg_app.services.identity import sessions
from tests.e2e.conftest import check_page, open_page, phone
from tests.e2e.test_chat import person_named, signed_in
from tests.support.server import RunningApp

LOADS = 30_000  # ms: the first visit of a page may wait for the build's cold start
TEXT = "Heeft u een indicatie nodig? Kom naar het spreekuur in de bibliotheek.\n\nDe koffie staat klaar."


def in_both_languages(page: Page, name: str) -> None:
    """axe in Dutch, then in English (the header's button; the words follow once the catalogue has
    them), then back in Dutch."""
    check_page(page, name)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_page(page, f"{name}-en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_a_trekker_writes_and_the_draft_survives_a_reload(browser: Browser, app: RunningApp):
    title = f"Spreekuur {uuid.uuid4().hex[:4]}"
    with phone(browser, app.url) as page:
        signed_in(page, app, person_named(app.db_url, "Eva"), app.url)
        open_page(page, "/leusden/nieuws/schrijven")
        expect(page.get_by_role("heading", level=1, name="Schrijf een bericht")).to_be_visible(timeout=LOADS)
        expect(page.get_by_text("Uw bericht is voor de wijk Groenhouten.")).to_be_visible()
        expect(page.get_by_role("radiogroup", name="Voor welke wijk is het bericht?")).to_have_count(0)
        activities = page.get_by_role("radiogroup", name="Gaat het over een activiteit uit de agenda?")
        expect(activities.get_by_role("radio").first).to_have_accessible_name("Nee, over geen activiteit")
        expect(activities.get_by_role("radio").first).to_have_attribute("aria-checked", "true")
        expect(page.get_by_role("status").filter(has_text="Geen tips")).to_be_visible()
        expect(page.get_by_text("Schrijf eerst een titel. Dan kunt u een foto toevoegen.")).to_be_visible()
        in_both_languages(page, "news-writing")

        page.get_by_label("Titel", exact=True).fill(title)
        page.get_by_label("Uw bericht", exact=True).fill(TEXT)
        tips = page.get_by_role("region", name="Tips voor uw tekst")
        expect(tips).to_contain_text(
            "“indicatie” is een moeilijk woord. Schrijf liever: toestemming voor zorg."
        )
        expect(tips.get_by_role("status")).to_have_text(re.compile(r"^(1 tip|\d+ tips) voor uw tekst$"))
        expect(tips.locator("ul")).not_to_have_attribute("aria-live", re.compile("."))
        expect(tips).to_contain_text("U kunt het bericht ook zo sturen.")  # a tip, never a stop
        expect(page.get_by_text("Opgeslagen. U kunt later verder schrijven.")).to_be_visible()
        expect(page).to_have_url(re.compile(r"/leusden/nieuws/schrijven\?bericht=\d+$"))
        expect(page.get_by_role("button", name="Foto toevoegen")).to_be_visible()  # now there is a draft
        check_page(page, "news-writing-tips")

        page.reload()
        page.wait_for_selector('div.app[data-ready="true"]')
        expect(page.get_by_label("Titel", exact=True)).to_have_value(title)
        expect(page.get_by_label("Uw bericht", exact=True)).to_have_value(TEXT)
        expect(tips).to_contain_text("“indicatie” is een moeilijk woord.")

    # A closed tab loses nothing: a new phone session finds the draft on Mijn berichten.
    with phone(browser, app.url) as page:
        signed_in(page, app, person_named(app.db_url, "Eva"), app.url)
        open_page(page, "/leusden/nieuws/mijn-berichten")
        expect(page.get_by_role("heading", level=1, name="Mijn berichten")).to_be_visible(timeout=LOADS)
        mine = page.locator("main li.card").filter(has=page.get_by_role("heading", name=title))
        expect(mine).to_contain_text("Nog niet verstuurd")
        in_both_languages(page, "news-mine")
        mine.get_by_role("link", name="Verder schrijven").click()
        expect(page.get_by_role("heading", level=1, name="Schrijf een bericht")).to_be_visible()
        page.wait_for_selector('div.app[data-ready="true"]')
        expect(page.get_by_label("Uw bericht", exact=True)).to_have_value(TEXT)

        # Sent, and taken back before the coordinator looked at it.
        page.get_by_role("button", name="Stuur naar de coördinator").click()
        expect(page.get_by_role("heading", level=1, name="Mijn berichten")).to_be_visible()
        mine = page.locator("main li.card").filter(has=page.get_by_role("heading", name=title))
        expect(mine).to_contain_text("Wacht op de coördinator")
        mine.get_by_role("button", name="Haal terug").click()
        expect(page.get_by_text("Het bericht is terug bij uw kladjes.", exact=False)).to_be_visible()
        expect(mine).to_contain_text("Nog niet verstuurd")

        # Throw it away again (asked first), so the demo's list stays as it was.
        mine.get_by_role("button", name="Gooi weg").click()
        expect(mine.get_by_role("alert")).to_contain_text("Zeker weten?")
        mine.get_by_role("button", name="Ja, gooi weg").click()
        expect(page.get_by_text("Het kladje is weggegooid.")).to_be_visible()
        expect(
            page.locator("main li.card").filter(has=page.get_by_role("heading", name=title))
        ).to_have_count(0)


def test_someone_who_is_no_trekker_reads_the_page_is_for_trekkers(browser: Browser, app: RunningApp):
    with phone(browser, app.url) as page:
        open_page(page, "/leusden/nieuws/schrijven")
        expect(page.get_by_text("Op deze pagina schrijven trekkers het nieuws van hun wijk.")).to_be_visible(
            timeout=LOADS
        )
        expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
        signed_in(page, app, person_named(app.db_url, "Anna"), app.url)
        open_page(page, "/leusden/nieuws/schrijven")
        expect(
            page.get_by_text("Vraag de coördinator of u trekker kunt worden.", exact=False)
        ).to_be_visible()
        expect(page.get_by_role("link", name="Naar het nieuws")).to_be_visible()
        expect(page.get_by_label("Titel", exact=True)).to_have_count(0)
        check_page(page, "news-writing-not-a-trekker")


def test_the_coordinator_chooses_the_wijk_of_a_post(browser: Browser, app: RunningApp):
    with phone(browser, app.url) as page:
        signed_in(page, app, person_named(app.db_url, "Gerrit"), app.url, sessions.STAFF_EMAIL)
        open_page(page, "/leusden/nieuws/schrijven")
        expect(page.get_by_role("heading", level=1, name="Schrijf een bericht")).to_be_visible(timeout=LOADS)
        chips = page.get_by_role("radiogroup", name="Voor welke wijk is het bericht?")
        expect(chips.get_by_role("radio", name="Heel Leusden")).to_have_attribute("aria-checked", "true")
        chips.get_by_role("radio", name="Groenhouten").click()
        expect(chips.get_by_role("radio", name="Groenhouten")).to_have_attribute("aria-checked", "true")
        expect(chips.get_by_role("radio", name="Heel Leusden")).to_have_attribute("aria-checked", "false")
        expect(page.get_by_role("button", name="Zet het op de Nieuws-pagina")).to_be_visible()
        in_both_languages(page, "news-writing-coordinator")
