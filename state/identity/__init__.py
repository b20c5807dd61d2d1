"""The state of signing in and signing up (above state.help: the sign-in carries the Wegwijzer's answers)."""
