"""What is wrong with a form, by field: every service that checks what people typed raises this."""


class Invalid(ValueError):
    """Problems by field name, as Dutch catalogue ids for the form to show next to each field."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(", ".join(problems))
        self.problems = problems
