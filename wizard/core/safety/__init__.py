"""What keeps credentials and control characters out of files, terminals and exports."""
