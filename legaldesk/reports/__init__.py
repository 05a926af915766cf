"""Figures of the center's work: counts, outcomes, loss avoided, satisfaction."""
