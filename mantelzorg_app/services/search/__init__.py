"""One search index over everything a hub has, full text in the database, Dutch-aware and forgiving."""
