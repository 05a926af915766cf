"""Rate-limit counters every worker shares: a `limits` storage on the desk's database."""
