"""Internal notes on a case: the staff's own words, never shown to the enterprise."""
