"""A hub's mails to its people outside a visit (the chat's unread mail, reports and warnings, the
sociale kaart's "Klopt dit nog?"): in Dutch, the hub's language, like services.help.notices (the
app does not know a person's language then), each with the way into the app and the hub's name
under it. ``base`` is where links point (settings.link_base); without one the mail says to open the app."""

from mantelzorg_app.models import Hub
from mantelzorg_app.services.platform import i18n, mail
from mantelzorg_app.services.platform.i18n import N_

LANGUAGE = i18n.DEFAULT_LANGUAGE

SIGNATURE = N_("Mantelzorghub {hub}")
NO_LINK = N_("Open de Mantelzorghub en log in.")


def text(msgid: str, **values: str) -> str:
    """The mail's words for a msgid, in the mails' language."""
    return i18n.gettext(LANGUAGE, msgid, **values)


def link(base: str | None, hub: Hub, part: str) -> str:
    """The address of a page of the hub; "" without a base."""
    return f"{base.rstrip('/')}/{hub.slug}/{part}" if base else ""


def message(to: str, subject: str, body: str, where: str, hub: Hub) -> mail.Message:
    """A mail: ``subject`` a msgid, ``body`` already in words, ``where`` a link ("": open the app)."""
    return mail.Message(
        to=to,
        subject=text(subject),
        body=f"{body}\n\n{where or text(NO_LINK)}\n\n{text(SIGNATURE, hub=hub.name)}",
    )
