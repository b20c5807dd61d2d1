"""Zoeken on a phone, with the demo's sociale kaart: the cards follow the words as they are typed,
a typo gets "Bedoelt u", plain words find what is meant, never another hub's services, a card opens
with a number to tap; no dead end when nothing is found; the words never reach the address bar;
the microphone only where the browser can listen; Home's box opens Zoeken with the words."""

import re

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Service
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import check_page, open_page
from tests.support.server import RunningApp

LABEL = "Waar zoekt u hulp bij?"
LABEL_EN = "What do you need help with?"
HAS_SPEECH = "'SpeechRecognition' in window || 'webkitSpeechRecognition' in window"
# A browser that can listen: it hears "oppas" a moment after the tap.
LISTENS = """
window.SpeechRecognition = class {
  start() {
    window.heardIn = this.lang;
    setTimeout(() => {
      this.onresult && this.onresult({ results: [[{ transcript: "oppas" }]] });
      this.onend && this.onend();
    }, 800);
  }
  stop() {}
  abort() {}
};
"""
# Words, and the category of the Leusden service they show first.
FITTING = (("respijtzrog", "respijtzorg"), ("oppas", "respijtzorg"), ("boodschap", "boodschappen"))
DEAF = "delete window.SpeechRecognition; delete window.webkitSpeechRecognition;"


def services(db_url: str, slug: str) -> dict[str, str]:
    """The hub's services: name -> category."""
    db = engine(db_url)
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == slug)).one()
        found = dict(
            session.exec(select(Service.name, Service.category).where(Service.hub_id == hub_id)).all()
        )
    db.dispose()
    return found


def box(page: Page, label: str = LABEL):
    return page.get_by_role("main").get_by_role("searchbox", name=label)


def cards(page: Page, heading: str):
    """The result cards under one kind's heading ("Sociale kaart", "In deze app")."""
    group = (
        page.get_by_role("main")
        .locator("section")
        .filter(has=page.get_by_role("heading", level=2, name=heading, exact=True))
    )
    return group.get_by_role("link")


def titles(page: Page, heading: str = "Sociale kaart") -> list[str]:
    return [title.strip() for title in cards(page, heading).locator("h3").all_inner_texts()]


def found(page: Page):
    """The polite live region that says how many cards there are ("Niets gevonden." too)."""
    return page.get_by_role("main").get_by_role("status").filter(has_text=re.compile("gevonden|found"))


def search_for(page: Page, words: str, label: str = LABEL) -> None:
    """Types the words afresh and waits for their cards (emptied first, so no earlier ones count)."""
    box(page, label).fill("")
    expect(found(page)).to_have_count(0)
    box(page, label).fill(words)
    expect(found(page)).to_be_visible()


def first_service(page: Page) -> str:
    expect(cards(page, "Sociale kaart").first).to_be_visible()
    return titles(page)[0]


def microphone(page: Page):
    return page.get_by_role("main").get_by_role("button", name=re.compile("Inspreken|Speak"))


def test_typing_finds_fitting_leusden_services_and_never_poperinges(page: Page, app: RunningApp):
    leusden, poperinge = services(app.db_url, "leusden"), services(app.db_url, "poperinge")
    assert leusden and poperinge, "the demo has a sociale kaart in both hubs"
    only_poperinge = set(poperinge) - set(leusden)
    open_page(page, "/leusden/zoeken")
    expect(page.get_by_role("heading", level=1, name="Zoeken")).to_be_visible()
    expect(box(page)).to_have_attribute("type", "search")
    # Before any words: where to start, and people to ask.
    expect(page.get_by_role("link", name="Vraag een vrijwilliger")).to_have_attribute("href", "/leusden/hulp")
    expect(page.get_by_role("link", name="Even vrij: respijtzorg")).to_be_visible()
    # The test browser cannot listen (or can): the microphone shows exactly where it can.
    if page.evaluate(HAS_SPEECH):
        expect(microphone(page)).to_be_visible()
    else:
        expect(microphone(page)).to_be_hidden()
    check_page(page, "search-start")

    seen: set[str] = set()
    for words, category in FITTING:
        search_for(page, words)
        first = first_service(page)
        assert leusden.get(first) == category, f"{words!r} shows {first!r} first"
        assert words not in page.url
        seen |= set(titles(page))
        if words == "respijtzrog":
            expect(page.get_by_text("Bedoelt u: respijtzorg?")).to_be_visible()
            check_page(page, "search-typo")
        else:
            expect(page.get_by_text("Bedoelt u")).to_have_count(0)
    for name in sorted(only_poperinge)[:3]:  # a Poperinge service's own name finds nothing here
        search_for(page, name)
        seen |= set(titles(page))
    assert not seen & only_poperinge, f"Poperinge in Leusden: {seen & only_poperinge}"

    search_for(page, "terugbellen")
    expect(cards(page, "In deze app").filter(has_text="Bel mij terug").first).to_be_visible()

    search_for(page, "oppas")
    expect(found(page)).to_have_text(re.compile(r"^\d+ resulta(at|ten) gevonden\.$"))
    check_page(page, "search-results")

    search_for(page, "xqzvwk")
    expect(page.get_by_text("Niets gevonden.")).to_be_visible()
    expect(page.get_by_role("link", name="Vraag een vrijwilliger")).to_be_visible()
    expect(page.get_by_role("main").locator('a[href^="tel:"]')).to_have_attribute(
        "href", re.compile(r"^tel:\+?[0-9]{3,15}$")
    )
    expect(page.get_by_role("link", name="Dagbesteding", exact=True)).to_be_visible()
    assert "xqzvwk" not in page.url
    check_page(page, "search-none")

    # A card opens the service, with its number one tap away.
    search_for(page, "oppas")
    first = first_service(page)
    cards(page, "Sociale kaart").first.click()
    expect(page).to_have_url(re.compile(r"/leusden/sociale-kaart/\d+$"))
    expect(page.get_by_role("heading", level=1, name=first)).to_be_visible()
    expect(page.get_by_role("main").locator('a[href^="tel:"]').first).to_have_attribute(
        "href", re.compile(r"^tel:\+?[0-9]{3,15}$")
    )


def test_homes_box_opens_zoeken_with_the_words_kept_in_the_tab(page: Page, app: RunningApp):
    leusden = services(app.db_url, "leusden")
    open_page(page, "/leusden")
    check_page(page, "home-search")
    box(page).fill("boodschap")
    page.get_by_role("main").get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Zoeken")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/leusden/zoeken$"))
    assert leusden.get(first_service(page)) == "boodschappen"
    expect(box(page)).to_have_value("boodschap")
    page.reload()
    page.wait_for_selector('div.app[data-ready="true"]')
    expect(box(page)).to_have_value("boodschap")  # the tab's own state, not the address
    assert leusden.get(first_service(page)) == "boodschappen"
    assert "boodschap" not in page.url


def test_the_microphone_listens_where_the_browser_can_and_hides_where_it_cannot(page: Page):
    page.add_init_script(DEAF)
    open_page(page, "/leusden/zoeken")
    assert page.evaluate(HAS_SPEECH) is False
    expect(microphone(page)).to_be_hidden()

    page.add_init_script(LISTENS)
    open_page(page, "/leusden/zoeken")
    mic = microphone(page)
    expect(mic).to_be_visible()
    mic.click()
    expect(mic).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_text("Ik luister.")).to_be_visible()
    expect(box(page)).to_have_value("oppas")
    expect(mic).to_have_attribute("aria-pressed", "false")
    expect(cards(page, "Sociale kaart").first).to_be_visible()
    assert page.evaluate("window.heardIn") == "nl-NL"
    check_page(page, "search-microphone")


def test_zoeken_in_english_with_cards_and_without(page: Page):
    open_page(page, "/leusden/zoeken")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1, name="Search")).to_be_visible()
    search_for(page, "xqzvwk", LABEL_EN)
    expect(page.get_by_text("Nothing found.")).to_be_visible()
    expect(page.get_by_role("link", name="Ask a volunteer")).to_be_visible()
    check_page(page, "search-none-en")
    search_for(page, "oppas", LABEL_EN)
    expect(page.get_by_role("heading", level=2, name="Local services")).to_be_visible()
    expect(found(page)).to_have_text(re.compile(r"^\d+ results? found\.$"))
    check_page(page, "search-results-en")
    page.get_by_role("button", name="Nederlands").click()


def test_chips_narrow_the_cards_to_a_category_and_a_wijk(page: Page, app: RunningApp):
    leusden = services(app.db_url, "leusden")
    open_page(page, "/leusden/zoeken")
    search_for(page, "rijden")
    first_service(page)
    before = titles(page)
    assert {leusden.get(title) for title in before} != {"vervoer"}, "not only transport drives"
    main = page.get_by_role("main")
    main.get_by_text("Kies een soort hulp of een wijk").click()
    chip = main.get_by_role("group", name="Soort hulp").get_by_role("button", name="Vervoer", exact=True)
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")
    expect(main.get_by_text("Alleen Vervoer.")).to_be_visible()
    expect(cards(page, "Sociale kaart")).not_to_have_count(len(before))
    assert {leusden.get(title) for title in titles(page)} == {"vervoer"}
    main.get_by_role("group", name="Wijk").get_by_role("button", name="Centrum", exact=True).click()
    expect(main.get_by_text("Alleen Vervoer in Centrum.")).to_be_visible()
    check_page(page, "search-chips")
    small = page.eval_on_selector_all(
        "main a, main button, main summary",
        """els => els.filter(e => e.checkVisibility())
                 .map(e => [e.innerText.trim(), e.getBoundingClientRect()])
                 .filter(([, r]) => r.width < 48 || r.height < 48)
                 .map(([t, r]) => `${t}: ${r.width}x${r.height}`)""",
    )
    assert not small, f"tap targets under 48x48 px: {small}"
    main.get_by_role("button", name="Alles tonen").click()
    expect(chip).to_have_attribute("aria-pressed", "false")
    expect(main.get_by_text("Alleen Vervoer")).to_have_count(0)
