"""A new help request at /[hub]/hulpvragen/nieuw, in short steps of one screen each, like the Wegwijzer.

Filled in from the Wegwijzer: every kind of help chosen, a fitting example sentence for each, when
and where. Choose, don't write. The state says which step is on screen; each step is a form whose
'Verder' checks it on the server. Typed values go to the server on blur and, debounced, as they are
typed, so a reload shows them again. A new ``data-step`` takes the phone back to the top, with the
screen reader (assets/app.js).
"""

import reflex as rx

from components.choices import choice_button, choice_buttons
from components.controls import row_button
from components.form import problem, submit_button, summary, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.help.parts import help_page_at
from mantelzorg_app.pages.shape import Guard
from mantelzorg_app.services.help import requests
from mantelzorg_app.services.help.vocabulary import DAYPARTS, DAYS, HELP_CATEGORIES
from state.help.request_form import RequestFormState as F
from state.ui import fill, t

TYPED_DELAY_MS = 600  # a typed value goes to the server this long after the last key


def _kept(name: rx.Var | str) -> dict:
    """Typing is kept on the server as it happens: on blur, and a moment after the last key."""
    return {"on_blur": F.keep(name), "on_change": F.keep(name).debounce(TYPED_DELAY_MS)}


def _step(title: rx.Var, *children: rx.Component, last: bool = False) -> rx.Component:
    """One screen: problems, where we are, the question, its answers, 'Verder' (or 'Vraag hulp'), 'Terug'."""
    return rx.el.form(
        summary(t("Er is een probleem"), F.problem_list, show=t),
        rx.el.p(
            fill(t("Stap {number} van {total}"), number=F.position.to_string(), total=F.total.to_string()),
            class_name="progress",
        ),
        rx.el.h2(title),
        *children,
        submit_button("send", t("Vraag hulp")) if last else submit_button("arrow-right", t("Verder")),
        rx.cond(
            F.position > 1,
            rx.el.div(row_button("arrow-left", t("Terug"), F.back), class_name="step-nav", data_noread=""),
        ),
        on_submit=F.submit if last else F.go_on,
        no_validate=True,
    )


def _for_whom() -> rx.Component:
    consent = F.problems["consent"]
    return _step(
        t("Voor wie vraagt u hulp?"),
        text_field(
            t("Voornaam van de mantelzorger"),
            "caregiver_first_name",
            t(F.problems["caregiver_first_name"]),
            auto_complete="off",
            default_value=F.caregiver_first_name,
            **_kept("caregiver_first_name"),
        ),
        text_field(
            t("E-mailadres van de mantelzorger"),
            "caregiver_email",
            t(F.problems["caregiver_email"]),
            type="email",
            auto_complete="off",
            default_value=F.caregiver_email,
            **_kept("caregiver_email"),
        ),
        rx.el.div(
            rx.cond(consent != "", problem(t(consent), "consent")),
            rx.el.label(
                rx.el.input(
                    type="checkbox",
                    name="consent",
                    id="consent",
                    checked=F.consent,
                    on_change=F.agree,
                    aria_invalid=rx.cond(consent != "", "true", "false"),
                ),
                rx.el.span(t("De mantelzorger vindt het goed dat ik deze hulpvraag plaats.")),
                class_name="check",
            ),
            class_name="field-group",
        ),
    )


def _kinds() -> rx.Component:
    def group(single: bool) -> rx.Component:
        return choice_buttons(
            t("Welke hulp zoekt u?"),
            *(
                choice_button(
                    c.icon, t(c.label), F.kinds.contains(c.value), F.toggle("kinds", c.value), single=single
                )
                for c in HELP_CATEGORIES
            ),
            message=t(F.problems["category"]),
            single=single,
            field="category",
        )

    return _step(
        t("Welke hulp zoekt u?"),
        rx.cond(
            F.on_behalf,
            rx.fragment(rx.el.p(t("Kies er één.")), group(True)),
            rx.fragment(rx.el.p(t("U mag meer dan één kiezen.")), group(False)),
        ),
    )


def _text() -> rx.Component:
    message = F.problems["text"]
    own = rx.el.div(
        rx.el.label(t("Uw eigen woorden"), html_for="text"),
        rx.cond(message != "", problem(t(message), "text")),
        rx.el.textarea(
            id="text",
            name="text",
            default_value=F.own,
            rows=3,
            max_length=requests.TEXT_MAX,
            aria_invalid=rx.cond(message != "", "true", "false"),
            aria_describedby=rx.cond(message != "", "text-probleem", ""),
            class_name="field",
            **_kept(F.step),
        ),
        class_name="field-group",
    )
    label = rx.match(F.kind, *((c.value, t(c.label)) for c in HELP_CATEGORIES), "")
    return rx.el.div(
        _step(
            label,
            rx.el.p(t("Wat wilt u vragen? Kies een zin. Of schrijf het zelf.")),
            choice_buttons(
                fill(t("Wat wilt u vragen? ({help})"), help=label),
                rx.foreach(
                    F.sentences,
                    lambda sentence, i: choice_button(
                        "quote", t(sentence), F.example == i, F.choose("example", i.to_string()), single=True
                    ),
                ),
                choice_button(
                    "pencil",
                    t("Ik schrijf het zelf"),
                    F.example == requests.OWN_WORDS,
                    F.choose("example", str(requests.OWN_WORDS)),
                    single=True,
                ),
                single=True,
            ),
            rx.cond(F.example == requests.OWN_WORDS, own),
            rx.el.h3(t("Komt de vrijwilliger bij u thuis?")),
            rx.el.p(t("Bij u thuis komen alleen vrijwilligers die de coördinator heeft gecontroleerd.")),
            choice_buttons(
                t("Komt de vrijwilliger bij u thuis?"),
                choice_button("house", t("Ja"), F.home_visit, F.choose("home_visit", "ja"), single=True),
                choice_button("x", t("Nee"), ~F.home_visit, F.choose("home_visit", "nee"), single=True),
                compact=True,
                single=True,
            ),
        ),
        key=F.step,  # each kind its own field: what was typed for one never shows under another
    )


def _several(title: rx.Var, field: str, chosen: rx.Var, choices) -> tuple[rx.Component, rx.Component]:
    """A heading and its choices, any number of them: days, dayparts."""
    return (
        rx.el.h3(title),
        choice_buttons(
            title,
            *(
                choice_button(c.icon, t(c.label), chosen.contains(c.value), F.toggle(field, c.value))
                for c in choices
            ),
            compact=True,
        ),
    )


def _when() -> rx.Component:
    return _step(
        t("Wanneer komt het goed uit?"),
        rx.el.p(t("Kiest u niets? Dan maakt het niet uit.")),
        *_several(t("Dagen"), "days", F.days, DAYS),
        *_several(t("Moment van de dag"), "dayparts", F.dayparts, DAYPARTS),
        rx.el.h3(t("Eén keer of vaker?")),
        choice_buttons(
            t("Eén keer of vaker?"),
            choice_button(
                "calendar-check", t("Eén keer"), ~F.recurring, F.choose("recurring", "nee"), single=True
            ),
            choice_button("repeat", t("Vaker"), F.recurring, F.choose("recurring", "ja"), single=True),
            compact=True,
            single=True,
        ),
    )


def _where() -> rx.Component:
    return _step(
        t("Waar is de hulp nodig?"),
        choice_buttons(
            t("Kies uw wijk of dorp"),
            rx.foreach(
                F.wijken,
                lambda w: choice_button(
                    "map-pin", w["name"], F.wijk == w["id"], F.choose("wijk", w["id"]), single=True
                ),
            ),
            message=t(F.problems["place"]),
            single=True,
            field="place",
        ),
        rx.el.div(
            text_field(
                t("Of typ uw postcode"),
                "postcode",
                auto_complete="postal-code",
                default_value=F.postcode,
                **_kept("postcode"),
            ),
            key=F.postcode_key,
        ),
    )


def _check() -> rx.Component:
    def row(item: rx.Var) -> rx.Component:
        return rx.el.li(
            rx.el.h3(t(item["label"])),
            rx.el.p(rx.cond(item["example"] != "", t(item["text"]), item["text"])),
            rx.cond(item["home"] != "", rx.el.p(t("Hulp aan huis"))),
            class_name="card",
        )

    return _step(
        t("Klopt het zo?"),
        rx.el.p(
            rx.cond(
                F.rows.length() > 1,
                t("Elke soort hulp wordt een eigen hulpvraag. Zo vindt elke vraag de juiste vrijwilliger."),
                t("Kijk of alles klopt. Dan sturen wij uw hulpvraag naar vrijwilligers in de buurt."),
            )
        ),
        rx.cond(
            F.on_behalf,
            rx.el.p(fill(t("Voor {name}"), name=F.caregiver_first_name)),
        ),
        rx.el.ul(
            rx.foreach(F.rows, row),
            rx.el.li(
                rx.el.h3(rx.icon("calendar", size=24, aria_hidden="true"), rx.el.span(t("Wanneer"))),
                rx.el.p(
                    rx.cond(
                        F.when.length() > 0,
                        rx.el.span(  # one flex item: the commas sit against the words
                            rx.foreach(F.when, lambda w, i: rx.fragment(rx.cond(i > 0, ", ", ""), t(w)))
                        ),
                        t("Het maakt niet uit."),
                    )
                ),
                rx.el.p(rx.cond(F.recurring, t("Vaker, niet één keer"), t("Eén keer"))),
                class_name="card",
            ),
            rx.el.li(
                rx.el.h3(rx.icon("map-pin", size=24, aria_hidden="true"), rx.el.span(t("Waar"))),
                rx.el.p(F.place),
                class_name="card",
            ),
            class_name="cards",
        ),
        last=True,
    )


def _form() -> rx.Component:
    steps = (
        (requests.STEP_FOR_WHOM, _for_whom()),
        (requests.STEP_KINDS, _kinds()),
        (requests.STEP_WHEN, _when()),
        (requests.STEP_WHERE, _where()),
        (requests.STEP_CHECK, _check()),
    )
    return rx.el.div(
        rx.match(F.step, *steps, rx.cond(F.kind != "", _text(), rx.fragment())),
        data_step=F.step,
    )


@help_page_at(
    routes.REQUEST_NEW,
    F.load,
    heading=t("Hulp vragen aan een vrijwilliger"),
    guard=Guard(
        F,
        t("Alleen mantelzorgers en medewerkers kunnen hier hulp vragen."),
        sign_in=True,
        note=t("Uw antwoorden blijven bewaard."),
    ),
)
def request_form() -> rx.Component:
    return _form()
