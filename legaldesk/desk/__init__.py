"""The user's own desk: the first screen after logging in."""
