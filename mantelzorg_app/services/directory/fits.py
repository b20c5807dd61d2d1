"""The sociale kaart's services that fit a caregiver's Wegwijzer answers: two or three, for the result.

The rules, in order:
- Only the hub's published services, and only those that serve the caregiver's wijk: a service
  for the whole hub (no ``area_wijk_ids``) always; one for some wijken only when the caregiver's
  wijk is one of them (an unknown wijk gets the whole hub's services only).
- The categories are those that answer the help chosen (``taxonomy.answering``); without any, the
  support for caregivers themselves (the consulent, the Mantelzorgcafé).
- A heavy load puts the consulent mantelzorg first: the first professional service of
  "mantelzorgondersteuning" (an informal one there when there is no professional one).
- Then one service of each category in turn, so each kind of help chosen shows. Within a category a
  service for the caregiver's own wijk comes before the whole hub's; informal help (volunteers,
  neighbours) before professional when the load is not heavy, professional first when it is.
- When all three picked are of one kind (all informal or all professional) and a fitting service
  of the other kind exists, one makes way for it: informal and professional mixed. It takes the
  place of the last pick of its own category, so every category stays; else of the last pick.
- At most three; the same answers give the same services in the same order (names, then ids).
"""

from collections.abc import Collection
from itertools import zip_longest

from sqlmodel import Session, select

from mantelzorg_app.models import Organization, Service
from mantelzorg_app.services.directory import entries, taxonomy

SUPPORT = "mantelzorgondersteuning"  # the consulent mantelzorg, the Mantelzorgcafé, the inloopuur
MOST = 3


def serves(service: Service, wijk_id: int | None) -> bool:
    """Whether the service is for the whole hub, or for the wijk ``wijk_id`` among others."""
    areas = service.area_wijk_ids.split()
    return not areas or (wijk_id is not None and str(wijk_id) in areas)


def fitting(
    session: Session, hub_id: int, help_categories: Collection[str], wijk_id: int | None, heavy: bool
) -> list[Service]:
    """Up to three published services of the hub that fit the answers, best first (the module's rules)."""
    wanted = taxonomy.answering(frozenset(help_categories)) or (SUPPORT,)
    informal = {
        org_id: flag
        for org_id, flag in session.exec(
            select(Organization.id, Organization.informal).where(Organization.hub_id == hub_id)
        ).all()
    }
    found = [service for service in entries.published(session, hub_id) if serves(service, wijk_id)]

    def is_informal(service: Service) -> bool:
        return bool(informal.get(service.organization_id))

    def rank(service: Service) -> tuple:
        # own wijk first; informal first unless heavy; then by name and id, so it never varies
        return (not service.area_wijk_ids, is_informal(service) == heavy, service.name.casefold(), service.id)

    picked: list[Service] = []
    if heavy:
        support = sorted((s for s in found if s.category == SUPPORT), key=lambda s: (is_informal(s), rank(s)))
        picked += support[:1]
    lists = [sorted((s for s in found if s.category == value), key=rank) for value in wanted]
    taken = {s.id for s in picked}
    pool = [s for turn in zip_longest(*lists) for s in turn if s is not None and s.id not in taken]
    fixed = len(picked)
    picked += pool[: MOST - fixed]
    left = pool[MOST - fixed :]
    kinds = {is_informal(s) for s in picked}
    if (
        len(picked) < MOST
        or len(kinds) > 1
        or not (others := [s for s in left if is_informal(s) not in kinds])
    ):
        return picked
    # One of the other kind in place of a pick of its own category, from the last pick back, so
    # every category chosen stays; else in place of the last.
    for at in range(MOST - 1, fixed - 1, -1):
        same = next((s for s in others if s.category == picked[at].category), None)
        if same is not None:
            picked[at] = same
            return picked
    picked[-1] = others[0]
    return picked
