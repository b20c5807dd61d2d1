"""The chat pages: the Praten list, one conversation, the coordinator's reports."""
