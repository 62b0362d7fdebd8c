"""Sign-offs: the content they bind to, SSH signatures, and whether a gate is satisfied."""
