"""The demo agenda of Leusden and Poperinge, counted from ``now`` so there is always something this
week or next: the monthly Mantelzorgcafé (one date cancelled, one moved), the walk-in hour every 14
days (seven times, two professionals and two volunteers present), Mantelzorgacademie courses, the
Inn-formeel network meeting in De Deel and the Dag van de Mantelzorg on the next 10 November.
Poperinge has its own café and a course, in Flemish words.

Places are the sociale kaart's demo places (services.directory.demo); people are the demo hub's.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from mantelzorg_app.models import (
    Activity,
    ActivityChange,
    ActivityHost,
    ActivityKind,
    Audience,
    Booking,
    BookingStatus,
    Hub,
)
from mantelzorg_app.services.calendar import bookings, recurrence
from mantelzorg_app.services.calendar.indexing import index

LOOK_AHEAD = timedelta(days=200)
TUESDAY, WEDNESDAY, THURSDAY = 1, 2, 3


@dataclass
class Plan:
    """One demo activity; ``day`` and ``at`` are on the hub's clock."""

    kind: ActivityKind
    title: str
    summary: str
    day: date
    at: time
    minutes: int
    place: str
    address: str
    wijk: str | None = None
    audience: Audience = Audience.caregivers
    for_whom: str = ""
    cost: str = ""
    access: str = ""
    bring: str = ""
    organiser: str | None = None  # the demo person's first name
    organiser_name: str = ""
    rrule: str = ""
    capacity: int | None = None
    whole_series: bool = False
    slot_minutes: int = 0
    pairs: bool = True
    hosts: tuple[tuple[str, str], ...] = ()  # first name, role
    extra: dict = field(default_factory=dict)


def _first_weekday(year: int, month: int, weekday: int, nth: int = 1) -> date:
    day = date(year, month, 1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    return day + timedelta(weeks=nth - 1)


def _month_plus(day: date, months: int) -> tuple[int, int]:
    index_ = day.year * 12 + day.month - 1 + months
    return index_ // 12, index_ % 12 + 1


def _week_day(today: date, weeks: int, weekday: int) -> date:
    """The ``weekday`` of the week ``weeks`` from this one (0 = this week, Monday first)."""
    return today - timedelta(days=today.weekday()) + timedelta(weeks=weeks, days=weekday)


def _next_10_november(today: date) -> date:
    this_year = date(today.year, 11, 10)
    return this_year if this_year >= today else date(today.year + 1, 11, 10)


def _leusden(today: date) -> list[Plan]:
    cafe_start = _first_weekday(*_month_plus(today, -3), TUESDAY)
    network_day = _first_weekday(*_month_plus(today, 1), THURSDAY, nth=2)
    return [
        Plan(
            ActivityKind.cafe,
            "Mantelzorgcafé Leusden",
            "Mantelzorgers maken het café zelf. U drinkt koffie of thee en praat met anderen die ook "
            "zorgen. Soms vertelt iemand over een onderwerp dat u zelf kiest.",
            cafe_start,
            time(14, 0),
            120,
            "Bibliotheek Leusden",
            "De Biezenkamp 914, 3831 GE Leusden",
            wijk="Centrum",
            for_whom="Voor iedereen die zorgt voor een familielid, vriend of buur. Neem gerust iemand mee.",
            cost="Gratis",
            access="De zaal is op de begane grond. Er is een invalidentoilet.",
            organiser="Gerrit",
            organiser_name="Kerngroep Mantelzorgcafé Leusden",
            rrule="FREQ=MONTHLY;BYDAY=1TU",
            capacity=20,
            extra={"cancel": 1, "move": 2},
        ),
        Plan(
            ActivityKind.walk_in,
            "Inloopspreekuur mantelzorg",
            "Loop binnen met uw vraag. Twee consulenten en twee vrijwilligers zijn er. Wilt u zeker "
            "zijn van een gesprek? Kies dan een tijd.",
            _week_day(today, -2, THURSDAY),
            time(10, 0),
            120,
            "Wijkcentrum De Deel",
            "Groene Zoom 902, 3832 AB Leusden",
            wijk="Zuid",
            for_whom="Voor mantelzorgers en voor wie denkt dat hij mantelzorger is.",
            cost="Gratis. Koffie en thee staan klaar.",
            access="Rolstoel kan naar binnen.",
            organiser="Fatima",
            organiser_name="Steunpunt Mantelzorg Leusden",
            rrule="FREQ=WEEKLY;INTERVAL=2;COUNT=7",
            slot_minutes=15,
            pairs=False,
            hosts=(
                ("Fatima", "professional"),
                ("Ruud", "professional"),
                ("Carla", "volunteer"),
                ("Daan", "volunteer"),
            ),
        ),
        Plan(
            ActivityKind.course,
            "Omgaan met dementie",
            "Vier avonden over dementie. Wat gebeurt er in het hoofd? Hoe praat u met elkaar? En hoe "
            "houdt u het zelf vol? U leert van een docent en van elkaar.",
            _week_day(today, 1, WEDNESDAY),
            time(19, 30),
            120,
            "Welzijn Leusden",
            "De Biezenkamp 903, 3831 GE Leusden",
            wijk="Centrum",
            for_whom="Voor mantelzorgers van iemand met dementie.",
            cost="Gratis",
            access="Er is een lift.",
            bring="Iets om op te schrijven.",
            organiser="Gerrit",
            organiser_name="Mantelzorgacademie Leusden",
            rrule="FREQ=WEEKLY;COUNT=4",
            capacity=12,
            whole_series=True,
        ),
        Plan(
            ActivityKind.course,
            "Mantelzorg herkennen in uw werk",
            "Twee middagen voor wie beroepsmatig met mantelzorgers werkt. Hoe ziet u dat iemand te "
            "veel zorgt? En waar verwijst u naar?",
            _week_day(today, 2, TUESDAY),
            time(13, 30),
            150,
            "Gemeentehuis",
            "Hessenweg 904, 3831 LA Leusden",
            wijk="Centrum",
            audience=Audience.professionals,
            for_whom="Voor wijkverpleging, huisartsen, praktijkondersteuners en andere professionals.",
            cost="Gratis",
            organiser="Fatima",
            organiser_name="Mantelzorgacademie Leusden",
            rrule="FREQ=WEEKLY;COUNT=2",
            capacity=16,
            whole_series=True,
            pairs=False,
        ),
        Plan(
            ActivityKind.network,
            "Inn-formeel netwerkbijeenkomst",
            "Organisaties en vrijwilligers die mantelzorgers steunen, ontmoeten elkaar. We vertellen "
            "wat er nieuw is en wie wat doet.",
            network_day,
            time(15, 30),
            120,
            "Wijkcentrum De Deel",
            "Groene Zoom 902, 3832 AB Leusden",
            wijk="Zuid",
            audience=Audience.everyone,
            for_whom="Voor vrijwilligers, professionals en iedereen die mantelzorgers helpt.",
            cost="Gratis",
            access="Rolstoel kan naar binnen.",
            organiser="Gerrit",
            organiser_name="Netwerk Inn-formeel Leusden",
            capacity=40,
            pairs=False,
        ),
        Plan(
            ActivityKind.day,
            "Dag van de Mantelzorg",
            "Een dag om u te bedanken. Kom langs voor koffie, een praatje en een cadeau.",
            _next_10_november(today),
            time(10, 0),
            360,
            "Het Trefpunt",
            "Hamersveldseweg 910, 3833 HT Leusden",
            wijk="Hamersveld",
            for_whom="Voor alle mantelzorgers in Leusden en wie zij meenemen.",
            cost="Gratis",
            access="Rolstoel kan naar binnen.",
            bring="Haal uw cadeau op. Neem uw naam en adres mee.",
            organiser="Gerrit",
            organiser_name="Gemeente Leusden en Steunpunt Mantelzorg",
        ),
    ]


def _poperinge(today: date) -> list[Plan]:
    return [
        Plan(
            ActivityKind.cafe,
            "Mantelzorgcafé Poperinge",
            "Een namiddag met andere mantelzorgers, bij een tas koffie. Mantelzorgers dragen het café "
            "zelf. Soms is er een spreker over een thema dat u zelf kiest.",
            _first_weekday(*_month_plus(today, -2), THURSDAY, nth=2),
            time(14, 0),
            150,
            "Dienstencentrum De Kouter",
            "Ieperstraat 902, 8970 Poperinge",
            wijk="Poperinge",
            for_whom="Voor iedereen die zorgt voor een familielid, kennis of buur.",
            cost="Gratis",
            access="Toegankelijk met een rolstoel.",
            organiser="Jolien",
            organiser_name="Kerngroep Mantelzorgcafé Poperinge",
            rrule="FREQ=MONTHLY;BYDAY=2TH",
            capacity=25,
        ),
        Plan(
            ActivityKind.course,
            "Vorming: zorgen voor iemand met dementie",
            "Drie namiddagen over dementie. U krijgt uitleg en tips, en u praat met andere mantelzorgers. "
            "Inschrijven is nodig: de plaatsen zijn beperkt.",
            _week_day(today, 1, TUESDAY),
            time(14, 0),
            120,
            "Sociaal Huis",
            "Gasthuisstraat 901, 8970 Poperinge",
            wijk="Poperinge",
            for_whom="Voor mantelzorgers van iemand met dementie.",
            cost="Gratis",
            access="Er is een lift.",
            organiser="Koen",
            organiser_name="Sociaal Huis Poperinge",
            rrule="FREQ=WEEKLY;COUNT=3",
            capacity=15,
            whole_series=True,
        ),
    ]


# who signs up in the demo: first name, activity title, which coming date (0 = the next), slot (minutes
# after the start) or None, places
BOOKINGS: dict[str, tuple[tuple[str, str, int, int | None, int], ...]] = {
    "leusden": (
        ("Anna", "Mantelzorgcafé Leusden", 0, None, 1),
        ("Bram", "Inloopspreekuur mantelzorg", 0, 30, 1),
        ("Anna", "Omgaan met dementie", 0, None, 2),
    ),
    "poperinge": (("Hilde", "Mantelzorgcafé Poperinge", 0, None, 1),),
}
PLANS = {"leusden": _leusden, "poperinge": _poperinge}


def load_calendar(
    session: Session, hub: Hub, people: dict[str, int], wijk_ids: dict[str, int], now: datetime
) -> list[Activity]:
    """Adds the hub's demo activities (none for a hub without a plan), indexed; commits nothing."""
    make = PLANS.get(hub.slug)
    if make is None:
        return []
    zone = ZoneInfo(hub.timezone)
    today = now.astimezone(zone).date()
    made: dict[str, Activity] = {}
    for plan in make(today):
        activity = _add(session, hub, plan, people, wijk_ids, zone)
        coming = recurrence.occurrences(activity, [], hub.timezone, now, now + LOOK_AHEAD)
        if "cancel" in plan.extra and len(coming) > plan.extra["cancel"]:
            gone = coming[plan.extra["cancel"]]
            session.add(ActivityChange(activity_id=activity.id, occurrence=gone.occurrence, cancelled=True))
        if "move" in plan.extra and len(coming) > plan.extra["move"]:
            moved = coming[plan.extra["move"]]
            session.add(
                ActivityChange(
                    activity_id=activity.id,
                    occurrence=moved.occurrence,
                    starts_at=moved.starts_at + timedelta(days=1),
                    place="Wijkcentrum De Deel",
                    note="Deze keer op woensdag, in Wijkcentrum De Deel.",
                )
            )
        session.flush()
        index(session, activity, now)
        made[plan.title] = activity
    for first_name, title, nth, slot, places in BOOKINGS.get(hub.slug, ()):
        activity = made[title]
        changes = bookings.changes_of(session, activity.id)
        coming = recurrence.occurrences(activity, changes, hub.timezone, now, now + LOOK_AHEAD)
        if activity.whole_series:
            first = recurrence.all_dates(activity, [], hub.timezone)[0]
            if first.starts_at < now:
                continue
            coming = [first]
        if len(coming) <= nth or first_name not in people:
            continue
        date_ = coming[nth]
        session.add(
            Booking(
                activity_id=activity.id,
                occurrence=date_.occurrence,
                person_id=people[first_name],
                places=places,
                slot_at=date_.starts_at + timedelta(minutes=slot) if slot is not None else None,
                status=BookingStatus.booked,
                created_at=now - timedelta(days=2),
            )
        )
    session.flush()
    return list(made.values())


def _add(
    session: Session, hub: Hub, plan: Plan, people: dict[str, int], wijk_ids: dict[str, int], zone: ZoneInfo
) -> Activity:
    starts_at = datetime.combine(plan.day, plan.at, tzinfo=zone).astimezone(UTC)
    activity = Activity(
        hub_id=hub.id,
        kind=plan.kind,
        audience=plan.audience,
        title=plan.title,
        summary=plan.summary,
        for_whom=plan.for_whom,
        place=plan.place,
        address=plan.address,
        wijk_id=wijk_ids.get(plan.wijk) if plan.wijk else None,
        cost=plan.cost,
        access=plan.access,
        bring=plan.bring,
        organiser_id=people.get(plan.organiser) if plan.organiser else None,
        organiser_name=plan.organiser_name,
        starts_at=starts_at,
        minutes=plan.minutes,
        rrule=plan.rrule,
        capacity=plan.capacity,
        whole_series=plan.whole_series,
        slot_minutes=plan.slot_minutes,
        pairs=plan.pairs,
    )
    session.add(activity)
    session.flush()
    for first_name, role in plan.hosts:
        session.add(
            ActivityHost(
                activity_id=activity.id, person_id=people.get(first_name), first_name=first_name, role=role
            )
        )
    return activity
