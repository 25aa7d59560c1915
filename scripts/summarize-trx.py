#!/usr/bin/env python3
"""Sum the TRX files that `dotnet test --logger "trx;LogFileName=NAME.trx"` writes.

usage: summarize-trx.py DIR [--extra-passed N] [--extra-failed N] [--extra-skipped N]
                            [--failure TEXT]... [--check-exit NAME=CODE]...

Reads every *.trx under DIR (recursively), adds up ResultSummary/Counters (passed; failed + error +
timeout + aborted as failed; notExecuted, or the results marked NotExecuted, as skipped), lists the failed tests with the first line of
their error message, and prints as its LAST line exactly

    N passed, N failed[, N skipped]

(", N skipped" only when skipped > 0).

  --extra-passed/--extra-failed/--extra-skipped N   add checks run outside dotnet test (model checks,
                                                    interop scripts) to the counts
  --failure TEXT          a line to list among the failures (describe the extra failed checks)
  --check-exit NAME=CODE  the exit code of the `dotnet test` run that wrote NAME.trx: a non-zero code
                          whose TRX is missing or records no failure counts as one failed test (a
                          crashed test host, a run that never started)

A run whose ResultSummary outcome is Failed/Aborted/Error/Timeout but whose counters hold no failure
(a test host crash) counts as one failed test too.

Exit status: 1 if anything failed, if no test ran at all (0 passed and 0 failed), or if no TRX file
was found; else 0.
"""

import argparse
import os
import sys
import xml.etree.ElementTree as ET

FAILED_COUNTERS = ("failed", "error", "timeout", "aborted")
PASSED_COUNTERS = ("passed", "passedButRunAborted")
SKIPPED_COUNTERS = ("notExecuted",)
FAILED_OUTCOMES = {"failed", "error", "timeout", "aborted"}
BAD_RUN_OUTCOMES = {"failed", "aborted", "error", "timeout"}


def local(tag):
    return tag.rsplit("}", 1)[-1]


def child(elem, name):
    for c in elem:
        if local(c.tag) == name:
            return c
    return None


def descendants(elem, name):
    return [e for e in elem.iter() if local(e.tag) == name]


def to_int(value):
    try:
        return int(value or 0)
    except ValueError:
        return 0


def first_line(text):
    for line in (text or "").splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 300 else line[:297] + "..."
    return ""


def find_trx(root_dir):
    found = []
    for dirpath, _dirs, files in os.walk(root_dir):
        for f in files:
            if f.lower().endswith(".trx"):
                found.append(os.path.join(dirpath, f))
    return sorted(found)


def read_trx(path):
    """Returns (passed, failed, skipped, failures, run_problem, label)."""
    label = os.path.splitext(os.path.basename(path))[0]
    tree = ET.parse(path)
    root = tree.getroot()
    passed = failed = skipped = 0
    failures = []

    summary = child(root, "ResultSummary")
    counters = child(summary, "Counters") if summary is not None else None
    if counters is not None:
        passed = sum(to_int(counters.get(k)) for k in PASSED_COUNTERS)
        failed = sum(to_int(counters.get(k)) for k in FAILED_COUNTERS)
        skipped = sum(to_int(counters.get(k)) for k in SKIPPED_COUNTERS)

    for result in descendants(root, "UnitTestResult"):
        if (result.get("outcome") or "").lower() not in FAILED_OUTCOMES:
            continue
        name = result.get("testName") or result.get("testId") or "(unnamed test)"
        message = ""
        for msg in descendants(result, "Message"):
            message = first_line(msg.text)
            if message:
                break
        failures.append(f"[{label}] {name}" + (f": {message}" if message else ""))

    # The VSTest TRX logger leaves notExecuted at 0 for skipped tests and marks their results
    # outcome="NotExecuted" instead: count those.
    not_executed = sum(
        1 for r in descendants(root, "UnitTestResult") if (r.get("outcome") or "").lower() == "notexecuted"
    )
    if counters is not None:
        skipped = max(skipped, not_executed)
    else:
        # No counters: fall back to counting results.
        for result in descendants(root, "UnitTestResult"):
            outcome = (result.get("outcome") or "").lower()
            if outcome == "passed":
                passed += 1
            elif outcome in FAILED_OUTCOMES:
                failed += 1
            elif outcome == "notexecuted":
                skipped += 1

    run_problem = None
    outcome = (summary.get("outcome") or "").lower() if summary is not None else ""
    if outcome in BAD_RUN_OUTCOMES and failed == 0:
        text = ""
        for info in descendants(summary, "Text"):
            text = first_line(info.text)
            if text:
                break
        run_problem = f"[{label}] test run {outcome}" + (f": {text}" if text else "")

    return passed, failed, skipped, failures, run_problem, label


def main(argv):
    parser = argparse.ArgumentParser(description="Sum dotnet test TRX files.")
    parser.add_argument("dir")
    parser.add_argument("--extra-passed", type=int, default=0)
    parser.add_argument("--extra-failed", type=int, default=0)
    parser.add_argument("--extra-skipped", type=int, default=0)
    parser.add_argument("--failure", action="append", default=[])
    parser.add_argument("--check-exit", action="append", default=[], metavar="NAME=CODE")
    args = parser.parse_args(argv)

    passed, failed, skipped = args.extra_passed, args.extra_failed, args.extra_skipped
    failures = list(args.failure)
    failed_by_label = {}

    files = find_trx(args.dir) if os.path.isdir(args.dir) else []
    for path in files:
        rel = os.path.relpath(path, args.dir)
        try:
            p, f, s, fl, problem, label = read_trx(path)
        except (ET.ParseError, OSError) as e:
            print(f"  {rel}: unreadable TRX ({e})")
            failed += 1
            failures.append(f"[{rel}] unreadable TRX: {e}")
            continue
        if problem:
            f += 1
            fl.append(problem)
        print(f"  {rel}: passed {p}, failed {f}, skipped {s}")
        passed, failed, skipped = passed + p, failed + f, skipped + s
        failures.extend(fl)
        failed_by_label[label] = failed_by_label.get(label, 0) + f

    for item in args.check_exit:
        name, _, code = item.partition("=")
        name = name[:-4] if name.lower().endswith(".trx") else name
        if to_int(code) != 0 and failed_by_label.get(name, 0) == 0:
            failed += 1
            why = "wrote no TRX file" if name not in failed_by_label else "recorded no failed test"
            failures.append(f"[{name}] dotnet test exited {code} but {why}")

    if not files:
        print(f"no TRX files found under {args.dir}")

    if failures:
        print("Failed:")
        for line in failures:
            print(f"  {line}")

    closing = f"{passed} passed, {failed} failed"
    if skipped > 0:
        closing += f", {skipped} skipped"
    sys.stdout.flush()
    print(closing)

    if failed > 0 or (passed == 0 and failed == 0) or not files:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
