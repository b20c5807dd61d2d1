"""Nieuwsbronnen on a phone: the coordinator adds a feed served by a real HTTP server on loopback (a
form with a problem keeps what was typed), taps "Nu ophalen", sees how it went, and finds the item
on the Nieuws page under "Algemeen nieuws"; "Haal weg" asks first. axe in both languages.

The test's feed and item are its own (names starting "Proef"), beside the demo's."""

import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import check_page, open_page, phone
from tests.e2e.test_chat import person_named, signed_in
from tests.support import feed_server
from tests.support.server import RunningApp

SOURCE, ITEM = "Proefbron landelijk", "Proef: een dag samen uit"
PAGE = "/leusden/beheer/nieuws/bronnen"


def _feed() -> bytes:
    """An RSS 2.0 feed with one item of an hour ago (an older one would age out at once)."""
    when = format_datetime(datetime.now(UTC) - timedelta(hours=1))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Proef</title><link>https://proef.example.org/</link>
<description>Proefnieuws</description>
<item><title>{ITEM}</title><link>https://proef.example.org/dag-uit</link><guid>proef-dag-uit</guid>
<pubDate>{when}</pubDate>
<description><![CDATA[<p>Een dag uit voor wie zorgt voor een ander.</p>]]></description>
</item></channel></rss>""".encode()


def test_the_coordinator_adds_a_feed_fetches_it_and_the_item_shows(browser: Browser, app: RunningApp):
    with (
        feed_server.serving({"/proef.rss": feed_server.Reply(_feed())}) as server,
        phone(browser, app.url) as page,
    ):
        signed_in(page, app, person_named(app.db_url, "Gerrit"), app.url)
        open_page(page, PAGE)
        expect(page.get_by_role("heading", level=1, name="Nieuwsbronnen")).to_be_visible()
        check_page(page, "news-sources")

        # A problem at the field, and what was typed stays.
        page.get_by_label("Naam van de bron").fill(SOURCE)
        page.get_by_label("Adres van de RSS- of Atom-feed").fill("nieuws.example.org")
        page.get_by_role("button", name="Bron toevoegen").click()
        expect(page.get_by_role("alert").filter(has_text="Er is een probleem")).to_be_visible()
        expect(page.locator("#bron_adres-probleem")).to_have_text(
            "Dit adres begint niet met http:// of https://."
        )
        expect(page.get_by_label("Naam van de bron")).to_have_value(SOURCE)
        check_page(page, "news-sources-problem")

        page.get_by_label("Adres van de RSS- of Atom-feed").fill(server.url("/proef.rss"))
        page.get_by_role("button", name="Bron toevoegen").click()
        expect(page.get_by_role("main").get_by_role("status")).to_contain_text("De bron is toegevoegd.")
        card = page.locator("li.card", has=page.get_by_role("heading", name=SOURCE))
        expect(card).to_contain_text("Nog nooit goed opgehaald.")
        expect(page.get_by_label("Naam van de bron")).to_have_value("")

        page.get_by_role("button", name="Nu ophalen").click()
        expect(page.get_by_role("main").get_by_role("status")).to_contain_text(
            re.compile(r"^Klaar\."), timeout=30_000
        )
        expect(card).to_contain_text(re.compile(r"Laatst goed opgehaald: vandaag om \d+\.\d\d uur\."))
        expect(card).to_contain_text("1 bericht van deze bron.")
        assert server.hits["/proef.rss"] == 1
        check_page(page, "news-sources-fetched")

        page.get_by_role("button", name="Nu ophalen").click()  # again within the minute
        expect(page.get_by_role("alert").filter(has_text="net opgehaald")).to_be_visible()
        assert server.hits["/proef.rss"] == 1

        page.get_by_role("button", name="English").click()
        expect(
            page.get_by_role("heading", level=1, name=re.compile("^(News sources|Nieuwsbronnen)$"))
        ).to_be_visible()
        check_page(page, "news-sources-en")
        page.get_by_role("button", name="Nederlands").click()
        expect(page.locator("html")).to_have_attribute("lang", "nl")

        # The item on the Nieuws page, under Algemeen nieuws, with its source.
        open_page(page, "/leusden/nieuws")
        general = page.get_by_role("region", name="Algemeen nieuws", exact=True)
        expect(general).to_contain_text(ITEM)
        expect(
            general.locator("article.news-card", has=page.get_by_role("heading", name=ITEM))
        ).to_contain_text(SOURCE)

        # "Haal weg" asks first; "Nee" keeps it, "Ja" removes it with its items.
        open_page(page, PAGE)
        card.get_by_role("button", name="Haal weg").click()
        expect(card.get_by_role("alert")).to_contain_text("Zeker weten?")
        check_page(page, "news-sources-asking")
        card.get_by_role("button", name="Nee, laat staan").click()
        expect(card.get_by_role("button", name="Haal weg")).to_be_visible()
        card.get_by_role("button", name="Haal weg").click()
        card.get_by_role("button", name="Ja, haal weg").click()
        expect(page.get_by_role("main").get_by_role("status")).to_contain_text("De bron is weggehaald")
        expect(card).to_have_count(0)
        open_page(page, "/leusden/nieuws")
        expect(page.get_by_text(ITEM)).to_have_count(0)


def test_a_caregiver_reads_that_the_page_is_for_the_coordinator(browser: Browser, app: RunningApp):
    with phone(browser, app.url) as page:
        signed_in(page, app, person_named(app.db_url, "Anna"), app.url)
        open_page(page, PAGE)
        expect(
            page.get_by_text("Deze pagina is alleen voor de coördinator van deze gemeente.")
        ).to_be_visible()
        expect(page.get_by_role("button", name="Nu ophalen")).to_have_count(0)
