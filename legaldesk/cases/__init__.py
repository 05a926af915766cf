"""Consultations: intake, the status lifecycle, the case list and page."""
