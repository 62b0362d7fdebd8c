"""The plain prompt mode: the same review as the TUI, one questionary prompt at a time."""
