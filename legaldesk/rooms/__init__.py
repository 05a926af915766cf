"""The center's bookable rooms: bookings, series, the free-slot finder, calendar feeds
and the day-before reminders. Below the mediation wing, which books its sessions here."""
