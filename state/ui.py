"""Per-visitor display choices: language and bigger text. Kept in cookies so they last."""

import json

import reflex as rx
from reflex_base.utils.imports import ImportVar
from reflex_base.vars import VarData, var_operation, var_operation_return
from reflex_base.vars.object import ObjectVar
from reflex_base.vars.sequence import StringVar

from mantelzorg_app.catalogue_js import MODULE
from mantelzorg_app.services.help.matching import Reason
from mantelzorg_app.services.platform import cookies, i18n

ONE_YEAR = 365 * 24 * 3600
_CATALOGUE = "mzCatalogue"
_IMPORT = VarData(imports={f"$/{MODULE}": [ImportVar(tag=_CATALOGUE, is_default=True, install=False)]})


class UiState(rx.State):
    lang: str = rx.Cookie(i18n.DEFAULT_LANGUAGE, name=cookies.LANGUAGE, max_age=ONE_YEAR, same_site="lax")
    big_text_cookie: str = rx.Cookie("", name="grote_letters", max_age=ONE_YEAR, same_site="lax")

    @rx.var
    def big_text(self) -> bool:
        return self.big_text_cookie == "1"

    @rx.event
    def apply_language(self):
        """Puts the chosen language on ``<html lang>``; every page runs this on load."""
        lang = i18n.supported(self.lang)
        return rx.call_script(f"document.documentElement.lang = {json.dumps(lang)}")

    @rx.event
    def set_language(self, lang: str):
        self.lang = i18n.supported(lang)
        return UiState.apply_language

    @rx.event
    def toggle_big_text(self):
        self.big_text_cookie = "" if self.big_text else "1"


def sentence_row(reason: Reason, names: tuple[str, ...]) -> dict[str, str]:
    """A sentence of a service (its message id, ``values`` as typed, ``terms`` catalogue ids) with
    every one of ``names`` present ("" where unused), so a page can ``fill`` it in the reader's
    language with one set of keys for every row."""
    return {"message": reason.message, **dict.fromkeys(names, ""), **reason.values, **reason.terms}


def problem_list(problems: dict[str, str]) -> list[dict[str, str]]:
    """A form's problems by field (Dutch catalogue ids, "" where none) as the list its summary shows,
    in the form's order: ``{"field": <the field's id>, "message": <catalogue id>}`` for each field
    with a problem. Every form's ``problem_list`` var (typed ``list[dict[str, str]]``) returns this;
    ``components.form.summary`` links each item to ``#<field>``. ``state.actions.act(problems=...)``
    fills ``problems``."""
    return [{"field": field, "message": message} for field, message in problems.items() if message]


@var_operation
def _translated(msgid: StringVar, lang: StringVar):
    return var_operation_return(f"({_CATALOGUE}[{lang}]?.[{msgid}] ?? {msgid})", str, _IMPORT)


def t(msgid: str | rx.Var[str]) -> rx.Var[str]:
    """The translation of a Dutch source text, or of a message id held in state ("" stays ""), in the
    visitor's language, looked up in the browser in the front end's catalogue module
    (``mantelzorg_app.catalogue_js``), so no tab's state carries the catalogue; the Dutch text when
    the language has none."""
    return _translated(msgid, UiState.lang)


def show(state: rx.State, **values) -> None:
    """Sets only the vars whose value changed: Reflex sends every var a handler set, so a step that
    sets all of a screen's vars would send them all again."""
    for name, value in values.items():
        if getattr(state, name) != value:
            setattr(state, name, value)


@var_operation
def _filled(text: StringVar, values: ObjectVar):
    # One pass with a function: no "$&"-style patterns of String.replace, and a value that looks like
    # a placeholder stays as it is.
    return var_operation_return(
        f"({text}).replace(/\\{{(\\w+)\\}}/g, "
        f"(whole, key) => Object.hasOwn({values}, key) ? String({values}[key]) : whole)",
        str,
    )


def fill(text: rx.Var[str], **values) -> rx.Var[str]:
    """``text`` (a translated sentence) with each ``{name}`` put in from ``values``, as the person
    wrote it: a first name like ``$'`` or ``{help}`` shows as itself."""
    return _filled(text, rx.Var.create(values))
