"""In one process, as the live preview does: a full build, then rebuilds after
editing one file, one sentence added at the end of its text, as an organiser would
(``runsite.tools.build.build`` called again). Prints JSON (last line).

``python bench/inprocess.py rebuild CONTENT OUTPUT EDITED_FILE [--times 3]``
``python bench/inprocess.py profile CONTENT OUTPUT [--top 30]``  (cProfile of one build)

Run from the project folder (the settings are its pelicanconf.py).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from runsite.core.cache import ProcessCache  # noqa: E402
from runsite.tools.build import build  # noqa: E402

SETTINGS = str(ROOT / "pelicanconf.py")


# As make serve builds: drafts shown, what each page reads recorded (a save rewrites
# only what it changes); pages only, as the benchmark's whole builds.
PREVIEW = {"RUN_SHOW_DRAFTS": True, "RUN_TRACK": True, "RUN_SHARE_IMAGES": False}


def _build(content, output, cache, extra=PREVIEW):
    result = build(SETTINGS, content, output, dict(extra), cache=cache)
    if not result.ok:
        sys.exit("build failed:\n" + "\n".join(result.messages))
    return result.seconds


def rebuild(content, output, edited: Path, times: int) -> dict:
    cache = ProcessCache()  # as the live preview: one cache for all its rebuilds
    full = _build(content, output, cache)
    original = edited.read_text("utf-8")
    rebuilds = []
    try:
        for index in range(times):  # an organiser's edit: one more sentence in the text
            marker = f"Inscriptions ouvertes avant le {index + 1} mars en salle {index + 2}."
            edited.write_text(original.rstrip("\n") + f" {marker}\n", "utf-8")
            rebuilds.append(_build(content, output, cache))
            if not any(marker in page.read_text("utf-8")
                       for page in Path(output).rglob("index.html")):
                sys.exit(f"the edit of {edited} is not in the rebuilt site")
    finally:
        edited.write_text(original, "utf-8")
    return {"full": full, "rebuilds": rebuilds}


def profile(content, output, top: int) -> dict:
    profiler = cProfile.Profile()
    profiler.enable()
    seconds = _build(content, output, ProcessCache(), {"RUN_SHARE_IMAGES": False})
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return {"seconds": seconds, "profile": text.getvalue()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["rebuild", "profile"])
    parser.add_argument("content")
    parser.add_argument("output")
    parser.add_argument("edited", nargs="?", type=Path)
    parser.add_argument("--times", type=int, default=3)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    logging.getLogger("pelican").propagate = False
    if args.mode == "rebuild":
        result = rebuild(args.content, args.output, args.edited, args.times)
    else:
        result = profile(args.content, args.output, args.top)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
