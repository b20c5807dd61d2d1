"""The bottom bar: five pictograms with words. The current item has a bar, bold text and aria-current."""

from dataclasses import dataclass

import reflex as rx


@dataclass(frozen=True)
class NavItem:
    key: str
    icon: str
    label: rx.Var | str
    href: rx.Var | str


def bottom_nav(items: list[NavItem], active: str | None, label: rx.Var | str) -> rx.Component:
    return rx.el.nav(
        rx.el.ul(*(rx.el.li(_link(item, item.key == active)) for item in items)),
        aria_label=label,
        class_name="bottom-nav",
    )


def _link(item: NavItem, current: bool) -> rx.Component:
    return rx.el.a(
        rx.icon(item.icon, size=28, aria_hidden="true"),
        rx.el.span(item.label),
        href=item.href,
        aria_current="page" if current else None,
        class_name="current" if current else None,
    )
