"""HTTP routes of the sign-in through the municipality (OpenID Connect). Filled in by the OIDC work."""

routes: list = []
