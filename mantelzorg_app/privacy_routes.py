"""HTTP routes of "Mijn gegevens": the download of everything stored about the signed-in person."""

routes: list = []
