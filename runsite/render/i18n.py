"""Theme strings, texts and dates in the language of the page being rendered.

One Jinja environment serves every language: the gettext callables receive the
template context and pick the catalog (runsite.read.catalogs) of the page it
renders. What templates call, and how they differ:

- ``_("…")`` / ``ngettext``: a theme string in the page's language (escaped, but
  for its msgid's own markup);
- ``translate(lang, "…")``: a theme string in a given language (the language
  switch, the 404 page written in every language);
- ``|tr``: a text of the content model ({lang: text}) in the page's language;
- ``|text``: an organiser's plain text (a title) as HTML;
- ``|counted``: a text with plural forms, for a number.

The last three isolate Latin-script runs with <bdi> on right-to-left pages.
"""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import escape

from runsite.core.state import of
from runsite.core.trusted import in_language, language_attributes, translation
from runsite.read import typography
from runsite.read.bidi import isolate_latin
from runsite.render import dates


def context_lang(ctx) -> str:
    """The language of the page a template context renders."""
    # ctx.vars, then ctx.parent, as ctx.get() looks: called for every theme string,
    # date, address and text of every page, so without its layers of calls.
    lang = ctx.vars.get("lang") or ctx.parent.get("lang")
    if lang:
        return lang
    for name in ("article", "page"):
        content = ctx.vars.get(name, ctx.parent.get(name))
        if content is not None and getattr(content, "lang", None):
            recorder = getattr(ctx, "recorder", None)  # the live preview's (tracking)
            if recorder is not None:  # only its language is read
                recorder.attribute(content, "lang")
            return content.lang
    raise LookupError("template context without a language (no lang, page or article)")


def _as_html(text, language):
    """Organisers' text as HTML in ``language``: escaped, Latin-script runs isolated
    in a right-to-left language."""
    if language.dir == "rtl":
        return isolate_latin(text)
    return escape(typography.spaced(text) if typography.applies(language) else text)


def install_in_environment(generator):
    """Give one generator's Jinja environment per-page gettext, dates and languages."""
    state = of(generator.settings)
    catalogs = state.catalogs

    @pass_context
    def gettext(ctx, message):
        lang = context_lang(ctx)
        return catalogs.lookup(state, lang, message).gettext(message)

    @pass_context
    def ngettext(ctx, singular, plural, n):
        lang = context_lang(ctx)
        return catalogs.lookup(state, lang, singular).ngettext(singular, plural, n)

    @pass_context
    def pgettext(ctx, context, message):
        lang = context_lang(ctx)
        return catalogs.lookup(state, lang, message).pgettext(context, message)

    @pass_context
    def npgettext(ctx, context, singular, plural, n):
        lang = context_lang(ctx)
        return catalogs.lookup(state, lang, singular).npgettext(context, singular, plural, n)

    def translate(lang, message):
        """A theme string in a given language (pages that show several languages).
        Extracted by babel.cfg's `translate` keyword."""
        return translation(catalogs.lookup(state, lang, message).gettext(message))

    @pass_context
    def current_language(ctx):
        return state.languages[context_lang(ctx)]

    @pass_context
    def translated(ctx, texts):
        """A {lang: text} value of the content model, in the page's language, as HTML
        (escaped; Latin-script runs isolated with <bdi> on right-to-left pages)."""
        if not texts:
            return ""
        lang = context_lang(ctx)
        if lang not in texts:  # a partial language: the default language's, marked
            default = state.languages.default
            return in_language(_as_html(texts[default.code], default), default)
        return _as_html(texts[lang], state.languages[lang])

    @pass_context
    def plain_text(ctx, text):
        """Organisers' plain text (titles) as HTML, Latin runs isolated on rtl pages."""
        return _as_html(text or "", state.languages[context_lang(ctx)])

    # A page looks up some forty theme strings: each translated one is kept, as
    # Jinja's newstyle gettext gives it with no variables, for the rest of the build.
    pages_strings = {}

    @pass_context
    def page_gettext(ctx, message, **variables):
        """``_("…")`` and ``{% trans %}``: what Jinja's newstyle gettext returns
        (escaped but for the msgid's markup, then ``% variables``), in one call
        instead of its four layers."""
        lang = context_lang(ctx)
        autoescape = ctx.eval_ctx.autoescape
        if not variables and autoescape:
            found = pages_strings.get((lang, message))
            if found is not None:
                return found
        result = gettext(ctx, message)
        if autoescape:  # a catalog's string: escaped when compiled (trusted.translation)
            result = translation(result)
        result = result % variables
        if not variables and autoescape and catalogs.translates(lang, message):
            pages_strings[(lang, message)] = result
        return result

    env = generator.env
    env.install_gettext_callables(
        gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
    )
    env.globals["gettext"] = env.globals["_"] = page_gettext
    env.globals["current_language"] = current_language
    env.globals["translate"] = translate
    env.globals["languages"] = state.languages
    @pass_context
    def counted(ctx, texts, number):
        """A {lang: {plural form: text}} value for ``number``, in the page's language,
        the form chosen by the language's plural rule (runsite.validate.schema.CountedText)."""
        language = state.languages[context_lang(ctx)]
        if language.code not in texts:  # a partial language: the default language's
            default = state.languages.default
            forms = texts[default.code]
            text = forms.get(default.plural_form(number), forms["other"])
            return in_language(_as_html(text, default), default)
        forms = texts[language.code]
        text = forms.get(language.plural_form(number), forms["other"])
        return _as_html(text, language)

    @pass_context
    def lang_of(ctx, content):
        """` lang="fr" dir="ltr"` for an element showing ``content`` (an edition's
        text) on a page of another language; nothing otherwise."""
        if content is None or content.lang == context_lang(ctx):
            return ""
        return language_attributes(state.languages[content.lang])

    env.globals["lang_of"] = lang_of
    env.filters["tr"] = translated
    env.filters["counted"] = counted
    env.filters["text"] = plain_text
    env.filters.update(dates.filters(state.languages, context_lang))
