"""Form pieces for people who read little: big fields with labels, big choices, plain errors."""

import reflex as rx


def problem(message: rx.Var | str, field_id: str) -> rx.Component:
    """A problem in plain words, next to its field and read out when it appears."""
    return rx.el.p(message, id=f"{field_id}-probleem", role="alert", class_name="problem")


def text_field(label: rx.Var | str, name: str, message: rx.Var | None = None, **input_props) -> rx.Component:
    """A labelled input. ``message`` (a Var, empty when all is well) shows under the label."""
    shown = message if message is not None else rx.Var.create("")
    return rx.el.div(
        rx.el.label(label, html_for=name),
        rx.cond(shown != "", problem(shown, name)),
        rx.el.input(
            id=name,
            name=name,
            aria_invalid=rx.cond(shown != "", "true", "false"),
            aria_describedby=rx.cond(shown != "", f"{name}-probleem", ""),
            **{"class_name": "field", **input_props},
        ),
        class_name="field-group",
    )


def choice_group(
    legend: rx.Var | str,
    name: str,
    options: list[tuple[str, str, rx.Var | str]] | rx.Var,
    message: rx.Var | None = None,
) -> rx.Component:
    """Big radio choices, each a pictogram with its word. ``options``: (value, icon, label) tuples,
    or a Var list of {"id", "name"} dicts for choices that come from data."""
    shown = message if message is not None else rx.Var.create("")
    if isinstance(options, rx.Var):
        choices = rx.foreach(options, lambda o: _choice(name, o["id"], "map-pin", o["name"]))
    else:
        choices = rx.fragment(*(_choice(name, value, icon, label) for value, icon, label in options))
    return rx.el.fieldset(
        rx.el.legend(legend),
        rx.cond(shown != "", problem(shown, name)),
        rx.el.div(choices, class_name="choices-grid"),
        class_name="choice-group",
    )


def _choice(name: str, value, icon: str, label) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="radio", name=name, value=value),
        rx.icon(icon, size=24, aria_hidden="true"),
        rx.el.span(label),
        class_name="choice",
    )


def checkbox(label: rx.Var | str, name: str, message: rx.Var | None = None) -> rx.Component:
    shown = message if message is not None else rx.Var.create("")
    return rx.el.div(
        rx.cond(shown != "", problem(shown, name)),
        rx.el.label(rx.el.input(type="checkbox", name=name, id=name), rx.el.span(label), class_name="check"),
        class_name="field-group",
    )


def submit_button(icon: str, label: rx.Var | str) -> rx.Component:
    return rx.el.button(
        rx.icon(icon, size=24, aria_hidden="true"), rx.el.span(label), type="submit", class_name="main-action"
    )


def summary(title: rx.Var | str, messages: rx.Var, show=lambda message: message) -> rx.Component:
    """The problems of a form listed at the top, so nobody has to hunt for them."""
    return rx.cond(
        messages.length() > 0,
        rx.el.div(
            rx.el.p(title, class_name="summary-title"),
            rx.el.ul(rx.foreach(messages, lambda m: rx.el.li(show(m)))),
            role="alert",
            class_name="summary",
        ),
    )
