"""What every part stands on: the database, mail, languages, the audit log, hubs and places."""
