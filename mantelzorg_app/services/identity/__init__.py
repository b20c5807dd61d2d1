"""Who someone is and what they may do: accounts, sign-in, sessions, roles in a hub."""
