"""Commercial mediations opened from a consultation: consent, mediator, sessions
(booked in the rooms wing), agreement and the judicial-confirmation window."""
