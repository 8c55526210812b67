"""What one process keeps from one build to the next (the live preview, the
benchmark): compiled templates and converted Markdown files; and what one process
leaves to the next on disk: compiled templates, in Pelican's ``CACHE_PATH``.

A build gets the cache it is given (``build(..., cache=...)``) through its
settings; a build given none (plain ``pelican``, or a one-off ``make html``) starts
from an empty one. Nothing lives in module globals, so two caches never see each
other's state.

Compiled templates need no reset between builds: one is used only for the same
template name and file, the same source text (Jinja checks its checksum, so an
edited template is compiled anew), the same environment configuration (syntax
options, extensions, autoescaping, and the filters and tests with how they are
called, which the compiler bakes in) and, on disk, the same Jinja and Python
versions. Compiling the theme was a third of a ``make html`` of the real site.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

KEY = "_RUNSITE_CACHE"


def _fingerprint(environment, name) -> str:
    """What the compiled code of ``name`` depends on, besides its source."""
    autoescape = environment.autoescape
    if callable(autoescape):
        autoescape = autoescape(name)
    calls = tuple(  # pass_context & co. decide how the compiled code calls a filter
        (kind, key, str(getattr(function, "jinja_pass_arg", None)))
        for kind, table in (("filter", environment.filters), ("test", environment.tests))
        for key, function in sorted(table.items())
    )
    options = (
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, environment.is_async,
        bool(environment.finalize), str(getattr(environment.finalize, "jinja_pass_arg", None)),
        autoescape,
        tuple(sorted(environment.extensions)), environment.code_generator_class.__qualname__,
    )
    return hashlib.sha1(repr((options, calls, jinja2.__version__)).encode("utf-8")).hexdigest()


class TemplateCache(BytecodeCache):
    """Compiled templates: first in the process's memory, shared by every
    environment, then in ``directory`` (None: memory only) for the next process.

    Jinja checks the source's checksum and its own and Python's bytecode versions
    in what is loaded, whichever layer it comes from; files are written whole then
    renamed (FileSystemBytecodeCache), so builds running at once never read half a
    file. A folder that cannot be written only costs the compile."""

    def __init__(self, memory: dict[str, bytes], directory: Path | None = None):
        self._memory = memory
        self._disk = None
        if directory is not None:
            try:
                directory.mkdir(parents=True, exist_ok=True)
                self._disk = FileSystemBytecodeCache(str(directory), "%s.jinja")
            except OSError:
                pass

    def get_bucket(self, environment, name, filename, source):
        key = self.get_cache_key(name, filename) + _fingerprint(environment, name)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket):
        code = self._memory.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored if the source changed
        if bucket.code is None and self._disk is not None:
            self._disk.load_bytecode(bucket)  # idem
            if bucket.code is not None:
                self._memory[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket):
        self._memory[bucket.key] = bucket.bytecode_to_string()
        if self._disk is not None:
            try:
                self._disk.dump_bytecode(bucket)
            except OSError:
                pass

    def clear(self):
        self._memory.clear()


@dataclass
class ProcessCache:
    # Compiled templates, keyed by name, source checksum and environment options.
    compiled: dict[str, bytes] = field(default_factory=dict)
    # Markdown files read without a problem: path -> (key, content, metadata).
    reads: dict = field(default_factory=dict)
    # The live preview's last full build, for rebuilding only what an edit changes
    # (runsite.tools.incremental.Site); None until one succeeds.
    site: object = None


def of(settings) -> ProcessCache:
    """The cache of this build's process; a new, empty one if none was given."""
    return settings.setdefault(KEY, ProcessCache())
