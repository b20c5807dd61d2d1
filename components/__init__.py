"""Presentational building blocks: they take labels and links, never touch state or the database."""
