"""The short sign-up for a new person, after their address is checked: first name, wijk, role, consent."""

import reflex as rx

from components.controls import link_button
from components.form import checkbox, choice_group, submit_button, summary, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.identity.accounts import CONSENT_TEXT
from mantelzorg_app.services.platform.i18n import N_
from state.auth import SignUpState
from state.ui import t

ROLES = [
    ("caregiver", "heart-handshake", N_("Ik zorg voor iemand")),
    ("volunteer", "hand-helping", N_("Ik wil helpen als vrijwilliger")),
    ("trekker", "megaphone", N_("Ik wil nieuws uit mijn wijk delen")),
]


def _problem(field: str) -> rx.Var:
    return t(SignUpState.problems[field])


def _form() -> rx.Component:
    return rx.el.form(
        summary(t("Er ontbreekt nog iets:"), SignUpState.problem_list, show=t),
        rx.el.p(t("Nog een paar vragen. Dan bent u klaar.")),
        text_field(
            t("Uw voornaam"),
            "first_name",
            _problem("first_name"),
            auto_complete="given-name",
            default_value=SignUpState.first_name,
        ),
        choice_group(t("Waar woont u?"), "wijk", SignUpState.wijken, _problem("wijk")),
        choice_group(
            t("Waarvoor komt u?"),
            "role",
            [(value, icon, t(label)) for value, icon, label in ROLES],
            _problem("role"),
        ),
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
