"""A tamper-evident, hash-chained log of who did what."""
