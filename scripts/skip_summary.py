#!/usr/bin/env python3
"""The end of `make test`: every check that was skipped in the last ctest run, with its reason, and
an exit status that fails the run when a check that must run on this machine did not.

ctest counts a QSKIP'ed test function as passed and --output-on-failure hides it, so this reads the
whole output ctest kept (build/Testing/Temporary/LastTest.log) and lists the `SKIP   :` lines of
QtTest. A skip is expected where the machine lacks what the check needs: any check of a test
labelled `gpu`, and any skip whose reason starts with "machine:" (no CUDA device, no nvcc, no AVX-512, not
glibc). Every other skip (../shared/testdata or the Python reference stack missing, a fixture not
generated) is unexpected: the summary names it and the exit status is 1.

Usage: skip_summary.py BUILD_DIR"""
import os
import re
import sys


def gpu_tests(build_dir):
    """Tests labelled gpu, read from the CTestTestfile.cmake files (running `ctest -N` would replace
    LastTest.log)."""
    names = set()
    for root, _, files in os.walk(build_dir):
        if "CTestTestfile.cmake" not in files:
            continue
        with open(os.path.join(root, "CTestTestfile.cmake"), encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r'set_tests_properties\(\[=\[(\S+?)\]=\] PROPERTIES (.*)', line)
                labels = re.search(r'LABELS "([^"]*)"', m.group(2)) if m else None
                if labels and "gpu" in labels.group(1).split(";"):
                    names.add(m.group(1))
    return names


def skips(log_text):
    """(test, check, reason) for every QtTest SKIP line, in log order."""
    out, test = [], None
    for line in log_text.splitlines():
        m = re.match(r"^\d+/\d+ Testing: (\S+)", line)
        if m:
            test = m.group(1)
            continue
        m = re.match(r"^SKIP   : (\S+?::[^(\s]+\(.*?\)) (.*)$", line)  # Class::function(data tag) reason
        if m and test:
            out.append((test, m.group(1), m.group(2).strip()))
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build_dir = sys.argv[1]
    log = os.path.join(build_dir, "Testing", "Temporary", "LastTest.log")
    if not os.path.exists(log):
        print(f"skip summary: {log} not found (no ctest run to summarise)")
        return 0
    with open(log, encoding="utf-8", errors="replace") as f:
        found = skips(f.read())
    gpu = gpu_tests(build_dir)
    expected = [s for s in found if s[0] in gpu or s[2].startswith("machine:")]
    unexpected = [s for s in found if s not in expected]
    print()
    if not found:
        print("skip summary: no check was skipped")
        return 0
    print(f"skip summary: {len(found)} check(s) skipped, {len(unexpected)} of them unexpected on this machine")
    for title, rows in (("expected here (the machine lacks what they need):", expected), ("UNEXPECTED (must run here):", unexpected)):
        if rows:
            print("  " + title)
            for test, check, reason in rows:
                print(f"    {test}: {check} — {reason}")
    if unexpected:
        print("skip summary: failing the run: the checks above did not run (see the reasons; README, 'Tests')")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
