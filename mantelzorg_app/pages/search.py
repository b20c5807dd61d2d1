"""Zoeken at /[hub]/zoeken: one big box over the hub's sociale kaart and the app's own pages, and
the box on Home that opens it.

The cards follow the words as they are typed (debounced, no page reload), grouped by kind, best
first; chips narrow them to a category or a wijk. The microphone (assets/speech_input.js) fills the
box by voice where the browser can listen, and is hidden where it cannot. There is no dead end:
before any words, and when nothing is found, the page offers the categories of the sociale kaart,
"Vraag een vrijwilliger" and the hub's own number. The words stay in the tab's state on the
server: the forms never send them anywhere but the event socket (``method="post"`` for the moment
before the page's script runs), so they never reach an address bar.
"""

import reflex as rx

from components.choices import choice_button, choice_buttons
from components.controls import action_button, icon_link, row_button
from components.form import submit_button
from mantelzorg_app import routes
from mantelzorg_app.pages.category_icons import named_icon
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.directory.taxonomy import CATEGORIES
from mantelzorg_app.services.help import support_lines
from mantelzorg_app.services.platform.i18n import N_
from state.hub import HubState
from state.search import FIELD
from state.search import SearchState as S
from state.ui import fill, t

TYPED_DELAY_MS = 350  # the cards follow the words this long after the last key
HOME_FIELD = f"home-{FIELD}"
LABEL = N_("Waar zoekt u hulp bij?")
FALLBACK_ICON = "arrow-right"  # a result card's pictogram when its icon is none of ICONS


def _own(hit: rx.Var, key: str) -> rx.Var:
    """A result's words: the app's own are catalogue ids, a service's are as its organisation wrote."""
    return rx.cond(hit["own"] == "1", t(hit[key]), hit[key])


def _card(hit: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            named_icon(hit["icon"], FALLBACK_ICON, size=32),
            rx.el.span(
                rx.el.h3(_own(hit, "title")),
                rx.cond(hit["summary"] != "", rx.el.span(_own(hit, "summary"), class_name="result-line")),
                class_name="result-text",
            ),
            href="/" + HubState.slug + "/" + hit["part"],
            class_name="result",
        )
    )


def _group(group: rx.Var) -> rx.Component:
    return rx.el.section(
        rx.el.h2(t(group.heading)),
        rx.el.ul(rx.foreach(group.hits, _card), class_name="results"),
    )


def _microphone() -> rx.Component:
    """Shown by assets/speech_input.js where the browser can listen; it says in the status line
    that it listens, and what went wrong."""
    return rx.el.div(
        # no handler here: assets/speech_input.js listens for the tap
        action_button(
            "mic", t("Inspreken"), None, "row-action mic", aria_pressed="false", data_speech_for=FIELD
        ),
        rx.el.p(role="status", class_name="mic-status", data_speech_status=""),
        class_name="mic-box",
        data_listening_text=t("Ik luister. Zeg waar u hulp bij zoekt."),
        data_problem_text=t("Dat lukte niet. Typ uw woorden, of probeer het nog eens."),
    )


def _search_form(field_id: str, *children: rx.Component, on_submit, class_name: str) -> rx.Component:
    """A search box: the question as its label, then ``children``. The words go by the event socket
    only (``method="post"`` for the moment before the page's script runs): never in an address."""
    return rx.el.form(
        rx.el.label(t(LABEL), html_for=field_id, class_name="search-label"),
        *children,
        on_submit=on_submit,
        method="post",
        role="search",
        class_name=class_name,
    )


def _search_input(field_id: str, **props) -> rx.Component:
    return rx.el.input(
        id=field_id,
        name=FIELD,
        type="search",
        auto_complete="off",
        enter_key_hint="search",
        class_name="field search-field",
        **props,
    )


def _box() -> rx.Component:
    return _search_form(
        FIELD,
        rx.el.p(t("Bijvoorbeeld: oppas, boodschappen of vervoer."), id="zoek-uitleg", class_name="hint"),
        _search_input(
            FIELD,
            default_value=S.query,
            on_change=S.typed.debounce(TYPED_DELAY_MS),
            aria_describedby="zoek-uitleg",
            # afresh once the page's state is there: after a reload, or with the words from Home
            key=rx.cond(rx.State.is_hydrated, S.field_key.to_string(), "laden"),
        ),
        _microphone(),
        on_submit=S.submit,
        class_name="search-box",
    )


def _chosen_words() -> rx.Var:
    category = rx.match(S.category, *((c.value, t(c.label)) for c in CATEGORIES), "")
    return rx.cond(
        S.category != "",
        rx.cond(
            S.wijk_name != "",
            fill(t("Alleen {category} in {wijk}."), category=category, wijk=S.wijk_name),
            fill(t("Alleen {category}."), category=category),
        ),
        fill(t("Alleen in {wijk}."), wijk=S.wijk_name),
    )


def _filters() -> rx.Component:
    chosen = rx.el.div(
        rx.el.p(_chosen_words()),
        row_button("x", t("Alles tonen"), S.clear_filters),
        class_name="chosen-filter",
    )
    wijken = choice_buttons(
        t("Wijk"),
        rx.foreach(
            S.wijken, lambda w: choice_button("map-pin", w["name"], S.wijk == w["id"], S.choose_wijk(w["id"]))
        ),
        compact=True,
    )
    return rx.fragment(
        rx.el.details(
            rx.el.summary(
                rx.icon("sliders-horizontal", size=24, aria_hidden="true"),
                rx.el.span(t("Kies een soort hulp of een wijk")),
            ),
            rx.el.p(t("Soort hulp"), class_name="filter-label"),
            choice_buttons(
                t("Soort hulp"),
                *(
                    choice_button(c.icon, t(c.label), S.category == c.value, S.choose_category(c.value))
                    for c in CATEGORIES
                ),
                compact=True,
            ),
            rx.cond(
                S.wijken.length() > 0,
                rx.fragment(rx.el.p(t("Wijk"), class_name="filter-label"), wijken),
            ),
            class_name="filters",
        ),
        rx.cond((S.category != "") | (S.wijk != ""), chosen),
    )


def _count() -> rx.Component:
    """Said politely by a screen reader each time the cards change."""
    found = rx.match(
        S.count,
        (0, t("Niets gevonden.")),
        (1, t("1 resultaat gevonden.")),
        fill(t("{n} resultaten gevonden."), n=S.count.to_string()),
    )
    return rx.el.p(rx.cond(S.searched, found, ""), role="status", class_name="result-count")


def _suggestion() -> rx.Component:
    """Nothing matched the words as typed: the cards are for the nearest words of the index."""
    return rx.cond(
        S.suggestion != "",
        rx.el.div(
            rx.el.p(fill(t("Bedoelt u: {word}?"), word=S.suggestion), class_name="did-you-mean"),
            rx.el.p(fill(t("Wij laten zien wat wij vonden voor {word}."), word=S.suggestion)),
        ),
    )


def _people() -> rx.Component:
    """A person instead of a list: the Wegwijzer's volunteers and the hub's own number."""
    return rx.el.section(
        rx.el.h2(t("Liever hulp van een mens?")),
        icon_link("hand-heart", t("Vraag een vrijwilliger"), hub_href(routes.HELP), "second-action"),
        rx.cond(
            S.hub_phone_href != "",
            rx.el.div(
                rx.el.p(t(support_lines.CALL_NOW)),
                rx.el.p(fill(t(S.caller), hub=HubState.name), class_name="who"),
                rx.el.a(
                    rx.icon("phone", size=24, aria_hidden="true"),
                    rx.el.span(S.hub_phone),
                    href=S.hub_phone_href,
                    class_name="tel",
                ),
                class_name="call-us",
            ),
        ),
        class_name="people",
    )


def _categories() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Kies een soort hulp")),
        rx.el.ul(
            *(
                rx.el.li(icon_link(c.icon, t(c.label), hub_href(f"{routes.DIRECTORY}#{c.value}"), "category"))
                for c in CATEGORIES
            ),
            class_name="categories",
        ),
    )


def _nothing_yet() -> rx.Component:
    """Before any words, or when nothing fits them: where else to go."""
    return rx.fragment(
        rx.cond(
            S.searched,
            rx.el.p(t("Probeer het met andere woorden. Of kies hieronder wat u zoekt.")),
        ),
        _people(),
        _categories(),
    )


@hub_page_at(routes.SEARCH, S.load, heading=t("Zoeken"), active=routes.SEARCH)
def search() -> rx.Component:
    return rx.fragment(
        _box(),
        _filters(),
        _count(),
        _suggestion(),
        rx.cond(
            S.count > 0,
            rx.fragment(rx.foreach(S.groups, _group), _people()),
            _nothing_yet(),
        ),
    )


def home_search_box() -> rx.Component:
    """Home's box: the words go into the tab's state and Zoeken opens with its cards."""
    return _search_form(
        HOME_FIELD,
        rx.el.div(
            _search_input(HOME_FIELD),
            submit_button("search", t("Zoeken"), class_name="row-action"),
            class_name="search-row",
        ),
        on_submit=S.from_home,
        class_name="search-box home-search",
    )
