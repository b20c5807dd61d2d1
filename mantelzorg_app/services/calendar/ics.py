"""The agenda as iCalendar (RFC 5545) for people's own calendars: a hub's subscribable feed, one
activity's download ("Zet in mijn agenda"), and a person's private feed of their own sign-ups.

A series is one event with its RRULE and an EXDATE per cancelled date, and one event with a
RECURRENCE-ID per moved date (services.calendar.recurrence.events_of, the same events the Agenda tab
expands), never a copy per date. Times are on the hub's clock (DTSTART;TZID=) with the zone's
VTIMEZONE written in (``add_missing_timezones``), so a phone shows the times the Agenda tab shows.
UIDs stay the same for as long as the activity (or the booking) exists. The feeds list what goes
on: a series that still has dates to come or is running, a date that has not ended; a cancelled
activity drops out, and a calendar app that refreshes removes it.

Nothing of anyone is in the hub's feed or a download: the activity's public words, place and
address, and a link back to its page. The private feed holds only the person's own sign-ups.

Each builder returns a ``Feed``: the bytes and an ETag made from what the bytes are made of (the
activities' last change and changed dates, the bookings' state), so a calendar app that asks again
with ``If-None-Match`` gets a 304 without the calendar being written (``fingerprint`` first).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from sqlmodel import Session, col, select

from mantelzorg_app import routes
from mantelzorg_app.models import Activity, ActivityChange, Booking, BookingStatus, Hub
from mantelzorg_app.services.calendar import activities, bookings, recurrence, schedule, vocabulary
from mantelzorg_app.services.calendar.recurrence import Occurrence
from mantelzorg_app.services.platform import dates, digests, i18n
from mantelzorg_app.services.platform.i18n import N_

PRODID = "-//Mantelzorghub//Agenda//NL"
FORMAT = "1"  # raise when what is written changes, so every ETag changes with it
REFRESH = "PT6H"  # how often a calendar app should fetch a feed again
ZONE_UNTIL = datetime(2038, 1, 1).date()  # a VTIMEZONE covers at least this far
CALNAME = N_("Agenda van Mantelzorghub {hub}")
CALNAME_MINE = N_("Mijn aanmeldingen bij Mantelzorghub {hub}")
FOR_WHOM = N_("Voor wie: {who}")
COST = N_("Kosten: {cost}")
BRING = N_("Meenemen: {what}")
ACCESS = N_("Toegankelijkheid: {access}")
MORE = N_("Meer weten of aanmelden: {link}")
MOVED = N_("Let op: deze keer op een andere tijd of plek.")
WAITING = N_("U staat op de wachtlijst. U krijgt een mail als er een plek vrij is.")
WAITING_TITLE = N_("Wachtlijst: {title}")
TWO = N_("U komt met z'n tweeën.")
SLOT = N_("Uw tijd: {time}")


@dataclass(frozen=True)
class Feed:
    etag: str  # a strong ETag, quoted
    build: Callable[[], bytes]  # the calendar as bytes (CRLF lines, folded at 75 octets)
    filename: str = ""  # for a download's Content-Disposition


def _etag(*parts: object) -> str:
    return digests.etag(FORMAT, *parts)


def _changes_print(changes: list[ActivityChange]) -> list[tuple]:
    return sorted(
        (
            c.occurrence.isoformat(),
            c.cancelled,
            c.starts_at.isoformat() if c.starts_at else "",
            c.minutes,
            c.place,
            c.note,
        )
        for c in changes
    )


def _activity_print(activity: Activity, changes: list[ActivityChange]) -> tuple:
    """What an activity's events are made of: every change to it sets ``updated_at`` (the organiser's
    form, a date cancelled or moved), and the changed dates. Not ``version``: every sign-up raises
    that (services.calendar.bookings.lock), and a sign-up changes nothing in the hub's feed."""
    return (activity.id, activity.updated_at.isoformat(), _changes_print(changes))


# --- words ---------------------------------------------------------------------------------------


def _link(base: str, hub: Hub, part: str) -> str:
    return f"{base.rstrip('/')}/{hub.slug}/{part}"


def _location(activity: Activity, place: str = "") -> str:
    if place and place != activity.place:
        return place  # moved elsewhere: the activity's address is not this place's
    return ", ".join(p for p in (activity.place, activity.address) if p)


def _description(activity: Activity, lang: str, link: str, extra: tuple[str, ...] = ()) -> str:
    """Plain text: the extra lines (a moved date's note, the booking's state), the short text, for
    whom, cost, what to bring, access, and the link to the page."""

    def say(msgid: str, **values: object) -> str:
        return i18n.gettext(lang, msgid, **values)

    who = activity.for_whom or say(vocabulary.AUDIENCE_LABELS.get(activity.audience, ""))
    lines = [*extra, activity.summary]
    if who:
        lines.append(say(FOR_WHOM, who=who))
    if activity.cost:
        lines.append(say(COST, cost=activity.cost))
    if activity.bring:
        lines.append(say(BRING, what=activity.bring))
    if activity.access:
        lines.append(say(ACCESS, access=activity.access))
    lines.append(say(MORE, link=link))
    return "\n\n".join(line for line in lines if line)


def _dress(
    event: icalendar.Event,
    activity: Activity,
    lang: str,
    link: str,
    *,
    title: str = "",
    place: str = "",
    extra: tuple[str, ...] = (),
) -> icalendar.Event:
    """Adds the words, place, link and stamps to an event of ``recurrence.events_of`` (or our own)."""
    event.add("summary", title or activity.title)
    event.add("description", _description(activity, lang, link, extra))
    location = _location(activity, place)
    if location:
        event.add("location", location)
    event.add("url", link)
    stamp = activity.updated_at.astimezone(UTC)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("categories", [i18n.gettext(lang, vocabulary.KIND_LABELS.get(activity.kind, ""))])
    event.add("transp", "OPAQUE")
    return event


def _note_of(change: ActivityChange | None, lang: str) -> tuple[str, ...]:
    if change is None or (change.starts_at is None and not change.place):
        return ()
    return (change.note or i18n.gettext(lang, MOVED),)


def series_events(
    activity: Activity, changes: list[ActivityChange], hub: Hub, base: str, lang: str
) -> list[icalendar.Event]:
    """The activity as a series: the master (RRULE, EXDATE) and one event per moved date."""
    by_name = {c.occurrence: c for c in changes}
    events = recurrence.events_of(activity, changes, hub.timezone, hub.slug)
    dressed = []
    for event in events:
        named = event.get("recurrence-id")
        if named is None:
            dressed.append(_dress(event, activity, lang, _link(base, hub, routes.activity_part(activity.id))))
            continue
        occurrence = named.dt.astimezone(UTC)
        change = by_name.get(occurrence)
        link = _link(base, hub, routes.activity_part(activity.id, recurrence.key(occurrence)))
        place = change.place if change else ""
        dressed.append(_dress(event, activity, lang, link, place=place, extra=_note_of(change, lang)))
    return dressed


def date_event(
    activity: Activity,
    date: Occurrence,
    changes: list[ActivityChange],
    hub: Hub,
    base: str,
    lang: str,
    uid: str,
    *,
    title: str = "",
    extra: tuple[str, ...] = (),
    start: datetime | None = None,
    end: datetime | None = None,
) -> icalendar.Event:
    """One date as an event of its own (its own UID, no rule): a one-date download or a booking."""
    zone = hub.timezone
    change = next((c for c in changes if c.occurrence == date.occurrence), None)
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstart", (start or date.starts_at).astimezone(ZoneInfo(zone)))
    event.add("dtend", (end or date.ends_at).astimezone(ZoneInfo(zone)))
    key = recurrence.key(date.occurrence) if activity.rrule else ""
    link = _link(base, hub, routes.activity_part(activity.id, key))
    return _dress(
        event, activity, lang, link, title=title, place=date.place, extra=(*extra, *_note_of(change, lang))
    )


def date_uid(activity: Activity, occurrence: datetime, hub_slug: str) -> str:
    """One date's own UID (the download of one date), beside the series' ``recurrence.uid``."""
    return f"activity-{activity.id}-{recurrence.key(occurrence)}@{hub_slug}.{recurrence.UID_DOMAIN}"


def booking_uid(booking: Booking, hub_slug: str) -> str:
    return f"booking-{booking.id}@{hub_slug}.{recurrence.UID_DOMAIN}"


# --- the calendar --------------------------------------------------------------------------------


def calendar_of(events: list[icalendar.Event], hub: Hub, name: str, *, feed: bool) -> bytes:
    """The VCALENDAR around the events, with the VTIMEZONE of every zone they use."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-timezone", hub.timezone)
    if feed:
        calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", REFRESH)
    for event in events:
        calendar.add_component(event)
    # the zone's changes from a year before the first date on: an endless series goes on past the last
    starts = [e.decoded("dtstart").date() for e in events if "dtstart" in e]
    first = min(starts, default=datetime.now(UTC).date()) - timedelta(days=366)
    last = max([ZONE_UNTIL, *(d + timedelta(days=366 * 6) for d in starts)])
    calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def _hub_activities(session: Session, hub: Hub) -> list[Activity]:
    return list(
        session.exec(
            select(Activity)
            .where(Activity.hub_id == hub.id, col(Activity.cancelled_at).is_(None))
            .order_by(col(Activity.id))
        ).all()
    )


def hub_feed(session: Session, hub: Hub, base: str, now: datetime, lang: str = i18n.DEFAULT_LANGUAGE) -> Feed:
    """Every activity of the hub that goes on, each series as one event with its rule."""
    listed = _hub_activities(session, hub)
    changes = activities.changes_by_activity(session, [a.id for a in listed])
    shown = [a for a in listed if schedule.goes_on(a, changes[a.id], hub.timezone, now)]
    etag = _etag(
        "hub",
        hub.id,
        hub.slug,
        hub.name,
        hub.timezone,
        base,
        lang,
        [_activity_print(a, changes[a.id]) for a in shown],
    )

    def build() -> bytes:
        events = [e for a in shown for e in series_events(a, changes[a.id], hub, base, lang)]
        return calendar_of(events, hub, i18n.gettext(lang, CALNAME, hub=hub.name), feed=True)

    return Feed(etag, build)


def activity_download(
    session: Session,
    hub: Hub,
    activity_id: object,
    date_key: str | None,
    base: str,
    lang: str = i18n.DEFAULT_LANGUAGE,
) -> Feed | None:
    """One activity's .ics: the whole series, or one date when ``date_key`` names one (a course is
    always every evening: one sign-up is for all). None for another hub's or a cancelled activity,
    and for a key that names no date of it that goes on."""
    activity = activities.one(session, hub.id, activity_id)
    if activity is None or activity.cancelled_at is not None:
        return None
    changes = bookings.changes_of(session, activity.id)
    filename = f"activiteit-{activity.id}.ics"
    if date_key and activity.rrule and not activity.whole_series:
        occurrence = recurrence.parse_key(date_key)
        date = recurrence.date_of(activity, changes, hub.timezone, occurrence) if occurrence else None
        if date is None:
            return None
        etag = _etag("date", hub.slug, base, lang, date.key, _activity_print(activity, changes))

        def build_date() -> bytes:
            uid = date_uid(activity, date.occurrence, hub.slug)
            event = date_event(activity, date, changes, hub, base, lang, uid)
            return calendar_of([event], hub, activity.title, feed=False)

        return Feed(etag, build_date, f"activiteit-{activity.id}-{date.key}.ics")
    etag = _etag("activity", hub.slug, base, lang, _activity_print(activity, changes))

    def build() -> bytes:
        return calendar_of(series_events(activity, changes, hub, base, lang), hub, activity.title, feed=False)

    return Feed(etag, build, filename)


def private_feed(
    session: Session, hub: Hub, person_id: int, base: str, now: datetime, lang: str = i18n.DEFAULT_LANGUAGE
) -> Feed:
    """The person's live sign-ups in the hub (booked, and waiting as tentative) whose date has not
    ended, each as an event of its own with the booking's UID: one date, a walk-in's booked slot, or
    a course's every evening (its series with the booking's UID)."""
    rows = session.exec(
        select(Booking, Activity)
        .join(Activity, col(Activity.id) == col(Booking.activity_id))
        .where(
            Booking.person_id == person_id,
            Activity.hub_id == hub.id,
            col(Activity.cancelled_at).is_(None),
            col(Booking.status).in_(bookings.LIVE),
        )
        .order_by(col(Booking.id))
    ).all()
    changes = activities.changes_by_activity(session, sorted({a.id for _, a in rows}))
    kept: list[tuple[Booking, Activity, Occurrence]] = []
    for booking, activity in rows:
        date = schedule.sign_up_date(session, activity, booking.occurrence)
        if date is None:
            continue  # that date is cancelled
        if activity.whole_series:
            if not schedule.goes_on(activity, changes[activity.id], hub.timezone, now):
                continue
        elif date.ends_at <= now:
            continue
        kept.append((booking, activity, date))
    etag = _etag(
        "mine",
        hub.slug,
        hub.name,
        person_id,
        base,
        lang,
        [
            (b.id, b.status, b.places, b.slot_at and b.slot_at.isoformat(), _activity_print(a, changes[a.id]))
            for b, a, _ in kept
        ],
    )

    def build() -> bytes:
        events = []
        for booking, activity, date in kept:
            events += _booking_events(booking, activity, date, changes[activity.id], hub, base, lang)
        return calendar_of(events, hub, i18n.gettext(lang, CALNAME_MINE, hub=hub.name), feed=True)

    return Feed(etag, build)


def _booking_events(
    booking: Booking,
    activity: Activity,
    date: Occurrence,
    changes: list[ActivityChange],
    hub: Hub,
    base: str,
    lang: str,
) -> list[icalendar.Event]:
    waiting = booking.status == BookingStatus.waiting
    extra = []
    if waiting:
        extra.append(i18n.gettext(lang, WAITING))
    if booking.places == 2:
        extra.append(i18n.gettext(lang, TWO))
    title = i18n.gettext(lang, WAITING_TITLE, title=activity.title) if waiting else activity.title
    uid = booking_uid(booking, hub.slug)
    if activity.whole_series and activity.rrule:
        events = series_events(activity, changes, hub, base, lang)
        for event in events:
            event["uid"] = icalendar.vText(uid)
            event["summary"] = icalendar.vText(title)
            if extra:
                event["description"] = icalendar.vText("\n\n".join([*extra, str(event["description"])]))
    else:
        start = end = None
        if booking.slot_at is not None and activity.slot_minutes:
            start, end = booking.slot_at, booking.slot_at + timedelta(minutes=activity.slot_minutes)
            when = dates.local(start, hub.timezone)
            clock = dates.clock_in_words(when.hour, when.minute, lang)
            extra.append(i18n.gettext(lang, SLOT, time=clock))
        events = [
            date_event(
                activity,
                date,
                changes,
                hub,
                base,
                lang,
                uid,
                title=title,
                extra=tuple(extra),
                start=start,
                end=end,
            )
        ]
    for event in events:
        event.add("status", "TENTATIVE" if waiting else "CONFIRMED")
    return events
