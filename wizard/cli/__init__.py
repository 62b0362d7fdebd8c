"""Command-line front end: thin commands over the headless core."""
