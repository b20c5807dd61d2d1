"""What the browser sends: ids (numbers or nothing), form fields, and taps on a choice of several.

Anyone may send a handler anything (a string for a form, a list for an id), also before signing in:
these read it as the handler expects it, or as nothing.
"""

import reflex as rx

from mantelzorg_app.services.platform.database import id_of

as_id = id_of  # a row's id from whatever the browser sent, else None: the services read ids the same way


def as_form(value) -> dict:
    """The fields of a sent form; {} for anything that is not one."""
    return value if isinstance(value, dict) else {}


def as_text(value, most: int | None = None) -> str:
    """A text the browser sent (at most ``most`` characters), else ""."""
    return (value if most is None else value[:most]) if isinstance(value, str) else ""


def form_text(form, name: str, most: int | None = None) -> str:
    """One text field of a sent form (at most ``most`` characters); "" when either is not one."""
    return as_text(as_form(form).get(name), most)


def toggled(chosen: list[str], value: str) -> list[str]:
    """A tap on one of several choices: off when it was on, else on (added last)."""
    return [v for v in chosen if v != value] if value in chosen else [*chosen, value]


def one_file(files: object, most: int) -> bytes | None:
    """The bytes of the one file an upload sent, at most ``most`` + 1 (one more than allowed, so the
    service can say it is too big); None when there is not exactly one file."""
    if not isinstance(files, list) or len(files) != 1 or not isinstance(files[0], rx.UploadFile):
        return None
    data = files[0].file.read(most + 1)
    return data if isinstance(data, bytes) else None
