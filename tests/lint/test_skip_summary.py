#!/usr/bin/env python3
"""scripts/skip_summary.py on a made-up build folder: skips of gpu-labelled tests and "machine:"
reasons pass; any other skip fails the run and is named with its check and reason."""
import os
import subprocess
import sys
import tempfile

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "skip_summary.py")

TESTFILE = (
    'set_tests_properties([=[test_gpu_thing]=] PROPERTIES  ENVIRONMENT "A=1" LABELS "gpu" TIMEOUT "300")\n'
    'set_tests_properties([=[test_cpu_thing]=] PROPERTIES  ENVIRONMENT "A=1" LABELS "fast;interop" TIMEOUT "300")\n'
)


def log(extra_skip):
    lines = [
        "1/2 Testing: test_gpu_thing",
        "SKIP   : TestGpu::initTestCase() no CUDA device here",
        "2/2 Testing: test_cpu_thing",
        "PASS   : TestCpu::a()",
        "SKIP   : TestCpu::b(tag with spaces) machine: no AVX-512 here",
    ]
    if extra_skip:
        lines.append("SKIP   : TestCpu::c() ../shared/testdata not found")
    return "\n".join(lines) + "\n"


def run(extra_skip):
    with tempfile.TemporaryDirectory() as build:
        os.makedirs(os.path.join(build, "Testing", "Temporary"))
        os.makedirs(os.path.join(build, "tests"))
        with open(os.path.join(build, "tests", "CTestTestfile.cmake"), "w") as f:
            f.write(TESTFILE)
        with open(os.path.join(build, "Testing", "Temporary", "LastTest.log"), "w") as f:
            f.write(log(extra_skip))
        return subprocess.run([sys.executable, SCRIPT, build], capture_output=True, text=True)


def main():
    ok = run(False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "2 check(s) skipped, 0 of them unexpected" in ok.stdout, ok.stdout
    assert "test_cpu_thing: TestCpu::b(tag with spaces) — machine: no AVX-512 here" in ok.stdout, ok.stdout
    bad = run(True)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "3 check(s) skipped, 1 of them unexpected" in bad.stdout, bad.stdout
    unexpected = bad.stdout.split("UNEXPECTED", 1)[1]
    assert "test_cpu_thing: TestCpu::c() — ../shared/testdata not found" in unexpected, bad.stdout
    assert "TestGpu::initTestCase" not in unexpected, bad.stdout
    print("skip summary checks OK")


if __name__ == "__main__":
    main()
