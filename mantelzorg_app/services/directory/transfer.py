"""A hub's whole sociale kaart as a file of HSDS 3.0 services, out and in.

``export_hub`` gives every service of the hub (also those not active: the file is the whole
directory), in a fixed order, so two exports of the same directory are the same bytes (``dump``).
``import_records`` checks every record first (``validation.problems_of``) and loads nothing when
any has a problem. Otherwise it adds or updates organisations, services and their opening hours by
their HSDS ids, and re-indexes each service that changed: the same file twice changes nothing.
A service the file does not name stays as it is. The caller commits once.
``load_file`` is the whole way in for the upload (state.directory.upload) and ``manage hsds import``:
read the bytes, import, and log a load in the audit log.
"""

import json
from dataclasses import dataclass

from sqlmodel import Session, col, select

from mantelzorg_app.models import Hub, Organization, Service, ServiceSchedule
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.directory import entries, hsds, indexing, validation
from mantelzorg_app.services.platform import audit, i18n
from mantelzorg_app.services.platform.i18n import N_

REPORT = N_("Nieuw: {added}. Veranderd: {changed}. Hetzelfde gebleven: {unchanged}.")
LOADED = N_("Het bestand is geladen.")
REFUSED = N_("Er is niets geladen. Verbeter eerst dit in het bestand:")
IMPORT_ACTION = "hsds-import"  # the audit log's action of a loaded file
PARTNER_FIELDS = ("partner_contact", "partner_phone", "partner_hours")
SCHEDULE_FIELDS = ("freq", "byday", "opens_at", "closes_at", "description")


@dataclass(frozen=True)
class Report:
    """What an import did, counted in services; ``problems`` when it loaded nothing."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: tuple[validation.Problem, ...] = ()


def report_in_words(report: Report, lang: str) -> list[str]:
    """The report as lines for a person: what was loaded, or why nothing was."""
    if report.problems:
        lines = [validation.in_words(problem, lang) for problem in report.problems]
        # a whole file's problem says itself that nothing was loaded
        return lines if all(p.number == 0 for p in report.problems) else [i18n.gettext(lang, REFUSED), *lines]
    counts = {"added": report.added, "changed": report.changed, "unchanged": report.unchanged}
    return [i18n.gettext(lang, LOADED), i18n.gettext(lang, REPORT, **counts)]


# Out --------------------------------------------------------------------------------------------


def records_of(session: Session, hub: Hub, services: list[Service], *, partner_contacts: bool) -> list[dict]:
    """The HSDS objects of these services of ``hub``, read with one query a table."""
    ids = [service.id for service in services]
    organization_ids = {service.organization_id for service in services}
    organizations = {
        o.id: o for o in session.exec(select(Organization).where(col(Organization.id).in_(organization_ids)))
    }
    schedules: dict[int, list[ServiceSchedule]] = {}
    for schedule in session.exec(
        select(ServiceSchedule)
        .where(col(ServiceSchedule.service_id).in_(ids))
        .order_by(col(ServiceSchedule.id))
    ):
        schedules.setdefault(schedule.service_id, []).append(schedule)
    wijken = hsds.hub_wijken(session, hub.id)
    return [
        hsds.service_record(
            service,
            organizations[service.organization_id],
            schedules.get(service.id, []),
            hub,
            wijken,
            partner_contacts=partner_contacts,
        )
        for service in services
    ]


def export_hub(session: Session, hub_id: int, *, partner_contacts: bool = True) -> list[dict]:
    """Every service of the hub as HSDS 3.0, in the sociale kaart's order (entries.in_order)."""
    hub = session.get(Hub, hub_id)
    assert hub is not None
    in_hub = session.exec(select(Service).where(Service.hub_id == hub_id)).all()
    services = sorted(in_hub, key=entries.in_order)
    return records_of(session, hub, services, partner_contacts=partner_contacts)


def dump(records: list[dict]) -> str:
    """The file's text: the same records give the same bytes."""
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


# In ---------------------------------------------------------------------------------------------


def _set(row: object, values: dict[str, object]) -> bool:
    """Puts the values on the row; whether any was different."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _organization(
    session: Session, hub_id: int, parsed: hsds.Parsed, known: dict[str, Organization]
) -> tuple[Organization, bool]:
    values = dict(parsed.organization)
    if not parsed.has_contacts:
        for name in PARTNER_FIELDS:
            values.pop(name, None)  # a file without contacts leaves Wie is wie as it is
    organization = known.get(values["uid"])
    if organization is None:
        organization = Organization(hub_id=hub_id, **values)
        session.add(organization)
        session.flush()
        known[organization.uid] = organization
        return organization, True
    return organization, _set(organization, values)


def _schedules(session: Session, service: Service, wanted: list[dict[str, str]]) -> bool:
    """The service's opening hours become the file's, kept by id; whether any changed."""
    rows = session.exec(select(ServiceSchedule).where(ServiceSchedule.service_id == service.id))
    existing = {schedule.uid: schedule for schedule in rows}
    changed = False
    for values in wanted:
        schedule = existing.pop(values["uid"], None)
        fields = {name: values[name] for name in SCHEDULE_FIELDS}
        if schedule is None:
            session.add(ServiceSchedule(service_id=service.id, uid=values["uid"], **fields))
            changed = True
        else:
            changed = _set(schedule, fields) or changed
    for gone in existing.values():
        session.delete(gone)
        changed = True
    return changed


def import_records(session: Session, hub_id: int, records: object) -> Report:
    """Loads the records into the hub when every one is clean; else loads nothing and says why."""
    hub = session.get(Hub, hub_id)
    assert hub is not None
    wijken = hsds.hub_wijken(session, hub_id)
    problems = validation.problems_of(records, hub.name, wijken.values())
    if problems:
        return Report(problems=tuple(problems))
    assert isinstance(records, list)
    in_hub = select(Organization).where(Organization.hub_id == hub_id)
    organizations = {organization.uid: organization for organization in session.exec(in_hub)}
    services = {s.uid: s for s in session.exec(select(Service).where(Service.hub_id == hub_id))}
    touched_organizations: set[str] = set()
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    for record in records:
        parsed = hsds.from_hsds(record)
        organization, organization_changed = _organization(session, hub_id, parsed, organizations)
        if organization_changed:
            touched_organizations.add(organization.uid)
        values = dict(parsed.service)
        area_ids, _, _ = validation.wijk_ids_of(parsed.areas, hub.name, wijken.values())
        located = validation.located_in(parsed.region, str(values["postal_code"]), list(wijken.values()))
        values |= {
            "organization_id": organization.id,
            "area_wijk_ids": area_ids,
            "wijk_id": located.id if located else None,
        }
        service = services.get(str(values["uid"]))
        if service is None:
            service = Service(hub_id=hub_id, **{"modified_at": utcnow(), **values})
            session.add(service)
            session.flush()
            services[service.uid] = service
            _schedules(session, service, parsed.schedules)
            counts["added"] += 1
        else:
            stamp = values.pop("modified_at", None)
            changed = _set(service, values)
            changed = _schedules(session, service, parsed.schedules) or changed
            changed = changed or organization.uid in touched_organizations
            if changed:
                service.modified_at = stamp or utcnow()
            elif stamp is not None and hsds.stamp(stamp) != hsds.stamp(service.modified_at):
                service.modified_at = stamp  # to the second, as a file holds it
                changed = True
            counts["changed" if changed else "unchanged"] += 1
            if not changed:
                continue
        indexing.index_service(session, service)
    return Report(**counts)


def load_file(session: Session, hub_id: int, data: bytes | str, actor_id: int | None) -> Report:
    """Reads a file's bytes (validation.read) and loads its records into the hub (``import_records``);
    a load goes in the audit log, by ``actor_id`` (None: from the command line). Loads nothing when
    the report has problems. The caller commits."""
    records, problems = validation.read(data)
    if records is None:
        return Report(problems=tuple(problems))
    report = import_records(session, hub_id, records)
    if not report.problems:
        counts = f"{report.added} added, {report.changed} changed, {report.unchanged} unchanged"
        audit.record(session, IMPORT_ACTION, hub_id=hub_id, actor_id=actor_id, detail=counts)
    return report
