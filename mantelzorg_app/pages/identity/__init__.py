"""Signing in, signing up, one's own account, and the question a mail link asks (``confirm``)."""
