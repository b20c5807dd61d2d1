"""Nieuwsbronnen: the coordinator's RSS and Atom feeds with how their last fetch went, "Nu ophalen",
"Bron toevoegen" and "Haal weg" (asked first).

Every handler checks the coordinator of this hub on the server (``act``); services.news.sources
checks the feed's hub again, and services.news.fetch_now the once-a-minute rule. "Nu ophalen" runs
as a background event: the fetch (up to 10 seconds a feed) runs in a thread, so neither the event
loop nor this tab's other taps wait for it. "Haal weg" acts on the feed this tab asked about (held
on the server), never on an id sent with the "Ja".
"""

import asyncio
import dataclasses
from datetime import datetime

import reflex as rx

from mantelzorg_app.models import Hub, Role
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.news import fetch_now, sources
from mantelzorg_app.services.news.posts import NotPossible
from mantelzorg_app.services.platform import dates, i18n
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid
from state.actions import act
from state.auth import now, require
from state.inputs import as_id, form_text
from state.ui import problem_list

COORDINATOR = (Role.coordinator,)
NAME_FIELD = "bron_naam"
URL_FIELD = "bron_adres"
FIELDS = (NAME_FIELD, URL_FIELD)
BY_SERVICE = {"name": NAME_FIELD, "url": URL_FIELD}  # services.news.sources.problems' keys

ADDED = N_("De bron is toegevoegd. Tik op 'Nu ophalen' om het nieuws te laden.")
REMOVED = N_("De bron is weggehaald, met haar berichten.")
NEVER = dict.fromkeys(i18n.LANGUAGES, "")


@dataclasses.dataclass
class FeedRow:
    id: str = ""
    name: str = ""
    url: str = ""
    ok_when: dict[str, str] = dataclasses.field(default_factory=dict)  # language: "vandaag om 9.00 uur"; ""
    error: str = ""  # msgid: what went wrong the last time; "" when it went well
    count: int = 0  # items of this feed kept now


def _row(feed: sources.Listed, zone: str, moment: datetime) -> FeedRow:
    return FeedRow(
        id=str(feed.id),
        name=feed.name,
        url=feed.url,
        # every language present ("" never), so the page's test works in each
        ok_when=dates.in_words_all(feed.last_ok_at, zone, moment) if feed.last_ok_at else NEVER,
        error=feed.error,
        count=feed.items,
    )


def _fetch_in_thread(hub_id: int, moment: datetime) -> tuple[str, int]:
    with rx.session() as session:
        return fetch_now.run(session, hub_id, moment)


class SourcesState(rx.State):
    allowed: bool = False
    feeds: list[FeedRow] = []
    problems: dict[str, str] = dict.fromkeys(FIELDS, "")
    most: dict[str, str] = dict.fromkeys(FIELDS, "")  # a problem's {most}
    name: str = ""  # the form as typed: kept when it has a problem
    url: str = ""
    done: str = ""  # msgid of what just worked
    done_n: str = ""  # its {n}
    problem: str = ""  # msgid: why "Nu ophalen" cannot start now
    fetching: bool = False
    asking: str = ""  # display only: the feed whose "Haal weg" asks "Zeker weten?"
    _asking: int | None = None  # the feed asked about (server-side): only this one is removed
    _listed: list[int] = []  # the feeds this tab's last refresh listed

    @rx.var
    def problem_list(self) -> list[dict[str, str]]:
        return problem_list(self.problems)

    def _refresh(self, actor: Actor) -> None:
        moment = now()
        with rx.session() as session:
            zone = session.get(Hub, actor.hub_id).timezone
            listed = sources.listed(session, actor.hub_id)
        self.feeds = [_row(feed, zone, moment) for feed in listed]
        self._listed = [feed.id for feed in listed]

    def _said(self, done: str = "", n: int = 0, problem: str = "") -> None:
        self.done, self.done_n, self.problem = done, str(n) if n else "", problem

    def _stop_asking(self) -> None:
        self.asking, self._asking = "", None

    @rx.event
    async def load(self):
        self._said()
        self._stop_asking()
        self.problems, self.most = dict.fromkeys(FIELDS, ""), dict.fromkeys(FIELDS, "")
        actor = await require(self, sources.ACTION, *COORDINATOR)
        self.allowed = actor is not None
        if actor is not None:
            self._refresh(actor)

    @rx.event
    async def add(self, form: dict):
        self._said()
        self.name, self.url = form_text(form, NAME_FIELD, 200), form_text(form, URL_FIELD, 1000)
        name, url = self.name, self.url
        most = dict.fromkeys(FIELDS, "")

        def add(session, actor):
            found = sources.problems(session, actor.hub_id, url, name)
            try:
                if not found:
                    sources.add(session, actor, actor.hub_id, url, name)
                    return
            except NotPossible as not_possible:  # added in another tab at the same moment
                found = {"url": (not_possible.msgid, not_possible.values)}
            for key, (_msgid, values) in found.items():
                most[BY_SERVICE[key]] = str(values.get("most", ""))
            raise Invalid({BY_SERVICE[key]: msgid for key, (msgid, _values) in found.items()})

        actor = await act(self, sources.ACTION, add, roles=COORDINATOR, problems=FIELDS)
        self.most = most
        if actor is None:
            return None
        self.name = self.url = ""
        self._said(ADDED)
        self._refresh(actor)
        return [rx.set_value(NAME_FIELD, ""), rx.set_value(URL_FIELD, "")]

    @rx.event
    def ask_remove(self, feed_id):
        """Display only: "Zeker weten?" about a feed this tab listed; ``remove`` checks everything."""
        self._said()
        chosen = as_id(feed_id)
        if chosen is not None and chosen in self._listed:
            self._asking, self.asking = chosen, str(chosen)

    @rx.event
    def keep(self):
        """ "Nee, laat staan": nothing changes."""
        self._stop_asking()

    @rx.event
    async def remove(self):
        """ "Ja, haal weg": the feed asked about goes, with its items."""
        asked = self._asking
        self._stop_asking()
        self._said()
        if actor := await act(self, sources.ACTION, sources.remove, asked, roles=COORDINATOR):
            self._said(REMOVED)
            self._refresh(actor)

    @rx.event(background=True)
    async def fetch(self):
        """ "Nu ophalen": the hub's feeds fetched now (at most once a minute), away from the event loop."""
        async with self:
            if self.fetching:
                return
            self._said()
            moment, told = now(), {}

            def check(session, actor):
                try:
                    fetch_now.check(session, actor, moment)
                except NotPossible as not_possible:
                    told["problem"] = not_possible.msgid

            actor = await act(self, fetch_now.ACTION, check, roles=COORDINATOR)
            if actor is None or told:
                self._said(problem=told.get("problem", ""))
                return
            self.fetching = True
        try:
            said, wrong = await asyncio.to_thread(_fetch_in_thread, actor.hub_id, moment)
        finally:
            async with self:
                self.fetching = False
        async with self:
            self._said(said, wrong)
            self._refresh(actor)
