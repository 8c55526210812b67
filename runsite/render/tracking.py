"""What each page was made from, recorded while it renders (the live preview's
incremental rebuilds, runsite.tools.incremental).

While a page renders, every attribute a template reads of a content item (a news
item, a page, an edition's text: anything with a ``source_path``) is recorded as
``(its file, the attribute)``: a listing that prints only titles depends on the
titles of what it lists, not on their texts. What the template cannot see in
detail is recorded as the *whole* item: an item given to a filter or a function
(which may read anything of it), an item a Python helper takes from the context,
the page's own item. A later edit of a file changes the pages that read an
attribute whose value the edit changed, or that depend on the whole file.

Recording costs a set insertion per attribute read; it is installed only in the
builds of the live preview (``RUN_TRACK``), never in ``make html``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from jinja2.filters import FILTERS
from jinja2.runtime import Context, Macro


def key_of(value):
    """The file a content item was read from (Pelican's absolute ``source_path``),
    or None. Read from the instance's own attributes: Jinja's Undefined and other
    objects answering any attribute name are not items."""
    attributes = getattr(value, "__dict__", None)
    if attributes is None or type(attributes) is not dict:
        return None
    path = attributes.get("source_path")
    return path if isinstance(path, str) else None


def _files(value):
    """The files ``value`` was read from: a text's own; an edition's texts and reports
    (its data file is not an item: editing it builds the whole site)."""
    key = key_of(value)
    if key is not None:
        return (key,)
    attributes = getattr(value, "__dict__", None)
    if type(attributes) is not dict or not isinstance(attributes.get("texts"), dict):
        return ()
    texts = (*attributes["texts"].values(), *(attributes.get("report") or {}).values())
    return tuple(k for t in texts if (k := key_of(t)) is not None)


@dataclass
class Deps:
    """What one written file (or one call writing several, a paginated listing)
    read: {file: attributes} and the files it depends on wholly."""

    read: dict = field(default_factory=dict)
    whole: set = field(default_factory=set)

    def merge(self, other: Deps):
        for key, names in other.read.items():
            self.read.setdefault(key, set()).update(names)
        self.whole |= other.whole

    def files(self) -> set:
        return set(self.read) | self.whole


@dataclass
class Recorder:
    """The current page's ``Deps`` (None between pages: nothing is recorded)."""

    current: Deps | None = None

    def attribute(self, value, name):
        if self.current is not None:
            key = key_of(value)
            if key is not None:
                self.current.read.setdefault(key, set()).add(name)

    def whole(self, value):
        """``value``, or the items of a list or tuple: depended on wholly."""
        if self.current is None:
            return
        for item in (value if isinstance(value, (list, tuple)) else (value,)):
            self.current.whole.update(_files(item))

    def given(self, function, values):
        """``values`` given to ``function``: wholly, unless it declares what it reads
        of them (``reads``)."""
        if self.current is None:
            return
        reads = getattr(function, "runsite_reads", None)
        for value in values:
            if reads is None:
                self.whole(value)
            else:
                for name in reads:
                    self.attribute(value, name)

    def record(self, render):
        """Run ``render()`` recording into a new ``Deps``; returns (its result, Deps)."""
        outer, self.current = self.current, Deps()
        try:
            result = render()
            return result, self.current
        finally:
            recorded, self.current = self.current, outer
            if outer is not None:  # a partial rendered inside a page: the page read it too
                outer.merge(recorded)


class TrackingContext(Context):
    """A template context whose Python readers (``ctx["article"]``, ``ctx.get``) are
    recorded as depending on the whole item: what they do with it is not seen."""

    recorder: Recorder  # set on the subclass made for one environment

    def __getitem__(self, key):
        value = super().__getitem__(key)
        self.recorder.whole(value)
        return value

    def get(self, key, default=None):
        value = super().get(key, default)
        self.recorder.whole(value)
        return value

    def call(__self, __obj, *args, **kwargs):  # Jinja's own signature
        if not isinstance(__obj, Macro):  # a macro's reads are the template's own
            __self.recorder.given(__obj, (*args, *kwargs.values()))
        return super().call(__obj, *args, **kwargs)


def reads(*names):
    """Declares that a template function reads only these attributes of the items
    it is given (an address: the item's metadata), not the whole item."""
    def mark(function):
        function.runsite_reads = names
        return function
    return mark


# Jinja's own filters read items through environment.getattr (recorded), except
# these, which print a whole value.
PRINTING = {"tojson", "pprint"}


def facts(ctx, name, default=None):
    """``ctx[name]`` without recording it: for a Python reader that takes only facts
    of the data files from it (an edition's dates), which no text edit changes."""
    return ctx.vars.get(name, ctx.parent.get(name, default))


def _recording_filter(recorder, function):
    @functools.wraps(function)  # keeps jinja_pass_arg: the filter is called the same way
    def recorded(*args, **kwargs):
        recorder.given(function, (*args, *kwargs.values()))
        return function(*args, **kwargs)

    return recorded


def install(environment, recorder: Recorder):
    """Record what templates of ``environment`` read, into ``recorder``."""
    getattr_, getitem = environment.getattr, environment.getitem

    def recording_getattr(obj, attribute):
        recorder.attribute(obj, attribute)
        return getattr_(obj, attribute)

    def recording_getitem(obj, argument):
        if isinstance(argument, str):
            recorder.attribute(obj, argument)
        return getitem(obj, argument)

    # Compiled templates call environment.getattr/getitem: the instance's own win.
    environment.getattr = recording_getattr
    environment.getitem = recording_getitem
    environment.context_class = type("RecordingContext", (TrackingContext,),
                                     {"recorder": recorder})
    for name, function in list(environment.filters.items()):
        if function is not FILTERS.get(name) or name in PRINTING:
            environment.filters[name] = _recording_filter(recorder, function)
