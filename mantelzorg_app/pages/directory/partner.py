"""Mijn organisatie at /[hub]/mijn-organisatie: a professional keeps their organisation's entries.

The list of the organisation's services with "Wijzigen", "Nieuwe dienst", and what waits for the
coordinator; the form (GOV.UK style: a label and a hint a field, the error summary at the top, the
problem above its field, everything kept as typed on the server); a plain thanks after sending.
Nothing shows on the sociale kaart before the coordinator approves it.
"""

import reflex as rx

from components.choices import choice_button, choice_buttons, toggles_from
from components.controls import main_button, row_button
from components.form import problem, submit_button, summary
from mantelzorg_app import routes
from mantelzorg_app.pages.category_icons import named_icon
from mantelzorg_app.pages.shape import Guard, hub_page_at
from mantelzorg_app.services.directory import edits, rules
from mantelzorg_app.services.directory.taxonomy import CATEGORIES
from state.directory.partner import FORM, LIST, SENT
from state.directory.partner import PartnerState as P
from state.hub import HubState
from state.ui import UiState, fill, t

TYPED_DELAY_MS = 600  # a typed value goes to the server this long after the last key
LONG = ("description", "application_process", "fees_description", "eligibility_description")
HINTS = {
    "name": t("Zoals mensen u kennen. Bijvoorbeeld: Wijkverpleging Centrum."),
    "summary": t("Eén korte zin. Die staat in de lijst van de sociale kaart."),
    "description": t("In gewone woorden en korte zinnen."),
    "application_process": t(
        "Bijvoorbeeld: U krijgt een medewerker aan de telefoon. Die maakt een afspraak."
    ),
    "fees_description": t("Bijvoorbeeld: Het is gratis. Of: De zorgverzekering betaalt het."),
    "eligibility_description": t("Bijvoorbeeld: Voor iedereen die voor een ander zorgt."),
    "phone": t("Het nummer dat mensen kunnen bellen. Bijvoorbeeld: 033 123 45 67."),
    "url": t("Bijvoorbeeld: www.voorbeeld.nl"),
    "location_name": t("Bijvoorbeeld: Buurthuis De Brink."),
    "postal_code": t("Alleen de postcode, zonder de plaats."),
}
INPUTS = {
    "phone": {"type": "tel", "auto_complete": "off"},
    "email": {"type": "email", "auto_complete": "off"},
    "url": {"type": "text", "input_mode": "url", "auto_complete": "off"},
    "postal_code": {"auto_complete": "off"},
}


# The most characters of each typed field, for a problem that says "no more than {most}".
MOST = {
    **{name: str(most) for name, most in edits.LIMITS.items()},
    **dict.fromkeys(edits.HOURS_FIELDS, str(edits.HOURS_MAX)),
}


def _words(message: rx.Var, field: str | rx.Var = "") -> rx.Var:
    """A problem's words in the reader's language, with the hub's name where it says {hub} and the
    field's length where it says {most} (``field``: its name, or a Var holding it)."""
    most = rx.Var.create(MOST)[field] if isinstance(field, rx.Var) else MOST.get(field, "")
    return fill(t(message), hub=HubState.name, most=most)


def _kept(name: str) -> dict:
    """Typing is kept on the server as it happens: on blur, and a moment after the last key."""
    return {"on_blur": P.keep(name), "on_change": P.keep(name).debounce(TYPED_DELAY_MS)}


def _field(name: str, label: rx.Var, hint: rx.Var | None = None) -> rx.Component:
    """A labelled field with its hint, its problem above it, and what was typed."""
    message = P.problems[name]
    described = f"{name}-hint " if hint is not None else ""
    control = rx.el.textarea if name in LONG else rx.el.input
    size = {"rows": 3} if name in LONG else {}
    limit = edits.LIMITS.get(name, edits.HOURS_MAX)
    return rx.el.div(
        rx.el.label(label, html_for=name),
        rx.el.p(hint, id=f"{name}-hint", class_name="hint") if hint is not None else rx.fragment(),
        rx.cond(message != "", problem(_words(message, name), name)),
        control(
            id=name,
            name=name,
            default_value=P.values[name],
            max_length=limit,
            aria_invalid=rx.cond(message != "", "true", "false"),
            aria_describedby=rx.cond(message != "", f"{described}{name}-probleem", described.strip()),
            class_name="field",
            **{**INPUTS.get(name, {}), **size, **_kept(name)},
        ),
        class_name="field-group",
    )


def _chooser() -> rx.Component:
    """The coordinator's choice of organisation."""
    return rx.el.div(
        rx.el.label(t("Van welke organisatie?"), html_for="organisatie"),
        rx.el.select(
            rx.foreach(P.organizations, lambda o: rx.el.option(o["name"], value=o["id"])),
            id="organisatie",
            value=P.organization,
            on_change=P.choose,
            class_name="field",
        ),
        class_name="field-group",
    )


def _service_card(service: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h3(named_icon(service["icon"], "info"), rx.el.span(service["name"])),
        rx.el.p(service["summary"]),
        rx.cond(
            service["waiting"] != "",
            rx.el.p(
                rx.icon("hourglass", size=24, aria_hidden="true"),
                rx.el.span(t("Er wacht een wijziging op de coördinator.")),
                class_name="status",
            ),
        ),
        rx.el.div(row_button("pencil", t("Wijzigen"), P.edit(service["id"])), class_name="row-actions"),
        class_name="card",
    )


def _pending_card(edit: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h3(rx.icon("hourglass", size=24, aria_hidden="true"), rx.el.span(edit["name"])),
        rx.el.p(rx.cond(edit["new"] != "", t("Nieuwe dienst"), t("Wijziging van een dienst"))),
        rx.el.p(
            fill(t("Verstuurd: {when}"), when=P.pending_when[edit["id"]][UiState.lang]), class_name="when"
        ),
        rx.cond(
            edit["mine"] != "",
            rx.el.div(
                row_button("pencil", t("Wijzigen"), P.edit_waiting(edit["id"])), class_name="row-actions"
            ),
        ),
        class_name="card",
    )


def _list() -> rx.Component:
    return rx.fragment(
        rx.cond(P.organizations.length() > 1, _chooser()),
        rx.el.h2(P.organization_name),
        rx.el.p(t("Zo staat uw organisatie op de sociale kaart. Klopt er iets niet? Tik op Wijzigen.")),
        rx.el.p(t("De coördinator kijkt naar elke wijziging. Daarna staat die op de sociale kaart.")),
        rx.cond(
            P.services.length() > 0,
            rx.el.ul(rx.foreach(P.services, _service_card), class_name="cards"),
            rx.el.p(t("Uw organisatie heeft nog geen diensten op de sociale kaart.")),
        ),
        main_button("plus", t("Nieuwe dienst"), P.new_service),
        rx.cond(
            P.pending.length() > 0,
            rx.el.section(
                rx.el.h2(t("Wacht op de coördinator"), id="wacht"),
                rx.el.ul(rx.foreach(P.pending, _pending_card), class_name="cards"),
                aria_labelledby="wacht",
            ),
        ),
    )


def _group(title: rx.Var, *children: rx.Component, hint: rx.Var | None = None) -> rx.Component:
    return rx.el.section(
        rx.el.h3(title),
        rx.el.p(hint, class_name="hint") if hint is not None else rx.fragment(),
        *children,
        class_name="form-part",
    )


def _toggles(name: str, items: rx.Var, icon: str, **choices) -> rx.Component:
    """The list field ``name`` (area, languages) as toggle buttons, its problem above them."""
    return toggles_from(
        t(edits.LABELS[name]),
        items,
        icon,
        getattr(P, name),
        lambda value: P.toggle(name, value),
        message=_words(P.problems[name]),
        field=name,
        **choices,
    )


def _form() -> rx.Component:
    send_problem = P.problems["send"]
    return rx.el.form(
        summary(
            t("Er is een probleem"), P.problem_list, show_item=lambda p: _words(p["message"], p["field"])
        ),
        rx.el.h2(rx.cond(P.editing != "", fill(t("{name} wijzigen"), name=P.editing), t("Nieuwe dienst"))),
        rx.el.p(t("Wat u stuurt, bekijkt de coördinator eerst. Daarna staat het op de sociale kaart.")),
        rx.cond(
            P.replacing,
            rx.el.p(
                t("U heeft al een wijziging gestuurd. Wat u nu stuurt, komt daarvoor in de plaats."),
                class_name="notice",
            ),
        ),
        _group(
            t("Wat u doet"),
            rx.el.p(t(edits.LABELS["category"]), class_name="field-label"),
            choice_buttons(
                t(edits.LABELS["category"]),
                *(
                    choice_button(
                        c.icon, t(c.label), P.category == c.value, P.choose_category(c.value), single=True
                    )
                    for c in CATEGORIES
                ),
                message=_words(P.problems["category"]),
                single=True,
                field="category",
            ),
            *(_field(name, t(edits.LABELS[name]), HINTS.get(name)) for name in ("name", "summary", *LONG)),
        ),
        _group(
            t("Zo bereiken mensen u"),
            *(_field(name, t(edits.LABELS[name]), HINTS.get(name)) for name in ("phone", "email", "url")),
            hint=t("Vul er minstens één in."),
        ),
        _group(
            t("Adres"),
            *(
                _field(name, t(edits.LABELS[name]), HINTS.get(name))
                for name in ("location_name", "address_1", "postal_code", "city")
            ),
            hint=t("Komt u bij mensen thuis, of helpt u alleen aan de telefoon? Laat het adres dan leeg."),
        ),
        _group(
            t("Openingstijden"),
            *(
                _field(f"hours_{day}", rx.Var.create(rules.day_names(day))[UiState.lang])
                for day in edits.DAYS
            ),
            rx.cond(
                P.other_hours, rx.el.p(t("Andere tijden, zoals één keer per maand, blijven zoals ze zijn."))
            ),
            hint=t(
                "Typ de tijden zo: 9.00-17.00. Twee keer op een dag? Typ: 9.00-12.00, 13.00-17.00. "
                "Dicht? Laat het leeg."
            ),
        ),
        _group(
            t(edits.LABELS["area"]),
            _toggles("area", P.wijken, "map-pin"),
            hint=fill(t("Kiest u niets? Dan is het voor heel {hub}."), hub=HubState.name),
        ),
        _group(
            t(edits.LABELS["languages"]),
            _toggles(
                "languages", P.language_choices, "languages", key="code", word=lambda c: c[UiState.lang]
            ),
            hint=t("In welke talen kunnen mensen bij u terecht?"),
        ),
        rx.cond(send_problem != "", problem(_words(send_problem), "send")),
        submit_button("send", t("Versturen naar de coördinator"), id="send"),
        rx.el.div(row_button("arrow-left", t("Terug"), P.back), class_name="step-nav", data_noread=""),
        on_submit=P.send,
        no_validate=True,
        class_name="partner-form",
        key=P.form_key.to_string(),
    )


def _sent() -> rx.Component:
    return rx.fragment(
        rx.el.div(
            rx.el.h2(
                rx.icon("circle-check", size=28, aria_hidden="true"), rx.el.span(t("Verstuurd. Dank u wel!"))
            ),
            rx.el.p(t("De coördinator kijkt ernaar. Pas daarna staat het op de sociale kaart.")),
            rx.el.p(t("U krijgt een mail als het op de sociale kaart staat.")),
            role="status",
            class_name="card partner-sent",
        ),
        main_button("arrow-left", t("Terug naar mijn organisatie"), P.back),
    )


def _no_organisation() -> rx.Component:
    return rx.fragment(
        rx.el.p(t("U hoort nog niet bij een organisatie op de sociale kaart.")),
        rx.el.p(t("Vraag de coördinator om u aan uw organisatie te koppelen.")),
    )


@hub_page_at(
    routes.PARTNER,
    P.load,
    heading=t("Mijn organisatie"),
    guard=Guard(
        P,
        t("Deze pagina is voor medewerkers van organisaties op de sociale kaart."),
        sign_in=True,
    ),
)
def partner() -> rx.Component:
    return rx.el.div(
        rx.match(P.screen, (LIST, _list()), (FORM, _form()), (SENT, _sent()), _no_organisation()),
        data_step=P.screen,
    )
