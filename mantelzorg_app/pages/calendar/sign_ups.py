"""The organiser's list of one date at /[hub]/activiteit/[activiteit]/aanmeldingen (?datum=<key>).

What the organiser does here, in this order: see how full it is, call someone ("Bel", a tel: link
a phone dials with one tap), print the list to take along, and sign up someone who phoned. The
print leaves out the bars, the buttons and the form: a sheet with the date and the names.
"""

import reflex as rx

from components.controls import action_button, icon_link, link_button, row_button
from components.form import checkbox, submit_button, summary, text_field
from components.icons import matched_icon
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS
from mantelzorg_app.services.platform.i18n import N_
from state.calendar.sign_ups import SignUpsState as S
from state.ui import UiState, fill, t

HEADING = N_("Aanmeldingen")
ONLY_ORGANISERS = N_("Deze lijst is alleen voor wie de activiteit organiseert.")
PRINT_CSS = """
@media print {
  .top-bar, .bottom-nav, .tools, .skip, .offline, .no-print { display: none !important; }
  .app { padding-bottom: 0 !important; min-height: 0 !important; }
  main { max-width: none; padding: 0; }
  .sign-ups-list li { break-inside: avoid; }
  a[href^="tel:"] { color: inherit; text-decoration: none; border: 0; background: none; }
}
.sign-ups-list .row { align-items: center; }
.sign-ups-call { min-height: 48px; }
.sign-ups-dates { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; }
.sign-ups-dates a { display: inline-flex; align-items: center; min-height: 48px; padding: 0 0.9rem;
  border: 2px solid var(--line); border-radius: 999px; text-decoration: none; }
.sign-ups-dates a[aria-current="page"] { background: var(--brand); color: var(--brand-ink);
  border-color: var(--brand); font-weight: 700; }
"""


def _line(icon: str, text: rx.Var) -> rx.Component:
    return rx.el.p(rx.icon(icon, size=22, aria_hidden="true"), rx.el.span(text), class_name="agenda-line")


def _head() -> rx.Component:
    return rx.fragment(
        rx.el.p(
            rx.el.span(
                matched_icon(S.icon, {i: i for i in KIND_ICONS.values()}, "calendar-days", 28),
                rx.el.span(t(S.kind)),
                class_name="card-kind",
            ),
            class_name="card-kinds",
        ),
        rx.el.h2(S.title),
        _line("calendar-days", S.when[UiState.lang]),
        rx.cond(S.whole, rx.el.p(t("Eén aanmelding is voor alle bijeenkomsten."))),
        rx.cond(S.place != "", _line("map-pin", S.place)),
        rx.el.p(
            rx.icon("users", size=22, aria_hidden="true"),
            rx.el.strong(
                rx.cond(
                    S.capacity > 0,
                    fill(t("Bezet: {taken} van de {capacity} plaatsen"), taken=S.taken, capacity=S.capacity),
                    fill(t("Bezet: {taken} plaatsen. Er is geen grens."), taken=S.taken),
                )
            ),
            class_name="agenda-line",
        ),
    )


def _person(row: rx.Var) -> rx.Component:
    """One sign-up: the name, two places, the slot, by phone; "Bel" big; "Afmelden" asks first."""
    return rx.el.li(
        rx.el.div(
            rx.el.strong(
                rx.cond(row.waiting > 0, fill(t("{n}. {name}"), n=row.waiting, name=row.name), row.name)
            ),
            rx.cond(row.places == 2, rx.el.span(t("Met iemand erbij (2 plaatsen)"))),
            rx.cond(row.slot[UiState.lang], rx.el.span(fill(t("Tijd: {time}"), time=row.slot[UiState.lang]))),
            rx.cond(row.by_phone, rx.el.span(t("Aangemeld via de telefoon"))),
            rx.cond(
                row.phone != "",
                rx.el.span(row.phone, class_name="sign-ups-phone"),
                rx.el.span(t("Geen telefoonnummer bekend")),
            ),
            class_name="row-text",
        ),
        rx.cond(
            row.tel_href != "",
            rx.el.a(
                rx.icon("phone", size=24, aria_hidden="true"),
                rx.el.span(t("Bel")),
                href=row.tel_href,
                aria_label=fill(t("Bel {name}"), name=row.name),
                class_name="second-action sign-ups-call no-print",
            ),
        ),
        rx.cond(
            S.asking == row.id,
            rx.el.div(
                rx.el.p(fill(t("{name} afmelden. Zeker weten?"), name=row.name)),
                row_button("user-x", t("Ja, meld af"), S.cancel(row.id)),
                row_button("arrow-left", t("Nee, laat staan"), S.keep_booking),
                class_name="row-actions no-print",
            ),
            rx.el.div(row_button("user-x", t("Afmelden"), S.ask_cancel(row.id)), class_name="no-print"),
        ),
        class_name="row",
    )


def _lists() -> rx.Component:
    return rx.fragment(
        rx.el.section(
            rx.el.h2(t("Wie komt er?")),
            rx.cond(
                S.booked.length() > 0,
                rx.el.ul(rx.foreach(S.booked, _person), class_name="rows sign-ups-list"),
                rx.el.p(t("Nog niemand aangemeld.")),
            ),
        ),
        rx.cond(
            S.waiting.length() > 0,
            rx.el.section(
                rx.el.h2(t("Wachtlijst")),
                rx.el.p(
                    t("Komt er een plek vrij? Dan krijgt de eerste op de wachtlijst die plek."),
                    class_name="no-print",
                ),
                rx.el.ul(rx.foreach(S.waiting, _person), class_name="rows sign-ups-list"),
            ),
        ),
    )


def _form() -> rx.Component:
    """ "Iemand aanmelden die belde": name, number, two places; what was typed stays on a problem."""
    return rx.el.section(
        rx.el.h2(t("Iemand aanmelden die belde"), id="aanmelden-kop"),
        rx.el.form(
            summary(t("Er is een probleem"), S.problem_list, show=t),
            rx.cond(
                S.problems["form"] != "",
                rx.el.p(t(S.problems["form"]), role="alert", class_name="problem"),
            ),
            rx.el.input(type="hidden", name="activiteit", value=S.activity_id),
            rx.el.input(type="hidden", name="datum", value=S.date_key),
            text_field(
                t("Naam"),
                "name",
                t(S.problems["name"]),
                default_value=S.name,
                autocomplete="off",
                max_length=60,
            ),
            text_field(
                t("Telefoonnummer"),
                "phone",
                t(S.problems["phone"]),
                default_value=S.phone,
                type="tel",
                input_mode="tel",
                autocomplete="off",
                max_length=30,
            ),
            rx.cond(S.pairs, checkbox(t("Met iemand erbij (2 plaatsen)"), "two")),
            submit_button("user-plus", t("Aanmelden")),
            on_submit=S.add,
            no_validate=True,
            aria_labelledby="aanmelden-kop",
        ),
        class_name="no-print",
    )


def _dates() -> rx.Component:
    return rx.cond(
        S.dates.length() > 1,
        rx.el.section(
            rx.el.h2(t("Andere datum")),
            rx.el.ul(
                rx.foreach(
                    S.dates,
                    lambda d: rx.el.li(
                        rx.el.a(
                            d[UiState.lang],
                            href=hub_href() + "/" + d["href"],
                            aria_current=rx.cond(d["chosen"] == "ja", "page", "false"),
                        )
                    ),
                ),
                class_name="sign-ups-dates",
            ),
            class_name="no-print",
        ),
    )


def _back() -> rx.Component:
    return icon_link(
        "arrow-left", t("Terug naar de activiteit"), hub_href() + "/" + S.activity_href, "back-link no-print"
    )


def _content() -> rx.Component:
    return rx.fragment(
        rx.el.style(PRINT_CSS),
        rx.cond(
            S.known,
            rx.fragment(
                _head(),
                rx.cond(
                    S.done != "",
                    rx.el.p(fill(t(S.done), name=S.done_name), role="status", class_name="done no-print"),
                ),
                action_button(
                    "printer",
                    t("Print de lijst"),
                    rx.call_script("window.print()"),
                    "second-action no-print",
                ),
                _lists(),
                _form(),
            ),
            rx.cond(
                S.title != "",
                rx.fragment(
                    rx.el.h2(S.title),
                    rx.el.p(t("Deze datum staat niet in de agenda. Kies een andere datum.")),
                ),
            ),
        ),
        _dates(),
        rx.cond(S.activity_id != "", _back()),
    )


@hub_page_at(
    routes.ACTIVITY_SIGN_UPS,
    S.load,
    heading=t(HEADING),
    active=routes.CALENDAR,
)
def sign_ups() -> rx.Component:
    """Only for the organiser; a visitor is asked to sign in (and comes back through the Agenda:
    routes.AFTER_SIGN_IN names no page with an id in it)."""
    visitor = rx.fragment(
        rx.el.p(t(ONLY_ORGANISERS)),
        rx.el.p(t("Log eerst in. Dan kunt u verder.")),
        link_button("log-in", t("Inloggen"), hub_href(routes.SIGN_IN)),
    )
    refused = rx.el.p(t(ONLY_ORGANISERS))
    to_agenda = icon_link("arrow-left", t("Naar de agenda"), hub_href(routes.CALENDAR), "back-link")
    return rx.el.div(
        rx.cond(
            S.loaded,
            rx.cond(
                S.allowed,
                _content(),
                rx.fragment(rx.cond(S.signed_in, refused, visitor), to_agenda),
            ),
        ),
        class_name="sign-ups",
    )
