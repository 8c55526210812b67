"""Render: the Jinja environment (escaping, translations, dates, language versions, SEO)."""
