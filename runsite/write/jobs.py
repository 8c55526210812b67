"""Pelican's writer, remembering in the live preview how each page was written and
what it read (runsite.render.tracking), so that an edit rewrites only the pages it
changes (runsite.tools.incremental).

A job is one call of ``write_file``: one page, or every page of a paginated
listing. Its recipe is the call itself (template, context, arguments): the content
items it names are updated in place by an edit, so the same call writes the page
as a full build would now.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican.writers import Writer

from runsite.core.state import of
from runsite.render.tracking import Deps, Recorder


@dataclass
class Job:
    name: str
    template: object
    context: dict
    args: tuple
    kwargs: dict
    deps: Deps


@dataclass
class Tracker:
    """The preview's record of one site: every job, in the order written."""

    recorder: Recorder = field(default_factory=Recorder)
    jobs: dict = field(default_factory=dict)  # output name -> Job


class RecordingWriter(Writer):
    def write_file(self, name, template, context, *args, **kwargs):
        tracker = of(self.settings).tracker
        if tracker is None or not name:
            return super().write_file(name, template, context, *args, **kwargs)
        recorder = tracker.recorder

        def write():
            for value in kwargs.values():  # the page's own item: wholly (not a listing's)
                if not isinstance(value, (list, tuple)):
                    recorder.whole(value)
            return super(RecordingWriter, self).write_file(name, template, context, *args,
                                                           **kwargs)

        result, deps = recorder.record(write)
        tracker.jobs[name] = Job(name, template, context, args, kwargs, deps)
        return result

    def run(self, job: Job):
        """Write ``job`` again (into this writer's folder)."""
        return self.write_file(job.name, job.template, job.context, *job.args, **job.kwargs)


def get_writer(pelican):
    return RecordingWriter
