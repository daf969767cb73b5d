"""Deterministic understanding of figures, percents, key fields, titles and other vocabulary."""
