"""Wie is wie at /[hub]/wie-is-wie: per organisation, who partners call, for the hub's staff only.

``load`` asks services.directory.contacts, which refuses (and logs) anyone but a professional or
coordinator of this hub; a visitor's refusal is logged too and the page asks them to sign in. The
rows live in this tab's state only; ``pick`` narrows them to one category of the sociale kaart.
"""

import dataclasses

import reflex as rx

from mantelzorg_app.services.directory import contacts, taxonomy
from mantelzorg_app.services.help.support_lines import tel_href
from mantelzorg_app.services.identity.authz import Refused
from state.auth import require
from state.ui import show


@dataclasses.dataclass
class WhoRow:
    """One organisation's card."""

    id: str = ""
    name: str = ""
    informal: bool = False
    contact: str = ""  # the contact person for partners, "" when none is known
    phone: str = ""  # their direct number, as written
    tel: str = ""  # its tel: link, "" when it does not dial
    hours: str = ""  # when they are there, in the organisation's own words
    public_phone: str = ""
    public_tel: str = ""
    services: list[dict[str, str]] = dataclasses.field(default_factory=list)  # {"id", "name", "category"}
    categories: list[str] = dataclasses.field(default_factory=list)


def who_row(contact: contacts.Contact) -> WhoRow:
    return WhoRow(
        id=str(contact.organization_id),
        name=contact.name,
        informal=contact.informal,
        contact=contact.contact,
        phone=contact.phone,
        tel=tel_href(contact.phone),
        hours=contact.hours,
        public_phone=contact.public_phone,
        public_tel=tel_href(contact.public_phone),
        services=[{"id": str(s.id), "name": s.name, "category": s.category} for s in contact.services],
        categories=sorted({s.category for s in contact.services}),
    )


class WhoState(rx.State):
    signed_in: bool = False
    allowed: bool = False
    rows: list[WhoRow] = []  # the organisations shown (all, or those of the category picked)
    categories: list[str] = []  # the categories of the hub's services, in the taxonomy's order
    category: str = ""  # the category picked; "" for all
    _rows: list[WhoRow] = []  # every organisation this tab loaded for its staff member
    _category: str = ""  # the category picked, as this tab's handlers know it

    @rx.event
    async def load(self):
        actor = await require(self, contacts.ACTION)  # anyone signed in; a visitor's refusal is logged
        found = None
        if actor is not None:
            with rx.session() as session:
                try:
                    found = contacts.partners(session, actor)
                except Refused:
                    found = None
        self._rows = [who_row(contact) for contact in found or []]
        present = {category for row in self._rows for category in row.categories}
        show(
            self,
            signed_in=actor is not None,
            allowed=found is not None,
            categories=[value for value in taxonomy.CATEGORY_VALUES if value in present],
        )
        self._pick("")

    @rx.event
    def pick(self, category):
        """A filter chip: one category of the hub's services; the same again, or "", all again."""
        present = {value for row in self._rows for value in row.categories}
        chosen = category if isinstance(category, str) else ""
        self._pick(chosen if chosen in present and chosen != self._category else "")

    def _pick(self, category: str) -> None:
        self._category = self.category = category
        self.rows = [row for row in self._rows if not category or category in row.categories]
