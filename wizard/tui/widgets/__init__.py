"""Small widgets, each named for what it shows; they post messages and never save anything."""
