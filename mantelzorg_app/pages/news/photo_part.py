"""The photo of a post on the writing page (routes.NEWS_WRITE): "Foto toevoegen", the photo as it
will show, the field "Wat staat er op de foto?" (needed before the post can be sent), and "Haal de
foto weg". Refusals (no photo, too big) show in plain words (state.news.photo).

The description is saved a moment after the last key (TYPED_DELAY_MS, as the title and the text)
and when the field loses the focus; the sending takes the field's words too (state.news.writing).

``photo_part(post_id)`` takes the writing page's var of the draft's id: until the draft is saved
(0 or None) the part says to write a title first, as there is no post to put the photo on yet.
"""

import reflex as rx

from components.controls import named_file_inputs, row_button
from components.form import problem
from mantelzorg_app.services.news.photos import PHOTO_MAX_BYTES
from state.news.photo import ALT_FIELD, MEGABYTES, UPLOAD_ID, PhotoState
from state.ui import fill, t

HEADING = "foto-kop"
PROBLEM_ID = "foto"
TYPED_DELAY_MS = 600  # a typed value goes to the server (and is saved) this long after the last key
PREVIEW_STYLE = {"display": "block", "width": "100%", "height": "auto", "border_radius": "8px"}


def _problem() -> rx.Component:
    said = fill(t(PhotoState.problem), megabytes=MEGABYTES)
    return rx.cond(PhotoState.problem != "", problem(said, PROBLEM_ID))


def _add(post_id: rx.Var) -> rx.Component:
    return rx.el.div(
        named_file_inputs(
            rx.upload.root(
                rx.el.button(
                    rx.icon("camera", size=24, aria_hidden="true"),
                    rx.el.span(t("Foto toevoegen")),
                    type="button",
                    class_name="second-action",
                    disabled=PhotoState.busy,
                    aria_describedby=rx.cond(PhotoState.problem != "", f"{PROBLEM_ID}-probleem", ""),
                ),
                id=UPLOAD_ID,
                accept={"image/*": []},  # the phone offers its camera and its photos; none is forced
                max_files=1,
                multiple=False,
                max_size=PHOTO_MAX_BYTES,
                no_keyboard=True,  # the button inside takes the keyboard; the zone is no second stop
                on_drop=[
                    PhotoState.sending,
                    PhotoState.upload(rx.upload_files(upload_id=UPLOAD_ID), post_id),
                ],
                on_drop_rejected=PhotoState.rejected,
            ),
            t("Kies een foto"),  # not the button's own name: one button "Foto toevoegen" to find
        ),
        rx.el.p(rx.cond(PhotoState.busy, t("De foto wordt verstuurd. Een moment."), ""), role="status"),
        rx.el.p(t("Een foto is niet nodig. Het mag wel."), class_name="hint"),
    )


def _preview(post_id: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.img(src=PhotoState.url, alt=PhotoState.alt, style=PREVIEW_STYLE),
        rx.el.div(
            rx.el.label(t("Wat staat er op de foto?"), html_for=ALT_FIELD),
            rx.el.p(
                t("Schrijf het in een paar woorden. Wie niet goed ziet, hoort dit voorlezen."),
                id=f"{ALT_FIELD}-uitleg",
                class_name="hint",
            ),
            rx.el.input(
                id=ALT_FIELD,
                name=ALT_FIELD,
                type="text",
                default_value=PhotoState.alt,
                key=PhotoState.url,  # a new photo starts with its own (empty) description
                max_length=200,
                required=True,
                aria_describedby=f"{ALT_FIELD}-uitleg",
                on_blur=PhotoState.describe(post_id),
                on_change=PhotoState.describe(post_id).debounce(TYPED_DELAY_MS),
                class_name="field",
            ),
            class_name="field-group",
        ),
        row_button("trash-2", t("Haal de foto weg"), PhotoState.remove(post_id)),
    )


def photo_part(post_id: rx.Var) -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("Foto"), id=HEADING),
        _problem(),
        rx.cond(
            post_id,
            rx.cond(PhotoState.url != "", _preview(post_id), _add(post_id)),
            rx.el.p(t("Schrijf eerst een titel. Dan kunt u een foto toevoegen."), class_name="hint"),
        ),
        aria_labelledby=HEADING,
    )
