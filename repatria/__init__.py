"""Repatria: the registry and workspace of the offices that return fugitives and recover assets."""
