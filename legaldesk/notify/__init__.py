"""Notifications: an outbox delivered exactly once by the scheduler, and in-app alerts."""
