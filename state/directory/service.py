"""One service's card at /[hub]/sociale-kaart/[dienst]: what they do, what happens when you call,
what it costs, who it is for, when they are open, where, and how to reach them.

Public: no sign-in. "Stel een vraag" shows when someone of the service's organisation is in the app
to answer (``sharing.askable``); a visitor is asked to sign in first, a signed-in person taps it and
is in the conversation with that organisation. The id in the address is the browser's word:
``entries.one`` finds it only in the hub the server looked up, so another hub's id or any junk
reads "Deze dienst kennen wij niet".
The card's plain facts are one dict of strings; what is said in words comes in every language at
once (``{lang: text}``), so switching the language needs no trip to the server.
"""

from urllib.parse import quote_plus

import reflex as rx

from mantelzorg_app import routes
from mantelzorg_app.models import Hub, Role
from mantelzorg_app.services.chat import conversations, sharing
from mantelzorg_app.services.directory import entries, opening_hours, rules
from mantelzorg_app.services.directory.rules import web_link
from mantelzorg_app.services.directory.taxonomy import BY_VALUE
from mantelzorg_app.services.help.support_lines import tel_href
from mantelzorg_app.services.identity.authz import Refused
from mantelzorg_app.services.platform import i18n
from mantelzorg_app.services.platform.i18n import N_
from state.auth import current_actor, now, require
from state.client import page_argument
from state.hub import HubState, hub_id_of

GONE = ("inactive", "defunct")  # HSDS statuses the public no longer sees
CLOSED_FOR_NOW = "temporarily closed"
SPEAKS = N_("Zij spreken {languages}.")


def map_href(address: str) -> str:
    """A link that opens the address in the phone's map app. Google's "Maps URLs" need no API key
    and are made to work everywhere: on Android and iPhone the Maps app opens when it is there, else
    the map in the browser. (``geo:`` does nothing in Safari on an iPhone; ``maps.apple.com`` is not
    sure to open a map on Android.) Only the service's public address goes in it, never a person's."""
    return f"https://www.google.com/maps/search/?api=1&query={quote_plus(address)}" if address else ""


def languages_all(codes: str) -> dict[str, str]:
    """ "nl en tr" as "Zij spreken Nederlands, Engels en Turks." in every language; {} for none."""
    known = [code for code in codes.split() if code.isalpha()]
    if not known:
        return {}
    said = {}
    for lang in i18n.LANGUAGES:
        listed = opening_hours.listed([rules.language_name(code, lang) for code in known], lang)
        said[lang] = i18n.gettext(lang, SPEAKS, languages=listed)
    return said


class ServiceState(rx.State):
    loaded: bool = False
    known: bool = False
    # The card's plain facts, as strings ("" where the entry has none): name, summary, category
    # (its label, a catalogue id), topic (its value) and icon, informal ("ja"), closed ("ja" while
    # temporarily closed), description, application, fees, eligibility, location, address,
    # map_href, phone, tel_href, website, website_href, email, email_href, organization.
    card: dict[str, str] = {}
    now_line: dict[str, str] = {}  # by language: "Nu open tot 17.00 uur"
    week: dict[str, list[str]] = {}  # by language: "Maandag tot en met vrijdag: 9.00 tot 17.00 uur"
    languages: dict[str, str] = {}  # by language: "Zij spreken Nederlands en Engels."
    checked: dict[str, str] = {}  # by language: "Laatst gecontroleerd op 3 november 2026"
    askable: bool = False  # "Stel een vraag": someone of the organisation answers, the viewer is not of it
    signed_in: bool = False
    _service_id: int | None = None  # the service shown, as the server found it (for "Stel een vraag")
    _organization_id: int | None = None

    @rx.event
    async def load(self):
        hub_id = await hub_id_of(self)
        raw = page_argument(self, "dienst")
        # Plain ASCII digits of a size an id has: "١٢" and 40 nines are junk too (entries.one takes
        # any str.isdigit(), which int() reads as 12, and a number too big for the database).
        raw = raw if raw.isascii() and raw.isdigit() and len(raw) <= 12 else ""
        card, moment = {}, now()
        now_line, week, languages, checked = {}, {}, {}, {}
        actor = await current_actor(self)
        askable, service_id, organization_id = False, None, None
        with rx.session() as session:
            service = entries.one(session, hub_id, raw) if hub_id is not None and raw else None
            if service is not None and service.status not in GONE:
                organization = entries.organization_of(session, service)
                schedules = entries.schedules_of(session, service.id)
                zone = session.get(Hub, hub_id).timezone
                card = self._card(service, organization)
                closed = card["closed"] == "ja"
                now_line = {} if closed else opening_hours.now_in_words_all(schedules, zone, moment)
                week = opening_hours.week_in_words_all(schedules)
                languages = languages_all(service.languages)
                checked = opening_hours.checked_in_words_all(service.checked_on)
                service_id, organization_id = service.id, organization.id
                askable = sharing.askable(session, hub_id, actor, organization.id)
        self.card, self.now_line, self.week = card, now_line, week
        self.languages, self.checked = languages, checked
        self.known, self.loaded = bool(card), True
        self._service_id, self._organization_id = service_id, organization_id
        self.askable, self.signed_in = askable, bool(actor and actor.roles)

    @rx.event
    async def ask(self):
        """ "Stel een vraag": on to the signed-in person's conversation with the service's
        organisation (made on the first tap; services.chat checks the hub and who answers)."""
        actor = await require(self, "ask-organisation", *Role)  # any role: a person of this hub
        if actor is None or self._organization_id is None:
            return None
        with rx.session() as session:
            try:
                conversation = conversations.ask_organisation(
                    session, actor, self._organization_id, self._service_id, now()
                )
            except Refused:
                return None
            session.commit()
            conversation_id = conversation.id
        slug = (await self.get_state(HubState))._slug
        return rx.redirect(f"/{slug}/{routes.conversation_part(conversation_id)}")

    @staticmethod
    def _card(service, organization) -> dict[str, str]:
        category = BY_VALUE.get(service.category)
        address = ", ".join(
            part for part in (service.address_1, f"{service.postal_code} {service.city}".strip()) if part
        )
        email = rules.email(service.email or organization.email) or ""
        website, website_href = web_link(service.url or organization.website)
        return {
            "id": str(service.id),
            "name": service.name,
            "summary": service.summary,
            "topic": service.category,
            "category": category.label if category else "",
            "icon": category.icon if category else "map-pin",
            "informal": "ja" if organization.informal else "",
            "closed": "ja" if service.status == CLOSED_FOR_NOW else "",
            "description": service.description,
            "application": service.application_process,
            "fees": service.fees_description,
            "eligibility": service.eligibility_description,
            "location": service.location_name,
            "address": address,
            "map_href": map_href(address),
            "phone": service.phone,
            "tel_href": tel_href(service.phone),
            "website": website,
            "website_href": website_href,
            "email": email,
            "email_href": f"mailto:{email}" if email else "",
            "organization": organization.name,
        }
