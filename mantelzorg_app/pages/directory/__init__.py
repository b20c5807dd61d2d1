"""The sociale kaart's pages."""
