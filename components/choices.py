"""Big answer buttons with a pictogram and a word, that say whether they are chosen (aria-pressed).

The Wegwijzer and the help forms use them: each tap goes to the server, which keeps the choice.
"""

import reflex as rx


def choice_button(icon: str | rx.Var, label: rx.Var | str, pressed: rx.Var, on_click) -> rx.Component:
    return rx.el.button(
        rx.icon(icon, size=32, aria_hidden="true"),
        rx.el.span(label),
        type="button",
        aria_pressed=rx.cond(pressed, "true", "false"),
        on_click=on_click,
        class_name="answer",
    )


def choice_buttons(
    label: rx.Var | str, *buttons: rx.Component, message: rx.Var | None = None, compact: bool = False
) -> rx.Component:
    """A labelled group of choice buttons, with a problem in plain words above them. ``compact``: two
    a row, for short words (days, dayparts, yes and no; not place names, which can be long)."""
    return rx.el.div(
        rx.cond(message != "", rx.el.p(message, role="alert", class_name="problem"))
        if message is not None
        else rx.fragment(),
        *buttons,
        role="group",
        aria_label=label,
        class_name="answers compact" if compact else "answers",
    )


def choice_section(title: rx.Var | str, *children: rx.Component) -> rx.Component:
    return rx.el.section(rx.el.h2(title), *children, class_name="form-part")
