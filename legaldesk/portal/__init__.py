"""The enterprise's public status lookup with the code from its receipt."""
