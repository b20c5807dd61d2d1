"""A post from writing to sending (services.news.posts): who writes for which wijk, the draft saved
with its version, the limits, what keeps a post from being sent, the coordinator's own post, and
throwing a draft away."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import Activity, ActivityKind, Membership, NewsPhoto, NewsPost, PostStatus, Role
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.news import posts
from mantelzorg_app.services.news.posts import Fields, NotPossible
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import Help, actor, help_world, refused

BODY = "In de hal staat een ruilkast.\n\nNeem een boek mee."


@pytest.fixture
def world(session: Session) -> Help:
    """help_world with Carla a trekker for Centrum, and Victor asking to be one for Zuid (pending)."""
    found = help_world(session)
    session.add_all(
        [
            Membership(
                person_id=found.carla.id, hub_id=found.leusden.id, role=Role.trekker, wijk_id=found.centrum.id
            ),
            Membership(
                person_id=found.victor.id,
                hub_id=found.leusden.id,
                role=Role.trekker,
                wijk_id=found.zuid.id,
                pending=True,
            ),
        ]
    )
    session.commit()
    return found


def trekker(world: Help) -> Actor:
    return actor(world.carla, world.leusden, Role.caregiver, Role.trekker)


def draft(
    session: Session, who: Actor, wijk_id: int | None, title="Ruilkast", body=BODY, when=NOW
) -> NewsPost:
    return posts.save_draft(session, who, None, Fields(title, body, wijk_id), 0, when)


def test_a_trekker_writes_for_their_own_wijk_only(session, world: Help):
    carla = trekker(world)
    assert [w.name for w in posts.writable_wijken(session, carla)] == ["Centrum"]
    assert posts.may_write(session, carla, world.centrum.id)
    assert not posts.may_write(session, carla, world.zuid.id)
    assert not posts.may_write(session, carla, None)

    post = draft(session, carla, world.centrum.id, title="  Ruilkast  ")

    assert (post.status, post.wijk_id, post.title, post.author_name) == (
        PostStatus.draft,
        world.centrum.id,
        "Ruilkast",
        "Carla",
    )
    with refused(session, posts.ACTION):
        draft(session, carla, world.zuid.id)
    with refused(session, posts.ACTION):
        draft(session, carla, world.abele.id)  # another hub's wijk
    with pytest.raises(NotPossible) as whole_hub:
        draft(session, carla, None)
    assert whole_hub.value.msgid == posts.NO_WIJK
    assert len(session.exec(select(NewsPost)).all()) == 1


def test_a_trekker_cannot_move_their_draft_to_another_wijk(session, world: Help):
    carla = trekker(world)
    post = draft(session, carla, world.centrum.id)
    with refused(session, posts.ACTION):
        posts.save_draft(session, carla, post.id, Fields("Ruilkast", BODY, world.zuid.id), post.version, NOW)
    session.expire_all()
    assert session.get(NewsPost, post.id).wijk_id == world.centrum.id


def test_without_a_granted_trekker_role_nobody_writes(session, world: Help):
    asking = actor(world.victor, world.leusden, Role.volunteer)  # his trekker role still waits
    for who, wijk in (
        (world.caregiver, world.centrum),
        (world.volunteer, world.centrum),
        (asking, world.zuid),
    ):
        assert posts.writable_wijken(session, who) == []
        with refused(session, posts.ACTION):
            draft(session, who, wijk.id)
    assert posts.writable_wijken(session, None) == [] and not posts.may_write(session, None, world.centrum.id)


def test_the_coordinator_writes_for_any_wijk_of_the_hub_or_the_whole_hub(session, world: Help):
    cora = world.coordinator
    assert [w.name for w in posts.writable_wijken(session, cora)] == ["Centrum", "Zuid"]
    assert draft(session, cora, None).wijk_id is None
    assert draft(session, cora, world.zuid.id).wijk_id == world.zuid.id
    with refused(session, posts.ACTION):
        draft(session, cora, world.abele.id)


def test_a_save_from_an_older_copy_is_refused_and_each_save_raises_the_version(session, world: Help):
    carla = trekker(world)
    post = draft(session, carla, world.centrum.id)
    first = post.version
    saved = posts.save_draft(
        session, carla, post.id, Fields("Ruilkast open", BODY, world.centrum.id), first, NOW
    )
    assert saved.version == first + 1 and saved.title == "Ruilkast open"

    with pytest.raises(NotPossible) as older:  # a second tab still holds the first version
        posts.save_draft(session, carla, post.id, Fields("Anders", BODY, world.centrum.id), first, NOW)

    assert older.value.msgid == posts.CHANGED_ELSEWHERE
    session.expire_all()
    assert session.get(NewsPost, post.id).title == "Ruilkast open"


def test_someone_elses_post_is_refused_and_logged(session, world: Help):
    post = draft(session, trekker(world), world.centrum.id)
    for who in (world.coordinator, world.volunteer, world.other_coordinator):
        with refused(session, posts.ACTION):
            posts.own(session, who, post.id)
        with refused(session, posts.ACTION):
            posts.send(session, who, post.id, NOW)
        with refused(session, posts.ACTION):
            posts.discard(session, who, post.id)
    with refused(session, posts.ACTION):
        posts.own(session, trekker(world), "9999")


def test_a_title_or_text_too_long_is_said_in_words(session, world: Help):
    carla = trekker(world)
    with pytest.raises(NotPossible) as title:
        draft(session, carla, world.centrum.id, title="x" * (posts.TITLE_MOST + 1))
    with pytest.raises(NotPossible) as body:
        draft(session, carla, world.centrum.id, body="x" * (posts.BODY_MOST + 1))
    assert (title.value.msgid, title.value.values) == (posts.LONG_TITLE, {"most": posts.TITLE_MOST})
    assert (body.value.msgid, body.value.values) == (posts.LONG_BODY, {"most": posts.BODY_MOST})


def test_only_an_activity_of_the_hub_can_be_linked(session, world: Help):
    carla = trekker(world)
    ours, theirs = (
        Activity(hub_id=hub.id, kind=ActivityKind.cafe, title="Café", starts_at=NOW + timedelta(days=3))
        for hub in (world.leusden, world.poperinge)
    )
    session.add_all([ours, theirs])
    session.commit()
    linked = posts.save_draft(session, carla, None, Fields("Kom", BODY, world.centrum.id, ours.id), 0, NOW)
    assert linked.activity_id == ours.id
    with pytest.raises(NotPossible):
        posts.save_draft(session, carla, None, Fields("Kom", BODY, world.centrum.id, theirs.id), 0, NOW)


def test_at_most_twenty_open_posts_a_person(session, world: Help):
    carla = trekker(world)
    for i in range(posts.OPEN_MOST):
        draft(session, carla, world.centrum.id, title=f"Kladje {i}")
    with pytest.raises(NotPossible) as too_many:
        draft(session, carla, world.centrum.id)
    assert too_many.value.msgid == posts.TOO_MANY_OPEN
    first = posts.mine(session, carla)[-1]
    posts.save_draft(
        session, carla, first.id, Fields("Nog steeds", BODY, world.centrum.id), first.version, NOW
    )


def test_at_most_ten_sent_a_day(session, world: Help):
    cora = world.coordinator  # published at once: nothing stays open, only the sending counts
    for i in range(posts.SENT_A_DAY_MOST):
        posts.send(session, cora, draft(session, cora, None, title=f"Nieuws {i}").id, NOW)
    eleventh = draft(session, cora, None)
    with pytest.raises(NotPossible) as too_many:
        posts.send(session, cora, eleventh.id, NOW + timedelta(hours=23))
    assert too_many.value.msgid == posts.TOO_MANY_SENT
    assert (
        posts.send(session, cora, eleventh.id, NOW + timedelta(hours=24, minutes=1)).status
        == PostStatus.published
    )


def test_what_keeps_a_post_from_being_sent_is_said_and_nothing_is_lost(session, world: Help):
    carla = trekker(world)
    empty = draft(session, carla, world.centrum.id, title="", body="")
    assert posts.problems(session, empty) == [(posts.NO_TITLE, {}), (posts.NO_BODY, {})]
    with pytest.raises(NotPossible) as first:
        posts.send(session, carla, empty.id, NOW)
    assert first.value.msgid == posts.NO_TITLE

    post = draft(session, carla, world.centrum.id)
    photo = NewsPhoto(hub_id=world.leusden.id, author_id=carla.person_id, data=b"jpeg", width=10, height=10)
    session.add(photo)
    session.commit()
    posts.attach_photo(session, carla, post.id, photo, NOW)
    with pytest.raises(NotPossible) as no_alt:
        posts.send(session, carla, post.id, NOW)
    assert no_alt.value.msgid == posts.NO_ALT
    session.expire_all()
    kept = session.get(NewsPost, post.id)
    assert (kept.status, kept.title, kept.body) == (PostStatus.draft, "Ruilkast", BODY)

    posts.describe_photo(session, carla, post.id, "  Een kast vol boeken  ", NOW)
    assert posts.send(session, carla, post.id, NOW).status == PostStatus.waiting


def test_a_trekkers_post_waits_and_the_coordinators_is_published(session, world: Help):
    carla, cora = trekker(world), world.coordinator
    waiting = posts.send(session, carla, draft(session, carla, world.centrum.id).id, NOW)
    assert (waiting.status, waiting.sent_at, waiting.published_at) == (PostStatus.waiting, NOW, None)

    published = posts.send(session, cora, draft(session, cora, None).id, NOW)
    assert (published.status, published.published_at, published.decided_by_id) == (
        PostStatus.published,
        NOW,
        cora.person_id,
    )


def test_a_sent_post_is_not_edited_sent_again_or_thrown_away(session, world: Help):
    carla = trekker(world)
    post = posts.send(session, carla, draft(session, carla, world.centrum.id).id, NOW)
    for attempt in (
        lambda: posts.save_draft(
            session, carla, post.id, Fields("Anders", BODY, world.centrum.id), post.version, NOW
        ),
        lambda: posts.send(session, carla, post.id, NOW),
        lambda: posts.discard(session, carla, post.id),
    ):
        with pytest.raises(NotPossible) as not_now:
            attempt()
        assert not_now.value.msgid == posts.CHANGED_ELSEWHERE
    session.expire_all()
    assert session.get(NewsPost, post.id).title == "Ruilkast"


def test_a_post_to_change_is_edited_and_sent_again(session, world: Help):
    carla = trekker(world)
    post = posts.send(session, carla, draft(session, carla, world.centrum.id).id, NOW)
    row = session.get(NewsPost, post.id)
    row.status, row.note = PostStatus.changes, "Zet de tijd erbij."
    session.add(row)
    session.commit()
    changed = posts.save_draft(
        session, carla, post.id, Fields("Ruilkast, elke dag", BODY, world.centrum.id), row.version, NOW
    )
    assert changed.status == PostStatus.changes
    assert posts.send(session, carla, post.id, NOW).status == PostStatus.waiting


def test_a_trekker_whose_role_went_cannot_send_their_draft(session, world: Help):
    carla = trekker(world)
    post = draft(session, carla, world.centrum.id)
    role = session.exec(
        select(Membership).where(Membership.person_id == carla.person_id, Membership.role == Role.trekker)
    ).one()
    session.delete(role)
    session.commit()
    with refused(session, posts.ACTION):
        posts.send(session, carla, post.id, NOW)
    assert session.get(NewsPost, post.id).status == PostStatus.draft


def test_discard_deletes_the_draft_and_its_photo(session, world: Help):
    carla = trekker(world)
    post = draft(session, carla, world.centrum.id)
    photo = NewsPhoto(hub_id=world.leusden.id, author_id=carla.person_id, data=b"jpeg", width=10, height=10)
    session.add(photo)
    session.commit()
    photo_id = photo.id
    posts.attach_photo(session, carla, post.id, photo, NOW)

    posts.discard(session, carla, post.id)

    session.expire_all()
    assert session.get(NewsPost, post.id) is None and session.get(NewsPhoto, photo_id) is None


def test_mine_lists_the_persons_own_posts_newest_change_first(session, world: Help):
    carla, cora = trekker(world), world.coordinator
    older = draft(session, carla, world.centrum.id, title="Oud", when=NOW - timedelta(days=2))
    newer = draft(session, carla, world.centrum.id, title="Nieuw", when=NOW)
    draft(session, cora, None, title="Van Cora")
    assert [p.id for p in posts.mine(session, carla)] == [newer.id, older.id]
    elsewhere = actor(world.carla, world.poperinge, Role.trekker)
    assert posts.mine(session, elsewhere) == []


def test_who_sees_a_post_before_and_after_it_is_published(session, world: Help):
    carla = trekker(world)
    post = draft(session, carla, world.centrum.id)
    assert posts.may_see(carla, post) and posts.may_see(world.coordinator, post)
    for who in (None, world.volunteer, world.other_coordinator):
        assert not posts.may_see(who, post)
    published = posts.send(session, world.coordinator, draft(session, world.coordinator, None).id, NOW)
    assert posts.may_see(None, published)


def _photo_on(session: Session, world: Help, who: Actor, post: NewsPost) -> int:
    photo = NewsPhoto(hub_id=world.leusden.id, author_id=who.person_id, data=b"jpeg", width=10, height=10)
    session.add(photo)
    session.commit()
    photo_id = photo.id
    posts.attach_photo(session, who, post.id, photo, NOW)
    return photo_id


def _to_change(session: Session, post_id: int) -> NewsPost:
    """The coordinator asked for a change (as services.news.moderation does)."""
    row = session.get(NewsPost, post_id)
    row.status, row.note, row.version = PostStatus.changes, "Zet de tijd erbij.", row.version + 1
    session.add(row)
    session.commit()
    return row


def test_a_post_to_change_can_be_thrown_away_too(session, world: Help):
    carla = trekker(world)
    post = posts.send(session, carla, draft(session, carla, world.centrum.id).id, NOW)
    _to_change(session, post.id)
    posts.discard(session, carla, post.id)
    session.expire_all()
    assert session.get(NewsPost, post.id) is None


def test_a_waiting_post_is_taken_back_to_the_drafts_only_while_it_waits(session, world: Help):
    carla = trekker(world)
    post = posts.send(session, carla, draft(session, carla, world.centrum.id).id, NOW)
    version = post.version
    for who in (world.coordinator, world.volunteer, world.other_coordinator):
        with refused(session, posts.ACTION):
            posts.take_back(session, who, post.id, NOW)
    back = posts.take_back(session, carla, post.id, NOW + timedelta(minutes=5))
    assert (back.status, back.version, back.title) == (PostStatus.draft, version + 1, "Ruilkast")
    with pytest.raises(NotPossible) as not_waiting:  # a draft (or published, decided) is not taken back
        posts.take_back(session, carla, post.id, NOW)
    assert not_waiting.value.msgid == posts.NOT_WAITING
    posts.discard(session, carla, post.id)  # and a draft can be thrown away


def test_taking_back_and_throwing_away_frees_the_open_limit(session, world: Help):
    carla = trekker(world)
    for i in range(posts.OPEN_MOST):
        post = draft(session, carla, world.centrum.id, title=f"Kladje {i}")
        posts.send(session, carla, post.id, NOW - timedelta(days=2 * (posts.OPEN_MOST - i)))
    with pytest.raises(NotPossible):
        draft(session, carla, world.centrum.id)
    oldest = posts.mine(session, carla)[-1]
    posts.discard(session, carla, posts.take_back(session, carla, oldest.id, NOW).id)
    assert draft(session, carla, world.centrum.id, title="Eindelijk").status == PostStatus.draft


def test_save_over_keeps_the_tabs_words_over_another_tabs_save(session, world: Help):
    carla = trekker(world)
    post = draft(session, carla, world.centrum.id)
    first = post.version
    posts.save_draft(session, carla, post.id, Fields("Uit tab twee", BODY, world.centrum.id), first, NOW)
    mine = Fields("Uit tab een", BODY, world.centrum.id)
    with pytest.raises(NotPossible):
        posts.save_draft(session, carla, post.id, mine, first, NOW)
    saved = posts.save_over(session, carla, post.id, mine, NOW)
    assert (saved.id, saved.title, saved.version) == (post.id, "Uit tab een", first + 2)


def test_save_over_a_post_sent_or_thrown_away_elsewhere_makes_a_new_draft(session, world: Help):
    carla = trekker(world)
    sent = posts.send(session, carla, draft(session, carla, world.centrum.id).id, NOW)
    gone = draft(session, carla, world.centrum.id, title="Weg")
    gone_id = gone.id
    posts.discard(session, carla, gone_id)
    before = len(posts.mine(session, carla))
    for post_id in (gone_id, sent.id):  # (sqlite may give the thrown-away id to the new row)
        kept = posts.save_over(session, carla, post_id, Fields("Mijn woorden", BODY, world.centrum.id), NOW)
        assert kept.id != sent.id and kept.status == PostStatus.draft and kept.title == "Mijn woorden"
    assert len(posts.mine(session, carla)) == before + 2
    session.expire_all()
    assert session.get(NewsPost, sent.id).title == "Ruilkast"  # the sent post is left as it went


def test_save_over_someone_elses_post_is_refused_and_logged(session, world: Help):
    post = draft(session, trekker(world), world.centrum.id)
    with refused(session, posts.ACTION):
        posts.save_over(session, world.coordinator, post.id, Fields("Van Cora", BODY, None), NOW)
    session.expire_all()
    assert session.get(NewsPost, post.id).title == "Ruilkast"


def test_own_if_there_finds_nothing_for_a_missing_post_without_a_refusal(session, world: Help):
    from mantelzorg_app.services.platform import audit
    from tests.unit.help_fixtures import audit_events

    carla = trekker(world)
    post = draft(session, carla, world.centrum.id)
    assert posts.own_if_there(session, carla, post.id).id == post.id
    before = len(audit_events(session, audit.REFUSED))
    assert posts.own_if_there(session, carla, post.id + 1000) is None
    assert posts.own_if_there(session, carla, "abc") is None
    assert len(audit_events(session, audit.REFUSED)) == before
    with refused(session, posts.ACTION):  # someone else's: refused and logged still
        posts.own_if_there(session, world.coordinator, post.id)


def test_send_saves_the_photos_description_from_the_form_first(session, world: Help):
    carla = trekker(world)
    post = draft(session, carla, world.centrum.id)
    photo_id = _photo_on(session, world, carla, post)
    with pytest.raises(NotPossible) as empty:
        posts.send(session, carla, post.id, NOW, alt="   ")
    assert empty.value.msgid == posts.NO_ALT
    assert posts.send(session, carla, post.id, NOW, alt=" Een kast vol boeken ").status == PostStatus.waiting
    session.expire_all()
    assert session.get(NewsPhoto, photo_id).alt == "Een kast vol boeken"
    without = draft(session, carla, world.centrum.id, title="Zonder foto")
    assert posts.send(session, carla, without.id, NOW, alt="Niets").photo_id is None
