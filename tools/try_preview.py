"""Try the preview as an organiser would, on any system (the CI job on Windows and
macOS): start ``python -m runsite serve``, load the home and an edition in both
languages, save a change and see the preview rebuild, then stop it.

``python tools/try_preview.py PORT=8765 EDITION=run-7`` — exits non-zero, saying why,
if anything fails.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def fetch(url) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(what, seconds=180):
    deadline = time.monotonic() + seconds
    while True:
        try:
            result = what()
        except OSError:
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise SystemExit(f"try_preview: délai dépassé ({seconds} s)")
        time.sleep(0.5)


def main(argv) -> int:
    for stream in (sys.stdout, sys.stderr):  # the log's French on a Windows pipe (cp1252)
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    options = dict(item.split("=", 1) for item in argv)
    port, edition = options.get("PORT", "8765"), options.get("EDITION", "run-3")
    log = Path("try-preview.log")
    with open(log, "wb") as out:  # the preview writes its own UTF-8 there
        process = subprocess.Popen([sys.executable, "-m", "runsite", "serve", f"PORT={port}"],
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(f"{base}/"))
        for path in (f"editions/{edition}/", f"ar/editions/{edition}/",
                     f"editions/{edition}/programme/"):
            page = fetch(f"{base}/{path}")
            assert "<html" in page, path
        source = Path("content/pages/a-propos.fr.md")
        raw = source.read_bytes()  # put back byte for byte (text mode: CRLF on Windows)
        source.write_bytes(raw.replace(b"Title: ", "Title: Essai — ".encode(), 1))
        try:
            wait_for(lambda: "Essai — " in fetch(f"{base}/a-propos/"), seconds=60)
        finally:
            source.write_bytes(raw)
    finally:
        process.terminate()
        process.wait(timeout=20)
        said = log.read_text("utf-8")
        print(said)
    assert f"Aperçu : {base}/" in said, said
    assert "Traceback" not in said, said
    print("try_preview: l'aperçu a construit, servi et reconstruit le site.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
