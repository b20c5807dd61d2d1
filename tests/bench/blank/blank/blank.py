"""One page, one button, one counter."""

import reflex as rx


class State(rx.State):
    count: int = 0

    @rx.event
    def increment(self):
        self.count += 1


def index() -> rx.Component:
    return rx.el.div(rx.el.p(State.count), rx.el.button("+1", on_click=State.increment))


app = rx.App()
app.add_page(index)
