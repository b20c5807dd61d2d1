"""The short sign-up for a new person, after their address is checked: first name, wijk, role, consent."""

import reflex as rx

from components.controls import link_button, row_button
from components.form import checkbox, choice_group, submit_button, summary, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.identity.accounts import CONSENT_TEXT
from mantelzorg_app.services.platform.i18n import N_
from state.identity.sign_in import SignUpState
from state.ui import fill, t

ROLES = [
    ("caregiver", "heart-handshake", N_("Ik zorg voor iemand")),
    ("volunteer", "hand-helping", N_("Ik wil helpen als vrijwilliger")),
    ("trekker", "megaphone", N_("Ik wil nieuws uit mijn wijk delen")),
]


def _problem(field: str) -> rx.Var:
    return t(SignUpState.problems[field])


def _known(text: rx.Var, name: str, value: rx.Var, change: rx.Var, on_change) -> rx.Component:
    """What the Wegwijzer's answers already say, instead of the question, with a way to change it."""
    return rx.el.div(
        rx.el.input(type="hidden", name=name, value=value),
        rx.el.p(rx.icon("circle-check", size=24, aria_hidden="true"), rx.el.span(text)),
        row_button("pencil", change, on_change),
        id=name,
        class_name="known",
    )


def _wijk() -> rx.Component:
    return rx.cond(
        SignUpState.known_wijk != "",
        _known(
            fill(t("U woont in {wijk}."), wijk=SignUpState.known_wijk_name),
            "wijk",
            SignUpState.known_wijk,
            t("Andere wijk kiezen"),
            SignUpState.change_wijk,
        ),
        choice_group(t("Waar woont u?"), "wijk", SignUpState.wijken, _problem("wijk")),
    )


def _role() -> rx.Component:
    return rx.cond(
        SignUpState.known_role != "",
        _known(
            t("U zorgt voor iemand."),
            "role",
            SignUpState.known_role,
            t("Iets anders kiezen"),
            SignUpState.change_role,
        ),
        choice_group(
            t("Waarvoor komt u?"),
            "role",
            [(value, icon, t(label)) for value, icon, label in ROLES],
            _problem("role"),
        ),
    )


def _form() -> rx.Component:
    return rx.el.form(
        summary(t("Er is een probleem"), SignUpState.problem_list, show=t),
        rx.el.p(t("Nog een paar vragen. Dan bent u klaar.")),
        text_field(
            t("Uw voornaam"),
            "first_name",
            _problem("first_name"),
            auto_complete="given-name",
            default_value=SignUpState.first_name,
        ),
        _wijk(),
        _role(),
        checkbox(t(CONSENT_TEXT), "consent", _problem("consent")),
        submit_button("check", t("Aanmelden")),
        on_submit=SignUpState.submit,
        no_validate=True,
    )


def _expired() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("Deze stap is verlopen. Vraag een nieuwe code aan.")),
        link_button("log-in", t("Inloggen"), hub_href(routes.SIGN_IN)),
    )


@hub_page_at(routes.SIGN_UP, SignUpState.load, heading=t("Welkom!"))
def sign_up() -> rx.Component:
    return rx.cond(SignUpState.ready, _form(), _expired())
