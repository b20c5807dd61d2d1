"""The coordinator's check (services.news.moderation): every decision with its mail to the writer,
refused for anyone but the coordinator of the post's hub, only on a post in the right state and at
the version the coordinator read; the daily mail once a day per hub, also with two workers."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from mantelzorg_app.models import (
    AuditEvent,
    Membership,
    NewsDigest,
    NewsPost,
    PostStatus,
    Role,
    SearchDocument,
)
from mantelzorg_app.services import housekeeping
from mantelzorg_app.services.help import overview
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.news import listing, moderation, posts
from mantelzorg_app.services.news.posts import CHANGED_ELSEWHERE, Fields, NotPossible
from mantelzorg_app.services.platform import mail
from tests.unit.auth_fixtures import NOW
from tests.unit.conftest import WORKERS, postgres_url
from tests.unit.help_fixtures import Help, actor, help_world

BASE = "https://hub.example.org"
MINE = f"{BASE}/leusden/nieuws/mijn-berichten"


def trekker_world(session: Session) -> Help:
    """help_world, with Carla a trekker for Centrum."""
    found = help_world(session)
    carla, leusden, centrum = found.carla, found.leusden, found.centrum
    session.add(Membership(person_id=carla.id, hub_id=leusden.id, role=Role.trekker, wijk_id=centrum.id))
    session.commit()
    return found


@pytest.fixture
def world(session: Session) -> Help:
    return trekker_world(session)


def trekker(world: Help) -> Actor:
    return actor(world.carla, world.leusden, Role.caregiver, Role.trekker)


def sent(session: Session, world: Help, title: str = "Boekenkast bij de bieb", when=NOW) -> NewsPost:
    """Carla's post for Centrum, sent for the check."""
    who = trekker(world)
    body = "In de hal staat een ruilkast.\n\nNeem een boek mee, of breng er een."
    draft = posts.save_draft(session, who, None, Fields(title, body, world.centrum.id), 0, when)
    return posts.send(session, who, draft.id, when)


def reread(session: Session, post: NewsPost) -> NewsPost:
    session.expire_all()
    return session.get(NewsPost, post.id)


def refusals(session: Session) -> int:
    return len(session.exec(select(AuditEvent).where(AuditEvent.action == "refused")).all())


def test_the_list_has_the_waiting_posts_oldest_first_with_everything_to_decide_on(session, world: Help):
    second = sent(session, world, "Tweede", NOW)
    first = sent(session, world, "Eerste", NOW - timedelta(hours=2))
    posts.save_draft(session, trekker(world), None, Fields("Nog een kladje", "", world.centrum.id), 0, NOW)

    listed = moderation.waiting(session, world.coordinator)

    assert [p.id for p in listed] == [first.id, second.id]
    assert listed[0].paragraphs == ("In de hal staat een ruilkast.", "Neem een boek mee, of breng er een.")
    assert (listed[0].wijk, listed[0].author, listed[0].version) == ("Centrum", "Carla", first.version)
    assert moderation.waiting(session, world.other_coordinator) == []
    assert moderation.waiting_count(session, world.leusden.id) == 2


def test_the_coordinator_sees_the_text_in_the_paragraphs_readers_will_see(session: Session, world: Help):
    """One rule (listing.paragraphs): a line break inside a paragraph is a space, as on the post's page."""
    who = trekker(world)
    body = "Eerste regel\r\ntweede regel.\n\n\n  Nog een stuk.  "
    draft = posts.save_draft(session, who, None, Fields("Regels", body, world.centrum.id), 0, NOW)
    posts.send(session, who, draft.id, NOW)

    (listed,) = moderation.waiting(session, world.coordinator)

    assert listed.paragraphs == ("Eerste regel tweede regel.", "Nog een stuk.")
    assert list(listed.paragraphs) == listing.paragraphs(body)


def test_every_published_post_can_be_reached_to_take_down(session: Session, world: Help):
    """The newest first, ``most`` at a time, with the word that there are more ("Meer")."""
    ids = []
    for n in range(3):
        post = sent(session, world, f"Bericht {n}", NOW + timedelta(minutes=n))
        moderation.approve(session, world.coordinator, post.id, post.version, NOW + timedelta(minutes=n))
        ids.append(post.id)

    shown, more = moderation.published(session, world.coordinator, most=2)
    assert ([p.id for p in shown], more) == ([ids[2], ids[1]], True)
    shown, more = moderation.published(session, world.coordinator, most=4)
    assert ([p.id for p in shown], more) == ([ids[2], ids[1], ids[0]], False)
    assert moderation.published(session, world.other_coordinator) == ([], False)


def test_approve_publishes_it_and_mails_the_writer(session: Session, world: Help):
    post = sent(session, world)
    read = post.version

    (told,) = moderation.approve(session, world.coordinator, post.id, read, NOW, BASE)

    found = reread(session, post)
    assert (found.status, found.published_at, found.decided_by_id) == (
        PostStatus.published,
        NOW,
        world.cora.id,
    )
    assert found.decided_at == NOW and found.version == read + 1
    assert (told.to, told.subject) == (world.carla.email, "Uw bericht staat op de Mantelzorghub")
    assert "Hallo Carla" in told.body and "'Boekenkast bij de bieb' goedgekeurd" in told.body
    assert MINE in told.body and "Mantelzorghub Leusden" in told.body
    assert [p.id for p in moderation.published(session, world.coordinator)[0]] == [post.id]
    assert session.exec(select(SearchDocument).where(SearchDocument.kind == "post")).all()


def test_asking_a_change_needs_words_and_sends_them_to_the_writer(session: Session, world: Help):
    post = sent(session, world)
    for empty in ("", "   ", None, 5):
        with pytest.raises(NotPossible) as no_note:
            moderation.ask_change(session, world.coordinator, post.id, post.version, empty, NOW, BASE)
        assert no_note.value.msgid == moderation.NO_NOTE
    with pytest.raises(NotPossible) as too_long:
        moderation.ask_change(session, world.coordinator, post.id, post.version, "x" * 501, NOW, BASE)
    assert too_long.value.values == {"most": 500}
    assert reread(session, post).status == PostStatus.waiting

    (told,) = moderation.ask_change(
        session, world.coordinator, post.id, post.version, " Zet er de tijd bij. ", NOW, BASE
    )

    found = reread(session, post)
    assert (found.status, found.note, found.published_at) == (PostStatus.changes, "Zet er de tijd bij.", None)
    assert told.subject == "De coördinator vraagt een wijziging"
    assert "Zet er de tijd bij." in told.body and "Mijn berichten" in told.body and MINE in told.body


def test_the_writer_changes_it_and_sends_it_again_and_an_old_page_cannot_approve_the_new_text(
    session: Session, world: Help
):
    post = sent(session, world)
    first = post.version
    moderation.ask_change(session, world.coordinator, post.id, first, "Zet er de tijd bij.", NOW)
    read_before = reread(session, post).version
    changed = posts.save_draft(
        session,
        trekker(world),
        post.id,
        Fields("Boekenkast", "Om 10 uur.", world.centrum.id),
        read_before,
        NOW,
    )
    again = posts.send(session, trekker(world), changed.id, NOW)

    with pytest.raises(NotPossible) as old:
        moderation.approve(session, world.coordinator, post.id, first, NOW)  # the first version
    assert old.value.msgid == CHANGED_ELSEWHERE
    moderation.approve(session, world.coordinator, post.id, again.version, NOW)
    assert reread(session, post).status == PostStatus.published


def test_reject_needs_words_and_tells_the_writer(session: Session, world: Help):
    post = sent(session, world)
    with pytest.raises(NotPossible):
        moderation.reject(session, world.coordinator, post.id, post.version, "", NOW, BASE)

    (told,) = moderation.reject(
        session, world.coordinator, post.id, post.version, "Dit is reclame.", NOW, BASE
    )

    found = reread(session, post)
    assert (found.status, found.note) == (PostStatus.rejected, "Dit is reclame.")
    assert told.subject == "Uw bericht wordt niet geplaatst" and "Dit is reclame." in told.body


def test_take_down_a_published_post_with_or_without_words(session: Session, world: Help):
    post = sent(session, world)
    moderation.approve(session, world.coordinator, post.id, post.version, NOW)
    published = reread(session, post)

    (told,) = moderation.take_down(session, world.coordinator, post.id, published.version, "", NOW, BASE)

    found = reread(session, post)
    assert (found.status, found.note) == (PostStatus.taken_down, "")
    assert told.subject == "Uw bericht is weggehaald" and "De coördinator schrijft" not in told.body
    assert moderation.published(session, world.coordinator) == ([], False)
    assert session.exec(select(SearchDocument).where(SearchDocument.kind == "post")).all() == []

    other = sent(session, world, "Ander bericht")
    moderation.approve(session, world.coordinator, other.id, other.version, NOW)
    (told,) = moderation.take_down(
        session, world.coordinator, other.id, reread(session, other).version, "Het is voorbij.", NOW
    )
    assert "De coördinator schrijft:\n\nHet is voorbij." in told.body
    assert "Open de Mantelzorghub en log in." in told.body  # no base: no link


@pytest.mark.parametrize(
    ("decide", "was"),
    [
        (lambda s, a, p, v: moderation.approve(s, a, p, v, NOW), "waiting"),
        (lambda s, a, p, v: moderation.ask_change(s, a, p, v, "Korter graag.", NOW), "waiting"),
        (lambda s, a, p, v: moderation.reject(s, a, p, v, "Nee.", NOW), "waiting"),
        (lambda s, a, p, v: moderation.take_down(s, a, p, v, "", NOW), "published"),
    ],
)
def test_every_decision_refuses_and_logs_anyone_but_the_coordinator_of_the_posts_hub(
    session: Session, world: Help, decide, was: str
):
    post = sent(session, world)
    if was == "published":
        moderation.approve(session, world.coordinator, post.id, post.version, NOW)
    version = reread(session, post).version
    for intruder in (trekker(world), world.volunteer, world.professional, world.other_coordinator):
        before = refusals(session)
        with pytest.raises(Refused):
            decide(session, intruder, post.id, version)
        assert refusals(session) == before + 1
    for junk in (None, "1", -1, 10**30, post.id + 1000):
        with pytest.raises(Refused):
            decide(session, world.coordinator, junk, version)
    found = reread(session, post)
    assert (found.status, found.version) == (PostStatus(was), version)


def test_a_decision_on_a_post_in_another_state_or_version_is_not_possible(session: Session, world: Help):
    draft = posts.save_draft(
        session, trekker(world), None, Fields("Kladje", "Tekst", world.centrum.id), 0, NOW
    )
    post = sent(session, world)
    for decide in (
        lambda p, v: moderation.approve(session, world.coordinator, p, v, NOW),
        lambda p, v: moderation.reject(session, world.coordinator, p, v, "Nee.", NOW),
    ):
        with pytest.raises(NotPossible):
            decide(draft.id, draft.version)  # a draft is the writer's alone
    with pytest.raises(NotPossible):
        moderation.take_down(session, world.coordinator, post.id, post.version, "", NOW)  # not published
    for stale in (post.version + 1, None, "0", True, 1.0):
        with pytest.raises(NotPossible):
            moderation.approve(session, world.coordinator, post.id, stale, NOW)
    moderation.approve(session, world.coordinator, post.id, post.version, NOW)
    with pytest.raises(NotPossible):  # a second tap, or another coordinator, after the first decision
        moderation.reject(session, world.coordinator, post.id, post.version, "Nee.", NOW)
    assert reread(session, post).status == PostStatus.published


def test_two_coordinators_deciding_at_once_one_wins(engine: Engine, world: Help):
    with Session(engine) as session:
        post = sent(session, world)
        post_id, version = post.id, post.version
    with Session(engine) as one, Session(engine) as two:
        one.get(NewsPost, post_id), two.get(NewsPost, post_id)  # both read it waiting
        moderation.approve(one, world.coordinator, post_id, version, NOW)
        with pytest.raises(NotPossible):
            moderation.reject(two, world.coordinator, post_id, version, "Nee.", NOW)
    with Session(engine) as session:
        assert session.get(NewsPost, post_id).status == PostStatus.published


def test_no_mail_to_a_writer_without_an_address_or_wiped(session: Session, world: Help):
    post = sent(session, world)
    found = session.get(NewsPost, post.id)
    found.author_id = None
    session.add(found)
    session.commit()
    assert moderation.approve(session, world.coordinator, post.id, post.version, NOW) == []


def test_the_coordinators_overview_counts_the_waiting_posts(session: Session, world: Help):
    def lines() -> list[tuple[str, dict]]:
        return [(r.message, dict(r.values)) for r in overview.overview(session, world.coordinator, NOW).lines]

    assert not any("controle" in message for message, _ in lines())
    sent(session, world)
    assert ("1 bericht wacht op uw controle", {}) in lines()
    sent(session, world, "Tweede")
    assert ("{n} berichten wachten op uw controle", {"n": "2"}) in lines()


# --- the daily mail -------------------------------------------------------------------------------

MORNING = NOW.replace(hour=7)  # 8.00 in Leusden (winter time)


def test_the_daily_mail_goes_once_a_day_from_eight_on_the_hubs_clock(session: Session, world: Help):
    assert moderation.due_digests(session, MORNING, BASE) == []  # nothing waits
    sent(session, world)
    sent(session, world, "Tweede")
    assert moderation.due_digests(session, MORNING - timedelta(minutes=1), BASE) == []  # 7.59

    (told,) = moderation.due_digests(session, MORNING, BASE)

    assert (told.to, told.subject) == (world.cora.email, "Er wachten berichten")
    assert "Hallo Cora" in told.body and "Er wachten 2 berichten op uw controle." in told.body
    assert f"{BASE}/leusden/beheer/nieuws" in told.body
    assert "Boekenkast" not in told.body and "Carla" not in told.body
    assert moderation.due_digests(session, MORNING + timedelta(hours=10), BASE) == []  # the same day
    (tomorrow,) = moderation.due_digests(session, MORNING + timedelta(days=1), BASE)
    assert tomorrow.to == world.cora.email
    assert len(session.exec(select(NewsDigest)).all()) == 2


def test_the_day_is_the_hubs_own_and_each_hub_is_mailed_on_its_own(session: Session, world: Help):
    sent(session, world)
    late = NOW.replace(hour=23, minute=30)  # 0.30 on Tuesday in Leusden: too early for Tuesday's
    assert [m.to for m in moderation.due_digests(session, NOW, BASE)] == [world.cora.email]
    assert moderation.due_digests(session, late, BASE) == []
    (digest,) = session.exec(select(NewsDigest)).all()
    assert digest.day.isoformat() == "2025-03-03"


def test_one_post_says_one(session: Session, world: Help):
    sent(session, world)
    (told,) = moderation.due_digests(session, NOW, None)
    assert "Er wacht 1 bericht op uw controle." in told.body


def test_a_day_whose_posts_were_decided_on_before_the_claim_is_kept_for_a_later_post(
    session: Session, world: Help, monkeypatch
):
    """Counted again right before the claim: when the coordinator decided on everything between the
    first count and the claim, nothing is mailed and the day stays free for a post sent later."""
    post = sent(session, world)
    count = moderation.waiting_count

    def decided_meanwhile(session_, hub_id):
        moderation.approve(session_, world.coordinator, post.id, post.version, NOW)
        return count(session_, hub_id)

    monkeypatch.setattr(moderation, "waiting_count", decided_meanwhile)
    assert moderation.due_digests(session, NOW, BASE) == []
    assert session.exec(select(NewsDigest)).all() == []
    monkeypatch.setattr(moderation, "waiting_count", count)

    sent(session, world, "Later die dag", NOW + timedelta(hours=3))
    (told,) = moderation.due_digests(session, NOW + timedelta(hours=3), BASE)
    assert told.to == world.cora.email and "Er wacht 1 bericht op uw controle." in told.body


def test_two_workers_finding_the_same_digest_send_it_once(engine: Engine, world: Help):
    with Session(engine) as session:
        sent(session, world)
    with Session(engine) as one, Session(engine) as two:
        assert moderation.claim_digest(one, world.leusden.id, NOW.date())
        assert not moderation.claim_digest(two, world.leusden.id, NOW.date())
        assert moderation.due_digests(two, NOW, BASE) == []


def test_the_hourly_run_sends_the_daily_mail(session: Session, world: Help, monkeypatch):
    sent(session, world)
    mails: list[mail.Message] = []
    monkeypatch.setattr(mail, "send", mails.append)

    counts = housekeeping.send_due_mails(session, NOW, BASE)

    assert counts["'Er wachten berichten'"] == 1 and [m.subject for m in mails] == ["Er wachten berichten"]
    assert housekeeping.send_due_mails(session, NOW + timedelta(hours=1), BASE)["'Er wachten berichten'"] == 0


@pytest.mark.skipif(postgres_url() is None, reason="concurrent workers: PostgreSQL only")
def test_workers_running_at_once_send_the_daily_mail_once(shared_engine: Engine):
    with Session(shared_engine) as session:
        world = trekker_world(session)
        sent(session, world)
    start = threading.Barrier(WORKERS)
    told: list[str] = []
    errors: list[BaseException] = []

    def run() -> None:
        start.wait()
        try:
            with Session(shared_engine) as session:
                told.extend(m.to for m in moderation.due_digests(session, NOW, BASE))
        except BaseException as error:  # reported by the test
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert told == [world.cora.email]
