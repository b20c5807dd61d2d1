"""Product rules as plain Python. No Reflex here; every function takes a Session."""
