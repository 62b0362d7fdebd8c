"""Gathering evidence: probing the target interpreter and scanning the project folder."""
