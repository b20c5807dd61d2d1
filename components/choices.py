"""Big answer buttons with a pictogram and a word, that say whether they are chosen.

The Wegwijzer and the help forms use them: each tap goes to the server, which keeps the choice.

Two kinds of group, and the caller says which (buttons and group alike):

- several may be chosen (the default): ``choice_buttons(label, *buttons)`` is a ``role="group"``
  of toggle buttons, each ``choice_button(...)`` with ``aria-pressed``;
- one may be chosen: ``choice_buttons(label, *buttons, single=True)`` is a ``role="radiogroup"``
  and each ``choice_button(..., single=True)`` a ``role="radio"`` with ``aria-checked``. Tab goes
  to the chosen one (or the first), the arrow keys, Home and End move between them, and Space or
  Enter chooses (assets/shell.js). The arrows only move: a choice goes to the server and may lead
  on to the next question, which an arrow key should not do.

``field``: the id the form's problems file this group under, so the error summary's link
(``components.form.summary``) finds it.
"""

import reflex as rx


def choice_button(
    icon: str | rx.Var, label: rx.Var | str, pressed: rx.Var, on_click, single: bool = False
) -> rx.Component:
    """One answer. ``pressed``: whether it is chosen. ``single``: one of a group where only one may be
    chosen (a radio to assistive technology), else a toggle."""
    chosen = rx.cond(pressed, "true", "false")
    state = {"role": "radio", "aria_checked": chosen} if single else {"aria_pressed": chosen}
    return rx.el.button(
        rx.icon(icon, size=32, aria_hidden="true"),
        rx.el.span(label),
        type="button",
        on_click=on_click,
        class_name="answer",
        **state,
    )


def choice_buttons(
    label: rx.Var | str,
    *buttons: rx.Component,
    message: rx.Var | None = None,
    compact: bool = False,
    single: bool = False,
    field: str | None = None,
) -> rx.Component:
    """A labelled group of choice buttons, with a problem in plain words above them. ``compact``: two
    a row, for short words (days, dayparts, yes and no; not place names, which can be long).
    ``single``: only one may be chosen; give its buttons ``single=True`` too. ``field``: the group's
    id, the field its problems are filed under."""
    extra = {} if field is None else {"id": field}
    shown = rx.fragment()
    if message is not None:
        # Above the group, not in it: a radiogroup may hold only its radios.
        problem_id = {"id": f"{field}-probleem"} if field else {}
        shown = rx.cond(message != "", rx.el.p(message, role="alert", class_name="problem", **problem_id))
        if field:
            extra["aria_describedby"] = rx.cond(message != "", f"{field}-probleem", "")
    return rx.fragment(
        shown,
        rx.el.div(
            *buttons,
            role="radiogroup" if single else "group",
            aria_label=label,
            class_name="answers compact" if compact else "answers",
            **extra,
        ),
    )


def toggles_from(
    label: rx.Var | str,
    items: rx.Var,
    icon: str,
    chosen: rx.Var,
    toggle,
    *,
    key: str = "id",
    word=lambda item: item["name"],
    message: rx.Var | None = None,
    field: str | None = None,
) -> rx.Component:
    """Toggle buttons for choices that come from data (a hub's wijken): ``items`` a Var list of
    dicts, each a button with ``icon`` and ``word(item)``, pressed while the Var list ``chosen``
    holds its ``item[key]``; ``toggle(value)`` is the tap's event."""
    return choice_buttons(
        label,
        rx.foreach(
            items, lambda item: choice_button(icon, word(item), chosen.contains(item[key]), toggle(item[key]))
        ),
        message=message,
        field=field,
    )


def choice_section(title: rx.Var | str, *children: rx.Component) -> rx.Component:
    return rx.el.section(rx.el.h2(title), *children, class_name="form-part")
