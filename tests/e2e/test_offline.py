"""Offline, calmly: the app's own notice within two seconds, taps kept and sent later, and the app's
own offline page for a page that cannot load.

How the connection is cut: ``context.set_offline(True)`` makes new requests fail and tells the page
(``navigator.onLine``, the ``offline`` event), but it leaves an open websocket open (Playwright
issue #4910; Chrome does the same on a real phone). socket.io's engine closes its socket on that
``offline`` event, as it does on a phone; its reconnect attempts then fail until
``set_offline(False)``. The test checks that the socket really is down by the notice Reflex itself
gives (its connection errors, class ``shown``), so a tap cannot slip through an open socket.
"""

import re
import time

from playwright.sync_api import Page, expect

from tests.e2e.conftest import check_page, open_page

LOST_NL = "Er is even geen verbinding."
QUEUED_NL = "U bent offline. Wij versturen het zodra er weer verbinding is."
KEPT = {"/offline.html", "/app.css", "/offline.js", "/icons/icon.svg"}


def notice(page: Page):
    return page.get_by_role("status").filter(has=page.locator(".offline"))


def test_lost_connection_shows_our_notice_within_two_seconds(page: Page):
    open_page(page, "/leusden")
    expect(page.get_by_text(LOST_NL)).to_be_hidden()
    start = time.monotonic()
    page.context.set_offline(True)
    expect(page.get_by_text(LOST_NL)).to_be_visible(timeout=2_000)
    took = time.monotonic() - start
    assert took < 2, f"the notice took {took:.2f} s"
    expect(page.locator(".offline.shown")).to_have_count(1, timeout=10_000)  # Reflex: socket down
    check_page(page, "offline-notice")
    page.context.set_offline(False)
    expect(page.get_by_text(LOST_NL)).to_be_hidden(timeout=10_000)


def test_a_tap_while_offline_keeps_the_text_and_is_sent_when_the_connection_is_back(page: Page):
    open_page(page, "/leusden/inloggen")
    field = page.get_by_label("Uw e-mailadres")
    page.context.set_offline(True)
    expect(page.locator(".offline.shown")).to_have_count(1, timeout=10_000)  # the socket is down
    field.fill("anna.offline@example.org")
    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page.get_by_text(QUEUED_NL)).to_be_visible(timeout=2_000)
    expect(page.get_by_text(LOST_NL)).to_be_hidden()
    expect(field).to_have_value("anna.offline@example.org")
    page.wait_for_timeout(1_000)  # nothing goes out while offline
    expect(page.get_by_text(re.compile("Wij stuurden een code naar"))).to_have_count(0)
    check_page(page, "offline-queued")
    page.context.set_offline(False)
    expect(page.get_by_text(re.compile("Wij stuurden een code naar"))).to_be_visible(timeout=15_000)
    expect(page.get_by_text(QUEUED_NL)).to_be_hidden()


def _wait_for_service_worker(page: Page) -> None:
    page.wait_for_function(
        "navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=15_000
    )


def test_a_page_that_cannot_load_offline_shows_our_offline_page(page: Page):
    open_page(page, "/leusden")
    _wait_for_service_worker(page)
    page.context.set_offline(True)
    page.goto("/leusden/hulp")
    expect(page.get_by_role("heading", level=1, name="Even geen verbinding")).to_be_visible()
    expect(page.get_by_role("heading", name="No connection for a moment")).to_be_hidden()
    assert page.url.endswith("/leusden/hulp")
    check_page(page, "offline-page-nl")

    page.context.add_cookies([{"name": "taal", "value": "en", "url": page.url}])
    page.reload()
    expect(page.get_by_role("heading", level=1, name="No connection for a moment")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    check_page(page, "offline-page-en")

    page.context.set_offline(False)  # the page goes on by itself
    expect(page.locator('div.app[data-ready="true"]')).to_have_count(1, timeout=15_000)
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
    assert page.url.endswith("/leusden/hulp")


def test_the_service_worker_keeps_only_the_offline_page_and_its_files(page: Page):
    open_page(page, "/leusden")
    _wait_for_service_worker(page)
    open_page(page, "/leusden/inloggen")
    open_page(page, "/leusden/hulp")
    kept = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) {
                    urls.push(new URL(request.url).pathname);
                }
            }
            return urls;
        }"""
    )
    assert set(kept) == KEPT, kept
