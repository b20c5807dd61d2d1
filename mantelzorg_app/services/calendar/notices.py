"""The agenda's mails: "U heeft een plek" to whoever moved up from the waiting list, "Er is iets
veranderd" / "... gaat niet door" to everyone signed up for a date that changed, and the reminder
the day before ("Morgen: ...", run by the hourly job, services.housekeeping.send_due_mails).

- **Only to a person with an address**: someone the organiser signed up by phone has none here
  (the organiser calls them), nor has a person without an e-mail address;
- **one mail per person and change**, however many of their dates it touches (their dates listed);
- **the reminder once**, also with several workers and across restarts: its ``ActivityReminder``
  row (unique per booking and date) is inserted and committed before the mail is handed over; a
  second worker's insert fails on the unique key and that worker skips it. A crash between the
  commit and the sending loses that one mail rather than sending it twice. A course's sign-up gets
  one a day before each evening. Someone who signed up (or moved up) less than a day before the
  start gets none: they just did it, and the sign-up or moved-up mail told them.

The mails are in Dutch, the hub's language (services.platform.hub_mails): the app does not know a
person's language outside a visit. They hold the activity's title, date and place, the person's
first name; nothing about anyone else on the list. Nothing here sends: the caller commits first,
then sends what it got (``mail.send_all``).
"""

import dataclasses
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mantelzorg_app import routes
from mantelzorg_app.models import (
    Activity,
    ActivityChange,
    ActivityReminder,
    Booking,
    BookingStatus,
    Hub,
    Person,
)
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.calendar import activities, bookings, recurrence
from mantelzorg_app.services.calendar.recurrence import Occurrence
from mantelzorg_app.services.platform import dates, hub_mails, mail
from mantelzorg_app.services.platform.i18n import N_

LANGUAGE = hub_mails.LANGUAGE
AHEAD = timedelta(hours=24)  # the reminder goes when the date starts within this time
YEAR = timedelta(days=366)
MOST_DATES = 6  # dates listed in one mail; "en nog {n} keer" after that

MOVED_UP_SUBJECT = N_("U heeft een plek")
REMINDER_SUBJECT = N_("Morgen: {title}")
REMINDER_TODAY_SUBJECT = N_("Vandaag: {title}")
CHANGED_SUBJECT = N_("Er is iets veranderd: {title}")
CANCELLED_SUBJECT = N_("{title} gaat niet door")

MOVED_UP = N_(
    "Hallo {name},\n\nEr is een plek vrijgekomen. U staat niet meer op de wachtlijst. "
    "U kunt komen naar {title}."
)
REMINDER = N_("Hallo {name},\n\nU bent aangemeld voor {title}. Wij zien u graag.")
CHANGED = N_("Hallo {name},\n\nEr is iets veranderd bij {title}. Dit is de nieuwe tijd en plaats:")
CANCELLED = N_("Hallo {name},\n\n{title} gaat niet door. U hoeft niet te komen. Dit gaat niet door:")
BOOKED = N_("U bent aangemeld.")
WAITING = N_("U staat op de wachtlijst.")
WHEN = N_("Wanneer: {when}")
WHERE = N_("Waar: {place}")
SLOT = N_("Uw tijd: {time}")
PAIR = N_("Er is plaats voor u en voor wie u meeneemt.")
WHOLE_SERIES = N_("U bent aangemeld voor alle {count} keer.")
MORE_DATES = N_("En nog {count} keer.")
CAN_NOT_COME = N_("Kunt u niet komen? Meld u dan af. Dan kan iemand anders uw plek krijgen.")


def _subject(message: mail.Message, msgid: str, title: str) -> mail.Message:
    """The message with a subject that names the activity (one line: a title never breaks a header)."""
    title = " ".join(title.split())
    return dataclasses.replace(message, subject=hub_mails.text(msgid, title=title))


def _person(session: Session, booking: Booking) -> Person | None:
    """Whom a booking's mail goes to: its person with an address; None by phone or without one."""
    if booking.person_id is None:
        return None
    person = session.get(Person, booking.person_id)
    return person if person is not None and person.email else None


def _place(activity: Activity, date: Occurrence) -> str:
    place = date.place or activity.place
    return ", ".join(part for part in (place, activity.address if not date.place else "") if part)


def _date_lines(activity: Activity, date: Occurrence, zone: str) -> list[str]:
    """ "Wanneer: dinsdag 3 december, 14.00 tot 16.00 uur", "Waar: ...", and the date's note."""
    lines = [hub_mails.text(WHEN, when=activities.when_in_words(date, zone, LANGUAGE, until=True))]
    if place := _place(activity, date):
        lines.append(hub_mails.text(WHERE, place=place))
    if date.note:
        lines.append(date.note)
    return lines


def _dates_block(activity: Activity, listed: list[Occurrence], zone: str) -> str:
    shown = ["\n".join(_date_lines(activity, d, zone)) for d in listed[:MOST_DATES]]
    if len(listed) > MOST_DATES:
        shown.append(hub_mails.text(MORE_DATES, count=str(len(listed) - MOST_DATES)))
    return "\n\n".join(shown)


def _booking_lines(booking: Booking, zone: str) -> list[str]:
    lines = []
    if booking.slot_at is not None:
        lines.append(hub_mails.text(SLOT, time=dates.time_in_words(booking.slot_at, zone, LANGUAGE)))
    if booking.places == 2:
        lines.append(hub_mails.text(PAIR))
    return lines


def _link(base: str | None, hub: Hub, activity: Activity, date: Occurrence | None) -> str:
    key = date.key if date is not None and not activity.whole_series else ""
    return hub_mails.link(base, hub, routes.activity_part(activity.id, key))


def _as_planned(activity: Activity) -> Activity:
    """A copy of the activity as if it went on (not stored): a cancelled one's dates, to name them."""
    fields = {name: getattr(activity, name) for name in Activity.model_fields}
    return Activity(**(fields | {"cancelled_at": None}))


def _planned_date(
    activity: Activity, changes: list[ActivityChange], zone: str, occurrence: datetime
) -> Occurrence:
    """The date by this name as it stands, or as it was planned when it (or the activity) is
    cancelled: a cancelled date is still named in its mail."""
    found = recurrence.date_of(activity, changes, zone, occurrence)
    if found is not None:
        return found
    change = next((c for c in changes if c.occurrence == occurrence), None)
    start = change.starts_at if change is not None and change.starts_at is not None else occurrence
    minutes = change.minutes if change is not None and change.minutes else activity.minutes
    return Occurrence(
        activity_id=activity.id,
        occurrence=occurrence,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        moved=change is not None and change.starts_at is not None,
        place=change.place if change is not None else "",
        note=change.note if change is not None else "",
    )


def _series_dates(activity: Activity, changes: list[ActivityChange], zone: str) -> list[Occurrence]:
    """Every date of a series, also when the whole activity is cancelled."""
    planned = _as_planned(activity) if activity.cancelled_at is not None else activity
    return recurrence.all_dates(planned, changes, zone)


def moved_up(session: Session, moved: list[Booking], base: str | None) -> list[mail.Message]:
    """ "U heeft een plek" for each booking that moved up from the waiting list (bookings.Outcome)."""
    found = []
    for booking in moved:
        person = _person(session, booking)
        activity = session.get(Activity, booking.activity_id)
        if person is None or activity is None:
            continue
        hub = session.get(Hub, activity.hub_id)
        changes = bookings.changes_of(session, activity.id)
        date = _planned_date(activity, changes, hub.timezone, booking.occurrence)
        parts = [hub_mails.text(MOVED_UP, name=person.first_name, title=activity.title)]
        details = _date_lines(activity, date, hub.timezone) + _booking_lines(booking, hub.timezone)
        if activity.whole_series:
            count = len(_series_dates(activity, changes, hub.timezone))
            details.append(hub_mails.text(WHOLE_SERIES, count=str(count)))
        parts += ["\n".join(details), hub_mails.text(CAN_NOT_COME)]
        message = hub_mails.message(
            person.email, MOVED_UP_SUBJECT, "\n\n".join(parts), _link(base, hub, activity, date), hub
        )
        found.append(message)
    return found


def _coming(activity: Activity, changes, zone: str, booking: Booking, now: datetime) -> list[Occurrence]:
    """The booking's dates that have not ended: a course's evenings, or its one date."""
    if activity.whole_series:
        listed = _series_dates(activity, changes, zone)
    else:
        listed = [_planned_date(activity, changes, zone, booking.occurrence)]
    return [d for d in listed if d.ends_at > now]


def changed(
    session: Session,
    activity: Activity,
    occurrence: datetime | None,
    base: str | None,
    *,
    cancelled: bool = False,
    now: datetime | None = None,
) -> list[mail.Message]:
    """The mails to everyone signed up (booked or waiting) for a date that changed or is cancelled
    (``occurrence``: the date's name), or for any coming date of the activity (None: the whole
    activity changed or, with ``cancelled``, is cancelled). Call it after the change, in its
    transaction; send the mails after the commit. A course's sign-up is for every evening, so each
    of them is told of a change to any one."""
    now = now or utcnow()
    hub = session.get(Hub, activity.hub_id)
    changes = bookings.changes_of(session, activity.id)
    query = select(Booking).where(
        Booking.activity_id == activity.id,
        col(Booking.status).in_(bookings.LIVE),
        col(Booking.person_id).is_not(None),
    )
    if occurrence is not None and not activity.whole_series:
        query = query.where(Booking.occurrence == occurrence)
    per_person: dict[int, list[tuple[Booking, list[Occurrence]]]] = {}
    for booking in session.exec(query.order_by(col(Booking.occurrence), col(Booking.id))).all():
        if occurrence is not None:
            listed = [_planned_date(activity, changes, hub.timezone, occurrence)]
        else:
            listed = _coming(activity, changes, hub.timezone, booking, now)
        if listed:
            per_person.setdefault(booking.person_id, []).append((booking, listed))
    found = []
    for person_id, theirs in per_person.items():
        person = session.get(Person, person_id)
        if person is None or not person.email:
            continue
        listed = sorted(
            {d.occurrence: d for _b, ds in theirs for d in ds}.values(), key=lambda d: d.starts_at
        )
        opening = hub_mails.text(
            CANCELLED if cancelled else CHANGED, name=person.first_name, title=activity.title
        )
        parts = [opening, _dates_block(activity, listed, hub.timezone)]
        if not cancelled:
            waiting = all(b.status == BookingStatus.waiting for b, _ds in theirs)
            parts.append(hub_mails.text(WAITING if waiting else BOOKED))
            parts.append(hub_mails.text(CAN_NOT_COME))
        message = hub_mails.message(
            person.email, CHANGED_SUBJECT, "\n\n".join(parts), _link(base, hub, activity, listed[0]), hub
        )
        found.append(_subject(message, CANCELLED_SUBJECT if cancelled else CHANGED_SUBJECT, activity.title))
    return found


def due(session: Session, now: datetime) -> list[tuple[Booking, Activity, Occurrence]]:
    """The reminders due now and not yet claimed: each booked sign-up of a person with an address
    for a date that starts within ``AHEAD``, with its activity and date, in order of start."""
    # only activities with a recent sign-up (a date's name is its start by the rule, within a year of
    # a moved date; a course's, its first evening), and of one date only those still to come
    with_bookings = select(Booking.activity_id).where(
        Booking.status == BookingStatus.booked,
        col(Booking.person_id).is_not(None),
        Booking.occurrence >= now - YEAR,
    )
    found_activities = session.exec(
        select(Activity).where(
            col(Activity.cancelled_at).is_(None),
            col(Activity.id).in_(with_bookings),
            (Activity.rrule != "") | (Activity.starts_at >= now),
            Activity.starts_at < now + AHEAD + YEAR,  # a date may be moved to before its name
        )
    ).all()
    zones = dict(session.exec(select(Hub.id, Hub.timezone)).all())
    changes = activities.changes_by_activity(session, [a.id for a in found_activities])
    found = []
    for activity in found_activities:
        for date in recurrence.occurrences(
            activity, changes[activity.id], zones[activity.hub_id], now, now + AHEAD
        ):
            named = activity.starts_at if activity.whole_series else date.occurrence
            rows = session.exec(
                select(Booking)
                .join(Person, col(Person.id) == col(Booking.person_id))
                .where(
                    Booking.activity_id == activity.id,
                    Booking.occurrence == named,
                    Booking.status == BookingStatus.booked,
                    col(Person.email).is_not(None),
                    Person.email != "",
                    ~col(Booking.id).in_(
                        select(ActivityReminder.booking_id).where(
                            ActivityReminder.occurrence == date.occurrence
                        )
                    ),
                )
                .order_by(col(Booking.id))
            ).all()
            for booking in rows:
                signed_up = max(booking.created_at, booking.moved_up_at or booking.created_at)
                if signed_up <= date.starts_at - AHEAD:  # just signed up: no reminder
                    found.append((booking, activity, date))
    return sorted(found, key=lambda f: (f[2].starts_at, f[0].id))


def claim(session: Session, booking_id: int, occurrence: datetime) -> bool:
    """Takes one reminder for this run (committed); False when another worker or run took it."""
    session.add(ActivityReminder(booking_id=booking_id, occurrence=occurrence))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def reminder(
    session: Session, booking: Booking, activity: Activity, date: Occurrence, now: datetime, base: str | None
) -> mail.Message | None:
    """The reminder's mail; None when the person has no address (any more)."""
    person = _person(session, booking)
    if person is None:
        return None
    hub = session.get(Hub, activity.hub_id)
    zone = hub.timezone
    today = dates.local(now, zone).date() == dates.local(date.starts_at, zone).date()
    details = _date_lines(activity, date, zone) + _booking_lines(booking, zone)
    parts = [
        hub_mails.text(REMINDER, name=person.first_name, title=activity.title),
        "\n".join(details),
        hub_mails.text(CAN_NOT_COME),
    ]
    message = hub_mails.message(
        person.email, REMINDER_SUBJECT, "\n\n".join(parts), _link(base, hub, activity, date), hub
    )
    return _subject(message, REMINDER_TODAY_SUBJECT if today else REMINDER_SUBJECT, activity.title)


def due_reminders(session: Session, now: datetime, base: str | None) -> list[mail.Message]:
    """Claims (and commits) every reminder due now and returns the mails, for the caller to send."""
    found = []
    for booking, activity, date in due(session, now):
        booking_id, activity_id = booking.id, activity.id
        if not claim(session, booking_id, date.occurrence):
            continue  # another worker took it
        booking, activity = session.get(Booking, booking_id), session.get(Activity, activity_id)
        if booking is None or booking.status != BookingStatus.booked or activity.cancelled_at is not None:
            continue  # cancelled between the search and the claim: the claim stays, no mail
        message = reminder(session, booking, activity, date, now, base)
        if message is not None:
            found.append(message)
    return found
