"""Buttons and links: read aloud, bigger text, the language choice, main and row actions."""

import reflex as rx


def icon_button(icon: str, label: rx.Var | str, on_click, pressed: rx.Var | None = None) -> rx.Component:
    """A button with pictogram and word; with ``pressed`` it is a switch that says whether it is on."""
    extra = {} if pressed is None else {"role": "switch", "aria_checked": pressed}
    return rx.el.button(
        rx.icon(icon, size=24, aria_hidden="true"),
        rx.el.span(label),
        on_click=on_click,
        type="button",
        class_name="tool",
        **extra,
    )


def action_button(icon: str, label: rx.Var | str, on_click, class_name: str, **props) -> rx.Component:
    """A button with pictogram and word, in one of the action styles (main-action, second-action,
    row-action); ``props`` add attributes such as an id the page gives focus to."""
    return rx.el.button(
        rx.icon(icon, size=24, aria_hidden="true"),
        rx.el.span(label),
        type="button",
        on_click=on_click,
        class_name=class_name,
        **props,
    )


def row_button(icon: str, label: rx.Var | str, on_click, **props) -> rx.Component:
    """A smaller action beside a row or under a step: pictogram, word, outline."""
    return action_button(icon, label, on_click, "row-action", **props)


def main_button(icon: str, label: rx.Var | str, on_click, **props) -> rx.Component:
    """The one main action of a card or screen, as a button: full width, at thumb height."""
    return action_button(icon, label, on_click, "main-action", **props)


def language_choice(
    languages: dict[str, str], current: rx.Var, on_choose, label: rx.Var | str
) -> rx.Component:
    """Each language by its own name, in its own language, so a reader finds theirs."""
    return rx.el.div(
        *(
            rx.el.button(
                own_name,
                lang=code,
                type="button",
                aria_pressed=rx.cond(current == code, "true", "false"),
                on_click=on_choose(code),
                class_name="lang",
            )
            for code, own_name in languages.items()
        ),
        role="group",
        aria_label=label,
        class_name="langs",
    )


def icon_link(
    icon: str, label: rx.Var | str, href: rx.Var | str, class_name: str, icon_size: int = 24, **props
) -> rx.Component:
    """A link that shows a pictogram with its word; the pictogram is hidden from screen readers.
    ``props`` go to the link (``reload_document=True`` for a file the browser itself must fetch)."""
    return rx.el.a(
        rx.icon(icon, size=icon_size, aria_hidden="true"),
        rx.el.span(label),
        href=href,
        class_name=class_name,
        **props,
    )


def link_button(icon: str, label: rx.Var | str, href: rx.Var | str) -> rx.Component:
    """The one main action of a screen: full width, at thumb height."""
    return icon_link(icon, label, href, "main-action")


def named_file_inputs(component: rx.Component, name: rx.Var | str) -> rx.Component:
    """An upload zone's own file input (hidden; the button inside is what people use) gets a name
    too, so a screen reader that lands on it knows what it is (axe: every input a label)."""
    for child in component.children:
        if type(child).__name__ == "Input" and str(getattr(child, "type", "")).strip('"') == "file":
            child.custom_attrs = {**child.custom_attrs, "aria-label": name}
        named_file_inputs(child, name)
    return component
