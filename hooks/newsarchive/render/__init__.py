"""Pure functions from the indexed archive to page and feed text."""
