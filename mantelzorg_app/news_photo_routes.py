"""A news post's photo (``/nieuws-foto/<id>.jpg``), served only to who may see its post."""

routes = []
