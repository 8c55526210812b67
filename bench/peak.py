"""Run one command and write its wall time, CPU time and peak memory as JSON.

``python -I -S bench/peak.py RESULT.json -- COMMAND...``

Why a launcher: on Linux a child's ``ru_maxrss`` starts from the resident size of
the process it was forked from (the kernel carries the parent's high-water mark
across fork and exec, vfork included). Forked straight from the benchmark's runner
(about 80 MiB with Playwright and the rest imported), every build would report at
least the runner's size. Forked from this small interpreter instead, a build's peak
is its own, within this launcher's few MiB (``floor_mib`` in the result: the peak of
``true`` forked the same way).
"""

import os
import sys
import time


def _run(command):
    start = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)  # no subprocess: a smaller floor
    _, status, usage = os.wait4(pid, 0)
    return (time.perf_counter() - start, os.waitstatus_to_exitcode(status),
            usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)  # maxrss: KiB


def main():
    result, separator, *command = sys.argv[1:]
    if separator != "--" or not command:
        sys.exit(__doc__.splitlines()[2])
    floor = _run(["true"])[2]
    seconds, code, memory, cpu = _run(command)
    import json  # after the runs: not in the launcher's size

    with open(result, "w") as out:
        json.dump({"seconds": seconds, "returncode": code, "memory_mib": memory,
                   "cpu_seconds": cpu, "floor_mib": floor}, out)
    sys.exit(code)


if __name__ == "__main__":
    main()
