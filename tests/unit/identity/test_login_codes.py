"""Passwordless sign-in codes and links: digests only, used once, 10 minutes, limits and locks."""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete
from sqlmodel import Session, func, select

from mantelzorg_app.models import Hub, LoginCode
from mantelzorg_app.services.identity import login_codes
from mantelzorg_app.services.identity.login_codes import PER_CLIENT_PER_HOUR, Outcome
from mantelzorg_app.services.platform import digests
from tests.unit.auth_fixtures import NOW, add_hub

ANNA = "anna@leusden.example.org"
BERT = "bert@leusden.example.org"
CLIENT = "192.0.2.10"  # TEST-NET-1, documentation addresses
OTHER_CLIENT = "192.0.2.99"
# The rules, written here rather than read from the module under test.
LOCK_AFTER = 5  # wrong tries
WRONG_BUDGET = 10  # wrong tries per address per hour, over all its codes
PER_ADDRESS_PER_HOUR = 5


@pytest.fixture
def hub(session: Session) -> Hub:
    return add_hub(session, "leusden", "Leusden")


def _request(
    session: Session, hub: Hub, email: str = ANNA, now: datetime = NOW, client: str = CLIENT
) -> login_codes.Issued:
    issued = login_codes.request(session, hub.id, email, client, now)
    assert issued is not None, f"refused a request for {email} at {now}"
    return issued


def _rows(session: Session) -> list[LoginCode]:
    return list(session.exec(select(LoginCode).order_by(LoginCode.id)).all())


def _codes_will_be(monkeypatch: pytest.MonkeyPatch, *codes: str) -> None:
    monkeypatch.setattr(digests, "new_code", iter(codes).__next__)


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


# normalise_email


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("anna@leusden.example.org", "anna@leusden.example.org"),
        ("  Anna@Leusden.Example.ORG \n", "anna@leusden.example.org"),
        ("\tANNA@LEUSDEN.EXAMPLE.ORG", "anna@leusden.example.org"),
        ("a.b+c@sub.example.org", "a.b+c@sub.example.org"),
    ],
)
def test_normalise_email_trims_and_lowers(text: str, expected: str) -> None:
    assert login_codes.normalise_email(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "anna",
        "anna@",
        "@example.org",
        "anna@localhost",
        "anna@@example.org",
        "an na@example.org",
        "anna@exa mple.org",
        "anna@example.org\nbcc@example.org",
        "anna@example.",
    ],
)
def test_normalise_email_refuses_what_cannot_be_an_address(text: str) -> None:
    assert login_codes.normalise_email(text) is None


def test_normalise_email_allows_254_characters_and_no_more() -> None:
    domain = "@example.org"
    longest = "a" * (254 - len(domain)) + domain
    assert len(longest) == 254
    assert login_codes.normalise_email(longest) == longest
    assert login_codes.normalise_email("a" + longest) is None
    assert login_codes.normalise_email(f"  {longest.upper()}  ") == longest  # spaces do not count


# request


def test_request_returns_a_six_digit_code_and_a_link_token(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)

    assert re.fullmatch(r"\d{6}", issued.code)
    assert len(issued.link_token) >= 43
    assert issued.link_token != issued.code
    assert issued.expires_at == NOW + timedelta(minutes=10)


def test_request_stores_only_digests(session: Session, hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    # Fixed values keep the substring checks below deterministic.
    _codes_will_be(monkeypatch, "482915")
    monkeypatch.setattr(digests, "new_token", lambda: "Zq7-link-token-for-the-e-mail_xY3kP0wR9sT2uV5")
    issued = _request(session, hub)

    (row,) = _rows(session)
    assert row.code_digest == digests.digest(issued.code)
    assert row.link_digest == digests.digest(issued.link_token)
    assert row.client == digests.digest(CLIENT)
    assert row.email == ANNA
    assert row.attempts == 0
    assert row.used_at is None
    assert row.expires_at == issued.expires_at

    # What the database holds, read back raw: neither secret, nor the client address, anywhere.
    raw = session.connection().execute(LoginCode.__table__.select()).one()
    for value in raw:
        for secret in (issued.code, issued.link_token, CLIENT):
            assert secret not in str(value), f"{secret!r} stored in {value!r}"


def test_each_request_gets_a_new_code_and_token(session: Session, hub: Hub) -> None:
    first = _request(session, hub)
    second = _request(session, hub, now=NOW + timedelta(minutes=1))
    assert first.link_token != second.link_token
    assert len({row.link_digest for row in _rows(session)}) == 2


# check_code


def test_right_code_works_once_then_is_used(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)

    checked = login_codes.check_code(session, ANNA, issued.code, NOW + timedelta(minutes=1))
    assert checked == login_codes.Checked(Outcome.ok, ANNA, hub.id)
    (row,) = _rows(session)
    assert row.used_at == NOW + timedelta(minutes=1)

    again = login_codes.check_code(session, ANNA, issued.code, NOW + timedelta(minutes=2))
    assert again.outcome == Outcome.used
    assert again.email is None and again.hub_id is None


def test_spaces_around_the_typed_code_are_ignored(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)
    assert login_codes.check_code(session, ANNA, f" {issued.code}\n", NOW).outcome == Outcome.ok


def test_wrong_code_counts_and_the_fifth_locks(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)
    wrong = _wrong(issued.code)

    outcomes = [
        login_codes.check_code(session, ANNA, wrong, NOW + timedelta(seconds=i)).outcome
        for i in range(LOCK_AFTER)
    ]

    assert outcomes == [Outcome.wrong] * 4 + [Outcome.locked]
    assert _rows(session)[0].attempts == 5
    # Locked for good: even the right code, still well within the 10 minutes.
    assert login_codes.check_code(session, ANNA, issued.code, NOW + timedelta(minutes=1)).outcome == (
        Outcome.locked
    )
    assert login_codes.check_link(session, issued.link_token, NOW + timedelta(minutes=1)).outcome == (
        Outcome.locked
    )


def test_right_code_after_four_wrong_tries_still_works(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)
    for _ in range(LOCK_AFTER - 1):
        assert login_codes.check_code(session, ANNA, _wrong(issued.code), NOW).outcome == Outcome.wrong
    assert login_codes.check_code(session, ANNA, issued.code, NOW).outcome == Outcome.ok


def test_code_expires_after_ten_minutes(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)
    late = NOW + timedelta(minutes=10)

    assert login_codes.check_code(session, ANNA, issued.code, late).outcome == Outcome.expired
    assert login_codes.check_code(session, ANNA, issued.code, late + timedelta(days=1)).outcome == (
        Outcome.expired
    )
    # An expired code does not count wrong tries either.
    assert login_codes.check_code(session, ANNA, _wrong(issued.code), late).outcome == Outcome.expired
    assert _rows(session)[0].attempts == 0


def test_code_works_until_just_before_ten_minutes(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)
    just_in_time = NOW + timedelta(minutes=10) - timedelta(microseconds=1)
    assert login_codes.check_code(session, ANNA, issued.code, just_in_time).outcome == Outcome.ok


def test_only_the_newest_code_for_an_address_counts(
    session: Session, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    _codes_will_be(monkeypatch, "111111", "222222")  # random codes could, rarely, be equal
    older = _request(session, hub)
    newer = _request(session, hub, now=NOW + timedelta(minutes=1))
    later = NOW + timedelta(minutes=2)

    assert login_codes.check_code(session, ANNA, older.code, later).outcome == Outcome.wrong
    assert login_codes.check_code(session, ANNA, newer.code, later).outcome == Outcome.ok
    assert login_codes.check_code(session, ANNA, older.code, later).outcome == Outcome.used


def test_unknown_address(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)
    checked = login_codes.check_code(session, BERT, issued.code, NOW)
    assert checked == login_codes.Checked(Outcome.unknown)
    assert _rows(session)[0].attempts == 0


def test_a_code_is_only_good_for_its_own_address(
    session: Session, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    _codes_will_be(monkeypatch, "111111", "222222")
    for_anna = _request(session, hub, ANNA)
    for_bert = _request(session, hub, BERT)

    assert login_codes.check_code(session, BERT, for_anna.code, NOW).outcome == Outcome.wrong
    assert login_codes.check_code(session, ANNA, for_anna.code, NOW).outcome == Outcome.ok
    assert login_codes.check_code(session, BERT, for_bert.code, NOW).outcome == Outcome.ok


def test_code_returns_the_hub_it_was_requested_in(session: Session, hub: Hub) -> None:
    poperinge = add_hub(session, "poperinge", "Poperinge", country="BE")
    issued = _request(session, poperinge)
    checked = login_codes.check_code(session, ANNA, issued.code, NOW)
    assert (checked.outcome, checked.hub_id) == (Outcome.ok, poperinge.id)
    assert poperinge.id != hub.id


# check_link


def test_link_works_once_then_is_used(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)

    assert login_codes.check_link(session, issued.link_token, NOW + timedelta(minutes=3)) == (
        login_codes.Checked(Outcome.ok, ANNA, hub.id)
    )
    assert login_codes.check_link(session, issued.link_token, NOW + timedelta(minutes=4)).outcome == (
        Outcome.used
    )
    # The link and the code are one: using either uses up both.
    assert login_codes.check_code(session, ANNA, issued.code, NOW + timedelta(minutes=4)).outcome == (
        Outcome.used
    )


def test_code_used_first_uses_up_the_link(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)
    assert login_codes.check_code(session, ANNA, issued.code, NOW).outcome == Outcome.ok
    assert login_codes.check_link(session, issued.link_token, NOW).outcome == Outcome.used


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: t[:-1],
        lambda t: t + "x",
        lambda t: t.upper() if t != t.upper() else t.lower(),
        lambda t: "",
        lambda t: "000000",
    ],
    ids=["last-character", "shorter", "longer", "case", "empty", "a-code"],
)
def test_tampered_link_is_unknown(session: Session, hub: Hub, tamper) -> None:
    issued = _request(session, hub)
    tampered = tamper(issued.link_token)
    assert tampered != issued.link_token

    assert login_codes.check_link(session, tampered, NOW).outcome == Outcome.unknown
    # The real link is untouched by the attempt.
    assert login_codes.check_link(session, issued.link_token, NOW).outcome == Outcome.ok


def test_the_code_is_not_a_link(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)
    assert login_codes.check_link(session, issued.code, NOW).outcome == Outcome.unknown


def test_link_expires_after_ten_minutes(session: Session, hub: Hub) -> None:
    issued = _request(session, hub)
    assert login_codes.check_link(session, issued.link_token, NOW + timedelta(minutes=10)).outcome == (
        Outcome.expired
    )


# limits


def test_sixth_request_for_an_address_within_an_hour_is_refused(session: Session, hub: Hub) -> None:
    for minute in range(PER_ADDRESS_PER_HOUR):
        _request(session, hub, now=NOW + timedelta(minutes=minute))

    assert login_codes.request(session, hub.id, ANNA, CLIENT, NOW + timedelta(minutes=5)) is None
    # From another client too: the limit is per address.
    assert login_codes.request(session, hub.id, ANNA, OTHER_CLIENT, NOW + timedelta(minutes=59)) is None
    # Exactly an hour after the first request it still counts ...
    assert login_codes.request(session, hub.id, ANNA, CLIENT, NOW + timedelta(hours=1)) is None
    # ... a moment later it has dropped out of the window.
    assert login_codes.request(session, hub.id, ANNA, CLIENT, NOW + timedelta(hours=1, seconds=1)) is not None
    # Refusals stored nothing; the limit does not touch other addresses.
    assert len(_rows(session)) == PER_ADDRESS_PER_HOUR + 1
    assert login_codes.request(session, hub.id, BERT, CLIENT, NOW + timedelta(minutes=5)) is not None


def test_refused_request_leaves_the_last_code_working(session: Session, hub: Hub) -> None:
    for minute in range(PER_ADDRESS_PER_HOUR):
        last = _request(session, hub, now=NOW + timedelta(minutes=minute))
    assert login_codes.request(session, hub.id, ANNA, CLIENT, NOW + timedelta(minutes=5)) is None
    assert login_codes.check_code(session, ANNA, last.code, NOW + timedelta(minutes=6)).outcome == Outcome.ok


def test_per_client_cap_across_addresses(session: Session, hub: Hub) -> None:
    assert PER_CLIENT_PER_HOUR > PER_ADDRESS_PER_HOUR
    for i in range(PER_CLIENT_PER_HOUR):
        _request(session, hub, f"person{i}@example.org", now=NOW + timedelta(seconds=i))

    fresh = "fresh@example.org"
    assert login_codes.request(session, hub.id, fresh, CLIENT, NOW + timedelta(minutes=30)) is None
    # Another client may still ask for that address; the capped one again after an hour.
    assert login_codes.request(session, hub.id, fresh, OTHER_CLIENT, NOW + timedelta(minutes=30)) is not None
    assert (
        login_codes.request(session, hub.id, fresh, CLIENT, NOW + timedelta(hours=1, seconds=1)) is not None
    )


# forget_old


def test_forget_old_deletes_only_rows_long_expired(session: Session, hub: Hub) -> None:
    _request(session, hub, ANNA, now=NOW)  # expires NOW + 10 min
    used = _request(session, hub, BERT, now=NOW)
    login_codes.check_code(session, BERT, used.code, NOW)
    recent = _request(session, hub, "carla@example.org", now=NOW + timedelta(minutes=30))
    fresh = _request(session, hub, "daan@example.org", now=NOW + timedelta(hours=1, minutes=15))

    # An hour after expiry, not yet: the rows still feed the per-hour limits.
    assert login_codes.forget_old(session, NOW + timedelta(hours=1, minutes=10)) == 0
    assert len(_rows(session)) == 4

    assert login_codes.forget_old(session, NOW + timedelta(hours=1, minutes=11)) == 2
    assert {row.email for row in _rows(session)} == {"carla@example.org", "daan@example.org"}
    now = NOW + timedelta(hours=1, minutes=20)
    assert login_codes.check_link(session, fresh.link_token, now).outcome == Outcome.ok
    assert login_codes.check_link(session, recent.link_token, now).outcome == Outcome.expired

    assert login_codes.forget_old(session, NOW + timedelta(days=1)) == 2
    assert _rows(session) == []


def test_forget_old_keeps_what_the_hourly_limit_still_counts(session: Session, hub: Hub) -> None:
    for minute in range(PER_ADDRESS_PER_HOUR):
        _request(session, hub, now=NOW + timedelta(minutes=minute))
    later = NOW + timedelta(minutes=59)
    login_codes.forget_old(session, later)
    assert login_codes.request(session, hub.id, ANNA, CLIENT, later) is None


# property: whatever happens, a code is accepted at most once, in time, unlocked, for its own address


ADDRESSES = ("anna@example.org", "bert@example.org", "carla@example.org")
CLIENTS = ("192.0.2.1", "192.0.2.2")


@dataclass(frozen=True)
class _Op:
    """One step of a random session; ``kind`` says which of the other fields matter."""

    kind: str  # request, check, link or wait
    email: str
    client: str
    guess: str  # for check: own, newest, issued or wrong
    pick: int  # for check/issued and link: which code issued so far
    wrong_code: str  # for check/wrong
    tries: int  # for check: how many times in a row the same code is typed
    seconds: int  # time passing before the step


_op = st.builds(
    _Op,
    # sampled_from picks each entry equally often: checks twice as often as requests.
    kind=st.sampled_from(["request", "request", "check", "check", "check", "check", "link", "wait"]),
    email=st.sampled_from(ADDRESSES),
    client=st.sampled_from(CLIENTS),
    guess=st.sampled_from(["own", "own", "newest", "issued", "wrong", "wrong", "wrong"]),
    pick=st.integers(0, 50),
    wrong_code=st.integers(0, 999_999).map(lambda n: f"{n:06d}"),
    tries=st.integers(1, 6),
    # Mostly moments; a wait lets codes expire (10 minutes) or the hourly limits start again.
    seconds=st.integers(0, 20),
)
_ops = st.lists(_op, min_size=10, max_size=40)
_WAITS = (120, 599, 600, 3600)


@dataclass
class _Sent:
    """What the test knows about one issued code."""

    email: str
    client: str
    at: datetime
    hub_id: int
    issued: login_codes.Issued
    wrong_tries: int = 0
    accepted: bool = False


@dataclass
class _Model:
    sent: list[_Sent] = field(default_factory=list)

    def newest(self, email: str) -> _Sent | None:
        return next((s for s in reversed(self.sent) if s.email == email), None)

    def may_request(self, email: str, client: str, now: datetime) -> bool:
        recent = [s for s in self.sent if s.at >= now - timedelta(hours=1)]
        return (
            sum(s.email == email for s in recent) < PER_ADDRESS_PER_HOUR
            and sum(s.client == client for s in recent) < PER_CLIENT_PER_HOUR
        )

    def over_budget(self, email: str, now: datetime) -> bool:
        recent = [s for s in self.sent if s.email == email and s.at >= now - timedelta(hours=1)]
        return sum(s.wrong_tries for s in recent) >= WRONG_BUDGET

    def pick(self, index: int) -> _Sent | None:
        return self.sent[index % len(self.sent)] if self.sent else None


def test_a_code_is_never_accepted_when_it_should_not_be(engine: Engine) -> None:
    # The engine fixture is taken by this plain test; the examples run in the inner function, so
    # Hypothesis sees no function-scoped fixture. Each example starts with no codes, on SQLite or PostgreSQL.
    with Session(engine) as session:
        hub_id = add_hub(session, "leusden", "Leusden").id

    @settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(ops=_ops)
    def run(ops: list[_Op]) -> None:
        with Session(engine) as session:
            session.exec(delete(LoginCode))
            session.commit()
            model = _Model()
            now = NOW
            for op in ops:
                now += timedelta(seconds=_WAITS[op.pick % len(_WAITS)] if op.kind == "wait" else op.seconds)
                if op.kind == "request":
                    allowed = model.may_request(op.email, op.client, now)
                    issued = login_codes.request(session, hub_id, op.email, op.client, now)
                    assert (issued is not None) == allowed, (op, now)
                    if issued is not None:
                        model.sent.append(_Sent(op.email, op.client, now, hub_id, issued))
                elif op.kind == "check":
                    typed = _typed(model, op)
                    for _ in range(op.tries):
                        _check(session, model, op.email, typed, now)
                elif op.kind == "link":
                    _follow_link(session, model, model.pick(op.pick), now)
            assert session.exec(select(func.count()).select_from(LoginCode)).one() == len(model.sent)

    run()


def _typed(model: _Model, op: _Op) -> str:
    if op.guess == "wrong":  # almost always wrong; right by chance is handled like any right code
        return op.wrong_code
    if op.guess == "own":
        sent = model.newest(op.email)
    elif op.guess == "newest":
        sent = model.newest(ADDRESSES[op.pick % len(ADDRESSES)])
    else:
        sent = model.pick(op.pick)
    return sent.issued.code if sent else "000000"


def _check(session: Session, model: _Model, email: str, typed: str, now: datetime) -> None:
    target = model.newest(email)  # the only code that counts for this address
    over_budget = model.over_budget(email, now)
    checked = login_codes.check_code(session, email, typed, now)
    if checked.outcome == Outcome.ok:
        assert target is not None and typed == target.issued.code, (
            "accepted a code not the newest for its address"
        )
        assert not target.accepted, "accepted a code twice"
        assert now < target.issued.expires_at, "accepted an expired code"
        assert target.wrong_tries < LOCK_AFTER, "accepted a code after too many wrong tries"
        assert (checked.email, checked.hub_id) == (email, target.hub_id)
    else:
        assert (checked.email, checked.hub_id) == (None, None)
    # Beyond never too much: exactly the outcome the rules give, so locking starts at the 5th wrong try.
    assert checked.outcome == _expected(target, typed, now, over_budget), checked


def _expected(target: _Sent | None, typed: str | None, now: datetime, over_budget: bool = False) -> Outcome:
    """The outcome by the rules, for a typed code (or a link when ``typed`` is None); updates the model."""
    if target is None:
        return Outcome.unknown
    if target.accepted:
        return Outcome.used
    if target.wrong_tries >= LOCK_AFTER:
        return Outcome.locked
    if now >= target.issued.expires_at:
        return Outcome.expired
    if typed is not None and over_budget:
        return Outcome.locked
    if typed is None or typed == target.issued.code:
        target.accepted = True
        return Outcome.ok
    target.wrong_tries += 1
    return Outcome.locked if target.wrong_tries >= LOCK_AFTER else Outcome.wrong


def _follow_link(session: Session, model: _Model, sent: _Sent | None, now: datetime) -> None:
    token = sent.issued.link_token if sent else "no-such-link"
    checked = login_codes.check_link(session, token, now)
    if checked.outcome == Outcome.ok:
        assert sent is not None and checked.email == sent.email
        assert not sent.accepted, "accepted a link twice, or after its code"
        assert now < sent.issued.expires_at, "accepted an expired link"
        assert sent.wrong_tries < LOCK_AFTER, "accepted a link after too many wrong tries of its code"
    assert checked.outcome == _expected(sent, None, now), checked


def test_new_codes_give_no_new_guesses_beyond_ten_an_hour(session: Session, hub: Hub) -> None:
    address = "guesser@example.org"
    wrong = []
    for minute in range(3):
        issued = login_codes.request(session, hub.id, address, CLIENT, NOW + timedelta(minutes=minute))
        bad = f"{(int(issued.code) + 1) % 1_000_000:06d}"
        for _ in range(LOCK_AFTER - 1):
            wrong.append(
                login_codes.check_code(session, address, bad, NOW + timedelta(minutes=minute)).outcome
            )
    assert wrong.count(Outcome.wrong) == WRONG_BUDGET
    right = login_codes.check_code(session, address, issued.code, NOW + timedelta(minutes=3))
    assert right.outcome == Outcome.locked


def test_a_code_used_by_a_request_at_the_same_moment_is_not_used_again(engine: Engine, hub: Hub) -> None:
    """Two requests read the same unused row; only the first to write gets in."""
    with Session(engine) as first, Session(engine) as second:
        issued = login_codes.request(first, hub.id, "both@example.org", CLIENT, NOW)
        stale = second.exec(select(LoginCode)).one()  # read before the first request uses it
        assert login_codes.check_code(first, "both@example.org", issued.code, NOW).outcome == Outcome.ok
        assert login_codes._use(second, stale, NOW).outcome == Outcome.used
