"""A new help request at /[hub]/hulpvragen/nieuw: choose, don't write. Filled in from the Wegwijzer."""

import reflex as rx

from components.choices import choice_button, choice_buttons, choice_section
from components.form import checkbox, submit_button, summary, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.help.parts import help_page_at
from mantelzorg_app.pages.shape import Guard
from mantelzorg_app.services.help.requests import EXAMPLES
from mantelzorg_app.services.help.vocabulary import DAYPARTS, DAYS, HELP_CATEGORIES
from state.help.request_form import RequestFormState as F
from state.ui import t


def _on_behalf() -> rx.Component:
    return choice_section(
        t("Voor wie vraagt u hulp?"),
        text_field(
            t("Voornaam van de mantelzorger"),
            "caregiver_first_name",
            t(F.problems["caregiver_first_name"]),
            auto_complete="off",
        ),
        text_field(
            t("E-mailadres van de mantelzorger"),
            "caregiver_email",
            t(F.problems["caregiver_email"]),
            type="email",
            auto_complete="off",
        ),
        checkbox(
            t("De mantelzorger vindt het goed dat ik deze hulpvraag plaats."),
            "consent",
            t(F.problems["consent"]),
        ),
    )


def _examples() -> rx.Component:
    def sentences(category: str) -> rx.Component:
        return rx.fragment(
            *(
                choice_button("quote", t(text), F.example == i, F.choose("example", str(i)))
                for i, text in enumerate(EXAMPLES[category])
            )
        )

    return choice_section(
        t("Wat wilt u vragen?"),
        rx.el.p(t("Kies een zin. Of schrijf het zelf.")),
        choice_buttons(
            t("Wat wilt u vragen?"),
            rx.match(F.category, *((c, sentences(c)) for c in EXAMPLES), rx.fragment()),
            choice_button("pencil", t("Ik schrijf het zelf"), F.example == -1, F.choose("example", "-1")),
            message=t(F.problems["text"]),
        ),
        rx.cond(
            F.example == -1,
            rx.el.div(
                rx.el.label(t("Uw eigen woorden"), html_for="text"),
                rx.el.textarea(id="text", name="text", default_value=F.text, rows=3, class_name="field"),
                class_name="field-group",
            ),
        ),
    )


def _form() -> rx.Component:
    return rx.el.form(
        summary(t("Er ontbreekt nog iets:"), F.problem_list, show=t),
        rx.cond(F.on_behalf, _on_behalf()),
        choice_section(
            t("Welke hulp zoekt u?"),
            choice_buttons(
                t("Welke hulp zoekt u?"),
                *(
                    choice_button(c.icon, t(c.label), F.category == c.value, F.choose("category", c.value))
                    for c in HELP_CATEGORIES
                ),
                message=t(F.problems["category"]),
            ),
        ),
        rx.cond(F.category != "", _examples()),
        choice_section(
            t("Waar?"),
            choice_buttons(
                t("Kies uw wijk of dorp"),
                rx.foreach(
                    F.wijken,
                    lambda w: choice_button(
                        "map-pin", w["name"], F.wijk == w["id"], F.choose("wijk", w["id"])
                    ),
                ),
                message=t(F.problems["place"]),
            ),
            text_field(
                t("Of typ uw postcode"), "postcode", auto_complete="postal-code", default_value=F.postcode
            ),
        ),
        choice_section(
            t("Wanneer komt het goed uit?"),
            rx.el.p(t("Kiest u niets? Dan maakt het niet uit.")),
            choice_buttons(
                t("Dagen"),
                *(
                    choice_button(d.icon, t(d.label), F.days.contains(d.value), F.toggle("days", d.value))
                    for d in DAYS
                ),
                compact=True,
            ),
            choice_buttons(
                t("Moment van de dag"),
                *(
                    choice_button(
                        p.icon, t(p.label), F.dayparts.contains(p.value), F.toggle("dayparts", p.value)
                    )
                    for p in DAYPARTS
                ),
                compact=True,
            ),
        ),
        choice_section(
            t("Eén keer of vaker?"),
            choice_buttons(
                t("Eén keer of vaker?"),
                choice_button("calendar-check", t("Eén keer"), ~F.recurring, F.choose("recurring", "nee")),
                choice_button("repeat", t("Vaker"), F.recurring, F.choose("recurring", "ja")),
                compact=True,
            ),
        ),
        choice_section(
            t("Komt de vrijwilliger bij u thuis?"),
            rx.el.p(t("Bij u thuis komen alleen vrijwilligers die de coördinator heeft gecontroleerd.")),
            choice_buttons(
                t("Komt de vrijwilliger bij u thuis?"),
                choice_button("house", t("Ja"), F.home_visit, F.choose("home_visit", "ja")),
                choice_button("x", t("Nee"), ~F.home_visit, F.choose("home_visit", "nee")),
                compact=True,
            ),
        ),
        submit_button("send", t("Vraag hulp")),
        on_submit=F.submit,
        no_validate=True,
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
