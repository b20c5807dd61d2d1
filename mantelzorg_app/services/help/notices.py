"""Mails that tell people something happened, so nobody has to keep looking in the app:

- a volunteer offers help: the caregiver (and the professional who posted for them) is told, and
  when the coordinator saw the volunteer's VOG, that too, with the day and what a VOG is;
- the caregiver says yes: the volunteer is told, with the way to the conversation;
- "Is het gelukt?" is due: the person is asked by mail too (`due_follow_ups`, run by the hourly job;
  a conditional UPDATE claims each follow-up, so two workers never mail it twice).

Mails are in Dutch, the hub's language: the app does not know a person's language outside a visit.
They hold first names and the kind of help, never the request's text or anything about health.
``base`` is where links point (settings.link_base); without one the mail says to open the app.
"""

from datetime import datetime

from sqlmodel import Session, col, select, update

from mantelzorg_app import routes
from mantelzorg_app.models import FollowUp, HelpOffer, HelpRequest, Hub, Person
from mantelzorg_app.services.help.eligibility import volunteer_membership
from mantelzorg_app.services.help.vocabulary import CATEGORY_LABELS
from mantelzorg_app.services.platform import dates, i18n, mail
from mantelzorg_app.services.platform.i18n import N_

LANGUAGE = i18n.DEFAULT_LANGUAGE
_SIGNATURE = N_("Mantelzorghub {hub}")
_NO_LINK = N_("Open de Mantelzorghub en log in.")
# The first time a caregiver reads "VOG", it says what one is (a Verklaring Omtrent het Gedrag from
# the government, Justis: nothing in the person's past stands in the way of this kind of work).
VETTED = N_(
    "De coördinator heeft op {day} de VOG van {volunteer} gezien. "
    "Een VOG (Verklaring Omtrent het Gedrag) is een verklaring van de overheid. "
    "Daarin staat dat iemand geen straf heeft gehad die een bezwaar is voor dit werk."
)


def _text(msgid: str, **values: str) -> str:
    return i18n.gettext(LANGUAGE, msgid, **values)


def _message(to: str, subject: str, body: str, link: str, hub: Hub) -> mail.Message:
    where = link or _text(_NO_LINK)
    return mail.Message(
        to=to,
        subject=_text(subject),
        body=f"{body}\n\n{where}\n\n{_text(_SIGNATURE, hub=hub.name)}",
    )


def _link(base: str | None, hub: Hub, part: str) -> str:
    return f"{base.rstrip('/')}/{hub.slug}/{part}" if base else ""


def offer_made(session: Session, offer: HelpOffer, base: str | None) -> list[mail.Message]:
    request = session.get(HelpRequest, offer.request_id)
    hub = session.get(Hub, request.hub_id)
    volunteer = session.get(Person, offer.volunteer_id)
    help_word = _text(CATEGORY_LABELS[request.category])
    vetted = _vetted(session, offer, request, hub)
    found = []
    for person_id in (request.caregiver_id, request.posted_by_id):
        person = session.get(Person, person_id) if person_id is not None else None
        if person is None or not person.email:
            continue
        body = _text(
            N_(
                "Hallo {name},\n\n{volunteer} wil helpen bij uw hulpvraag ({help}). "
                "Wilt u dat? Kies ja of nee."
            ),
            name=person.first_name,
            volunteer=volunteer.first_name,
            help=help_word,
        )
        if vetted:
            body = f"{body}\n\n{vetted}"
        found.append(
            _message(person.email, N_("Iemand wil u helpen"), body, _link(base, hub, routes.REQUESTS), hub)
        )
    return found


def _vetted(session: Session, offer: HelpOffer, request: HelpRequest, hub: Hub) -> str:
    """ "De coördinator heeft op dinsdag 3 december de VOG van Carla gezien. ...", or "" when the
    coordinator has not (yet) seen the volunteer's VOG in this hub."""
    membership = volunteer_membership(session, offer.volunteer_id, request.hub_id)
    if membership is None or membership.vog_checked_on is None:
        return ""
    checked = membership.vog_checked_on
    this_year = dates.local(offer.created_at, hub.timezone).year if offer.created_at else checked.year
    day = dates.day_in_words(checked, LANGUAGE)  # always the day's name: never "op vandaag"
    if checked.year != this_year:
        day = f"{day} {checked.year}"  # "maandag 1 december 2025", as dates words another year
    volunteer = session.get(Person, offer.volunteer_id)
    return _text(VETTED, day=day, volunteer=volunteer.first_name)


def offer_accepted(session: Session, request: HelpRequest, base: str | None) -> list[mail.Message]:
    hub = session.get(Hub, request.hub_id)
    volunteer = session.get(Person, request.volunteer_id)
    caregiver = session.get(Person, request.caregiver_id)
    if volunteer is None or not volunteer.email:
        return []
    body = _text(
        N_("Hallo {name},\n\n{caregiver} zegt ja: u mag helpen ({help}). Spreek samen af in het gesprek."),
        name=volunteer.first_name,
        caregiver=caregiver.first_name,
        help=_text(CATEGORY_LABELS[request.category]),
    )
    link = _link(base, hub, routes.thread_part(request.id))
    return [_message(volunteer.email, N_("U mag helpen"), body, link, hub)]


def due_follow_ups(session: Session, now: datetime, base: str | None) -> list[mail.Message]:
    """Claims every due, unanswered, not yet mailed follow-up and returns its mail."""
    due = session.exec(
        select(FollowUp.id).where(
            col(FollowUp.answer).is_(None), col(FollowUp.mailed_at).is_(None), FollowUp.due_at <= now
        )
    ).all()
    found = []
    for follow_up_id in due:
        claimed = session.exec(
            update(FollowUp)
            .where(FollowUp.id == follow_up_id, col(FollowUp.mailed_at).is_(None))
            .values(mailed_at=now)
        )
        session.commit()
        if claimed.rowcount != 1:
            continue  # another worker took it
        follow_up = session.get(FollowUp, follow_up_id)
        request = session.get(HelpRequest, follow_up.request_id)
        person = session.get(Person, follow_up.person_id)
        if person is None or not person.email or request is None:
            continue
        hub = session.get(Hub, request.hub_id)
        mine = person.id == request.caregiver_id
        body = _text(
            N_(
                "Hallo {name},\n\nIs het gelukt met de hulp ({help})? "
                "Zeg het ons met één tik: ja, nee of nog niet."
            ),
            name=person.first_name,
            help=_text(CATEGORY_LABELS[request.category]),
        )
        link = _link(base, hub, routes.REQUESTS if mine else routes.HELPING)
        found.append(_message(person.email, N_("Is het gelukt?"), body, link, hub))
    return found
