"""Mails of signing in: the 6-digit code and the link, in the visitor's own language (they are on
the page that asked for it, unlike the help notices, which go out in the hub's language).

The code is written in two groups of three, easier to read and to type over. The mail says nothing
about whether the address has an account: it is the same for every address.
"""

from mantelzorg_app.routes import auth_link_url
from mantelzorg_app.services.identity.login_codes import Issued
from mantelzorg_app.services.platform import i18n, mail
from mantelzorg_app.services.platform.i18n import N_

NO_TRUSTED_ADDRESS = "set MANTELZORG_PUBLIC_URL: links in mails need a trusted address"


def sign_in_code(address: str, hub_name: str, issued: Issued, base: str | None, lang: str) -> mail.Message:
    """The mail with ``issued``'s code and link to ``address``. Raises mail.MailError without a
    trusted ``base`` (settings.link_base): a sign-in link must never point where a Host header says."""
    if base is None:
        raise mail.MailError(NO_TRUSTED_ADDRESS)
    return mail.Message(
        to=address,
        subject=i18n.gettext(lang, N_("Uw code om in te loggen")),
        body=i18n.gettext(
            lang,
            N_(
                "Hallo,\n\nUw code is: {code}\n\nOf tik op deze link om in te loggen:\n{link}\n\n"
                "De code en de link werken 10 minuten, en maar één keer.\n"
                "Heeft u niets gevraagd? Dan hoeft u niets te doen.\n\nMantelzorghub {hub}"
            ),
            code=" ".join((issued.code[:3], issued.code[3:])),
            link=auth_link_url(base, issued.link_token),
            hub=hub_name,
        ),
    )
