"""The review file: its model, how answers are recorded and judged applicable, and its store."""
