"""The coordinator's page: calls to make, open help requests, approving trekkers, volunteers' VOG,
inviting professionals."""

import reflex as rx

from components.controls import icon_link, row_button
from components.form import submit_button, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.help.parts import request_card
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import coordinator_only, hub_page_at
from mantelzorg_app.services.help.callbacks import GOOD_TIMES
from mantelzorg_app.services.platform.i18n import N_
from state.auth import AuthState
from state.help.coordination import (
    CALLBACKS_HEADING,
    CALLED,
    SETTLE_BUTTON,
    TRIED,
    UNDONE,
    CoordinationState,
)
from state.ui import UiState, fill, t

# What happened, beside the buttons of the call-back just tapped.
FEEDBACK = {
    CALLED: N_("Gebeld."),
    TRIED: N_("Genoteerd: niet bereikt. Dit nummer komt lager op de lijst."),
    UNDONE: N_("Het nummer staat weer op de lijst."),
}


def _person(row: rx.Var, *extra: rx.Component) -> rx.Component:
    return rx.el.li(
        rx.el.div(rx.el.strong(row["name"]), rx.el.span(row["wijk"]), class_name="row-text"),
        *extra,
        class_name="row",
    )


def _section(title: rx.Var, rows: rx.Var, empty: rx.Var, render) -> rx.Component:
    return rx.el.section(
        rx.el.h2(title),
        rx.cond(rows.length() > 0, rx.el.ul(rx.foreach(rows, render), class_name="rows"), rx.el.p(empty)),
    )


def _trekker(row: rx.Var) -> rx.Component:
    return _person(row, row_button("check", t("Goedkeuren"), CoordinationState.grant_trekker(row["id"])))


def _volunteer(row: rx.Var) -> rx.Component:
    seen_on = CoordinationState.vog_seen[row["id"]][UiState.lang]
    return _person(
        row,
        rx.cond(
            row["vog"] != "",
            rx.fragment(
                rx.el.span(fill(t("VOG gezien: {date}"), date=seen_on)),
                row_button("undo-2", t("VOG terugzetten"), CoordinationState.set_vetted(row["id"], False)),
            ),
            rx.fragment(
                rx.el.span(t("Nog geen VOG gezien")),
                row_button(
                    "shield-check", t("VOG gezien (vandaag)"), CoordinationState.set_vetted(row["id"], True)
                ),
            ),
        ),
    )


def _callback(row: rx.Var) -> rx.Component:
    """A call to make: who, the number to tap, when it suits, what they answered, and two outcomes."""
    called = row.outcome == CALLED
    return rx.el.li(
        rx.el.h3(rx.cond(row.name != "", row.name, row.phone)),
        rx.el.a(
            rx.icon("phone", size=24, aria_hidden="true"),
            rx.el.span(row.phone),
            href=row.tel,
            class_name="tel",
        ),
        # A signed-in person asked: the caller can write to them too (Praten).
        rx.cond(
            row.person == "ja",
            row_button("message-circle", t("Stuur een bericht"), CoordinationState.write_to(row.id)),
        ),
        rx.el.p(
            rx.icon("clock", size=20, aria_hidden="true"),
            rx.match(row.good_time, *((v, t(label)) for v, label in GOOD_TIMES.items()), ""),
        ),
        rx.el.ul(rx.foreach(row.about[UiState.lang], lambda line: rx.el.li(line)), class_name="about"),
        rx.el.p(row.asked[UiState.lang], class_name="when"),
        rx.cond(
            row.tried[UiState.lang] != "",
            rx.el.p(
                rx.icon("phone-missed", size=20, aria_hidden="true"),
                rx.el.span(row.tried[UiState.lang]),
                class_name="status marked",
            ),
        ),
        rx.el.div(
            rx.cond(
                called,
                rx.fragment(),
                rx.fragment(
                    row_button("check", t("Gebeld"), CoordinationState.called(row.id), id="gebeld-" + row.id),
                    row_button(
                        "phone-missed",
                        t("Niet bereikt, later nog eens"),
                        CoordinationState.not_reached(row.id),
                        id="nietbereikt-" + row.id,
                    ),
                ),
            ),
            rx.el.p(
                rx.match(row.outcome, *((kind, t(words)) for kind, words in FEEDBACK.items()), ""),
                # A live region without the status role: one per row, always there before it speaks.
                aria_live="polite",
                id="gedaan-" + row.id,
                class_name="feedback",
            ),
            rx.cond(
                called,
                rx.el.button(
                    rx.icon("undo-2", size=24, aria_hidden="true"),
                    rx.el.span(t("Ongedaan maken")),
                    type="button",
                    on_click=CoordinationState.undo_called(row.id),
                    id="ongedaan-" + row.id,
                    aria_describedby="gedaan-" + row.id,  # focus lands here: "Ongedaan maken ... Gebeld."
                    class_name="row-action",
                ),
            ),
            class_name="row-actions",
        ),
        class_name=rx.cond(called, "card call called", "card call"),
    )


def _waiting(row: rx.Var) -> rx.Component:
    return request_card(
        row,
        rx.cond(
            row["attention"] != "",
            rx.fragment(
                rx.el.p(t("Iemand zei: het is niet gelukt. Bel even."), class_name="status"),
                row_button("check", t("Gebeld en geregeld"), CoordinationState.handled(row["id"])),
            ),
            rx.cond(
                row["vog_taken_back_from"] != "",
                rx.el.p(
                    t("De VOG van {name} is ingetrokken. Zoek een andere vrijwilliger.").replace(
                        "{name}", row["vog_taken_back_from"]
                    ),
                    class_name="status",
                ),
                rx.cond(
                    row["long"] != "",
                    rx.el.p(
                        rx.icon("hourglass", size=20, aria_hidden="true"),
                        rx.el.span(fill(t("Wacht al {days} dagen op een vrijwilliger."), days=row["days"])),
                        class_name="status marked",
                    ),
                ),
            ),
        ),
        rx.el.p(CoordinationState.asked[row["id"]][UiState.lang], class_name="when"),
        rx.cond(row["suggested"] != "", rx.el.p(fill(t("Gevraagd: {names}"), names=row["suggested"]))),
        rx.el.div(
            rx.foreach(
                CoordinationState.candidates,
                lambda c: rx.cond(
                    c["request_id"] == row["id"],
                    row_button(
                        "user-check",
                        fill(t("Vraag {name}"), name=c["name"]),
                        CoordinationState.suggest(row["id"], c["id"]),
                    ),
                ),
            ),
            class_name="row-actions",
        ),
    )


def _professional(row: rx.Var) -> rx.Component:
    """A professional, and the organisation on the sociale kaart whose entries they keep (Mijn
    organisatie): the coordinator links them here."""
    field = "organisatie-" + row["id"]
    return _person(
        row,
        rx.el.form(
            rx.el.input(type="hidden", name="medewerker", value=row["id"]),
            rx.el.div(
                rx.el.label(fill(t("Organisatie van {name}"), name=row["name"]), html_for=field),
                rx.el.select(
                    rx.el.option(t("Geen organisatie"), value=""),
                    rx.foreach(
                        CoordinationState.organizations, lambda o: rx.el.option(o["name"], value=o["id"])
                    ),
                    id=field,
                    name="organisatie",
                    default_value=row["organization"],
                    class_name="field",
                ),
                class_name="field-group",
            ),
            rx.el.button(
                rx.icon("building-2", size=24, aria_hidden="true"),
                rx.el.span(t("Organisatie opslaan")),
                type="submit",
                class_name="row-action",
            ),
            on_submit=CoordinationState.link_organization,
            key=row["id"] + "-" + row["organization"],  # a new choice from the server shows
            class_name="link-organization",
        ),
    )


def _invite() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Medewerker uitnodigen")),
        rx.el.form(
            text_field(
                t("Voornaam"),
                "invite_first_name",
                t(CoordinationState.problems["first_name"]),
                default_value=CoordinationState.invite_first_name,
            ),
            text_field(
                t("E-mailadres bij de gemeente of organisatie"),
                "invite_email",
                t(CoordinationState.problems["email"]),
                type="email",
                input_mode="email",
                default_value=CoordinationState.invite_email,
            ),
            submit_button("user-plus", t("Uitnodigen")),
            on_submit=CoordinationState.invite,
            no_validate=True,
        ),
        rx.el.h2(t("Medewerkers")),
        rx.el.p(
            t(
                "Kies bij een medewerker de organisatie waar hij of zij werkt. "
                "Dan houdt de medewerker de gegevens van die organisatie op de sociale kaart bij."
            )
        ),
        rx.cond(
            CoordinationState.professionals.length() > 0,
            rx.el.ul(rx.foreach(CoordinationState.professionals, _professional), class_name="rows"),
            rx.el.p(t("Nog geen medewerkers.")),
        ),
    )


def _callbacks() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Terugbellen"), id=CALLBACKS_HEADING, tab_index=-1),
        rx.cond(
            CoordinationState.callbacks.length() > 0,
            rx.el.ul(rx.foreach(CoordinationState.callbacks, _callback), class_name="cards"),
            rx.el.p(t("Niemand wacht op een telefoontje.")),
        ),
        # Pressed by the page's timer a few seconds after a tap (state.help.coordination._timer).
        rx.el.button(on_click=CoordinationState.settle, id=SETTLE_BUTTON, type="button", hidden=True),
    )


def _content() -> rx.Component:
    return rx.el.div(
        rx.cond(
            CoordinationState.done != "",
            rx.el.p(t(CoordinationState.done), role="status", class_name="done"),
        ),
        _callbacks(),
        rx.el.section(
            rx.el.h2(t("Hulpvragen zonder vrijwilliger")),
            rx.cond(
                CoordinationState.waiting.length() > 0,
                rx.el.ul(rx.foreach(CoordinationState.waiting, _waiting), class_name="cards"),
                rx.el.p(t("Alle hulpvragen hebben een vrijwilliger.")),
            ),
        ),
        _section(
            t("Willen nieuws uit hun wijk delen"),
            CoordinationState.pending_trekkers,
            t("Niemand wacht."),
            _trekker,
        ),
        _section(t("Vrijwilligers"), CoordinationState.volunteers, t("Nog geen vrijwilligers."), _volunteer),
        _invite(),
        rx.el.section(
            rx.el.h2(t("Sociale kaart")),
            rx.el.p(t("Wijzigingen van partners goedkeuren, oude gegevens nakijken en zoekwoorden.")),
            icon_link("map", t("Sociale kaart beheren"), hub_href(routes.DIRECTORY_MANAGE), "second-action"),
        ),
        rx.el.section(
            rx.el.h2(t("Praten")),
            rx.el.p(t("Berichten die mensen meldden: verbergen, waarschuwen of niets doen.")),
            icon_link("flag", t("Meldingen bekijken"), hub_href(routes.CHAT_MODERATION), "second-action"),
        ),
        rx.el.section(
            rx.el.h2(t("Nieuws")),
            rx.el.p(t("Berichten van trekkers lezen en goedkeuren, en de nieuwsbronnen.")),
            icon_link(
                "newspaper", t("Nieuws controleren"), hub_href(routes.NEWS_MODERATION), "second-action"
            ),
        ),
    )


@hub_page_at(
    routes.COORDINATION,
    AuthState.load,
    CoordinationState.load,
    heading=t("Beheer"),
    guard=coordinator_only(CoordinationState),
)
def coordination() -> rx.Component:
    return _content()
