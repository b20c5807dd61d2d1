"""Help between neighbours: the Wegwijzer, requests, volunteers, matching, call-backs, threads."""
