"""The Wegwijzer at /[hub]/hulp: one question per screen, then what fits, with 'Bel mij terug'.

Every question is drawn from the service's data once, so its pictograms are ordinary icons; the state
says which one is on screen.
"""

import reflex as rx

from components.choices import choice_button
from components.controls import link_button, row_button
from components.form import choice_group, problem, submit_button, summary, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.help.parts import help_page_at
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.services.help.callbacks import GOOD_TIMES
from mantelzorg_app.services.help.vocabulary import HELP_CATEGORIES
from mantelzorg_app.services.help.wegwijzer import QUESTIONS, Question
from mantelzorg_app.services.platform.i18n import N_
from state.help.wegwijzer import QuestionnaireState as Q
from state.ui import fill, t

TIME_ICONS = {"ochtend": "sunrise", "middag": "sun", "avond": "moon", "altijd": "clock"}
# What the self-check means, in warm words; never a clinical label.
BAND_WORDS = {
    "light": N_("Het zorgen gaat nu goed. Toch kan een beetje hulp fijn zijn."),
    "moderate": N_("Het zorgen kost u veel. Hulp kan het wat lichter maken."),
}
HEAVY_WORDS = N_("Het zorgen is nu zwaar voor u. U hoeft het niet alleen te doen.")


def _step_nav(first: bool = False) -> rx.Component:
    """Back one step and start again; not on the first question, where there is nothing behind."""
    if first:
        return rx.fragment()
    return rx.el.div(
        row_button("arrow-left", t("Terug"), Q.back),
        row_button("rotate-ccw", t("Opnieuw beginnen"), Q.start_over),
        class_name="step-nav",
        data_noread="",
    )


def _answer(value: str | rx.Var, icon: str, label: rx.Var) -> rx.Component:
    return choice_button(icon, label, Q.chosen.contains(value), Q.choose(value))


def _place() -> rx.Component:
    return rx.fragment(
        rx.el.div(
            rx.foreach(Q.wijken, lambda w: _answer(w["value"], "map-pin", w["name"])),
            role="group",
            aria_label=t("Kies uw wijk of dorp"),
            class_name="answers",
        ),
        rx.el.form(
            text_field(
                t("Of typ uw postcode"),
                "postcode",
                t(Q.postcode_problem),
                auto_complete="postal-code",
                default_value=Q.postcode,
            ),
            submit_button("arrow-right", t("Verder")),
            on_submit=Q.use_postcode,
            no_validate=True,
        ),
    )


def _question(question: Question, first: bool) -> rx.Component:
    if question.kind == "place":
        answers = _place()
    else:
        answers = rx.el.div(
            *(_answer(c.value, c.icon, t(c.label)) for c in question.choices),
            role="group",
            aria_label=t(question.text),
            class_name="answers",
        )
    return rx.el.div(
        rx.el.p(
            fill(t("Vraag {number} van {total}"), number=Q.position.to_string(), total=Q.total.to_string()),
            class_name="progress",
        ),
        rx.el.p(t(question.help)) if question.help else rx.fragment(),
        answers,
        rx.el.button(
            rx.icon("arrow-right", size=24, aria_hidden="true"),
            rx.el.span(t("Verder")),
            type="button",
            on_click=Q.go_on,
            class_name="main-action",
        )
        if question.kind == "many"
        else rx.fragment(),
        _step_nav(first),
    )


def _callback(intro: rx.Var) -> rx.Component:
    times = [(value, TIME_ICONS[value], t(label)) for value, label in GOOD_TIMES.items()]
    form = rx.el.form(
        summary(t("Er ontbreekt nog iets:"), Q.problem_list, show=t),
        rx.cond(Q.refused != "", problem(t(Q.refused), "terugbellen")),  # a limit: wait or call
        text_field(
            t("Uw telefoonnummer"),
            "phone",
            t(Q.problems["phone"]),
            type="tel",
            input_mode="tel",
            auto_complete="tel",
            default_value=Q.phone,
        ),
        choice_group(
            t("Wanneer kunnen wij u het beste bellen?"), "good_time", times, t(Q.problems["good_time"])
        ),
        submit_button("phone", t("Bel mij terug")),
        on_submit=Q.ask_callback,
        no_validate=True,
    )
    thanks = rx.el.div(
        rx.el.p(t("Dank u wel. Wij bellen u zo snel mogelijk terug.")),
        rx.el.p(fill(t("Wij bellen naar {phone}."), phone=Q.phone)),
        role="status",
        class_name="done",
    )
    return rx.el.section(
        rx.el.h2(rx.icon("phone", size=28, aria_hidden="true"), rx.el.span(t("Bel mij terug"))),
        rx.cond(Q.asked, thanks, rx.fragment(rx.el.p(intro), form)),
        class_name="callback",
    )


def _chosen_help() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Hulp die u zou willen")),
        rx.cond(
            Q.categories.length() > 0,
            rx.el.ul(
                *(
                    rx.cond(
                        Q.categories.contains(c.value),
                        rx.el.li(rx.icon(c.icon, size=28, aria_hidden="true"), rx.el.span(t(c.label))),
                    )
                    for c in HELP_CATEGORIES
                ),
                class_name="picked",
            ),
            rx.el.p(t("U koos geen hulp. Dat mag ook.")),
        ),
        rx.cond(
            Q.categories.length() > 0,
            rx.fragment(
                rx.el.p(t("Een vrijwilliger uit de buurt kan u hiermee helpen. Het is gratis.")),
                link_button("hand-helping", t("Vraag een vrijwilliger"), hub_href(routes.REQUEST_NEW)),
            ),
        ),
    )


def _advice() -> rx.Component:
    return rx.cond(
        Q.band == "heavy",
        rx.fragment(
            _callback(t(HEAVY_WORDS)),
            _chosen_help(),
        ),
        rx.fragment(
            rx.el.p(rx.match(Q.band, *((band, t(words)) for band, words in BAND_WORDS.items()), "")),
            _chosen_help(),
            _callback(t("Wilt u liever even met iemand praten? Laat uw nummer achter. Wij bellen u terug.")),
        ),
    )


def _not_caring() -> rx.Component:
    return rx.fragment(
        rx.el.p(t("U zorgt nu niet voor iemand. Dan zijn de andere vragen niet voor u.")),
        rx.el.p(
            t("Kent u iemand die voor een ander zorgt? Vertel over deze plek. Hier vindt die persoon hulp.")
        ),
        rx.el.p(t("Wilt u zelf helpen? Meld u aan als vrijwilliger.")),
        link_button("hand-helping", t("Ik wil helpen"), hub_href(routes.SIGN_IN)),
    )


def _result() -> rx.Component:
    return rx.el.div(rx.cond(Q.cares == "nee", _not_caring(), _advice()), _step_nav())


def _heading() -> rx.Var:
    result = rx.cond(Q.cares == "nee", t("Dank u wel"), t("Wat past bij u"))
    return rx.match(Q.key, *((q.key, t(q.text)) for q in QUESTIONS), result)


@help_page_at(routes.HELP, Q.load, heading=_heading())
def questionnaire() -> rx.Component:
    # A new data-step takes the phone back to the top, with the screen reader (assets/app.js).
    return rx.el.div(
        rx.match(Q.key, *((q.key, _question(q, i == 0)) for i, q in enumerate(QUESTIONS)), _result()),
        data_step=Q.key,
    )
