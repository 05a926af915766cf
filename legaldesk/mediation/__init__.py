"""The center's bookable rooms (bookings and mediation cases come later)."""
