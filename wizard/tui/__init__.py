"""The Textual front end: a guided review with a live checklist, built on the headless core."""
