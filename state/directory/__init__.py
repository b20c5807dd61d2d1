"""The sociale kaart's states: the list, one service, partner edits, the coordinator's checks, Wie is wie."""
