"""The expert panel, partner firms and their lawyers (routing rules come later)."""
