"""A pictogram whose name only the state knows (a row's category, a search result's icon).

``rx.icon`` needs its name when the page is built, so the Var is matched against every value the
page may meet, each with its pictogram drawn ahead; any other value gets ``fallback``. The page
passes the values in (components read no services): ``icons`` maps a value to a Lucide name.
"""

from collections.abc import Mapping

import reflex as rx


def matched_icon(value: rx.Var, icons: Mapping[str, str], fallback: str, size: int = 24) -> rx.Component:
    """The pictogram ``icons[value]``, hidden from screen readers (the word beside it says it)."""
    return rx.match(
        value,
        *((key, rx.icon(name, size=size, aria_hidden="true")) for key, name in icons.items()),
        rx.icon(fallback, size=size, aria_hidden="true"),
    )
