"""Chat: conversations between caregivers, volunteers and professionals, group rooms, reports and
blocks, the unread mail, and what is kept. Above help and the sociale kaart: a help request's
conversation asks whether its volunteer still qualifies; a shared card carries its own title."""
