"""One activity at /[hub]/activiteit/[activiteit]: everything about it, and "Ik kom".

The order is the order "Lees voor" reads it in, and the order a caregiver asks: what is it, when,
where; can I come (the one main button, the walk-in hour's people and times); take it along; then
for whom, what it costs, how to get in, what to bring, who organises it; last the other dates.
"""

import reflex as rx

from components.controls import action_button, icon_button, icon_link, link_button, main_button, row_button
from components.icons import matched_icon
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.pages.share_part import share_buttons
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS
from mantelzorg_app.services.platform.i18n import N_
from state.calendar.activity import ActivityState as S
from state.chat.share import ShareState
from state.ui import UiState, fill, t

UNKNOWN = N_("Deze activiteit kennen wij niet")
AGENDA = N_("Agenda")


def _part(icon: str, heading: rx.Var, *content: rx.Component, **props) -> rx.Component:
    return rx.el.section(
        rx.el.h2(rx.icon(icon, size=28, aria_hidden="true"), rx.el.span(heading)),
        *content,
        class_name="service-part",
        **props,
    )


def _text_part(icon: str, heading: str, key: str) -> rx.Component:
    """A part in the organiser's own words; left out when the activity has none."""
    return rx.cond(S.card[key] != "", _part(icon, t(heading), rx.el.p(S.card[key], class_name="own-words")))


def _kind() -> rx.Component:
    return rx.el.p(
        rx.el.span(
            matched_icon(S.card["icon"], {icon: icon for icon in KIND_ICONS.values()}, "calendar-days", 28),
            rx.el.span(t(S.card["kind"])),
            class_name="card-kind",
        ),
        rx.cond(S.card["audience"] != "", rx.el.span(t(S.card["audience"]), class_name="card-kind")),
        class_name="card-kinds",
    )


def _when() -> rx.Component:
    return _part(
        "calendar-days",
        t("Wanneer?"),
        rx.cond(
            S.when[UiState.lang] != "",
            rx.el.p(S.when[UiState.lang], class_name="now-line"),
            rx.el.p(t("Er zijn nu geen nieuwe datums.")),
        ),
        rx.cond(S.card["whole"] == "ja", rx.el.p(t("U meldt zich één keer aan, voor alle avonden."))),
        rx.cond(S.moved_note != "", rx.el.p(S.moved_note, class_name="notice own-words")),
    )


def _where() -> rx.Component:
    return rx.cond(
        (S.card["place"] != "") | (S.card["address"] != ""),
        _part(
            "map-pin",
            t("Waar?"),
            rx.cond(S.card["place"] != "", rx.el.p(S.card["place"], class_name="own-words")),
            rx.cond(S.card["address"] != "", rx.el.p(S.card["address"], class_name="own-words")),
            rx.cond(
                S.card["map_href"] != "", icon_link("map", t("Route"), S.card["map_href"], "second-action")
            ),
        ),
    )


def _hosts() -> rx.Component:
    return rx.cond(
        S.hosts.length() > 0,
        _part(
            "users",
            t("Wie is er?"),
            rx.el.ul(
                rx.foreach(
                    S.hosts,
                    lambda h: rx.el.li(
                        fill(t("{name}, {role}"), name=h["first_name"], role=t(h["role"])),
                    ),
                ),
                class_name="week-hours",
            ),
        ),
    )


def _slots() -> rx.Component:
    """ "Kies een tijd": a chip per slot (a taken one is shown, but cannot be chosen), and "Ik loop
    gewoon binnen" for who comes without a time."""

    def chip(slot: rx.Var) -> rx.Component:
        return rx.el.button(
            rx.icon("clock", size=24, aria_hidden="true"),
            rx.el.span(
                rx.cond(
                    slot["taken"] == "ja",
                    fill(t("{time} (bezet)"), time=slot[UiState.lang]),
                    slot[UiState.lang],
                )
            ),
            type="button",
            role="radio",
            aria_checked=rx.cond(slot["chosen"] == "ja", "true", "false"),
            disabled=slot["taken"] == "ja",
            on_click=S.choose_slot(slot["key"]),
            class_name="answer",
        )

    return rx.cond(
        (S.card["walk_in"] == "ja") & (S.status == "") & (S.slots.length() > 0),
        _part(
            "clock",
            t("Kies een tijd"),
            rx.el.div(
                rx.foreach(S.slots, chip),
                rx.el.button(
                    rx.icon("footprints", size=24, aria_hidden="true"),
                    rx.el.span(t("Ik loop gewoon binnen")),
                    type="button",
                    role="radio",
                    aria_checked=rx.cond(S.walk_in_only, "true", "false"),
                    on_click=S.choose_slot(""),
                    class_name="answer",
                ),
                role="radiogroup",
                aria_label=t("Kies een tijd"),
                class_name="answers compact",
            ),
        ),
    )


def _mine() -> rx.Component:
    """What the viewer's booking of the chosen date is, and "Ik kom niet meer"."""
    said = rx.cond(
        S.status == "waiting",
        fill(t("U staat op de wachtlijst (nummer {n})"), n=S.label_n),
        rx.cond(S.two, t("U komt met z'n tweeën"), t("U komt")),
    )
    return rx.fragment(
        rx.el.p(
            rx.cond(
                S.status == "waiting",
                rx.icon("hourglass", size=28, aria_hidden="true"),
                rx.icon("circle-check", size=28, aria_hidden="true"),
            ),
            rx.el.span(said),
            class_name="now-line",
        ),
        rx.cond(
            S.slot_words[UiState.lang] != "",
            rx.el.p(fill(t("Uw tijd: {time}"), time=S.slot_words[UiState.lang])),
        ),
        rx.cond(
            S.asking,
            rx.el.div(
                rx.el.p(
                    rx.cond(
                        S.status == "waiting",
                        t("Zeker weten? Dan gaat u van de wachtlijst af."),
                        t("Zeker weten? Dan gaat uw plek naar iemand anders."),
                    )
                ),
                rx.el.div(
                    row_button("calendar-x", t("Ja, ik kom niet"), S.cancel),
                    row_button("arrow-left", t("Nee, ik kom wel"), S.keep_booking),
                    class_name="row-actions",
                ),
                role="alert",
                class_name="card",
            ),
            action_button("calendar-x", t("Ik kom niet meer"), S.ask_cancel, "second-action"),
        ),
        icon_link("list-checks", t("Mijn aanmeldingen"), hub_href(routes.MY_BOOKINGS), "contact-link"),
    )


def _sign_up() -> rx.Component:
    """ "Ik kom" (or, when full, "Zet mij op de wachtlijst"), with "Ik neem iemand mee" before it."""
    return rx.fragment(
        rx.cond(S.label != "", rx.el.p(fill(t(S.label), n=S.label_n), class_name="now-line")),
        rx.cond(
            S.card["pairs"] == "ja",
            icon_button(
                "user-plus",
                t("Ik neem iemand mee"),
                S.toggle_someone,
                pressed=rx.cond(S.with_someone, "true", "false"),
            ),
        ),
        rx.cond(
            S.walk_in_only,
            rx.el.p(t("U hoeft zich niet aan te melden. Loop gerust binnen."), class_name="notice"),
            rx.cond(
                S.full,
                main_button("list-plus", t("Zet mij op de wachtlijst"), S.sign_up),
                main_button("check", t("Ik kom"), S.sign_up),
            ),
        ),
    )


def _take_part() -> rx.Component:
    return rx.el.section(
        rx.el.h2(rx.icon("hand", size=28, aria_hidden="true"), rx.el.span(t("Komt u ook?"))),
        rx.cond(S.problem != "", rx.el.p(t(S.problem), role="alert", class_name="problem")),
        rx.el.p(t(S.done), role="status", class_name=rx.cond(S.done != "", "done", "")),
        rx.cond(
            S.signed_in,
            rx.cond(S.status != "", _mine(), _sign_up()),
            rx.fragment(
                rx.cond(S.label != "", rx.el.p(fill(t(S.label), n=S.label_n), class_name="now-line")),
                rx.el.p(t("Log in om u aan te melden.")),
                # back to this activity after signing in (routes.AFTER_SIGN_IN_ACTIVITY)
                link_button(
                    "log-in", t("Inloggen"), hub_href(f"{routes.SIGN_IN}?verder=activiteit/{S.card['id']}")
                ),
            ),
        ),
        class_name="service-part",
        id="aanmelden",
    )


def _share() -> rx.Component:
    return share_buttons("activity", S.card["id"])


def _dates() -> rx.Component:
    """The coming dates: a series' each with its state, to choose; a course's evenings, one sign-up."""

    def date_button(row: rx.Var) -> rx.Component:
        return rx.el.li(
            rx.el.button(
                rx.icon("calendar-days", size=24, aria_hidden="true"),
                rx.el.span(
                    rx.el.span(row[UiState.lang], class_name="row-text"),
                    rx.cond(row["label"] != "", rx.el.span(" - ", fill(t(row["label"]), n=row["n"]))),
                ),
                type="button",
                aria_pressed=rx.cond(row["chosen"] == "ja", "true", "false"),
                on_click=S.choose(row["key"]),
                class_name="answer",
            ),
        )

    def evening(row: rx.Var) -> rx.Component:
        return rx.el.li(row[UiState.lang], rx.cond(row["place"] != "", rx.el.span(", ", row["place"])))

    return rx.cond(
        S.dates.length() > 1,
        rx.cond(
            S.card["whole"] == "ja",
            _part(
                "list",
                t("Alle avonden"),
                rx.el.ul(rx.foreach(S.dates, evening), class_name="week-hours"),
            ),
            _part(
                "list",
                t("Andere datums"),
                rx.el.p(t("Kies een datum. Dan ziet u of er plek is.")),
                rx.el.ul(rx.foreach(S.dates, date_button), class_name="answers"),
            ),
        ),
    )


def _card() -> rx.Component:
    return rx.fragment(
        _kind(),
        rx.cond(S.card["summary"] != "", rx.el.p(S.card["summary"], class_name="intro own-words")),
        _when(),
        _where(),
        _hosts(),
        _slots(),
        _take_part(),
        rx.cond(
            S.when[UiState.lang] != "",
            # ``download``: the phone saves the .ics (and offers it to its calendar) instead of
            # opening it as a page.
            icon_link(
                "calendar-plus",
                t("Zet in mijn agenda"),
                S.card["ics_href"],
                "second-action",
                download="",
                reload_document=True,  # the browser fetches it, not the client-side router
            ),
        ),
        _share(),
        _text_part("users", N_("Voor wie is het?"), "for_whom"),
        _text_part("euro", N_("Wat kost het?"), "cost"),
        _text_part("accessibility", N_("Toegankelijkheid"), "access"),
        _text_part("gift", N_("Wat neemt u mee?"), "bring"),
        _text_part("user-round", N_("Wie organiseert het?"), "organiser"),
        _dates(),
        icon_link("arrow-left", t("Terug naar de agenda"), hub_href(routes.CALENDAR), "back-link"),
    )


def _unknown() -> rx.Component:
    return rx.fragment(
        rx.el.p(t("Misschien is de link oud, of de activiteit gaat niet meer door.")),
        link_button("calendar-days", t("Naar de agenda"), hub_href(routes.CALENDAR)),
    )


def _heading() -> rx.Var:
    return rx.cond(S.known, S.card["title"], rx.cond(S.loaded, t(UNKNOWN), t(AGENDA)))


@hub_page_at(
    routes.ACTIVITY, S.load, ShareState.load, heading=_heading(), active=routes.CALENDAR, section=t(AGENDA)
)
def activity() -> rx.Component:
    return rx.cond(S.known, _card(), rx.cond(S.loaded, _unknown()))
