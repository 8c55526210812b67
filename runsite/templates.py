"""Templates compiled once, not once per generator and per build; partials that
depend on the language only, rendered once per language.

Pelican gives each generator its own Jinja environment, and every build (each
live-preview rebuild) new ones: the same templates were parsed and compiled again
and again — three quarters of a build of the real site. The environments now share
an in-memory bytecode cache kept in the build's session (runsite.session), which the
live preview keeps from one build to the next.

It needs no reset between builds: a compiled template is used only for the same
template name and file, the same source text (Jinja checks its checksum, so an
edited template is compiled anew) and the same environment configuration (syntax
options, extensions, autoescaping, and the filters and tests with how they are
called, which the compiler bakes in).

``once_per_language("partials/footer.html")`` renders a partial once per language
and build instead of on every page: the footer lists every partner of the series,
and on a 50-edition series it was a third of a rebuild. It is only for partials
whose output depends on nothing but the page's language and the whole site.
"""

from __future__ import annotations

import hashlib

from jinja2 import pass_context
from jinja2.bccache import Bucket, BytecodeCache

from .trusted import rendered


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
    return hashlib.sha1(repr((options, calls)).encode("utf-8")).hexdigest()


class SharedBytecodeCache(BytecodeCache):
    """Compiled templates in memory, shared by every environment of the process."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment, name, filename, source):
        key = self.get_cache_key(name, filename) + _fingerprint(environment, name)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket):
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored if the source changed

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self):
        self._code.clear()


def install_in_environment(generator):
    from .i18n import context_lang
    from .session import of as session_of  # the session module imports this one
    from .state import of

    fragments = of(generator.settings).fragments  # new at every build

    @pass_context
    def once_per_language(ctx, name):
        # SITEURL too: with RELATIVE_URLS it differs with the page's depth.
        key = (name, context_lang(ctx), ctx.get("SITEURL"))
        if key not in fragments:
            fragments[key] = rendered(ctx.environment.get_template(name).render(ctx.get_all()))
        return fragments[key]

    env = generator.env
    env.globals["once_per_language"] = once_per_language
    env.bytecode_cache = session_of(generator.settings).compiled
    # Environments live for one build: checking template files for changes
    # (a stat on every include) is useless; a new build sees every edit.
    env.auto_reload = False
