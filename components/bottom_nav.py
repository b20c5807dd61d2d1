"""The bottom bar: five pictograms with words. The current item has a bar, bold text and aria-current.

An item may carry a count (``NavItem.count``, e.g. unread messages on "Praten"): above zero it shows
as a digit in a round ``.badge`` on the pictogram, and the link's accessible name says it in words
(``NavItem.count_name``, e.g. "Praten, 2 nieuwe berichten"); the digit itself is hidden from screen
readers, so it is not read twice."""

from dataclasses import dataclass

import reflex as rx

MOST = 99  # a bigger count shows as "99+"


@dataclass(frozen=True)
class NavItem:
    key: str
    icon: str
    label: rx.Var | str
    href: rx.Var | str
    count: rx.Var | None = None  # an int Var; nothing shows at 0
    count_name: rx.Var | None = None  # the link's accessible name while count > 0


def bottom_nav(items: list[NavItem], active: str | None, label: rx.Var | str) -> rx.Component:
    return rx.el.nav(
        rx.el.ul(*(rx.el.li(_link(item, item.key == active)) for item in items)),
        aria_label=label,
        class_name="bottom-nav",
    )


def _link(item: NavItem, current: bool) -> rx.Component:
    picture = rx.icon(item.icon, size=28, aria_hidden="true")
    extra = {}
    if item.count is not None:
        badge = rx.el.span(
            rx.cond(item.count > MOST, f"{MOST}+", item.count.to_string()),
            class_name="badge",
            aria_hidden="true",
        )
        picture = rx.el.span(picture, rx.cond(item.count > 0, badge), class_name="nav-icon")
        if item.count_name is not None:
            extra["aria_label"] = rx.cond(item.count > 0, item.count_name, rx.Var.create(None))
    return rx.el.a(
        picture,
        rx.el.span(item.label),
        href=item.href,
        aria_current="page" if current else None,
        class_name="current" if current else None,
        **extra,
    )
