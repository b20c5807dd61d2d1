"""The Agenda tab at /[hub]/agenda: "Deze week", "Volgende week", then by month; each date a big card
(the kind's pictogram and word, the title, the day and time in words, the place, the places left)
with one main button, "Ik kom", to the activity's page at that date. Chips narrow the list to one
kind or one wijk; below: Mijn aanmeldingen, the month to print, and the hub's feed for the phone."""

import reflex as rx

from components.choices import choice_button, choice_buttons
from components.controls import icon_link, row_button
from components.icons import matched_icon
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS, KIND_LABELS
from mantelzorg_app.services.platform.i18n import N_
from state.calendar.agenda import AgendaState as A
from state.calendar.next_up import NextActivityState as N
from state.hub import HubState
from state.ui import UiState, fill, t

HEADING = N_("Agenda")
FALLBACK_ICON = "calendar-days"


def kind_icon(name: rx.Var, size: int = 28) -> rx.Component:
    """The pictogram of a kind of activity, named in state."""
    return matched_icon(name, {icon: icon for icon in KIND_ICONS.values()}, FALLBACK_ICON, size)


def places_line(free: rx.Var) -> rx.Component:
    """ "Vol", "Nog 1 plaats", "Nog 3 plaatsen"; nothing when there is no limit."""
    return rx.cond(
        free != "",
        rx.el.p(
            rx.match(
                free,
                ("0", rx.fragment(rx.icon("circle-x", size=22, aria_hidden="true"), rx.el.span(t("Vol")))),
                (
                    "1",
                    rx.fragment(rx.icon("users", size=22, aria_hidden="true"), rx.el.span(t("Nog 1 plaats"))),
                ),
                rx.fragment(
                    rx.icon("users", size=22, aria_hidden="true"),
                    rx.el.span(fill(t("Nog {n} plaatsen"), n=free)),
                ),
            ),
            class_name=rx.cond(free == "0", "agenda-places full", "agenda-places"),
        ),
    )


def _line(icon: str, text: rx.Var, class_name: str = "agenda-line") -> rx.Component:
    return rx.el.p(rx.icon(icon, size=22, aria_hidden="true"), rx.el.span(text), class_name=class_name)


def _button(card: rx.Var) -> rx.Component:
    """The card's one main action: "Ik kom", or what the person's own sign-up is."""
    href = hub_href("activiteit/") + card["id"] + "?" + routes.DATE_PARAM + "=" + card["key"]

    def link(icon: str, word: rx.Var, class_name: str) -> rx.Component:
        return rx.el.a(
            rx.icon(icon, size=24, aria_hidden="true"),
            rx.el.span(word),
            href=href,
            class_name=class_name,
            aria_describedby=_title_id(card),
        )

    return rx.match(
        card["mine"],
        ("booked", link("circle-check", t("U komt"), "second-action agenda-mine")),
        ("waiting", link("hourglass", t("U staat op de wachtlijst"), "second-action agenda-mine")),
        rx.cond(
            card["free"] == "0",
            link("list-plus", t("Zet mij op de wachtlijst"), "main-action"),
            link("hand", t("Ik kom"), "main-action"),
        ),
    )


def _title_id(card: rx.Var) -> rx.Var:
    """The card's own date names it: a course's four evenings link to one sign-up, not one id."""
    return "agenda-" + card["id"] + "-" + card["date_key"]


def agenda_card(card: rx.Var, level: str = "h3") -> rx.Component:
    """One date as a big card; the Home page shows the next one the same way (``level`` "h2")."""
    title_id = _title_id(card)
    heading = rx.el.h2 if level == "h2" else rx.el.h3
    return rx.el.article(
        rx.el.p(kind_icon(card["icon"]), rx.el.span(t(card["label"])), class_name="agenda-kind"),
        heading(card["title"], id=title_id, class_name="agenda-title"),
        _line("clock", card["when"][UiState.lang], "agenda-line agenda-when"),
        rx.cond(card["place"] != "", _line("map-pin", card["place"])),
        rx.cond(card["note"] != "", _line("info", card["note"])),
        rx.cond(
            card["evening"] != "",
            _line(
                "list-ordered", fill(t("Avond {n} van {total}"), n=card["evening"], total=card["evenings"])
            ),
        ),
        places_line(card["free"]),
        _button(card),
        class_name="agenda-card",
    )


def _group(group: rx.Var) -> rx.Component:
    heading_id = "agenda-" + group["name"]
    return rx.el.section(
        rx.el.h2(group["heading"][UiState.lang], id=heading_id),
        rx.el.ul(
            rx.foreach(group["cards"], lambda card: rx.el.li(agenda_card(card))),
            class_name="agenda-cards",
        ),
        aria_labelledby=heading_id,
        class_name="agenda-group",
    )


def _chosen_words() -> rx.Var:
    kind = rx.match(A.kind, *((k, t(label)) for k, label in KIND_LABELS.items()), "")
    return rx.cond(
        A.kind != "",
        rx.cond(
            A.wijk_name != "",
            fill(t("Alleen {kind} in {wijk}."), kind=kind, wijk=A.wijk_name),
            fill(t("Alleen {kind}."), kind=kind),
        ),
        fill(t("Alleen in {wijk}."), wijk=A.wijk_name),
    )


def _filters() -> rx.Component:
    kinds = choice_buttons(
        t("Soort activiteit"),
        choice_button(FALLBACK_ICON, t("Alles"), A.kind == "", A.choose_kind(""), single=True),
        rx.foreach(
            A.kinds,
            lambda chip: _chip(
                chip["icon"], t(chip["label"]), A.kind == chip["value"], A.choose_kind(chip["value"])
            ),
        ),
        compact=True,
        single=True,
    )
    wijken = choice_buttons(
        t("Wijk"),
        choice_button("map", t("Alle wijken"), A.wijk == "", A.choose_wijk(""), single=True),
        rx.foreach(
            A.wijken,
            lambda chip: choice_button(
                "map-pin", chip["label"], A.wijk == chip["value"], A.choose_wijk(chip["value"]), single=True
            ),
        ),
        compact=True,
        single=True,
    )
    chosen = rx.el.div(
        rx.el.p(_chosen_words()),
        row_button("x", t("Alles tonen"), A.show_all),
        class_name="chosen-filter",
    )
    return rx.fragment(
        rx.el.details(
            rx.el.summary(
                rx.icon("sliders-horizontal", size=24, aria_hidden="true"),
                rx.el.span(t("Kies een soort of een wijk")),
            ),
            rx.el.p(t("Soort activiteit"), class_name="filter-label", aria_hidden="true"),
            rx.el.div(kinds, class_name="agenda-chips"),
            rx.cond(
                A.wijken.length() > 0,
                rx.fragment(
                    rx.el.p(t("Wijk"), class_name="filter-label", aria_hidden="true"),
                    rx.el.div(wijken, class_name="agenda-chips"),
                ),
            ),
            class_name="filters",
            data_noread="",
        ),
        rx.cond((A.kind != "") | (A.wijk != ""), chosen),
    )


def _chip(icon: rx.Var, label: rx.Var, pressed: rx.Var, on_click) -> rx.Component:
    """A kind chip: like ``choice_button``, with the kind's pictogram named in state."""
    return rx.el.button(
        kind_icon(icon, 24),
        rx.el.span(label),
        type="button",
        on_click=on_click,
        class_name="answer",
        role="radio",
        aria_checked=rx.cond(pressed, "true", "false"),
    )


def _empty() -> rx.Component:
    return rx.cond(
        (A.kind != "") | (A.wijk != ""),
        rx.el.p(t("Hiervan staat nu niets in de agenda.")),
        rx.el.p(fill(t("Er staan nog geen activiteiten in de agenda van {hub}."), hub=HubState.name)),
    )


def _more() -> rx.Component:
    """Below the dates: the person's own sign-ups, the month to print, the feed for the phone."""
    feed = "/feeds/" + HubState.slug + "/agenda.ics"
    return rx.el.section(
        rx.el.h2(t("Meer"), id="agenda-meer"),
        icon_link("list-checks", t("Mijn aanmeldingen"), hub_href(routes.MY_BOOKINGS), "second-action"),
        rx.cond(
            A.organiser,
            icon_link("calendar-cog", t("Agenda beheren"), hub_href(routes.CALENDAR_MANAGE), "second-action"),
        ),
        icon_link("printer", t("Print deze maand"), hub_href("agenda/maand/") + A.month, "second-action"),
        # the browser fetches the feed (the phone offers to subscribe), not the client-side router
        icon_link(
            "smartphone", t("Zet de agenda in uw telefoon"), feed, "second-action", reload_document=True
        ),
        rx.el.p(
            t("Dan ziet u alle activiteiten in de agenda van uw telefoon. Ook als er iets verandert."),
            class_name="hint",
        ),
        aria_labelledby="agenda-meer",
        class_name="agenda-more",
    )


@hub_page_at(routes.CALENDAR, A.load, heading=t(HEADING), active=routes.CALENDAR)
def agenda() -> rx.Component:
    return rx.fragment(
        rx.el.p(t("Wat is er te doen bij u in de buurt? Kies iets en tik op Ik kom."), class_name="intro"),
        _filters(),
        rx.cond(
            A.groups.length() > 0,
            rx.foreach(A.groups, _group),
            rx.cond(A.loaded, _empty()),
        ),
        _more(),
    )


def next_activity() -> rx.Component:
    """Home's card of the hub's next activity, with the way to the whole agenda."""
    return rx.cond(
        N.card["id"] != "",
        rx.el.section(
            rx.el.h2(t("Binnenkort in de agenda"), id="home-agenda"),
            agenda_card(N.card),
            icon_link(
                "calendar-days", t("Bekijk de hele agenda"), hub_href(routes.CALENDAR), "second-action"
            ),
            aria_labelledby="home-agenda",
            class_name="home-agenda",
        ),
    )
