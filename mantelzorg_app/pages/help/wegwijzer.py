"""The Wegwijzer at /[hub]/hulp: a short first screen, one question per screen, then what fits, with
'Bel mij terug'.

Every question is drawn from the service's data once, so its pictograms are ordinary icons; the state
says which one is on screen. The wrapper's data attributes and the hidden form are for
assets/wegwijzer.js, which keeps the browser's Back and Forward on the questions.
"""

import reflex as rx

from components.choices import choice_button, choice_buttons
from components.controls import link_button, main_button, row_button
from components.form import choice_group, problem, submit_button, summary, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.calendar.come_along import come_along
from mantelzorg_app.pages.category_icons import category_icon
from mantelzorg_app.pages.help.parts import help_page_at
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.services.help import support_lines
from mantelzorg_app.services.help.callbacks import GOOD_TIMES
from mantelzorg_app.services.help.vocabulary import HELP_CATEGORIES
from mantelzorg_app.services.help.wegwijzer import QUESTIONS, Question
from mantelzorg_app.services.platform.i18n import N_
from state.help.wegwijzer import INTRO, RESULT
from state.help.wegwijzer import QuestionnaireState as Q
from state.ui import UiState, fill, t

TIME_ICONS = {"ochtend": "sunrise", "middag": "sun", "avond": "moon", "altijd": "clock"}
# What the self-check means, in warm words; never a clinical label.
BAND_WORDS = {
    "light": N_("Het zorgen gaat nu goed. Toch kan een beetje hulp fijn zijn."),
    "moderate": N_("Het zorgen kost u veel. Hulp kan het wat lichter maken."),
}
HEAVY_WORDS = N_("Het zorgen is nu zwaar voor u. U hoeft het niet alleen te doen.")
INTRO_HEADING = N_("Welke hulp past bij u?")
# The first screen: how long, that it is anonymous, why we ask.
INTRO_LINES = (
    ("clock", N_("Het duurt ongeveer 3 minuten.")),
    ("user-round-x", N_("U hoeft uw naam niet te geven.")),
    ("heart-handshake", N_("Wij vragen dit om hulp te vinden die bij u past.")),
)


def _intro() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("U krijgt een paar korte vragen, één per scherm.")),
        rx.el.ul(
            *(
                rx.el.li(rx.icon(icon, size=28, aria_hidden="true"), rx.el.span(t(line)))
                for icon, line in INTRO_LINES
            ),
            class_name="picked",
        ),
        main_button("arrow-right", t("Beginnen"), Q.begin),
    )


def _start_over() -> rx.Component:
    """'Opnieuw beginnen' asks once before it forgets the answers."""
    ask = rx.el.div(
        rx.el.p(t("Wilt u opnieuw beginnen? Dan wissen wij al uw antwoorden."), id="opnieuw-vraag"),
        rx.el.div(
            row_button(
                "x", t("Nee, ga verder"), Q.keep_answers, auto_focus=True, aria_describedby="opnieuw-vraag"
            ),
            row_button(
                "rotate-ccw", t("Ja, wis mijn antwoorden"), Q.start_over, aria_describedby="opnieuw-vraag"
            ),
            class_name="row-actions",
        ),
        class_name="confirm",
    )
    return rx.cond(Q.confirming, ask, row_button("rotate-ccw", t("Opnieuw beginnen"), Q.ask_start_over))


def _step_nav(first: bool = False) -> rx.Component:
    """Back one step and start again; not on the first question, where there is nothing behind."""
    if first:
        return rx.fragment()
    return rx.el.div(
        # assets/wegwijzer.js turns this into the browser's Back when that goes to the same step.
        row_button("arrow-left", t("Terug"), Q.back, data_wegwijzer_terug=""),
        _start_over(),
        class_name="step-nav",
        data_noread="",
    )


def _answer(value: str | rx.Var, icon: str, label: rx.Var, single: bool) -> rx.Component:
    return choice_button(icon, label, Q.chosen.contains(value), Q.choose(value), single=single)


def _place() -> rx.Component:
    return rx.fragment(
        choice_buttons(
            t("Kies uw wijk of dorp"),
            rx.foreach(Q.wijken, lambda w: _answer(w["value"], "map-pin", w["name"], single=True)),
            single=True,
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
        single = question.kind == "one"  # one answer: a radio group; several: toggle buttons
        answers = choice_buttons(
            t(question.text),
            *(_answer(c.value, c.icon, t(c.label), single) for c in question.choices),
            single=single,
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
        summary(t("Er is een probleem"), Q.problem_list, show=t),
        rx.cond(Q.refused != "", problem(t(Q.refused), "terugbellen")),  # a limit: wait or call
        text_field(
            t("Uw telefoonnummer"),
            "phone",
            t(Q.problems["phone"]),
            type="tel",
            input_mode="tel",
            auto_complete="tel",
            default_value=Q.phone,
            # kept on the server as it is typed, so a reload shows it again
            on_change=Q.keep_phone.debounce(400),
            on_blur=Q.keep_phone,
        ),
        text_field(
            t("Uw voornaam (als u wilt)"),
            "name",
            auto_complete="given-name",
            default_value=Q.name,
            on_change=Q.keep_name.debounce(400),
            on_blur=Q.keep_name,
        ),
        choice_group(
            t("Wanneer kunnen wij u het beste bellen?"), "good_time", times, t(Q.problems["good_time"])
        ),
        submit_button("phone", t("Bel mij terug")),
        on_submit=Q.ask_callback,
        no_validate=True,
    )
    thanks = rx.el.div(
        rx.el.p(t("Dank u wel. Wij bellen u terug.")),
        rx.el.p(Q.promise[UiState.lang]),
        rx.el.p(fill(t("Wij bellen naar {phone}."), phone=Q.phone)),
        role="status",
        class_name="done",
    )
    return rx.el.section(
        rx.el.h2(rx.icon("phone", size=28, aria_hidden="true"), rx.el.span(t("Bel mij terug"))),
        rx.cond(Q.asked, thanks, rx.fragment(rx.el.p(intro), rx.el.p(Q.promise[UiState.lang]), form)),
        class_name="callback",
    )


def _tel(number: rx.Var, href: rx.Var) -> rx.Component:
    """A number to tap to call: the pictogram and the number as people write it."""
    return rx.el.a(
        rx.icon("phone", size=24, aria_hidden="true"), rx.el.span(number), href=href, class_name="tel"
    )


def _call_now() -> rx.Component:
    """The hub's own number, for who would rather not wait."""
    return rx.cond(
        Q.hub_phone_href != "",
        rx.fragment(rx.el.p(t(support_lines.CALL_NOW)), rx.el.p(_tel(Q.hub_phone, Q.hub_phone_href))),
    )


def _talk() -> rx.Component:
    """After "Vaak" on "ik kan het niet meer aan": the huisarts and the national line, calmly."""
    return rx.cond(
        Q.urgent,
        rx.el.section(
            rx.el.h2(t(support_lines.TALK_HEADING)),
            rx.el.p(t(support_lines.HUISARTS)),
            rx.cond(
                Q.line_href != "",
                rx.fragment(rx.el.p(Q.line_text[UiState.lang]), rx.el.p(_tel(Q.line_number, Q.line_href))),
            ),
        ),
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


def _fitting_service(row: rx.Var) -> rx.Component:
    """A service of the sociale kaart that fits: its pictogram and name (the link to its card), its
    one line, and its number to tap."""
    return rx.el.li(
        rx.el.h3(
            rx.el.a(
                category_icon(row["category"], size=28),
                rx.el.span(row["name"]),
                href=hub_href(f"{routes.DIRECTORY}/") + row["id"],
            ),
            class_name="card-title",
        ),
        rx.cond(row["summary"] != "", rx.el.p(row["summary"])),
        rx.cond(row["tel"] != "", rx.el.p(_tel(fill(t("Bel {phone}"), phone=row["phone"]), row["tel"]))),
        class_name="card",
    )


def _fitting() -> rx.Component:
    """ "Dit kan ook helpen": two or three services of the sociale kaart that fit the answers."""
    return rx.cond(
        Q.services.length() > 0,
        rx.el.section(
            rx.el.h2(t("Dit kan ook helpen")),
            rx.el.ul(rx.foreach(Q.services, _fitting_service), class_name="cards"),
        ),
    )


def _advice() -> rx.Component:
    return rx.cond(
        Q.band == "heavy",
        rx.fragment(
            _callback(t(HEAVY_WORDS)),
            _call_now(),
            _talk(),
            _chosen_help(),
            _fitting(),
            come_along(Q.coming),
        ),
        rx.fragment(
            rx.el.p(rx.match(Q.band, *((band, t(words)) for band, words in BAND_WORDS.items()), "")),
            _chosen_help(),
            _fitting(),
            come_along(Q.coming),
            _callback(t("Wilt u liever even met iemand praten? Laat uw nummer achter. Wij bellen u terug.")),
            _call_now(),
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
    question = rx.match(Q.key, *((q.key, t(q.text)) for q in QUESTIONS), result)
    return rx.cond(Q.intro, t(INTRO_HEADING), question)


def _history() -> rx.Component:
    """What assets/wegwijzer.js submits on the browser's Back or Forward: the step to open."""
    return rx.el.form(
        rx.el.input(type="hidden", name="step", id="wegwijzer-stap"),
        id="wegwijzer-ga",
        on_submit=Q.go_to,
        hidden=True,
    )


def _title() -> rx.Var:
    """The page's part of its <title>: "Vraag 3 van 14" on a question, else the heading."""
    step = fill(t("Vraag {number} van {total}"), number=Q.position.to_string(), total=Q.total.to_string())
    return rx.cond(Q.intro | (Q.key == ""), _heading(), step)


@help_page_at(routes.HELP, Q.load, heading=_heading(), title=_title())
def questionnaire() -> rx.Component:
    # A new data-step takes the phone back to the top, with the screen reader (assets/app.js), and
    # gets its own entry in the browser's history (assets/wegwijzer.js).
    return rx.el.div(
        rx.cond(
            Q.intro,
            _intro(),
            rx.match(Q.key, *((q.key, _question(q, i == 0)) for i, q in enumerate(QUESTIONS)), _result()),
        ),
        _history(),
        id="wegwijzer",
        data_step=rx.cond(Q.intro, INTRO, rx.cond(Q.key != "", Q.key, RESULT)),
        data_position=Q.position.to_string(),
        data_before=Q.before,
        data_moves=Q.moves.to_string(),
        data_loaded=rx.cond(rx.State.is_hydrated, "true", "false"),
    )
