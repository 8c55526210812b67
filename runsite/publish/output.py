"""The output folder is always a whole site: the old one or the new one.

A build writes into a staging folder beside the output. When it has succeeded,
the two are swapped:

- on Linux (``renameat2(RENAME_EXCHANGE)``) and macOS (``renamex_np(RENAME_SWAP)``)
  in one atomic step: at every instant ``output/`` is the complete old or the
  complete new site, whatever is killed when;
- elsewhere, or on a file system that cannot exchange two folders, in two renames,
  the old site kept aside as ``.output-previous-…`` until the new one is in place.
  A build that finds ``output/`` missing first puts that complete old site back:
  the last good copy is never deleted.

One build at a time writes a given output; the next waits for it (a lock file
in the system's temporary folder). Files get mode 0644 and folders 0755 whatever the umask (static
servers must read them). A symlinked ``output`` keeps working: the folder it points
to is the one swapped.

``RUNSITE_CRASH_AT=<step>`` kills the build at that step of the swap: the tests
use it to prove the above. ``RUNSITE_SWAP=rename`` forces the two-rename way.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass

import filelock

from runsite.core.problems import Problem, SettingsError, relative

WAIT_SECONDS = 600  # a build of a large series takes seconds; a stuck one is reported
FILE_MODE, FOLDER_MODE = 0o644, 0o755
AT_FDCWD = -100
RENAME_EXCHANGE = 2  # Linux <linux/fs.h>
RENAME_SWAP = 2  # macOS <stdio.h>
NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}
CANNOT_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP,
                   getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)}


@dataclass(frozen=True)
class Target:
    """The real output folder, and the names of its neighbours."""

    path: str  # the real folder (a symlinked output resolved)

    @property
    def parent(self):
        return os.path.dirname(self.path)

    @property
    def name(self):
        return os.path.basename(self.path)

    def sibling(self, kind):
        return f".{self.name}-{kind}-"

    def siblings(self, kind):
        prefix = self.sibling(kind)
        return sorted(os.path.join(self.parent, n) for n in os.listdir(self.parent)
                      if n.startswith(prefix))


def staging_prefixes(output) -> tuple[str, ...]:
    """Names the live preview's watcher must ignore."""
    name = os.path.basename(os.path.realpath(output))
    return (f".{name}-building-", f".{name}-previous-")


def _lock_path(target):
    """One lock per output folder, kept out of the project (the system's temporary
    folder): no file is left beside the output."""
    key = hashlib.sha256(os.fsencode(target.path)).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"runsite-{key}.lock")


def crash_point(step):
    """For the tests only: die here, as a killed process would."""
    if os.environ.get("RUNSITE_CRASH_AT") == step:
        # Windows has no SIGKILL: os.kill with SIGTERM terminates the process there.
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def _not_writable(folder):
    return SettingsError(Problem.of(folder, None, "folder_not_writable"))


@contextlib.contextmanager
def staging(output, report=print):
    """A new staging folder for ``output``, under the output's lock. Yields
    ``(target, staging folder)``; the caller swaps it in or discards it."""
    target = Target(os.path.realpath(output))
    try:
        os.makedirs(target.parent, exist_ok=True)
        lock = filelock.FileLock(_lock_path(target))
        try:
            lock.acquire(timeout=1)
        except filelock.Timeout:
            report(f"Une autre construction écrit dans {relative(target.path, os.getcwd())} : "
                   "attente de sa fin…")
            try:
                lock.acquire(timeout=WAIT_SECONDS)
            except filelock.Timeout:
                raise SettingsError(Problem.of(target.path, None, "build_busy",
                                               seconds=WAIT_SECONDS)) from None
    except OSError as error:
        if error.errno not in NOT_WRITABLE:
            raise
        raise _not_writable(target.parent) from None
    try:
        try:
            _recover(target)
            folder = tempfile.mkdtemp(prefix=target.sibling("building"), dir=target.parent)
        except OSError as error:
            if error.errno not in NOT_WRITABLE:
                raise
            raise _not_writable(target.parent) from None
        yield target, folder
    finally:
        lock.release()


def _recover(target):
    """Under the lock, what a killed build left: put the last complete site back if
    ``output`` is missing, then remove staging folders and old copies."""
    previous = sorted(target.siblings("previous"), key=os.path.getmtime)
    if not os.path.lexists(target.path) and previous:
        _rename(previous.pop(), target.path)  # the newest complete site
    for folder in [*target.siblings("building"), *previous]:
        shutil.rmtree(folder, ignore_errors=True)


def discard(folder):
    shutil.rmtree(folder, ignore_errors=True)


def _set_modes(folder):
    os.chmod(folder, FOLDER_MODE)
    for root, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(root, name), FOLDER_MODE)
        for name in files:
            os.chmod(os.path.join(root, name), FILE_MODE)


def _exchange(first, second) -> bool:
    """Exchange two folders in one step; False where the system cannot."""
    if os.environ.get("RUNSITE_SWAP") == "rename" or sys.platform not in ("linux", "darwin"):
        return False  # Windows: no C library to ask (ctypes.CDLL(None) is refused there)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        call = libc.renameat2
        call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
        result = call(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second),
                      RENAME_EXCHANGE)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        call = libc.renamex_np
        call.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        result = call(os.fsencode(first), os.fsencode(second), RENAME_SWAP)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in CANNOT_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), second)


def _rename(source, destination, seconds=5.0):
    """os.rename; on Windows, a folder whose file another program has open (the
    preview serving a page, an antivirus scanning it) cannot be renamed for a moment:
    try again for a few seconds."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            os.rename(source, destination)
            return
        except PermissionError:
            if sys.platform != "win32" or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def swap_in(target, folder, retention=()):
    """Make ``folder`` the site at ``target``; the old site is then removed."""
    _set_modes(folder)
    crash_point("staged")
    if not os.path.isdir(target.path):
        _rename(folder, target.path)
        crash_point("swapped")
        return
    for name in retention:  # kept from one build to the next (OUTPUT_RETENTION, e.g. .git)
        kept = os.path.join(target.path, name)
        if os.path.lexists(kept) and not os.path.lexists(os.path.join(folder, name)):
            _rename(kept, os.path.join(folder, name))
    crash_point("kept")
    if _exchange(folder, target.path):
        old = folder  # the exchange put the old site where the new one was
    else:
        old = tempfile.mkdtemp(prefix=target.sibling("previous"), dir=target.parent)
        os.rmdir(old)
        # Dated now: _recover puts back the newest copy set aside, and on Windows an
        # older one that could not be wholly removed (a file open) is dated by its
        # last removal attempt, later than the old site's own last change.
        os.utime(target.path)
        _rename(target.path, old)
        crash_point("set-aside")
        _rename(folder, target.path)
    crash_point("swapped")
    shutil.rmtree(old, ignore_errors=True)
    crash_point("cleaned")

