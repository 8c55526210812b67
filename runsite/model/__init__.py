"""Model: the series as the templates see it (series), made from the organisers' data
files as they are validated (load)."""
