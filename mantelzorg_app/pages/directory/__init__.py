"""The sociale kaart\x27s pages."""
