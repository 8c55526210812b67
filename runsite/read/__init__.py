"""Read: the organisers' files as they are written (content/ checked, Markdown,
TOML with lines, SVG)."""
