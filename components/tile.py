"""A big square tile on Home: a pictogram above a word, the whole tile one link."""

import reflex as rx

from components.controls import icon_link


def tile(icon: str, label: rx.Var | str, href: rx.Var | str) -> rx.Component:
    return icon_link(icon, label, href, "tile", icon_size=40)


def tile_grid(*tiles: rx.Component) -> rx.Component:
    return rx.el.nav(*tiles, class_name="tiles")
