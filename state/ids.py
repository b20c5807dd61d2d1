"""Ids that come from the browser: numbers or nothing."""


def as_id(value) -> int | None:
    """A positive int from whatever the browser sent, else None."""
    if isinstance(value, bool):
        return None
    try:
        found = int(value)
    except (TypeError, ValueError):
        return None
    return found if found > 0 else None
