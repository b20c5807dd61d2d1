""" "Meld" and Meldingen through their State handlers, as a browser calls them: the sheet acts only on
the message its own ``open`` checked, and only the hub's coordinator decides."""

from sqlmodel import Session, select

from mantelzorg_app.models import ChatBlock, ChatMessage, ChatReport, Conversation, Kind
from mantelzorg_app.services.chat import conversations
from mantelzorg_app.services.identity.authz import Actor
from tests.security.chat_fixtures import reported
from tests.security.conftest import People, call, call_in_turn, refusals


def _reports(db) -> list[tuple[int, int, str]]:
    with Session(db) as session:
        return list(
            session.exec(
                select(ChatReport.message_id, ChatReport.reporter_id, ChatReport.reason).order_by(
                    ChatReport.id
                )
            ).all()
        )


def _join_cafe(db, people: People, who: str, role) -> None:
    with Session(db) as session:
        cafe = session.exec(
            select(Conversation).where(
                Conversation.kind == Kind.room, Conversation.title == "Online Mantelzorgcafé"
            )
        ).first()
        actor = Actor(people.ids[f"{who}_person"], who, cafe.hub_id, frozenset({role}))
        conversations.join(session, actor, cafe.id, cafe.created_at)
        session.commit()


def test_the_sheet_reports_and_blocks_only_the_message_it_opened(db, people: People):
    from mantelzorg_app.models import Role
    from state.chat.report import ReportState

    ids = reported("leusden")  # Carla's message in the café, already reported by Anna
    _join_cafe(db, people, "coordinator", Role.coordinator)
    before = _reports(db)

    # Gerrit, a member too, reports it in his tab: open, then one tap on a reason.
    state = call_in_turn(
        ReportState, ("open", ids["message"]), ("report", "rude"), token=people.tokens["coordinator"]
    )
    assert state.step == "thanks"
    assert _reports(db) == [*before, (ids["message"], people.ids["coordinator_person"], "rude")]

    # A tab that opened nothing reports nothing; "Meld" on one's own message or from outside is refused.
    for who in ("volunteer", "professional", "other_hub_coordinator", "caregiver"):
        call(ReportState, "report", "unsafe", token=people.tokens[who])
        call(ReportState, "block", token=people.tokens[who])
    for who in ("volunteer", "professional", "other_hub_coordinator"):
        refused_before = refusals(db)
        state = call_in_turn(
            ReportState, ("open", ids["message"]), ("report", "unsafe"), ("block",), token=people.tokens[who]
        )
        assert state.step == "" and not state.allowed
        assert refusals(db) > refused_before
    assert len(_reports(db)) == len(before) + 1
    with Session(db) as session:
        assert session.exec(select(ChatBlock)).all() == []

    # Anna blocks the author from the sheet.
    state = call_in_turn(ReportState, ("open", ids["message"]), ("block",), token=people.tokens["caregiver"])
    assert state.step == "blocked"
    with Session(db) as session:
        (block,) = session.exec(select(ChatBlock)).all()
        assert (block.blocker_id, block.blocked_id) == (
            people.ids["caregiver_person"],
            people.ids["volunteer_person"],
        )


def test_only_the_hubs_coordinator_sees_and_decides(db, people: People):
    from state.chat.moderation import ModerationState

    ids = reported("leusden")
    for who in ("caregiver", "volunteer", "professional", "other_hub_coordinator"):
        state = call_in_turn(ModerationState, ("load",), ("hide", ids["report"]), token=people.tokens[who])
        assert not state.allowed and state.reports == []
    with Session(db) as session:
        assert session.get(ChatMessage, ids["message"]).hidden_at is None

    state = call_in_turn(ModerationState, ("load",), token=people.tokens["coordinator"])
    (row,) = state.reports
    assert (row.id, row.author, row.text, row.room, row.removable) == (
        str(ids["report"]),
        "Carla",
        "Koop nu!",
        True,
        True,
    )
    state = call_in_turn(ModerationState, ("load",), ("warn", row.id), token=people.tokens["coordinator"])
    assert state.reports == [] and state.done
    with Session(db) as session:
        assert session.get(ChatMessage, ids["message"]).hidden_at is not None
        assert session.exec(select(ChatReport.outcome)).all() == ["warned"]
