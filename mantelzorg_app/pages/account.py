"""My account: who I am signed in as, and signing out here or on every device."""

import reflex as rx

from components.controls import link_button
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import HUB_ON_LOAD, hub_href, hub_page
from state.auth import AuthState
from state.ui import t


def _signed_in() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("U bent ingelogd als {name}.").replace("{name}", AuthState.first_name)),
        rx.el.button(
            rx.icon("log-out", size=24, aria_hidden="true"),
            rx.el.span(t("Uitloggen")),
            type="button",
            on_click=AuthState.sign_out(False),
            class_name="main-action",
        ),
        rx.el.button(
            rx.icon("monitor-smartphone", size=24, aria_hidden="true"),
            rx.el.span(t("Uitloggen op al mijn apparaten")),
            type="button",
            on_click=AuthState.sign_out(True),
            class_name="second-action",
        ),
    )


def _signed_out() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("U bent niet ingelogd.")),
        link_button("log-in", t("Inloggen"), hub_href(routes.SIGN_IN)),
    )


def account() -> rx.Component:
    return hub_page(t("Mijn gegevens"), rx.cond(AuthState.signed_in, _signed_in(), _signed_out()))


def register(app: rx.App) -> None:
    app.add_page(
        account,
        route=routes.hub_route(routes.ACCOUNT),
        title="Mantelzorghub",
        on_load=[*HUB_ON_LOAD, AuthState.load],
    )
