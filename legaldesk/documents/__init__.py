"""A case's documents: the advice letter, evidence, contracts, the mediation
agreement, kept by their SHA-256 and shown to the enterprise only when shared."""
