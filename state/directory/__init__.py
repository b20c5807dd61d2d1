"""The sociale kaart\x27s states: the list, one service, a partner\x27s edits, the coordinator\x27s checks, Wie is wie."""
