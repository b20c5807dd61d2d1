"""Sign in without a password: an e-mail address, then the 6-digit code from the mail.

Professionals and coordinators of a hub with an identity provider get a second, separate way in.
"""

import reflex as rx

from components.controls import main_button, row_button
from components.form import problem, submit_button, summary, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.shape import hub_page_at
from state.auth import AuthState, StaffSignInState
from state.hub import HubState
from state.identity.sign_in import SignInState
from state.ui import fill, t


def _notice() -> rx.Component:
    """Why the mail's link sent her here, or that this tab is not signed in yet: not a field's problem."""
    return rx.cond(
        SignInState.notice != "", rx.el.p(t(SignInState.notice), role="alert", class_name="notice")
    )


def _summary() -> rx.Component:
    return summary(t("Er is een probleem"), SignInState.problem_list, show=t)


def _email_step() -> rx.Component:
    return rx.el.form(
        _summary(),
        rx.el.p(t("Typ uw e-mailadres. U krijgt dan een mail met een code.")),
        text_field(
            t("Uw e-mailadres"),
            "email",
            t(SignInState.problem),
            type="email",
            input_mode="email",
            auto_complete="email",
            default_value=SignInState.email,
            required=True,
        ),
        submit_button("send", t("Stuur mij een code")),
        rx.el.p(t("Bent u nieuw? Dat geeft niet. Met de code meldt u zich ook aan.")),
        on_submit=SignInState.send_code,
        no_validate=True,
    )


def _sent_to() -> rx.Component:
    """The address the mail went to, with the way to change it."""
    return rx.el.div(
        rx.el.p(
            fill(t("Wij stuurden een code naar {address}."), address=SignInState.sent_to),
            class_name="sent-to",
        ),
        row_button("pencil", t("Ander e-mailadres"), SignInState.start_over),
        class_name="sent-to-box",
    )


def _locked() -> rx.Component:
    """Too many wrong codes: this code is done; the main button sends a new one to the same address."""
    return rx.el.div(
        problem(t(SignInState.problem), "code"),
        main_button("send", t("Stuur een nieuwe code"), SignInState.send_again),
    )


def _code_form() -> rx.Component:
    return rx.el.form(
        _summary(),
        rx.el.p(t("Typ de code uit de mail. Of tik op de link in de mail.")),
        text_field(
            t("De code (6 cijfers)"),
            "code",
            t(SignInState.problem),
            type="text",
            input_mode="numeric",
            auto_complete="one-time-code",
            max_length=7,
            class_name="field code",
            required=True,
        ),
        submit_button("log-in", t("Inloggen")),
        on_submit=SignInState.check_code,
        no_validate=True,
    )


def _code_step() -> rx.Component:
    return rx.el.div(
        _sent_to(),
        rx.cond(
            SignInState.locked,
            _locked(),
            rx.fragment(
                _code_form(),
                rx.el.button(
                    t("Heeft u op de link in de mail getikt? Tik dan hier."),
                    type="button",
                    on_click=SignInState.tapped_link,
                    class_name="text-button",
                ),
                rx.el.button(
                    t("Geen mail gekregen? Vraag een nieuwe code."),
                    type="button",
                    on_click=SignInState.start_over,
                    class_name="text-button",
                ),
            ),
        ),
    )


def _staff_problem() -> rx.Component:
    return rx.cond(StaffSignInState.problem != "", problem(t(StaffSignInState.problem), "medewerker"))


def _staff_step() -> rx.Component:
    """The separate way in for staff: /auth/oidc/start/<hub> sends the browser on to the provider."""
    return rx.cond(
        StaffSignInState.available,
        rx.el.section(
            rx.el.h2(t("Voor medewerkers"), id="voor-medewerkers"),
            rx.el.p(t("Bent u medewerker of coördinator? Log dan in met het account van uw werk.")),
            rx.el.a(  # a document load, not client-side routing: the route answers with a redirect
                rx.icon("building-2", size=24, aria_hidden="true"),
                rx.el.span(t("Inloggen als medewerker")),
                href=f"{routes.AUTH_OIDC_START}/{HubState.slug}",
                reload_document=True,
                class_name="second-action",
            ),
            rx.cond(
                StaffSignInState.provider_label != "",
                rx.el.p(fill(t("U logt dan in bij {provider}."), provider=StaffSignInState.provider_label)),
            ),
            aria_labelledby="voor-medewerkers",
            style={"border_top": "2px solid var(--line)", "margin_top": "2rem", "padding_top": "0.5rem"},
        ),
    )


@hub_page_at(routes.SIGN_IN, AuthState.load, StaffSignInState.load, SignInState.load, heading=t("Inloggen"))
def sign_in() -> tuple[rx.Component, ...]:
    return (
        _staff_problem(),
        _notice(),
        rx.cond(SignInState.step == "code", _code_step(), rx.fragment(_email_step(), _staff_step())),
    )
