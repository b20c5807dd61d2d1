"""Tests of the sociale kaart (services.directory)."""
