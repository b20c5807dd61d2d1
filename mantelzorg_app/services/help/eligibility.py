"""Who may (still) help with a request: a volunteer of its hub, with a VOG date for help at home.

Requests, follow-ups, threads and volunteering all ask it. It sits below them, so requests can call
follow_ups (which needs it too) without an import circle.
"""

from sqlmodel import Session, col, select

from mantelzorg_app.models import HelpRequest, Membership, Role


def qualifies(session: Session, request: HelpRequest, person_id: int | None) -> bool:
    """Whether the person may (still) help with the request: a volunteer of its hub whom the
    coordinator did not leave pending, with a VOG date when the help is at home (matching's hard
    rules on the person; their wishes of category, place and time count only when they offer)."""
    membership = volunteer_membership(session, person_id, request.hub_id) if person_id is not None else None
    return membership is not None and (not request.home_visit or membership.vog_checked_on is not None)


def volunteer_membership(session: Session, person_id: int, hub_id: int) -> Membership | None:
    """The person's volunteer membership of the hub, unless it waits for the coordinator."""
    return session.exec(
        select(Membership).where(
            Membership.person_id == person_id,
            Membership.hub_id == hub_id,
            Membership.role == Role.volunteer,
            ~col(Membership.pending),
        )
    ).first()
