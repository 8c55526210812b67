"""Validate: each data file field by field, with the line of every problem (fields),
and the checks across files: counterparts, internal links, the tense of past editions."""
