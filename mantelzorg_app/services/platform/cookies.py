"""The session cookie: only an opaque token, HttpOnly, SameSite=Lax; ``__Host-`` and Secure over HTTPS.

Over HTTPS only the ``__Host-`` name is read: a sibling subdomain (or a plain-HTTP page of the same
host) can plant a cookie of the plain name, but never one with that prefix ("cookie tossing").
"""

from http.cookies import CookieError, SimpleCookie

SESSION = "mz_sessie"
LANGUAGE = "taal"  # the visitor's language; not secret, set by the page
SIGN_UP = "mz_aanmelden"  # the ticket from a verified address to the sign-up form
CONFIRM = "mz_bevestig"  # ties the "Inloggen als ...?" form to the browser that was shown it
TICKET = "mz_ticket"  # a checked code's single-use ticket, set by our page for /auth/finish
CARRY = "mz_meenemen"  # the random value of the tab that asked a code (services.identity.carried)
HOST_ONLY = (SESSION, SIGN_UP, CONFIRM, TICKET, CARRY)  # over HTTPS these carry the __Host- prefix
SECURE_SESSION = f"__Host-{SESSION}"


def name(base: str, https: bool) -> str:
    return f"__Host-{base}" if https and base in HOST_ONLY else base


def https_origin(origin: str) -> bool:
    """Whether a page's origin (the Origin header of its event socket) is served over HTTPS."""
    return origin.lower().startswith("https://")


def read(cookie_header: str, base: str, https: bool) -> str | None:
    """The value of our cookie from a Cookie header: over HTTPS only the ``__Host-`` one."""
    jar = SimpleCookie()
    try:
        jar.load(cookie_header or "")
    except CookieError:
        return None
    key = name(base, https)
    return jar[key].value if key in jar and jar[key].value else None
