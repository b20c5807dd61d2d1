"""The organiser's form: a new activity at /[hub]/beheer/agenda/nieuw, a change at
/[hub]/activiteit/[activiteit]/bewerken with its coming dates ("Gaat niet door", "Verzet") and
"Zeg de hele activiteit af".

GOV.UK style: a label and a hint a field, the error summary at the top, the problem above its
field, everything kept as typed on the server (state.calendar.editing). Choices are big buttons
with a pictogram and a word; "Opslaan" is the one main button.
"""

import reflex as rx

from components.choices import choice_button, choice_buttons
from components.controls import icon_link, row_button
from components.form import problem, submit_button, summary
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import Guard, hub_page_at
from mantelzorg_app.services.calendar import editing
from mantelzorg_app.services.calendar.vocabulary import AUDIENCE_LABELS, KIND_ICONS, KIND_LABELS, KINDS
from state.calendar.editing import SAVED
from state.calendar.editing import ActivityFormState as F
from state.hub import HubState
from state.ui import UiState, fill, t

TYPED_DELAY_MS = 600  # a typed value goes to the server this long after the last key
LABELS = {
    "title": t("Hoe heet de activiteit?"),
    "summary": t("Wat gaan mensen doen?"),
    "for_whom": t("Voor wie is het, in uw eigen woorden?"),
    "place": t("Waar is het?"),
    "address": t("Adres"),
    "cost": t("Wat kost het?"),
    "access": t("Toegankelijkheid"),
    "bring": t("Wat nemen mensen mee?"),
    "organiser_name": t("Wie organiseert het?"),
    "date": t("Datum"),
    "start": t("Begintijd"),
    "end": t("Eindtijd"),
    "capacity": t("Hoeveel plaatsen zijn er?"),
    "count": t("Hoe vaak?"),
}
HINTS = {
    "title": t("Bijvoorbeeld: Mantelzorgcafé."),
    "summary": t("In gewone woorden en korte zinnen."),
    "for_whom": t("Bijvoorbeeld: Voor mantelzorgers en wie zij meenemen."),
    "place": t("Bijvoorbeeld: Bibliotheek Leusden."),
    "address": t("Straat, nummer, postcode en plaats. Dan komt er een kaart bij."),
    "cost": t("Bijvoorbeeld: Gratis."),
    "access": t("Bijvoorbeeld: Rolstoel kan naar binnen."),
    "capacity": t("Laat leeg als iedereen mag komen."),
    "count": t("Laat leeg als het steeds doorgaat."),
}
LONG = ("summary", "access")
INPUTS = {
    "date": {"type": "date"},
    "start": {"type": "time"},
    "end": {"type": "time"},
    "move_date": {"type": "date"},
    "move_start": {"type": "time"},
    "move_end": {"type": "time"},
    "capacity": {"input_mode": "numeric"},
    "count": {"input_mode": "numeric"},
}
MOST = {**editing.TEXTS, **editing.MOVE_TEXTS}


def _words(message: rx.Var) -> rx.Var:
    """A problem's words in the reader's language, with its number and day where it says so."""
    day = F.problem_values.get("day_" + UiState.lang, "")
    return fill(t(message), n=F.problem_values.get("n", ""), day=day)


def _field(
    name: str,
    label: rx.Var,
    hint: rx.Var | None,
    value: rx.Var,
    message: rx.Var,
    keep,
) -> rx.Component:
    described = f"{name}-hint " if hint is not None else ""
    control = rx.el.textarea if name in LONG else rx.el.input
    extra = {"rows": 3} if name in LONG else {}
    if name in MOST:
        extra["max_length"] = MOST[name]
    return rx.el.div(
        rx.el.label(label, html_for=name),
        rx.el.p(hint, id=f"{name}-hint", class_name="hint") if hint is not None else rx.fragment(),
        rx.cond(message != "", problem(_words(message), name)),
        control(
            id=name,
            name=name,
            default_value=value,
            aria_invalid=rx.cond(message != "", "true", "false"),
            aria_describedby=rx.cond(message != "", f"{described}{name}-probleem", described.strip()),
            auto_complete="off",
            class_name="field",
            on_blur=keep(name),
            on_change=keep(name).debounce(TYPED_DELAY_MS),
            **{**INPUTS.get(name, {}), **extra},
        ),
        class_name="field-group",
    )


def _typed(name: str) -> rx.Component:
    return _field(name, LABELS[name], HINTS.get(name), F.values[name], F.problems[name], F.keep)


def _group(title: rx.Var, *children: rx.Component) -> rx.Component:
    return rx.el.section(rx.el.h3(title), *children, class_name="form-part")


def _one_of(label: rx.Var, name: str, options, *, compact: bool = False, field: str | None = None):
    """A one-of choice: (value, icon, word) options as big buttons."""
    current = getattr(F, name)
    return choice_buttons(
        label,
        *(
            choice_button(icon, word, current == value, F.choose(name, value), single=True)
            for value, icon, word in options
        ),
        single=True,
        compact=compact,
        field=field,
        message=F.problems[field] if field else None,
    )


def _yes_no(label: rx.Var, name: str) -> rx.Component:
    return rx.fragment(
        rx.el.p(label, class_name="field-label"),
        _one_of(
            label,
            name,
            ((editing.YES, "thumbs-up", t("Ja")), (editing.NO, "thumbs-down", t("Nee"))),
            compact=True,
            field=name if name in editing.PROBLEM_FIELDS else None,
        ),
    )


def _repeat() -> rx.Component:
    monthly = rx.cond(
        F.monthly_words.contains(UiState.lang), F.monthly_words[UiState.lang], t("Elke maand op dezelfde dag")
    )
    options = [
        (editing.ONCE, "calendar-check", t(editing.REPEAT_LABELS[editing.ONCE])),
        (editing.WEEKLY, "repeat", t(editing.REPEAT_LABELS[editing.WEEKLY])),
        (editing.FORTNIGHTLY, "repeat-2", t(editing.REPEAT_LABELS[editing.FORTNIGHTLY])),
        (editing.MONTHLY, "calendar-days", monthly),
    ]
    return rx.fragment(
        rx.el.p(t("Hoe vaak is het?"), class_name="field-label"),
        rx.cond(
            F.as_it_is,
            _one_of(
                t("Hoe vaak is het?"),
                "repeat",
                [*options, (editing.AS_IT_IS, "calendar-cog", t(editing.REPEAT_LABELS[editing.AS_IT_IS]))],
            ),
            _one_of(t("Hoe vaak is het?"), "repeat", options),
        ),
        rx.cond(F.repeat != editing.ONCE, _typed("count")),
    )


def _form() -> rx.Component:
    wijk_choices = choice_buttons(
        t("In welke wijk?"),
        choice_button(
            "map", fill(t("Heel {hub}"), hub=HubState.name), F.wijk == "", F.choose("wijk", ""), single=True
        ),
        rx.foreach(
            F.wijken,
            lambda w: choice_button(
                "map-pin", w["name"], F.wijk == w["id"], F.choose("wijk", w["id"]), single=True
            ),
        ),
        single=True,
    )
    return rx.el.form(
        summary(t("Er is een probleem"), F.problem_list, show_item=lambda p: _words(p["message"])),
        rx.cond(
            F.notice == SAVED,
            rx.el.p(
                rx.icon("circle-check", size=24, aria_hidden="true"),
                rx.el.span(t("Opgeslagen. De activiteit staat in de agenda.")),
                role="status",
                class_name="notice",
            ),
        ),
        _group(
            t("Wat is het?"),
            rx.el.p(t("Wat voor activiteit is het?"), class_name="field-label"),
            _one_of(
                t("Wat voor activiteit is het?"),
                "kind",
                [(str(k), KIND_ICONS[k], t(KIND_LABELS[k])) for k in KINDS],
            ),
            _typed("title"),
            _typed("summary"),
            rx.el.p(t("Voor wie is het bedoeld?"), class_name="field-label"),
            _one_of(
                t("Voor wie is het bedoeld?"),
                "audience",
                [(str(a), "users", t(label)) for a, label in AUDIENCE_LABELS.items()],
            ),
        ),
        _group(t("Wanneer?"), _typed("date"), _typed("start"), _typed("end"), _repeat()),
        _group(
            t("Waar?"),
            _typed("place"),
            _typed("address"),
            rx.el.p(t("In welke wijk?"), class_name="field-label"),
            wijk_choices,
        ),
        _group(
            t("Aanmelden"),
            _typed("capacity"),
            _yes_no(t("Mag iemand één persoon meenemen?"), "pairs"),
            rx.cond(
                F.repeat != editing.ONCE,
                _yes_no(t("Is één aanmelding voor alle keren? Zoals bij een cursus."), "whole_series"),
            ),
            rx.cond(
                F.kind == "walk_in", _yes_no(t("Kunnen mensen een tijd van 15 minuten kiezen?"), "slots")
            ),
        ),
        _group(
            t("Meer over de activiteit"),
            *(_typed(name) for name in ("for_whom", "cost", "access", "bring", "organiser_name")),
        ),
        rx.cond(F.problems["send"] != "", problem(_words(F.problems["send"]), "send")),
        submit_button("save", t("Opslaan"), id="send"),
        on_submit=F.save,
        no_validate=True,
        class_name="partner-form activity-form",  # the group headings as on Mijn organisatie
        key=F.form_key.to_string(),
    )


def _move_form(date: rx.Var) -> rx.Component:
    def moved(name: str, label: rx.Var, hint: rx.Var | None = None) -> rx.Component:
        return _field(name, label, hint, F.move_values[name], F.problems_move[name], F.keep_move)

    return rx.el.form(
        summary(t("Er is een probleem"), F.move_problem_list, show=t),
        rx.el.h4(t("Naar welke dag en tijd?"), class_name="field-label"),
        rx.el.input(type="hidden", name="activiteit", value=F.activity_id),
        moved("move_date", t("Nieuwe datum")),
        moved("move_start", t("Begintijd")),
        moved("move_end", t("Eindtijd")),
        moved("move_place", t("Ergens anders?"), t("Laat leeg als de plaats hetzelfde blijft.")),
        moved("move_note", t("Een korte uitleg"), t("Bijvoorbeeld: Deze keer in De Deel.")),
        rx.el.div(
            submit_button("calendar-clock", t("Verzet deze datum"), class_name="row-action"),
            row_button("arrow-left", t("Terug"), F.stop_move),
            class_name="row-actions",
        ),
        on_submit=F.move,
        no_validate=True,
        key=F.move_key.to_string(),
    )


def _date_card(date: rx.Var) -> rx.Component:
    key = date["key"]
    return rx.el.li(
        rx.el.h3(
            rx.icon("calendar", size=24, aria_hidden="true"),
            rx.el.span(F.date_words[key][UiState.lang]),
        ),
        rx.cond(date["place"] != "", rx.el.p(date["place"])),
        rx.cond(date["note"] != "", rx.el.p(date["note"])),
        rx.cond(
            date["gone"] != "",
            rx.el.p(
                rx.icon("ban", size=24, aria_hidden="true"),
                rx.el.span(t("Gaat niet door")),
                class_name="status",
            ),
            rx.cond(
                F.moving == key,
                _move_form(date),
                rx.cond(
                    F.cancelling == key,
                    _cancel_question(),
                    rx.el.div(
                        row_button("ban", t("Gaat niet door"), F.ask_cancel_date(key)),
                        row_button("calendar-clock", t("Verzet"), F.start_move(key)),
                        icon_link(
                            "users",
                            t("Aanmeldingen"),
                            hub_href(
                                f"activiteit/{F.activity_id}/aanmeldingen?{routes.DATE_PARAM}={date['list_key']}"
                            ),
                            "row-action",
                        ),
                        class_name="row-actions",
                    ),
                ),
            ),
        ),
        class_name="card",
    )


def _dates() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("De datums"), id="datums"),
        rx.el.p(t("Gaat een datum niet door, of verzet u die? Dan krijgt iedereen die komt een mail.")),
        rx.cond(
            F.dates.length() > 0,
            rx.el.ul(rx.foreach(F.dates, _date_card), class_name="cards"),
            rx.el.p(t("Er komen geen datums meer.")),
        ),
        aria_labelledby="datums",
    )


def _cancel_question() -> rx.Component:
    """ "Gaat niet door" on one date asks first: the mails go out at once."""
    return rx.el.div(
        rx.el.p(t("Weet u het zeker? Iedereen die zich heeft aangemeld, krijgt een mail.")),
        rx.el.div(
            row_button("ban", t("Ja, gaat niet door"), F.cancel_date(F.activity_id)),
            row_button("arrow-left", t("Nee, laat staan"), F.keep_date),
            class_name="row-actions",
        ),
        role="alert",
        class_name="card",
    )


def _cancel_all() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Gaat de hele activiteit niet door?"), id="afzeggen"),
        rx.cond(
            F.asking_cancel,
            rx.el.div(
                rx.el.p(t("Weet u het zeker? Iedereen die zich heeft aangemeld, krijgt een mail.")),
                rx.el.div(
                    row_button("ban", t("Ja, zeg alles af"), F.cancel_activity(F.activity_id)),
                    row_button("arrow-left", t("Nee, laat staan"), F.keep_activity),
                    class_name="row-actions",
                ),
                role="alert",
                class_name="card",
            ),
            rx.el.div(
                row_button("ban", t("Zeg de hele activiteit af"), F.ask_cancel), class_name="row-actions"
            ),
        ),
        aria_labelledby="afzeggen",
    )


def _back() -> rx.Component:
    return rx.el.div(
        icon_link(
            "arrow-left", t("Terug naar Agenda beheren"), hub_href(routes.CALENDAR_MANAGE), "row-action"
        ),
        class_name="step-nav",
        data_noread="",
    )


# No "log in first" here: signing in comes back to Agenda beheren (routes.AFTER_SIGN_IN), which links here.
GUARD = Guard(F, t("Alleen de coördinator en medewerkers kunnen hier activiteiten maken."))


@hub_page_at(routes.ACTIVITY_NEW, F.load, heading=t("Nieuwe activiteit"), active=routes.CALENDAR, guard=GUARD)
def new_activity() -> rx.Component:
    return rx.fragment(_form(), _back())


@hub_page_at(
    routes.ACTIVITY_EDIT, F.load, heading=t("Activiteit veranderen"), active=routes.CALENDAR, guard=GUARD
)
def edit_activity() -> rx.Component:
    return rx.cond(
        F.known,
        rx.fragment(
            rx.el.h2(F.title_shown),
            icon_link(
                "eye", t("Bekijk de activiteit"), hub_href(f"activiteit/{F.activity_id}"), "row-action"
            ),
            _form(),
            _dates(),
            _cancel_all(),
            _back(),
        ),
        rx.fragment(rx.el.p(t("Deze activiteit kunt u hier niet veranderen.")), _back()),
    )
