"""Mijn gegevens: what we keep, download it, the mail when a chat message waits, whom one blocked at
Praten (with "Deblokkeer"), wipe the account; signing out here or on every device."""

import reflex as rx

from components.controls import action_button, link_button, main_button
from mantelzorg_app import routes
from mantelzorg_app.pages.chat.blocked_part import blocked_section
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.privacy_routes import DOWNLOAD, FILENAME
from state.auth import AuthState
from state.chat.blocked import BlockedState
from state.privacy import PrivacyState
from state.ui import UiState, fill, t


def _facts(*facts: rx.Component) -> rx.Component:
    return rx.el.dl(*facts, class_name="facts")


def _fact(label: rx.Var, value: rx.Var) -> rx.Component:
    return rx.fragment(rx.el.dt(rx.el.strong(label)), rx.el.dd(value))


def _membership(m: rx.Var) -> rx.Component:
    role = m["role"]  # a catalogue id from the state
    return rx.el.li(
        _facts(
            _fact(t("Plaats"), m["hub"]),
            _fact(t("Waarvoor u komt"), t(role)),
            rx.cond(m["wijk"] != "", _fact(t("Wijk of dorp"), m["wijk"])),
        ),
        rx.cond(m["pending"] != "", rx.el.p(t("De coördinator moet dit nog goedkeuren."))),
    )


def _what_we_keep() -> rx.Component:
    consented_on = PrivacyState.consented_on[UiState.lang]
    return rx.el.section(
        rx.el.h2(t("Wat wij van u bewaren"), id="bewaren"),
        _facts(
            _fact(t("Voornaam"), AuthState.first_name),
            rx.cond(PrivacyState.email != "", _fact(t("E-mailadres"), PrivacyState.email)),
            rx.cond(PrivacyState.phone != "", _fact(t("Telefoonnummer"), PrivacyState.phone)),
        ),
        rx.el.ul(rx.foreach(PrivacyState.memberships, _membership), class_name="choices"),
        rx.cond(consented_on, rx.el.p(fill(t("U gaf uw toestemming op {date}."), date=consented_on))),
        rx.el.p(t("In de download staat alles wat wij van u bewaren. U ziet daar ook wanneer u inlogde.")),
        rx.el.a(
            rx.icon("download", size=24, aria_hidden="true"),
            rx.el.span(t("Mijn gegevens downloaden")),
            href=DOWNLOAD,
            download=FILENAME,
            reload_document=True,  # the browser fetches it, not the client-side router
            class_name="main-action",
        ),
        aria_labelledby="bewaren",
    )


def _chat_mail() -> rx.Component:
    """One switch: the mail when a message waits unread at Praten (services.chat.notices)."""
    on = PrivacyState.chat_mail
    return rx.el.section(
        rx.el.h2(t("Mail bij een nieuw bericht"), id="mail-bericht"),
        rx.el.p(
            t(
                "Wacht er een bericht op u bij Praten? Dan sturen wij u een mail. "
                "Hooguit één mail per dag. Wat er in het bericht staat, staat niet in de mail."
            )
        ),
        rx.el.button(
            rx.icon("mail", size=24, aria_hidden="true"),
            rx.el.span(t("Stuur mij een mail als er een bericht op mij wacht")),
            type="button",
            role="switch",
            aria_checked=rx.cond(on, "true", "false"),
            on_click=PrivacyState.set_chat_mail(~on),
            class_name="answer",
        ),
        rx.el.p(
            rx.cond(on, t("Aan: u krijgt een mail."), t("Uit: u krijgt geen mail.")),
            aria_live="polite",
        ),
        aria_labelledby="mail-bericht",
    )


def _wipe() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Al mijn gegevens wissen"), id="wissen"),
        rx.cond(
            PrivacyState.confirming,
            rx.el.div(
                rx.el.p(
                    t("Weet u het zeker? Dit kan niet ongedaan worden."), role="alert", class_name="summary"
                ),
                main_button("trash-2", t("Ja, wis al mijn gegevens"), PrivacyState.delete_account),
                action_button("undo-2", t("Nee, terug"), PrivacyState.keep_account, "second-action"),
            ),
            rx.el.div(
                rx.el.p(t("Wist u uw gegevens? Dan halen wij alles weg wat wij van u bewaren.")),
                action_button(
                    "trash-2", t("Al mijn gegevens wissen"), PrivacyState.ask_to_delete, "second-action"
                ),
            ),
        ),
        aria_labelledby="wissen",
    )


def _sign_out() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Uitloggen"), id="uitloggen"),
        main_button("log-out", t("Uitloggen"), AuthState.sign_out(False)),
        action_button(
            "monitor-smartphone",
            t("Uitloggen op al mijn apparaten"),
            AuthState.sign_out(True),
            "second-action",
        ),
        aria_labelledby="uitloggen",
    )


def _signed_in() -> rx.Component:
    return rx.el.div(
        rx.el.p(fill(t("U bent ingelogd als {name}."), name=AuthState.first_name)),
        _what_we_keep(),
        _chat_mail(),
        blocked_section(),
        _wipe(),
        _sign_out(),
    )


def _signed_out() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("U bent niet ingelogd.")),
        link_button("log-in", t("Inloggen"), hub_href(routes.SIGN_IN)),
    )


@hub_page_at(routes.ACCOUNT, AuthState.load, PrivacyState.load, BlockedState.load, heading=t("Mijn gegevens"))
def account() -> rx.Component:
    return rx.cond(AuthState.signed_in, _signed_in(), _signed_out())
