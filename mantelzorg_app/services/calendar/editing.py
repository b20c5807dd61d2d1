"""The organiser's form: a new activity or a change to one (one date cancelled or moved, and the
whole activity cancelled: services.calendar.date_changes). Coordinators organise every activity of
their hub, professionals their own (``activities.may_organise``); anyone else is refused and logged.

The form is a dict of what was typed and chosen, all text (``blank``, ``form_of``): the state keeps
it as it is, so nothing is lost on a problem. ``check`` reads it into a ``Draft`` or raises
``Invalid`` with plain words per field: a name and a place are needed, the end comes after the
start, a new first date is not in the past, the places are not fewer than already taken on a
coming date. A repeat is chosen in words and stored as an RFC 5545 RRULE (``rrule_of``):
"Eén keer", "Elke week", "Om de 14 dagen", "Elke eerste dinsdag van de maand" (the weekday and
which one of the month from the first date), with "hoe vaak" (COUNT) when given.

A date of a series is named by its start by the rule (models.calendar), and its sign-ups carry that
name. So a change of the first date or the rule that would leave signed-up dates without their
name is refused; a one-date activity or a course (one sign-up for every evening) takes its sign-ups
along. Every change raises the activity's version (``bookings.lock``), reindexes it, and returns
the mails for the caller to send after its commit: "Er is iets veranderd" / "... gaat niet door"
to everyone signed up (services.calendar.notices), "U heeft een plek" to whoever moved up because
there are more places now. Nothing here commits.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from mantelzorg_app.models import (
    Activity,
    ActivityChange,
    ActivityKind,
    Audience,
    Booking,
    BookingStatus,
    Hub,
    Role,
)
from mantelzorg_app.services.calendar import (
    activities,
    bookings,
    indexing,
    moving,
    notices,
    recurrence,
    schedule,
)
from mantelzorg_app.services.calendar.recurrence import Occurrence
from mantelzorg_app.services.calendar.vocabulary import AUDIENCE_LABELS, KINDS
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.platform import dates, hubs, i18n, mail
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

ACTION = "calendar-edit"
MOST_NEW_A_DAY = 30  # new activities one organiser may make in a day
MOST_PLACES = 1000
MOST_COUNT = 200  # "hoe vaak": at most this many dates
MOST_DATES_SHOWN = 12  # the form's list of coming dates
DAYS_AHEAD = 366 * 2  # a first date at most this far ahead

ONCE, WEEKLY, FORTNIGHTLY, MONTHLY, AS_IT_IS = "once", "weekly", "fortnightly", "monthly", "as-it-is"
REPEATS = (ONCE, WEEKLY, FORTNIGHTLY, MONTHLY)
REPEAT_LABELS = {
    ONCE: N_("Eén keer"),
    WEEKLY: N_("Elke week"),
    FORTNIGHTLY: N_("Om de 14 dagen"),
    AS_IT_IS: N_("Zoals het nu is"),
}
# "Elke eerste dinsdag van de maand": which one of the month, from the first date's day
MONTHLY_LABELS = {
    1: N_("Elke eerste {day} van de maand"),
    2: N_("Elke tweede {day} van de maand"),
    3: N_("Elke derde {day} van de maand"),
    4: N_("Elke vierde {day} van de maand"),
    -1: N_("Elke laatste {day} van de maand"),
}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# what is typed, with its most characters (the model's)
TEXTS = {
    "title": 80,
    "summary": 600,
    "for_whom": 200,
    "place": 80,
    "address": 160,
    "cost": 80,
    "access": 300,
    "bring": 200,
    "organiser_name": 80,
}
WHEN = ("date", "start", "end", "capacity", "count")
TYPED = (*TEXTS, *WHEN)
CHOICES = ("kind", "audience", "repeat", "wijk", "pairs", "whole_series", "slots")
YES, NO = "ja", "nee"
SLOT_MINUTES = 15
PROBLEM_FIELDS = (
    "title",
    "place",
    "date",
    "start",
    "end",
    "capacity",
    "count",
    "whole_series",
    *TEXTS,
    "send",
)
MOVE_FIELDS = ("move_date", "move_start", "move_end", "move_place", "move_note")
MOVE_TEXTS = {"move_place": 80, "move_note": 200}

NO_TITLE = N_("Schrijf hoe de activiteit heet.")
NO_PLACE = N_("Schrijf waar het is. Bijvoorbeeld: Bibliotheek Leusden.")
NO_DATE = N_("Vul de datum in. Bijvoorbeeld: 3-12-2026.")
BAD_DATE = N_("Deze datum klopt niet. Typ de datum zo: 3-12-2026.")
PAST_DATE = N_("Deze datum is al voorbij. Kies een datum die nog komt.")
FAR_DATE = N_("Deze datum is te ver weg. Kies een datum binnen twee jaar.")
NO_START = N_("Vul de begintijd in. Bijvoorbeeld: 14.00.")
NO_END = N_("Vul de eindtijd in. Bijvoorbeeld: 16.00.")
BAD_TIME = N_("Deze tijd klopt niet. Typ de tijd zo: 14.00.")
END_BEFORE_START = N_("De eindtijd is vóór de begintijd. Kies een latere eindtijd.")
BAD_CAPACITY = N_("Typ een aantal, zoals 20. Of laat het leeg: dan mag iedereen komen.")
BELOW_TAKEN = N_("Er zijn al {n} plaatsen bezet op {day}. Kies {n} of meer.")
BAD_COUNT = N_("Typ hoe vaak, zoals 7. Of laat het leeg: dan gaat het steeds door.")
SIGNED_UP_DATES = N_("Er zijn al mensen aangemeld voor de datums van nu. Verzet liever één datum hieronder.")
SIGNED_UP_SERIES = N_("Er zijn al mensen aangemeld. Dit kan nu niet meer anders.")
TOO_LONG = N_("Dit is te lang. Maak het wat korter.")
TOO_MANY = N_("U heeft vandaag al veel activiteiten gemaakt. Probeer het morgen weer.")
GONE = N_("Deze activiteit gaat niet meer door. Veranderen kan niet meer.")


@dataclass(frozen=True)
class Draft:
    """A checked form: what an activity's columns become."""

    kind: str
    audience: str
    title: str
    summary: str
    for_whom: str
    place: str
    address: str
    cost: str
    access: str
    bring: str
    organiser_name: str
    wijk_id: int | None
    starts_at: datetime
    minutes: int
    rrule: str
    capacity: int | None
    whole_series: bool
    slot_minutes: int
    pairs: bool


def blank(actor: Actor) -> dict[str, str]:
    """The form of a new activity."""
    return {
        **dict.fromkeys(TYPED, ""),
        "organiser_name": actor.first_name,
        "kind": ActivityKind.cafe.value,
        "audience": Audience.caregivers.value,
        "repeat": ONCE,
        "wijk": "",
        "pairs": YES,
        "whole_series": NO,
        "slots": NO,
    }


def form_of(activity: Activity, zone: str) -> dict[str, str]:
    """The form of an activity as it is."""
    start = dates.local(activity.starts_at, zone)
    end = start + timedelta(minutes=activity.minutes)
    repeat, count = repeat_of(activity.rrule, start.date())
    return {
        **{name: str(getattr(activity, name) or "") for name in TEXTS},
        "date": start.date().isoformat(),
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
        "capacity": "" if activity.capacity is None else str(activity.capacity),
        "count": count,
        "kind": str(activity.kind),
        "audience": str(activity.audience),
        "repeat": repeat,
        "wijk": "" if activity.wijk_id is None else str(activity.wijk_id),
        "pairs": YES if activity.pairs else NO,
        "whole_series": YES if activity.whole_series else NO,
        "slots": YES if activity.slot_minutes else NO,
    }


def week_of_month(day: date) -> int:
    """Which one of its weekday in the month ``day`` is: 1 to 4, or -1 for a fifth (the last)."""
    number = (day.day - 1) // 7 + 1
    return number if number <= 4 else -1


def rrule_of(repeat: str, first: date, count: int | None) -> str:
    """The RRULE of a repeat chosen in words, from the first date; "" for one date."""
    rules = {
        WEEKLY: "FREQ=WEEKLY",
        FORTNIGHTLY: "FREQ=WEEKLY;INTERVAL=2",
        MONTHLY: f"FREQ=MONTHLY;BYDAY={week_of_month(first)}{WEEKDAYS[first.weekday()]}",
    }
    if repeat not in rules:
        return ""
    return rules[repeat] + (f";COUNT={count}" if count else "")


def _parts(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)


def repeat_of(rule: str, first: date) -> tuple[str, str]:
    """The form's repeat and "hoe vaak" of a stored RRULE; ``AS_IT_IS`` for a rule the form's
    choices do not say (kept as it is unless the organiser chooses another)."""
    if not rule:
        return ONCE, ""
    parts = _parts(rule)
    count = parts.pop("COUNT", "")
    without_count = rrule_of(WEEKLY, first, None), rrule_of(FORTNIGHTLY, first, None)
    again = ";".join(f"{k}={v}" for k, v in parts.items())
    if again == without_count[0]:
        return WEEKLY, count
    if again in (without_count[1], "FREQ=DAILY;INTERVAL=14"):
        return FORTNIGHTLY, count
    if again == rrule_of(MONTHLY, first, None):
        return MONTHLY, count
    return AS_IT_IS, ""


def monthly_words_all(day_text: str) -> dict[str, str]:
    """ "Elke eerste dinsdag van de maand" for the typed first date, in every language; {} when the
    date is not one yet."""
    day = parse_date(day_text)
    if day is None:
        return {}
    from babel.dates import format_date

    return {
        lang: i18n.gettext(
            lang, MONTHLY_LABELS[week_of_month(day)], day=format_date(day, "EEEE", locale=lang)
        )
        for lang in i18n.LANGUAGES
    }


def parse_date(text: object) -> date | None:
    """A date as a browser's date field sends it (2026-12-03) or as people type it (3-12-2026)."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if found:
        year, month, day = (int(x) for x in found.groups())
    elif found := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text):
        day, month, year = (int(x) for x in found.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_time(text: object) -> time | None:
    """A time of day: 14:00, 14.00, 14u, 14."""
    if not isinstance(text, str):
        return None
    found = re.fullmatch(r"(\d{1,2})(?:[:.,u](\d{2}))?\s*(?:uur|u)?", text.strip().lower())
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _number(text: object, most: int) -> int | str | None:
    """A typed whole number 1..most; None when empty; "" when it is not one."""
    text = text.strip() if isinstance(text, str) else ""
    if not text:
        return None
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= most else ""


def _moment(day: date, clock: time, zone: str) -> datetime:
    return datetime.combine(day, clock, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def read_when(
    form: dict, zone: str, now: datetime, names: tuple[str, str, str], *, old_start: datetime | None = None
) -> tuple[dict[str, str], datetime | None, int]:
    """The date, start and end fields: their problems, the start (UTC) and the minutes."""
    day_name, start_name, end_name = names
    problems: dict[str, str] = {}
    raw_day, raw_start, raw_end = (str(form.get(n, "")).strip() for n in names)
    day = parse_date(raw_day)
    start, end = parse_time(raw_start), parse_time(raw_end)
    if not raw_day:
        problems[day_name] = NO_DATE
    elif day is None:
        problems[day_name] = BAD_DATE
    if not raw_start:
        problems[start_name] = NO_START
    elif start is None:
        problems[start_name] = BAD_TIME
    if not raw_end:
        problems[end_name] = NO_END
    elif end is None:
        problems[end_name] = BAD_TIME
    elif start is not None and end <= start:
        problems[end_name] = END_BEFORE_START
    if day is None or start is None:
        return problems, None, 0
    starts_at = _moment(day, start, zone)
    if starts_at != old_start:  # an unchanged first date of a running series may lie in the past
        if starts_at <= now:
            problems[day_name] = PAST_DATE
        elif starts_at > now + timedelta(days=DAYS_AHEAD):
            problems[day_name] = FAR_DATE
    minutes = 0
    if end is not None and end > start:
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return problems, starts_at, minutes


def check(session: Session, hub: Hub, form: dict, now: datetime, activity: Activity | None = None) -> Draft:
    """The form read into a Draft, or ``Invalid`` with every problem found (``values`` on it: the
    words a problem's {placeholders} need)."""
    problems: dict[str, str] = {}
    values: dict[str, str] = {}
    texts = {}
    for name, most in TEXTS.items():
        text = str(form.get(name, "")).strip()
        if len(text) > most:
            problems[name] = TOO_LONG
        texts[name] = text[:most]
    if not texts["title"]:
        problems["title"] = NO_TITLE
    if not texts["place"]:
        problems["place"] = NO_PLACE
    when_problems, starts_at, minutes = read_when(
        form, hub.timezone, now, ("date", "start", "end"), old_start=activity.starts_at if activity else None
    )
    problems.update(when_problems)
    capacity = _number(form.get("capacity"), MOST_PLACES)
    if capacity == "":
        problems["capacity"] = BAD_CAPACITY
    repeat = form.get("repeat") if form.get("repeat") in (*REPEATS, AS_IT_IS) else ONCE
    if repeat == AS_IT_IS and (activity is None or not activity.rrule):
        repeat = ONCE
    count = _number(form.get("count"), MOST_COUNT) if repeat in (WEEKLY, FORTNIGHTLY, MONTHLY) else None
    if count == "":
        problems["count"] = BAD_COUNT
    kind = form.get("kind") if form.get("kind") in KINDS else ActivityKind.other.value
    audience = form.get("audience") if form.get("audience") in AUDIENCE_LABELS else Audience.everyone.value
    wijk_ids = {str(w.id): w.id for w in hubs.wijken(session, hub.id)}
    wijk_id = wijk_ids.get(str(form.get("wijk", "")))
    if problems or starts_at is None:
        raise _invalid(problems, values)
    first = dates.local(starts_at, hub.timezone).date()
    if repeat == AS_IT_IS:
        rule = activity.rrule
    else:
        rule = rrule_of(repeat, first, count if isinstance(count, int) else None)
    draft = Draft(
        kind=kind,
        audience=audience,
        **texts,
        wijk_id=wijk_id,
        starts_at=starts_at,
        minutes=minutes,
        rrule=rule,
        capacity=capacity if isinstance(capacity, int) else None,
        whole_series=bool(rule) and form.get("whole_series") == YES,
        slot_minutes=SLOT_MINUTES if kind == ActivityKind.walk_in and form.get("slots") == YES else 0,
        pairs=form.get("pairs") != NO,
    )
    if activity is not None:
        _check_against_sign_ups(session, hub, activity, draft, now, problems, values)
    if problems:
        raise _invalid(problems, values)
    return draft


def _invalid(problems: dict[str, str], values: dict[str, str]) -> Invalid:
    invalid = Invalid(problems)
    invalid.values = values  # type: ignore[attr-defined]
    return invalid


def _booked_by_date(session: Session, activity_id: int) -> dict[datetime, int]:
    rows = session.exec(
        select(Booking.occurrence, func.sum(Booking.places))
        .where(Booking.activity_id == activity_id, Booking.status == BookingStatus.booked)
        .group_by(col(Booking.occurrence))
    ).all()
    return {moving.database_utc(occurrence): int(places) for occurrence, places in rows}


def _live_dates(session: Session, activity_id: int) -> set[datetime]:
    rows = session.exec(
        select(Booking.occurrence)
        .where(Booking.activity_id == activity_id, col(Booking.status).in_(bookings.LIVE))
        .distinct()
    ).all()
    return {moving.database_utc(o) for o in rows}


def _check_against_sign_ups(
    session: Session,
    hub: Hub,
    activity: Activity,
    draft: Draft,
    now: datetime,
    problems: dict[str, str],
    values: dict[str, str],
) -> None:
    """What a change may not do to the people signed up: fewer places than taken on a coming date,
    dates with sign-ups that lose their name, a course's sign-ups turned into one evening's."""
    zone = hub.timezone
    if draft.capacity is not None:
        for occurrence, taken in sorted(_booked_by_date(session, activity.id).items()):
            if taken > draft.capacity and (found := schedule.still_on(session, activity, occurrence, now)):
                problems["capacity"] = BELOW_TAKEN
                words = activities.when_in_words_all(found, zone)
                values.update(n=str(taken), **{f"day_{lang}": text for lang, text in words.items()})
                break
    live = {o for o in _live_dates(session, activity.id) if schedule.still_on(session, activity, o, now)}
    if not live:
        return
    if draft.whole_series != activity.whole_series:
        problems["whole_series"] = SIGNED_UP_SERIES
        return
    if draft.starts_at == activity.starts_at and draft.rrule == activity.rrule:
        return
    if draft.whole_series or (not activity.rrule and not draft.rrule):
        return  # the sign-ups go with the first date
    trial = _trial(activity, draft)
    if any(recurrence.date_of(trial, [], zone, o) is None for o in live):
        problems["date"] = SIGNED_UP_DATES


def _trial(activity: Activity, draft: Draft) -> Activity:
    """The activity as the draft would make it, not in the session: to ask its rule for dates."""
    return Activity(
        id=activity.id,
        hub_id=activity.hub_id,
        kind=draft.kind,
        title=draft.title,
        starts_at=draft.starts_at,
        minutes=draft.minutes,
        rrule=draft.rrule,
        whole_series=draft.whole_series,
    )


def _new_today(session: Session, actor: Actor, now: datetime) -> int:
    return session.exec(
        select(func.count())
        .select_from(Activity)
        .where(
            Activity.organiser_id == actor.person_id,
            Activity.hub_id == actor.hub_id,
            col(Activity.created_at) > now - timedelta(days=1),
        )
    ).one()


def editable(session: Session, actor: Actor, activity_id: object, action: str = ACTION) -> Activity:
    """The hub's activity the actor may organise; refused (logged) for anyone else and any other id."""
    activity = activities.one(session, actor.hub_id, activity_id)
    if activity is None or not activities.may_organise(actor, activity):
        refuse(session, action, actor.hub_id, actor.person_id, f"activity {activity_id}")
    return activity


def save(
    session: Session, actor: Actor, activity_id: int | None, form: dict, now: datetime, base: str | None
) -> tuple[Activity, list[mail.Message]]:
    """A new activity (``activity_id`` None) or a change to one, checked; the mails to send after
    the commit: a changed time or place to everyone signed up, a place to who moved up."""
    hub = session.get(Hub, actor.hub_id)
    if activity_id is None:
        if not activities.may_organise(actor, None):
            refuse(session, ACTION, actor.hub_id, actor.person_id, "new activity")
        draft = check(session, hub, form, now)
        if _new_today(session, actor, now) >= MOST_NEW_A_DAY:
            raise Invalid({"send": TOO_MANY})
        activity = Activity(
            hub_id=hub.id, organiser_id=actor.person_id, created_at=now, updated_at=now, **vars(draft)
        )
        session.add(activity)
        session.flush()
        indexing.index(session, activity, now)
        return activity, []
    activity = editable(session, actor, activity_id)
    if activity.cancelled_at is not None:
        raise Invalid({"send": GONE})
    activity = bookings.lock(session, activity.id)
    draft = check(session, hub, form, now, activity)
    before = (activity.starts_at, activity.minutes, activity.rrule, activity.place, activity.address)
    more_room = activity.capacity is not None and (
        draft.capacity is None or draft.capacity > activity.capacity
    )
    old_first, changes = activity.starts_at, bookings.changes_of(session, activity.id)
    for name, value in vars(draft).items():
        setattr(activity, name, value)
    activity.updated_at = now
    session.add(activity)
    if old_first != activity.starts_at and (activity.whole_series or not activity.rrule):
        moving.move_sign_ups(session, activity, old_first, activity.starts_at)
    if (old_first, before[2]) != (activity.starts_at, activity.rrule):
        _drop_lost_changes(session, activity, hub.timezone, changes)
    session.flush()
    moving.fit_all_slots(session, activity, now)  # a shorter hour, or slots no more
    told: list[mail.Message] = []
    if more_room:
        told += _move_up_all(session, activity, hub.timezone, now, base)
    after = (activity.starts_at, activity.minutes, activity.rrule, activity.place, activity.address)
    if after != before:
        told += notices.changed(session, activity, None, base, now=now)
    indexing.index(session, activity, now)
    return activity, told


def _drop_lost_changes(
    session: Session, activity: Activity, zone: str, changes: list[ActivityChange]
) -> None:
    """A cancelled or moved date the new rule no longer has goes (else it would show as a date of its own)."""
    for change in changes:
        if not activity.rrule or recurrence.date_of(activity, [], zone, change.occurrence) is None:
            session.delete(change)


def _move_up_all(session: Session, activity: Activity, zone: str, now: datetime, base: str | None) -> list:
    """More places: every coming date's waiting list moves up who now fits."""
    moved: list[Booking] = []
    waiting = session.exec(
        select(Booking.occurrence)
        .where(Booking.activity_id == activity.id, Booking.status == BookingStatus.waiting)
        .distinct()
    ).all()
    for occurrence in sorted(moving.database_utc(o) for o in waiting):
        if schedule.still_on(session, activity, occurrence, now) is None:
            continue
        up = bookings.move_up(activity, bookings.live(session, activity.id, occurrence), now)
        session.add_all(up)
        moved += up
    session.flush()
    return notices.moved_up(session, moved, base) if moved else []


def coming_dates(
    session: Session, activity: Activity, zone: str, now: datetime
) -> list[tuple[Occurrence, bool]]:
    """The dates that have not ended (``schedule.coming``), with whether each is cancelled, at most
    ``MOST_DATES_SHOWN``: the form shows a cancelled date too, to say so."""
    changes = bookings.changes_of(session, activity.id)
    cancelled = {c.occurrence for c in changes if c.cancelled}
    found = schedule.coming(activity, [c for c in changes if not c.cancelled], zone, now, MOST_DATES_SHOWN)
    return [(o, o.occurrence in cancelled) for o in found]


@dataclass(frozen=True)
class Organised:
    activity: Activity
    next_date: Occurrence | None  # None: no date to come


def organised(session: Session, actor: Actor, now: datetime) -> list[Organised]:
    """The activities the actor organises that go on (a coordinator: all of the hub's), the next
    date first; those with no date to come last."""
    if not activities.may_organise(actor, None):
        refuse(session, ACTION, actor.hub_id, actor.person_id, "list")
    query = select(Activity).where(Activity.hub_id == actor.hub_id, col(Activity.cancelled_at).is_(None))
    if not actor.has(Role.coordinator):
        query = query.where(Activity.organiser_id == actor.person_id)
    found = list(session.exec(query.order_by(col(Activity.id))).all())
    zone = session.get(Hub, actor.hub_id).timezone
    changes = activities.changes_by_activity(session, [a.id for a in found])
    listed = []
    for activity in found:
        coming = schedule.coming(activity, changes[activity.id], zone, now, 1)
        listed.append(Organised(activity, coming[0] if coming else None))
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(listed, key=lambda o: (o.next_date.starts_at if o.next_date else far, o.activity.id))
