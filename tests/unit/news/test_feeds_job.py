"""The hourly job fetches the feeds as a step of its own: it logs, and never stops the rest."""

import logging
from datetime import timedelta

import pytest
from sqlmodel import Session

from mantelzorg_app import jobs
from mantelzorg_app.models import NewsFeed
from mantelzorg_app.services.news import importing
from tests.unit.auth_fixtures import add_hub


@pytest.fixture
def job_session(engine, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(jobs.rx, "session", lambda: Session(engine))


def test_the_job_fetches_each_feed_once_an_hour_across_workers(session, job_session, monkeypatch, caplog):
    hub = add_hub(session, "leusden", "Leusden")
    session.add(NewsFeed(hub_id=hub.id, url="http://127.0.0.1:9/rss.xml", name="Bron"))
    session.commit()
    fetched: list[str] = []
    calls = []
    real = importing.fetch_all

    def fake_fetch(url: str, *_args) -> importing.Fetched:
        fetched.append(url)
        return importing.Fetched(unchanged=True)

    def fetch_all(*args, **kwargs):
        calls.append(kwargs["not_tried_within"])
        return real(*args, **kwargs, fetch=fake_fetch)

    monkeypatch.setattr(jobs.news_importing, "fetch_all", fetch_all)
    with caplog.at_level(logging.INFO, "mantelzorg.jobs"):
        jobs._fetch_feeds()
        jobs._fetch_feeds()  # a second worker at once
    assert fetched == ["http://127.0.0.1:9/rss.xml"]
    assert calls == [timedelta(minutes=55)] * 2
    assert "news feeds fetched: 1, of which 0 failed" in caplog.text
    assert "news feeds fetched: 0, of which 0 failed" in caplog.text


def test_a_failing_fetch_is_logged_and_ends_nothing(job_session, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(jobs.news_importing, "fetch_all", broken)
    with caplog.at_level(logging.ERROR, "mantelzorg.jobs"):
        jobs._fetch_feeds()
    assert "fetching the news feeds failed" in caplog.text
