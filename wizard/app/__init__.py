"""The application layer every front end shares: open, record, save, navigate, probe, sign, gate."""
