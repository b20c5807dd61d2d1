"""A big square tile on Home: a pictogram above a word, the whole tile one link."""

import reflex as rx


def tile(icon: str, label: rx.Var | str, href: rx.Var | str) -> rx.Component:
    return rx.el.a(
        rx.icon(icon, size=40, aria_hidden="true"),
        rx.el.span(label),
        href=href,
        class_name="tile",
    )


def tile_grid(*tiles: rx.Component) -> rx.Component:
    return rx.el.nav(*tiles, class_name="tiles")
