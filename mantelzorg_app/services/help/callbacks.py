"""'Bel mij terug': a visitor leaves a phone number and a good time; the hub's consulent calls back.

Asking needs no account. Reading and closing the list needs a professional or the coordinator of
that hub. A number is deleted 30 days after the call, so it is kept no longer than needed.

Because asking needs no account, limits keep strangers' numbers off the list and the list short
enough to call. A real person asks once, maybe again after a wrong number; a household or a
library computer shares one address. So, counted over the last hour or day:

- per client address, 3 an hour and 10 a day: room for a few people at one computer, not for a script;
- per phone number (however it is typed), 2 a day over all hubs: a second try, never a stream of
  calls to someone who did not ask;
- per hub, 50 a day: far more than a municipality's staff get (a few a day) or can call back; past
  it the list is being flooded, and the page tells everyone to call the municipality instead.

Two asks at the same moment may both pass a count; a flood still stops within a few.

The list, for the coordinator: who asked (a name when given, a short summary of the Wegwijzer's
answers), when, and how often a call did not reach them. "Gebeld" closes a task and can be undone
for `UNDO_WITHIN`; "Niet bereikt" keeps it open, counts the try and puts it lower on the list.
"""

import logging
import re
from datetime import datetime, timedelta

from babel.lists import format_list
from sqlmodel import Session, col, delete, func, select

from mantelzorg_app.models import STAFF_ROLES, Band, CallbackTask, Hub
from mantelzorg_app.models.base import split
from mantelzorg_app.services.help import wegwijzer
from mantelzorg_app.services.help.vocabulary import CATEGORY_LABELS, CATEGORY_VALUES
from mantelzorg_app.services.identity.authz import Actor, refuse, require_role
from mantelzorg_app.services.platform import audit, dates, digests, i18n
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

PER_CLIENT_PER_HOUR = 3
PER_CLIENT_PER_DAY = 10
PER_NUMBER_PER_DAY = 2
PER_HUB_PER_DAY = 50
TOO_MANY = N_(
    "U kunt nu niet nog een keer vragen om terug te bellen. Probeer het later nog eens. "
    "Heeft u haast? Bel dan zelf de gemeente en vraag naar mantelzorg."
)
COUNTRY_CODES = {"NL": "31", "BE": "32"}  # a hub's country: how a number without one is meant
log = logging.getLogger("mantelzorg.callbacks")


class TooMany(Exception):
    """A limit is reached; the message names which, for the log only."""


# value: words on the button
GOOD_TIMES = {
    "ochtend": N_("In de ochtend"),
    "middag": N_("In de middag"),
    "avond": N_("In de avond"),
    "altijd": N_("Het maakt niet uit"),
}
PHONE_MISSING = N_("Vul uw telefoonnummer in.")
PHONE_WRONG = N_("Dit lijkt geen telefoonnummer. Typ het nummer met alle cijfers, bijvoorbeeld 06 12345678.")
GOOD_TIME_MISSING = N_("Kies wanneer wij u kunnen bellen.")
NAME_MAX = 60
KEEP_AFTER_CALL = timedelta(days=30)
_PHONE = re.compile(r"^\+?[0-9 ()\-.]{8,20}$")


def normalise_phone(text: str) -> str | None:
    """The number as typed, tidied, when it has 9 to 15 digits; None when it cannot be a number."""
    typed = " ".join(text.split())
    digits = re.sub(r"\D", "", typed)
    return typed if _PHONE.match(typed) and 9 <= len(digits) <= 15 else None


def ask(
    session: Session,
    hub_id: int,
    phone: str,
    good_time: str,
    band: str,
    now: datetime,
    client: str,
    *,
    name: str = "",
    cares_for: str = "",
    wishes: str = "",
    asker: Actor | None = None,
) -> CallbackTask:
    """Records the request of ``client`` (its address, from services.clients; only a digest is kept).

    ``name`` (may be empty), ``cares_for`` (the Wegwijzer's "voor_wie" values) and ``wishes`` (kinds
    of help) are for the caller's summary; values we do not know are dropped, each value kept once.
    Raises Invalid (Dutch catalogue ids by field: an empty field says what to do, a wrong one what is
    wrong) when something is off, and TooMany (logged and counted in the audit log) when a limit is
    reached.

    ``asker`` is who is signed in, if anyone: a person of this hub is kept with the task, so the
    consulent can also write to them (services.chat.conversations.for_callback).
    """
    number = normalise_phone(phone)
    problems = {}
    if not phone.strip():
        problems["phone"] = PHONE_MISSING
    elif number is None:
        problems["phone"] = PHONE_WRONG
    if good_time not in GOOD_TIMES:
        problems["good_time"] = GOOD_TIME_MISSING
    if problems or number is None:
        raise Invalid(problems)
    hub = session.get(Hub, hub_id)
    task = CallbackTask(
        hub_id=hub_id,
        phone=number,
        good_time=good_time,
        band=band if band in set(Band) else "",
        name=" ".join(name.split())[:NAME_MAX],
        cares_for=_known(cares_for, wegwijzer.FOR_WHOM_VALUES),
        wishes=_known(wishes, CATEGORY_VALUES),
        client=digests.digest(client),
        number=digests.digest(_international(number, hub.country if hub else "")),
        person_id=asker.person_id if asker and asker.hub_id == hub_id and asker.roles else None,
        created_at=now,
    )
    _refuse_over_limits(session, task, now)
    session.add(task)
    session.commit()
    return task


def _known(values: str, known: tuple[str, ...]) -> str:
    """The known values among space-separated ``values``, in the order of ``known``, each once."""
    given = set(values.split()[:50])
    return " ".join(value for value in known if value in given)


def _international(number: str, country: str) -> str:
    """The digits with the country code, so '06-1234 5678', '+31 6 12345678', '0031 (0)6 ...' and
    '31612345678' are one number in a Dutch hub (a national number there always starts with 0)."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("00"):
        full = digits[2:]
    elif number.startswith("+") or not digits.startswith("0"):
        full = digits
    else:
        full = COUNTRY_CODES.get(country, "") + digits[1:]
    for code in COUNTRY_CODES.values():  # the "(0)" some write after +31 or +32
        if full.startswith(f"{code}0"):
            return code + full[len(code) + 1 :]
    return full


def _refuse_over_limits(session: Session, task: CallbackTask, now: datetime) -> None:
    hour, day = now - timedelta(hours=1), now - timedelta(days=1)
    for limit, condition, since, most in (
        ("client per hour", CallbackTask.client == task.client, hour, PER_CLIENT_PER_HOUR),
        ("client per day", CallbackTask.client == task.client, day, PER_CLIENT_PER_DAY),
        ("number per day", CallbackTask.number == task.number, day, PER_NUMBER_PER_DAY),
        ("hub per day", CallbackTask.hub_id == task.hub_id, day, PER_HUB_PER_DAY),
    ):
        asked = session.exec(
            select(func.count()).select_from(CallbackTask).where(condition, CallbackTask.created_at >= since)
        ).one()
        if asked >= most:
            audit.refused(session, f"callback {limit}", hub_id=task.hub_id)
            log.warning("call-back refused in hub %s: %s limit reached", task.hub_id, limit)
            raise TooMany(limit)


NOT_REACHED = "callback-not-reached"
UNDONE = "callback-undone"
UNDO_WITHIN = timedelta(minutes=1)  # the page offers "Ongedaan maken" for a few seconds; slow phones get more

# How heavy the care felt in the Wegwijzer, in words for the person who calls.
BAND_WORDS = {
    Band.light: N_("Het zorgen gaat goed"),
    Band.moderate: N_("Het zorgen kost veel"),
    Band.heavy: N_("Het zorgen is zwaar"),
}
NO_ANSWERS = N_("Geen vragenlijst ingevuld")
# The Wegwijzer's "Voor wie zorgt u?" answers (services.help.wegwijzer), as the caller says them.
CARES_FOR_WORDS = {
    "partner": N_("partner"),
    "ouder": N_("vader of moeder"),
    "kind": N_("kind"),
    "familie": N_("ander familielid"),
    "buur": N_("buur of vriend"),
}
CARES_FOR = N_("Zorgt voor: {who}")
WISHES = N_("Zou fijn vinden: {help}")
ASKED = N_("Gevraagd {when}")
TRIED_ONCE = N_("1 keer niet bereikt, {when}")
TRIED = N_("{count} keer niet bereikt, laatst {when}")


def about(task: CallbackTask, lang: str) -> list[str]:
    """A short summary of the Wegwijzer's answers, in ``lang``: how heavy, for whom, what would help
    ("Het zorgen is zwaar", "Zorgt voor: partner en kind", "Zou fijn vinden: boodschappen")."""
    lang = i18n.supported(lang)
    lines = [i18n.gettext(lang, BAND_WORDS.get(task.band, NO_ANSWERS))]
    who = [i18n.gettext(lang, CARES_FOR_WORDS[v]) for v in split(task.cares_for) if v in CARES_FOR_WORDS]
    if who:
        lines.append(i18n.gettext(lang, CARES_FOR, who=format_list(who, locale=lang)))
    wished = [
        _lower_first(i18n.gettext(lang, CATEGORY_LABELS[v]))
        for v in split(task.wishes)
        if v in CATEGORY_LABELS
    ]
    if wished:
        lines.append(i18n.gettext(lang, WISHES, help=format_list(wished, locale=lang)))
    return lines


def asked_in_words(asked_at: datetime, zone: str, lang: str, now: datetime) -> str:
    """ "Gevraagd vandaag om 14.05 uur", on the hub's clock: a call-back's or a help request's."""
    return i18n.gettext(lang, ASKED, when=dates.in_words(asked_at, zone, lang, now))


def tried_in_words(task: CallbackTask, zone: str, lang: str, now: datetime) -> str:
    """ "1 keer niet bereikt, vandaag om 14.05 uur"; "" while no call missed them."""
    if not task.tries or task.tried_at is None:
        return ""
    words = TRIED_ONCE if task.tries == 1 else TRIED
    return i18n.gettext(lang, words, count=task.tries, when=dates.in_words(task.tried_at, zone, lang, now))


def _lower_first(label: str) -> str:
    """A button's word inside a sentence: "Klusjes in huis" -> "klusjes in huis"."""
    return label[:1].lower() + label[1:]


def open_tasks(session: Session, by: Actor) -> list[CallbackTask]:
    """The hub's calls still to make: those not tried yet, oldest first, then those a call did not
    reach, the longest ago tried first (so one just tried goes to the end). Opening the list is
    logged: it holds numbers."""
    require_role(session, by, "callbacks", *STAFF_ROLES)
    tasks = list(
        session.exec(
            select(CallbackTask)
            .where(CallbackTask.hub_id == by.hub_id, col(CallbackTask.done_at).is_(None))
            .order_by(
                col(CallbackTask.tried_at).is_not(None), col(CallbackTask.tried_at), col(CallbackTask.id)
            )
        )
    )
    audit.record(session, audit.VIEWED_CALLBACKS, hub_id=by.hub_id, actor_id=by.person_id)
    session.commit()
    return tasks


def _hubs_task(session: Session, by: Actor, task_id: int, action: str) -> CallbackTask:
    require_role(session, by, action, *STAFF_ROLES)
    task = session.get(CallbackTask, task_id)
    if task is None or task.hub_id != by.hub_id:
        refuse(session, action, by.hub_id, by.person_id, "task of another hub")
    return task


def mark_done(session: Session, by: Actor, task_id: int, now: datetime) -> None:
    """ "Gebeld": the task leaves the list; its number is forgotten `KEEP_AFTER_CALL` later."""
    task = _hubs_task(session, by, task_id, "callback-done")
    task.done_at = now
    session.add(task)
    audit.record(session, audit.CALLED_BACK, hub_id=by.hub_id, actor_id=by.person_id, detail=str(task.id))
    session.commit()


def not_reached(session: Session, by: Actor, task_id: int, now: datetime) -> None:
    """ "Niet bereikt, later nog eens": the task stays open, counts the try and goes lower on the list."""
    task = _hubs_task(session, by, task_id, NOT_REACHED)
    if task.done_at is not None:
        refuse(session, NOT_REACHED, by.hub_id, by.person_id, "task already called")
    task.tries += 1
    task.tried_at = now
    session.add(task)
    audit.record(session, NOT_REACHED, hub_id=by.hub_id, actor_id=by.person_id, detail=str(task.id))
    session.commit()


def undo_done(session: Session, by: Actor, task_id: int, marked_at: datetime | None, now: datetime) -> bool:
    """ "Ongedaan maken" after "Gebeld": the task is open again, when ``marked_at`` is the moment this
    caller marked it done (kept on the server with the caller's tab) and that was at most
    `UNDO_WITHIN` ago. False, and nothing changed, when there is nothing of theirs to undo."""
    task = _hubs_task(session, by, task_id, UNDONE)
    if marked_at is None or task.done_at != marked_at or now - marked_at > UNDO_WITHIN:
        return False
    task.done_at = None
    session.add(task)
    audit.record(session, UNDONE, hub_id=by.hub_id, actor_id=by.person_id, detail=str(task.id))
    session.commit()
    return True


def forget_called(session: Session, now: datetime) -> int:
    """Deletes numbers called back more than 30 days ago; returns how many."""
    gone = session.exec(delete(CallbackTask).where(col(CallbackTask.done_at) < now - KEEP_AFTER_CALL))
    session.commit()
    return gone.rowcount
