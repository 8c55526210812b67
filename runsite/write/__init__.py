"""Write: the generators of what Pelican does not write itself, and the registry of outputs."""
