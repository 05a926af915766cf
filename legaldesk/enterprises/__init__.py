"""Enterprises (keyed by the USCC) and their contacts."""
