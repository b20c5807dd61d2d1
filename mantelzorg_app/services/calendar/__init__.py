"""The agenda: a hub's activities (the Mantelzorgcafé, walk-in hours, the academy's courses, network
meetings, the Dag van de Mantelzorg), their dates as iCalendar repeats, sign-ups with a waiting list,
reminders, and the .ics downloads and feeds. Beside help and the sociale kaart; the chat above shares
an activity's card, search below indexes it."""
