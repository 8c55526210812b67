"""Content-hashed file names (``run.css`` → ``run.3f2a9c1b.css``), in one place: the
published site's assets are renamed with them (runsite.publish.assets), and the
stylesheet inlined in every page names its fonts by them before they are written
(runsite.render.styles)."""

from __future__ import annotations

import hashlib

HASH_LENGTH = 8


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def hashed_name(name, digest):
    """``run.css`` -> ``run.3f2a9c1b.css`` (works on a URL-encoded name too)."""
    stem, dot, extension = name.rpartition(".")
    return f"{stem}.{digest}.{extension}" if dot else f"{name}.{digest}"
