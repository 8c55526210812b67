"""What one process keeps from one build to the next (the live preview, the
benchmark): compiled templates and converted Markdown files.

A build gets the session it is given (``build(..., session=...)``) through its
settings; a build given none starts from nothing. Nothing lives in module
globals, so two sessions never see each other's state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .templates import SharedBytecodeCache

KEY = "_RUNSITE_SESSION"


@dataclass
class Session:
    # Compiled templates, keyed by name, source checksum and environment options.
    compiled: SharedBytecodeCache = field(default_factory=SharedBytecodeCache)
    # Markdown files read without a problem: path -> (key, content, metadata).
    reads: dict = field(default_factory=dict)


def of(settings) -> Session:
    return settings[KEY]
