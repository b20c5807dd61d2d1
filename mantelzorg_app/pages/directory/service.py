"""One service of the sociale kaart at /[hub]/sociale-kaart/[dienst].

The order is the order "Lees voor" reads it in, and the order a caregiver asks: what is it, is it
open now, call them; then what they do, what happens when you call, what it costs, who it is for,
where, in which languages, and who offers it; last, when the entry was checked.
"""

import reflex as rx

from components.controls import action_button, icon_link, link_button
from mantelzorg_app import routes
from mantelzorg_app.pages.category_icons import named_icon
from mantelzorg_app.pages.directory.kaart import HEADING, informal_badge
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.pages.share_part import share_buttons
from mantelzorg_app.services.platform.i18n import N_
from state.chat.share import ShareState
from state.directory.service import ServiceState as S
from state.ui import UiState, fill, t

UNKNOWN = N_("Deze dienst kennen wij niet")


def _part(icon: str, heading: rx.Var, *content: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.el.h2(rx.icon(icon, size=28, aria_hidden="true"), rx.el.span(heading)),
        *content,
        class_name="service-part",
    )


def _text_part(icon: str, heading: str, key: str) -> rx.Component:
    """A part of the card in the partner's own words; left out when the entry has none."""
    return rx.cond(S.card[key] != "", _part(icon, t(heading), rx.el.p(S.card[key], class_name="own-words")))


def _kind() -> rx.Component:
    return rx.el.p(
        rx.el.span(
            named_icon(S.card["icon"], "map-pin"),
            rx.el.span(t(S.card["category"])),
            class_name="card-kind",
        ),
        rx.cond(S.card["informal"] == "ja", informal_badge()),
        class_name="card-kinds",
    )


def _hours() -> rx.Component:
    """The now-line first ("Nu open tot 17.00 uur"), then the week."""
    now_line = S.now_line[UiState.lang]
    week = S.week[UiState.lang]
    return rx.cond(
        (now_line != "") | (week.length() > 0),
        _part(
            "clock",
            t("Openingstijden"),
            rx.cond(now_line != "", rx.el.p(now_line, class_name="now-line")),
            rx.el.ul(rx.foreach(week, lambda line: rx.el.li(line)), class_name="week-hours"),
        ),
    )


def _call() -> rx.Component:
    """The big tap-to-call button: "Bel 033-000 00 12"; a number that does not dial shows as text."""
    phone = S.card["phone"]
    return rx.cond(
        S.card["tel_href"] != "",
        link_button("phone", fill(t("Bel {phone}"), phone=phone), S.card["tel_href"]),
        rx.cond(phone != "", rx.el.p(fill(t("Telefoon: {phone}"), phone=phone))),
    )


def _ask() -> rx.Component:
    """ "Stel een vraag": someone of the organisation answers in the app (Praten). A visitor signs
    in first (the sign-in brings them Home; this page is not a way back it allows)."""
    return rx.cond(
        S.askable,
        rx.cond(
            S.signed_in,
            action_button("message-circle", t("Stel een vraag"), S.ask, "second-action"),
            rx.el.div(
                rx.el.p(t("Wilt u een vraag stellen in de app? Log dan eerst in.")),
                icon_link("log-in", t("Inloggen"), hub_href(routes.SIGN_IN), "second-action"),
                class_name="ask-sign-in",
            ),
        ),
    )


def _share() -> rx.Component:
    return share_buttons("service", S.card["id"])


def _where() -> rx.Component:
    return rx.cond(
        S.card["address"] != "",
        _part(
            "map-pin",
            t("Waar?"),
            rx.cond(S.card["location"] != "", rx.el.p(S.card["location"], class_name="own-words")),
            rx.el.p(S.card["address"], class_name="own-words"),
            # Opens the phone's map app (state.directory.service.map_href).
            icon_link("map", t("Bekijk op de kaart"), S.card["map_href"], "second-action"),
        ),
    )


def _more() -> rx.Component:
    website, email = S.card["website_href"], S.card["email_href"]
    return rx.cond(
        (website != "") | (email != ""),
        _part(
            "info",
            t("Meer weten?"),
            rx.cond(website != "", icon_link("globe", S.card["website"], website, "contact-link")),
            rx.cond(email != "", icon_link("mail", S.card["email"], email, "contact-link")),
        ),
    )


def _card() -> rx.Component:
    return rx.fragment(
        _kind(),
        rx.cond(S.card["summary"] != "", rx.el.p(S.card["summary"], class_name="intro own-words")),
        rx.cond(
            S.card["closed"] == "ja",
            rx.el.p(t("Deze dienst is nu even gesloten."), class_name="notice"),
        ),
        _hours(),
        _call(),
        _ask(),
        _share(),
        _text_part("info", N_("Wat doen zij?"), "description"),
        _text_part("phone-call", N_("Wat gebeurt er als u belt?"), "application"),
        _text_part("euro", N_("Wat kost het?"), "fees"),
        _text_part("users", N_("Voor wie is het?"), "eligibility"),
        _where(),
        rx.cond(
            S.languages[UiState.lang] != "",
            _part("languages", t("Talen"), rx.el.p(S.languages[UiState.lang])),
        ),
        _more(),
        rx.el.p(fill(t("Dit is een dienst van {organization}."), organization=S.card["organization"])),
        rx.el.p(S.checked[UiState.lang], class_name="last-checked"),
        # Back to where she was on the list: the service's own category.
        icon_link(
            "arrow-left",
            t("Terug naar de sociale kaart"),
            hub_href(routes.DIRECTORY) + "#" + S.card["topic"],
            "back-link",
        ),
    )


def _unknown() -> rx.Component:
    return rx.fragment(
        rx.el.p(t("Misschien is de link oud, of de dienst staat niet meer op de kaart.")),
        link_button("map-pinned", t("Naar de sociale kaart"), hub_href(routes.DIRECTORY)),
    )


def _heading() -> rx.Var:
    return rx.cond(S.known, S.card["name"], rx.cond(S.loaded, t(UNKNOWN), t(HEADING)))


@hub_page_at(routes.DIRECTORY_SERVICE, S.load, ShareState.load, heading=_heading(), section=t(HEADING))
def service() -> rx.Component:
    return rx.cond(S.known, _card(), rx.cond(S.loaded, _unknown()))
