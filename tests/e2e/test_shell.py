"""The shell on a phone: Home, bottom bar, language, bigger text, read aloud, hubs kept apart; every
page's own title, the focus never under the bottom bar, the error summary that links to the fields."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import check_page, open_page, slug
from tests.support.smtp import SmtpServer

TILES_NL = ["Hulp vragen", "Zoeken", "Praten", "Agenda", "Nieuws", "Sociale kaart", "Uw stem"]
TILES_EN = ["Ask for help", "Search", "Talk", "Calendar", "News", "Local services", "Your voice"]
BAR_NL = ["Start", "Hulp", "Zoeken", "Praten", "Agenda"]
NOT_YET = {
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


# --- Titles, focus and the error summary (issue 11, point 6 and 8) ---

BAR_TOP = "document.querySelector('.bottom-nav').getBoundingClientRect().top"
# Where the focus is once the browser and assets/shell.js have scrolled for it (two frames later).
FOCUSED_BOX = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
    const el = document.activeElement, nav = document.querySelector('.bottom-nav');
    const box = el.getBoundingClientRect();
    done({tag: el.tagName, text: (el.innerText || el.value || el.id || '').trim().slice(0, 40),
          inBar: nav.contains(el), top: box.top, bottom: box.bottom,
          barTop: nav.getBoundingClientRect().top});
})))"""


def test_every_page_has_a_title_of_its_own(page: Page):
    open_page(page, "/")
    expect(page).to_have_title("Kies uw gemeente - Mantelzorghub")
    open_page(page, "/leusden")
    expect(page).to_have_title("Welkom - Mantelzorghub Leusden")
    titles = [page.title()]
    page.get_by_role("button", name="English").click()
    expect(page).to_have_title("Welcome - Mantelzorghub Leusden")
    page.get_by_role("button", name="Nederlands").click()
    expect(page).to_have_title("Welkom - Mantelzorghub Leusden")

    main = page.get_by_role("main")
    main.get_by_role("link", name="Hulp vragen").click()
    expect(page).to_have_title(re.compile(r" - Hulp - Mantelzorghub Leusden$"))
    begin = main.get_by_role("button", name="Beginnen")  # the Wegwijzer's short first screen
    yes = main.get_by_role("radio", name="Ja", exact=True)
    expect(begin.or_(yes)).to_be_visible()
    if begin.count():
        titles.append(page.title())
        begin.click()
    expect(page).to_have_title(re.compile(r"^Vraag 1 van \d+ - Hulp - Mantelzorghub Leusden$"))
    titles.append(page.title())
    yes.click()
    expect(page).to_have_title(re.compile(r"^Vraag 2 van \d+ - Hulp - Mantelzorghub Leusden$"))
    titles.append(page.title())

    open_page(page, "/leusden/inloggen")
    expect(page).to_have_title("Inloggen - Mantelzorghub Leusden")
    titles.append(page.title())
    open_page(page, "/leusden/zoeken")
    expect(page).to_have_title("Zoeken - Mantelzorghub Leusden")  # the section is said once
    titles.append(page.title())
    assert len(set(titles)) == len(titles), titles
    open_page(page, "/atlantis")
    expect(page).to_have_title("Deze plaats kennen wij niet - Mantelzorghub")


def _sign_up_form(page: Page, smtp: SmtpServer, address: str) -> None:
    from tests.e2e.test_sign_in import ask_code, type_code

    code = ask_code(page, smtp, address)
    type_code(page, code)
    expect(page.get_by_role("heading", level=1, name="Welkom!")).to_be_visible()


@pytest.mark.parametrize("big_text", [False, True], ids=["normal", "big-text"])
def test_tabbing_through_a_long_form_never_hides_the_focus_behind_the_bottom_bar(
    page: Page, smtp: SmtpServer, big_text: bool
):
    if big_text:
        open_page(page, "/leusden")
        page.get_by_role("switch", name="Grotere letters").click()
        expect(page.get_by_role("switch", name="Grotere letters")).to_have_attribute("aria-checked", "true")
    _sign_up_form(page, smtp, f"tab.{'groot' if big_text else 'gewoon'}@example.org")
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("body").focus()
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        box = page.evaluate(FOCUSED_BOX)
        if box["inBar"]:
            break
        seen.append(box)
        assert box["bottom"] <= box["barTop"], f"focus under the bottom bar: {box}"
        assert box["top"] >= 0, f"focus above the screen: {box}"
    else:
        pytest.fail(f"never reached the bottom bar: {seen[-5:]}")
    assert any(box["text"] == "Aanmelden" for box in seen), seen  # the form's last button was on the way
    # The page leaves room under its last control for the bar, with the bar's own height.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    last = page.get_by_role("button", name="Aanmelden").bounding_box()
    assert last["y"] + last["height"] <= page.evaluate(BAR_TOP), last


def test_the_error_summary_links_to_each_field_and_takes_focus(page: Page, smtp: SmtpServer):
    _sign_up_form(page, smtp, "fouten.voorbeeld@example.org")
    page.get_by_role("button", name="Aanmelden").click()  # nothing filled in
    summary = page.locator("[data-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", level=2)).to_be_visible()
    links = summary.get_by_role("link")
    expect(links).to_have_count(4)
    # React Router writes "#first_name" with the page's own path before it: still this page.
    expect(summary.get_by_role("link", name="Vul uw voornaam in.")).to_have_attribute(
        "href", re.compile(r"^(/leusden/welkom)?#first_name$")
    )
    expect(summary.get_by_role("link", name="Kies uw wijk of dorp.")).to_have_attribute(
        "href", re.compile(r"^(/leusden/welkom)?#wijk$")
    )
    check_page(page, "sign-up-error-summary")

    summary.get_by_role("link", name="Vul uw voornaam in.").click()
    expect(page.get_by_label("Uw voornaam")).to_be_focused()
    assert "#" not in page.url  # the field has focus; the address stays as it was
    summary.get_by_role("link", name="Kies uw wijk of dorp.").click()
    assert page.evaluate("document.activeElement.closest('#wijk') !== null")

    # A second submit with problems left takes the focus back to the summary.
    page.get_by_label("Uw voornaam").fill("Fenna")
    page.get_by_role("button", name="Aanmelden").click()
    expect(summary).to_be_focused()
    expect(links).to_have_count(3)
    page.get_by_label("Uw voornaam").focus()
    page.get_by_role("button", name="Aanmelden").click()  # the same problems again
    expect(summary).to_be_focused()


def test_a_radio_group_of_answers_is_one_tab_stop_with_arrow_keys(page: Page):
    # choice_buttons(single=True) as it renders; shell.js gives it one Tab stop and the arrow keys.
    open_page(page, "/leusden")
    page.evaluate(
        """() => {
        const group = document.createElement('div');
        group.setAttribute('role', 'radiogroup');
        group.setAttribute('aria-label', 'Proef');
        for (const [word, on] of [['Een', 'false'], ['Twee', 'true'], ['Drie', 'false']]) {
            const b = document.createElement('button');
            b.type = 'button'; b.textContent = word; b.className = 'answer';
            b.setAttribute('role', 'radio'); b.setAttribute('aria-checked', on);
            group.appendChild(b);
        }
        document.querySelector('main').prepend(group);
    }"""
    )
    group = page.get_by_role("radiogroup", name="Proef")
    expect(group.get_by_role("radio", name="Twee")).to_have_attribute("tabindex", "0")
    expect(group.get_by_role("radio", name="Een")).to_have_attribute("tabindex", "-1")
    group.get_by_role("radio", name="Twee").focus()
    page.keyboard.press("ArrowDown")
    expect(group.get_by_role("radio", name="Drie")).to_be_focused()
    page.keyboard.press("ArrowDown")  # round to the first
    expect(group.get_by_role("radio", name="Een")).to_be_focused()
    page.keyboard.press("End")
    expect(group.get_by_role("radio", name="Drie")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(group.get_by_role("radio", name="Twee")).to_be_focused()
    # An arrow only moves; the choice stays with the server until Space or Enter.
    expect(group.get_by_role("radio", name="Twee")).to_have_attribute("aria-checked", "true")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(group.get_by_role("radio", name="Twee")).to_be_focused()


# Each heading in page order whose level is more than one below the one before it.
SKIPPED_HEADINGS = """() => {
    const found = [];
    let before = 0;
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
        const level = Number(h.tagName[1]);
        if (level > before + 1) found.push(`h${before} then h${level}: ${h.innerText.trim()}`);
        before = level;
    }
    return found;
}"""


def test_headings_do_not_skip_a_level(page: Page, smtp: SmtpServer):
    from tests.e2e.test_coordination import sign_in

    visitor = ["/", "/leusden", "/leusden/hulp", "/leusden/inloggen", "/leusden/zoeken", "/atlantis"]
    for path in visitor:
        open_page(page, path)
        assert page.evaluate(SKIPPED_HEADINGS) == [], path
    sign_in(page, smtp, "daan.voorbeeld@leusden.example.org", "Daan")  # a volunteer: request cards
    for path in ["/leusden", "/leusden/helpen", "/leusden/helpen/profiel", "/leusden/mijn-gegevens"]:
        open_page(page, path)
        assert page.evaluate(SKIPPED_HEADINGS) == [], path


def test_a_caregivers_request_cards_do_not_skip_a_heading_level(page: Page, smtp: SmtpServer):
    from tests.e2e.test_coordination import sign_in

    sign_in(page, smtp, "bram.voorbeeld@leusden.example.org", "Bram")  # he has a help request
    open_page(page, "/leusden/hulpvragen")
    expect(page.locator(".card").first).to_be_visible()
    assert page.evaluate(SKIPPED_HEADINGS) == []
