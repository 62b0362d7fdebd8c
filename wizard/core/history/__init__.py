"""What changed: since the last session, between two versions, and across a portfolio."""
