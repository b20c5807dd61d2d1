"""What the browser sends: ids (numbers or nothing) and taps on a choice of several."""


def as_id(value) -> int | None:
    """A positive int from whatever the browser sent, else None."""
    if isinstance(value, bool):
        return None
    try:
        found = int(value)
    except (TypeError, ValueError):
        return None
    return found if found > 0 else None


def toggled(chosen: list[str], value: str) -> list[str]:
    """A tap on one of several choices: off when it was on, else on (added last)."""
    return [v for v in chosen if v != value] if value in chosen else [*chosen, value]
