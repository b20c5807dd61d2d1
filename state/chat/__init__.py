"""Chat's states: the Praten list, one conversation, the push to other members' tabs, moderation."""
