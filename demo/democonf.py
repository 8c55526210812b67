"""The demonstration series (make demo, make demo-html): fictional editions that use
every field of the content model, shown on a fixed day so that each phase can be
seen: a past edition, the edition of the day, the next one with its call and its
registration open, one cancelled, two postponed. Every name in it is invented.

The site's settings, with the demonstration's content and day.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pelicanconf import *  # noqa: F403

PATH = str(Path(__file__).resolve().parent / "content")
# The day the demonstration shows (make demo DEMO_DATE=2031-11-25 shows another).
RUN_BUILD_DATE = "2031-05-13"
# Every page says that it is a demonstration with invented data.
RUN_DEMO = True
