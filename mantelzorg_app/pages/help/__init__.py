"""The help pages: Wegwijzer, requests, helping, threads, the coordinator's page."""
