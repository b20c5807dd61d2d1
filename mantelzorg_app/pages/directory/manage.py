"""Sociale kaart beheren: the coordinator approves partners' changes, sees entries not checked for
6 months, keeps the hub's own search words and uploads an HSDS file."""

import reflex as rx

from components.controls import icon_link, named_file_inputs, row_button
from components.form import submit_button, summary, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.directory.upload_part import upload_section
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import coordinator_only, hub_page_at
from mantelzorg_app.services.directory import edits
from mantelzorg_app.services.platform.i18n import N_
from state.auth import AuthState
from state.directory.manage import NOTE_FIELD, ManageState
from state.ui import UiState, fill, t

OWN_WORDS = N_(
    "Zoeken mensen met een ander woord? Zet het hier. Bijvoorbeeld: 'even weg' betekent 'respijtzorg'."
)


def _value(values: rx.Var) -> rx.Var:
    shown = values[UiState.lang]
    return rx.cond(shown != "", shown, t("(niets ingevuld)"))


def _change(change: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.strong(change.label[UiState.lang]),
        rx.el.p(fill(t("Was: {value}"), value=_value(change.old)), class_name="was"),
        rx.el.p(fill(t("Wordt: {value}"), value=_value(change.new)), class_name="becomes"),
    )


def _refuse_form(row: rx.Var) -> rx.Component:
    note = fill(t(ManageState.problems["note"]), most=str(edits.NOTE_MAX))
    return rx.el.form(
        rx.el.input(type="hidden", name="edit", value=row.id),
        rx.el.div(
            rx.el.label(t("Waarom niet? De partner leest uw reden in een mail."), html_for=NOTE_FIELD),
            # a div: the card's paragraphs are flex rows, which would put the "!" on a line of its own
            rx.cond(
                note != "",
                rx.el.div(note, id=f"{NOTE_FIELD}-probleem", role="alert", class_name="problem"),
            ),
            rx.el.textarea(
                id=NOTE_FIELD,
                name=NOTE_FIELD,
                rows=3,
                max_length=300,
                aria_invalid=rx.cond(note != "", "true", "false"),
                aria_describedby=rx.cond(note != "", f"{NOTE_FIELD}-probleem", ""),
                class_name="field",
            ),
            class_name="field-group",
        ),
        submit_button("send", t("Afwijzing versturen")),
        row_button("undo-2", t("Toch niet afwijzen"), ManageState.keep),
        on_submit=ManageState.refuse,
        no_validate=True,
    )


def _waiting(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h3(row.name),
        rx.cond(row.is_new, rx.el.p(t("Een nieuwe dienst."), class_name="status marked")),
        rx.el.p(
            rx.cond(
                row.author != "",
                fill(t("Van {name}, {organization}."), name=row.author, organization=row.organization),
                row.organization,
            )
        ),
        rx.el.p(row.when[UiState.lang], class_name="when"),
        rx.el.h4(t("Wat verandert er?")),
        rx.el.ul(rx.foreach(row.changes, _change), class_name="changes"),
        rx.cond(
            ManageState.refusing == row.id,
            _refuse_form(row),
            rx.el.div(
                row_button("check", t("Goedkeuren"), ManageState.approve(row.id)),
                row_button("x", t("Afwijzen"), ManageState.ask_refuse(row.id)),
                class_name="row-actions",
            ),
        ),
        class_name="card",
    )


def _stale(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.el.strong(row.name),
            rx.el.span(row.organization),
            rx.el.span(fill(t("Niet gecontroleerd sinds {day}."), day=row.since[UiState.lang])),
            rx.cond(
                row.asked[UiState.lang] != "",
                rx.el.span(fill(t("Mail 'Klopt dit nog?' gestuurd: {day}."), day=row.asked[UiState.lang])),
                rx.cond(
                    row.has_owner,
                    rx.el.span(t("De mail 'Klopt dit nog?' gaat binnen een uur weg.")),
                    rx.el.span(
                        t("Niemand van deze organisatie staat in de app. Bel of mail hen zelf."),
                        class_name="status marked",
                    ),
                ),
            ),
            class_name="row-text",
        ),
        icon_link("external-link", t("Bekijk"), hub_href(routes.DIRECTORY) + "/" + row.id, "row-action"),
        class_name="row",
    )


def _synonym(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.el.strong(row["word"]),
            rx.el.span(fill(t("betekent: {means}"), means=row["means"])),
            class_name="row-text",
        ),
        row_button("trash-2", t("Weghalen"), ManageState.remove_synonym(row["id"])),
        class_name="row",
    )


def _synonyms() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Eigen zoekwoorden")),
        rx.el.p(t(OWN_WORDS)),
        rx.el.form(
            summary(t("Er is een probleem"), ManageState.problem_list, show=t),
            text_field(
                t("Woord"),
                "synonym_word",
                t(ManageState.problems["word"]),
                default_value=ManageState.synonym_word,
            ),
            text_field(
                t("Betekent"),
                "synonym_means",
                t(ManageState.problems["means"]),
                default_value=ManageState.synonym_means,
            ),
            submit_button("plus", t("Woord toevoegen")),
            on_submit=ManageState.add_synonym,
            no_validate=True,
        ),
        rx.cond(
            ManageState.synonyms.length() > 0,
            rx.el.ul(rx.foreach(ManageState.synonyms, _synonym), class_name="rows"),
            rx.el.p(t("Nog geen eigen zoekwoorden.")),
        ),
    )


def _content() -> rx.Component:
    return rx.el.div(
        rx.cond(ManageState.done != "", rx.el.p(t(ManageState.done), role="status", class_name="done")),
        rx.cond(
            ManageState.problems["edit"] != "",
            rx.el.p(t(ManageState.problems["edit"]), role="alert", class_name="problem"),
        ),
        rx.el.section(
            rx.el.h2(t("Wijzigingen die wachten")),
            rx.cond(
                ManageState.waiting.length() > 0,
                rx.el.ul(rx.foreach(ManageState.waiting, _waiting), class_name="cards"),
                rx.el.p(t("Er wacht niets. Alle wijzigingen zijn bekeken.")),
            ),
        ),
        rx.el.section(
            rx.el.h2(t("Niet gecontroleerd in 6 maanden")),
            rx.cond(
                ManageState.stale.length() > 0,
                rx.fragment(
                    rx.el.p(t("De organisatie krijgt één mail: 'Klopt dit nog?'. Met één tik zegt zij ja.")),
                    rx.el.ul(rx.foreach(ManageState.stale, _stale), class_name="rows"),
                ),
                rx.el.p(t("Alles is de laatste 6 maanden gecontroleerd.")),
            ),
        ),
        _synonyms(),
        named_file_inputs(upload_section(), t("Kies een bestand om te laden")),
        icon_link("arrow-left", t("Terug naar Beheer"), hub_href(routes.COORDINATION), "second-action"),
    )


@hub_page_at(
    routes.DIRECTORY_MANAGE,
    AuthState.load,
    ManageState.load,
    heading=t("Sociale kaart beheren"),
    guard=coordinator_only(ManageState),
)
def manage() -> rx.Component:
    return _content()
