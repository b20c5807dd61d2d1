"""Signing in, signing up and one's own account."""
