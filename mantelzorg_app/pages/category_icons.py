"""The pictogram of a sociale kaart category held in state (a row's "category"), for any page.

``rx.icon`` needs its name when the page is built, so a category that only the state knows is
matched against every category's own pictogram."""

import reflex as rx

from mantelzorg_app.services.directory.taxonomy import CATEGORIES

FALLBACK = "map-pinned"  # the sociale kaart's own tile on Home


def category_icon(value: rx.Var, size: int = 24) -> rx.Component:
    return rx.match(
        value,
        *((c.value, rx.icon(c.icon, size=size, aria_hidden="true")) for c in CATEGORIES),
        rx.icon(FALLBACK, size=size, aria_hidden="true"),
    )
