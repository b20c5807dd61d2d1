"""The shell on a phone: Home, bottom bar, language, bigger text, read aloud, hubs kept apart."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import check_page, open_page, slug

TILES_NL = ["Hulp vragen", "Zoeken", "Praten", "Agenda", "Nieuws", "Sociale kaart", "Uw stem"]
TILES_EN = ["Ask for help", "Search", "Talk", "Calendar", "News", "Local services", "Your voice"]
BAR_NL = ["Start", "Hulp", "Zoeken", "Praten", "Agenda"]
NOT_YET = {
    "zoeken": "Zoeken",
    "praten": "Praten",
    "agenda": "Agenda",
    "nieuws": "Nieuws",
    "sociale-kaart": "Sociale kaart",
    "uw-stem": "Uw stem",
}


def main_menu(page: Page):
    return page.get_by_role("navigation", name=re.compile("Hoofdmenu|Main menu"))


def test_home_in_dutch_has_heading_tiles_and_bottom_bar(page: Page):
    open_page(page, "/leusden")
    expect(page.get_by_role("heading", level=1, name="Welkom")).to_be_visible()
    expect(page.get_by_text("Hier vindt u hulp en mensen in Leusden.")).to_be_visible()
    for label in TILES_NL:
        expect(page.get_by_role("main").get_by_role("link", name=label, exact=True)).to_be_visible()
    for label in BAR_NL:
        expect(main_menu(page).get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(main_menu(page).get_by_role("link", name="Start")).to_have_attribute("aria-current", "page")
    assert page.evaluate("document.documentElement.lang") == "nl"
    check_page(page, "home-nl")


def test_language_choice_switches_everything_and_is_remembered(page: Page):
    open_page(page, "/leusden")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1, name="Welcome")).to_be_visible()
    for label in TILES_EN:
        expect(page.get_by_role("main").get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.reload()
    expect(page.get_by_role("heading", level=1, name="Welcome")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_page(page, "home-en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1, name="Welkom")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_text_is_large_and_every_target_is_thumb_sized(page: Page):
    open_page(page, "/leusden")
    sizes = page.eval_on_selector_all(
        "main p", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 18, sizes
    small = page.eval_on_selector_all(
        "a:not(.skip), button",
        """els => els.map(e => [e.innerText.trim(), e.getBoundingClientRect()])
                 .filter(([, r]) => r.width < 48 || r.height < 48)
                 .map(([t, r]) => `${t}: ${r.width}x${r.height}`)""",
    )
    assert not small, f"tap targets under 48x48 px: {small}"


def test_bigger_text_switch_is_remembered(page: Page):
    open_page(page, "/leusden")
    switch = page.get_by_role("switch", name="Grotere letters")
    expect(switch).to_have_attribute("aria-checked", "false")
    before = page.eval_on_selector("main p", "e => parseFloat(getComputedStyle(e).fontSize)")
    switch.click()
    expect(switch).to_have_attribute("aria-checked", "true")
    page.reload()
    expect(page.get_by_role("switch", name="Grotere letters")).to_have_attribute("aria-checked", "true")
    after = page.eval_on_selector("main p", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert after >= before * 1.2, (before, after)
    check_page(page, "home-big-text")


def test_read_aloud_speaks_the_main_text_in_the_hub_voice(page: Page):
    page.add_init_script(
        """window.__spoken = [];
        Object.defineProperty(window, 'speechSynthesis', {value: {
            speaking: false, cancel() {},
            speak(u) { window.__spoken.push({text: u.text, lang: u.lang}); }}});"""
    )
    open_page(page, "/poperinge")
    page.get_by_role("button", name="Lees voor").click()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1, spoken
    assert "Welkom" in spoken[0]["text"] and "Poperinge" in spoken[0]["text"]
    assert "Grotere letters" not in spoken[0]["text"]
    assert spoken[0]["lang"] == "nl-BE"


@pytest.mark.parametrize(("part", "title"), NOT_YET.items())
def test_parts_not_built_yet_say_so_plainly(page: Page, part: str, title: str):
    open_page(page, f"/leusden/{part}")
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(page.get_by_text("Dit deel is nog niet klaar.")).to_be_visible()
    page.get_by_role("link", name="Terug naar Start").click()
    expect(page.get_by_role("heading", level=1, name="Welkom")).to_be_visible()
    open_page(page, f"/leusden/{part}")
    check_page(page, f"not-yet-{slug(title)}")


def test_start_page_lists_hubs_and_leads_to_one(page: Page):
    open_page(page, "/")
    expect(page.get_by_role("heading", level=1, name="Kies uw gemeente")).to_be_visible()
    check_page(page, "start")
    page.get_by_role("link", name="Poperinge").click()
    expect(page.get_by_role("heading", level=1, name="Welkom")).to_be_visible()
    expect(page.get_by_text("Hier vindt u hulp en mensen in Poperinge.")).to_be_visible()


def test_a_hub_never_shows_another_hubs_name(page: Page):
    open_page(page, "/poperinge")
    expect(page.get_by_role("banner").get_by_role("link", name="Poperinge")).to_be_visible()
    assert "Leusden" not in page.inner_text("body")


def test_unknown_hub_gets_a_plain_message(page: Page):
    open_page(page, "/atlantis")
    expect(page.get_by_role("heading", level=1, name="Deze plaats kennen wij niet")).to_be_visible()
    check_page(page, "unknown-hub")
    page.get_by_role("link", name="Kies uw gemeente").click()
    expect(page.get_by_role("heading", level=1, name="Kies uw gemeente")).to_be_visible()


def test_installs_to_the_home_screen(page: Page):
    open_page(page, "/leusden")
    href = page.get_attribute("link[rel=manifest]", "href")
    manifest = json.loads(page.request.get(href).text())
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert page.request.get(icon["src"]).ok, icon["src"]


def test_lost_connection_gets_a_calm_notice(page: Page):
    open_page(page, "/leusden")
    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    expect(page.get_by_text("Er is even geen verbinding.")).to_be_visible(timeout=30_000)
    page.context.set_offline(False)
    expect(page.get_by_text("Er is even geen verbinding.")).to_be_hidden(timeout=30_000)


def test_hashed_assets_may_be_cached_for_a_year(page: Page):
    open_page(page, "/leusden")
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
    script = next(path for path in loaded if path.startswith("/assets/") and path.endswith(".js"))
    headers = page.request.get(script).headers
    assert "immutable" in headers["cache-control"], headers
    assert page.request.get("/leusden").headers["x-content-type-options"] == "nosniff"
