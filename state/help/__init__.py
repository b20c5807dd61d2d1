"""The state of the help pages: Wegwijzer, requests, helping, the coordinator's list."""
