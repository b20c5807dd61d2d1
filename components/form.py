"""Form pieces for people who read little: big fields with labels, big choices, plain errors.

The error summary, as GOV.UK does it: ``summary(title, State.problem_list, show=t)`` at the top of a
form. ``problem_list`` is the form state's var typed ``list[dict[str, str]]`` that returns
``state.ui.problem_list(self.problems)``: ``[{"field": "phone", "message": <Dutch catalogue id>}, ...]``
in the form's order. The summary shows ``title`` as its heading (say "Er is een probleem", or the
form's own title) and each message as a link to ``#<field>``; assets/shell.js moves focus to the
summary when it appears (and again after a submit), and a tap on a link focuses that field. So give
each field the id its problem is filed under: ``text_field`` and ``checkbox`` use ``name``,
``choice_group`` puts ``name`` on its fieldset, ``components.choices.choice_buttons(field=...)`` on
its group (shell.js focuses the first control inside a group).
"""

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
        id=name,
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


def submit_button(icon: str, label: rx.Var | str, class_name: str = "main-action", **props) -> rx.Component:
    """A form's send button with pictogram and word; ``props`` add attributes such as its id."""
    return rx.el.button(
        rx.icon(icon, size=24, aria_hidden="true"),
        rx.el.span(label),
        type="submit",
        class_name=class_name,
        **props,
    )


def summary(
    title: rx.Var | str, problems: rx.Var, show=lambda message: message, *, show_item=None
) -> rx.Component:
    """The problems of a form listed at the top, each a link to its field, so nobody has to hunt for
    them. ``problems``: a Var list of {"field", "message"} dicts (``state.ui.problem_list``);
    ``show`` turns a message into its words (pass ``t`` for catalogue ids); ``show_item``, when
    given, turns the whole item into its words instead (a message whose values depend on the field:
    "no more than {most} characters")."""
    words = show_item or (lambda p: show(p["message"]))
    return rx.cond(
        problems.length() > 0,
        rx.el.div(
            rx.el.div(
                rx.el.h2(title, class_name="summary-title"),
                rx.el.ul(rx.foreach(problems, lambda p: rx.el.li(rx.el.a(words(p), href="#" + p["field"])))),
                role="alert",
            ),
            tab_index=-1,
            class_name="summary",
            data_summary="",
        ),
    )
