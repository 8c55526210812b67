"""Publish: the output folder swapped whole, hashed and precompressed assets, the target."""
