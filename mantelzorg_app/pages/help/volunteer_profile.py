"""Wat ik graag doe at /[hub]/helpen/profiel: a volunteer's kinds of help, places, times, languages.

Every tap and the typed postcode go to the server as they happen, so a reload shows them again."""

import reflex as rx

from components.choices import choice_button, choice_buttons, choice_section, toggles_from
from components.form import submit_button, summary, text_field
from mantelzorg_app import routes
from mantelzorg_app.pages.help.parts import help_page_at
from mantelzorg_app.pages.shape import Guard
from mantelzorg_app.services.help.matching import LANGUAGE_NAMES
from mantelzorg_app.services.help.vocabulary import DAYPARTS, DAYS, HELP_CATEGORIES
from mantelzorg_app.services.help.volunteering import DISTANCES_KM
from mantelzorg_app.services.platform.i18n import N_
from state.help.volunteering import ProfileState as P
from state.ui import fill, t

LANGUAGES = {"nl": N_("Nederlands"), **LANGUAGE_NAMES}


def _toggles(title: rx.Var, name: str, choices, message: rx.Var | None = None, compact=True) -> rx.Component:
    """``choices``: (value, icon, label) tuples; a tap turns one on or off."""
    chosen = getattr(P, name)
    return choice_buttons(
        title,
        *(
            choice_button(icon, label, chosen.contains(value), P.toggle(name, value))
            for value, icon, label in choices
        ),
        message=message,
        compact=compact,
        field=name if message is not None else None,
    )


def _form() -> rx.Component:
    return rx.el.form(
        summary(t("Er is een probleem"), P.problem_list, show=t),
        choice_section(
            t("Wat doet u graag?"),
            _toggles(
                t("Wat doet u graag?"),
                "categories",
                [(c.value, c.icon, t(c.label)) for c in HELP_CATEGORIES],
                t(P.problems["categories"]),
                compact=False,
            ),
        ),
        choice_section(
            t("Waar wilt u helpen?"),
            toggles_from(
                t("Kies wijken of dorpen"),
                P.wijk_choices,
                "map-pin",
                P.wijken,
                lambda value: P.toggle("wijken", value),
                message=t(P.problems["wijken"]),
                field="wijken",
            ),
            text_field(
                t("Of typ uw postcode"),
                "postcode",
                t(P.problems["postcode"]),
                auto_complete="postal-code",
                default_value=P.postcode,
                on_change=P.keep_postcode.debounce(400),
                on_blur=P.keep_postcode,
            ),
            choice_buttons(
                t("Hoe ver wilt u gaan?"),
                *(
                    choice_button(
                        "route",
                        fill(t("{km} km"), km=str(km)),
                        P.max_km == str(km),
                        P.toggle("max_km", str(km)),
                        single=True,
                    )
                    for km in DISTANCES_KM
                ),
                message=t(P.problems["max_km"]),
                compact=True,
                single=True,
                field="max_km",
            ),
        ),
        choice_section(
            t("Wanneer kunt u?"),
            rx.el.p(t("Kiest u niets? Dan maakt het niet uit.")),
            _toggles(t("Dagen"), "days", [(d.value, d.icon, t(d.label)) for d in DAYS]),
            _toggles(t("Moment van de dag"), "dayparts", [(p.value, p.icon, t(p.label)) for p in DAYPARTS]),
        ),
        choice_section(
            t("Welke talen spreekt u?"),
            _toggles(
                t("Welke talen spreekt u?"),
                "languages",
                [(c, "languages", t(n)) for c, n in LANGUAGES.items()],
            ),
        ),
        submit_button("save", t("Opslaan")),
        on_submit=P.save,
        no_validate=True,
    )


@help_page_at(
    routes.VOLUNTEER_PROFILE,
    P.load,
    heading=t("Wat ik graag doe"),
    guard=Guard(P, t("Deze pagina is voor vrijwilligers. Wilt u helpen? Vraag het de coördinator.")),
)
def volunteer_profile() -> rx.Component:
    return _form()
