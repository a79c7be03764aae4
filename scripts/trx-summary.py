#!/usr/bin/env python3
"""Summarise every TRX file under a directory into the CI's closing line.

Prints `N passed, N failed` (with `, N skipped` only when some were skipped) and exits 1 when a
test failed or none ran, 0 otherwise. Counts come from each top-level <UnitTestResult
outcome="...">, so a theory's cases count one by one and a skipped test is told apart from a
failed one; a file without results falls back to its <Counters> element.

Usage: trx-summary.py RESULTS_DIR
test.sh has a grep/sed fallback for machines without python3 that reads <Counters> only.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

PASSED = {"Passed", "PassedButRunAborted", "Warning"}
SKIPPED = {"NotExecuted", "Inconclusive", "NotRunnable", "Pending", "Disconnected"}
# Everything else (Failed, Error, Timeout, Aborted, ...) counts as failed: never hide a bad outcome.


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def summarise(path: pathlib.Path) -> tuple[int, int, int]:
    root = ET.parse(path).getroot()
    passed = failed = skipped = 0
    # Only the run's own results: nested <InnerResults> (data rows of an aggregated test) would
    # count the same test twice.
    results = [
        e for top in root if local(top.tag) == "Results" for e in top if local(e.tag) == "UnitTestResult"
    ]
    for result in results:
        outcome = result.get("outcome", "")
        if outcome in PASSED:
            passed += 1
        elif outcome in SKIPPED:
            skipped += 1
        else:
            failed += 1
    if not results:
        for counters in (e for e in root.iter() if local(e.tag) == "Counters"):
            get = lambda name: int(counters.get(name, "0"))
            passed += get("passed")
            failed += get("failed") + get("error") + get("timeout") + get("aborted")
            skipped += get("total") - get("executed")
    return passed, failed, skipped


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: trx-summary.py RESULTS_DIR", file=sys.stderr)
        return 2
    passed = failed = skipped = 0
    for trx in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
        try:
            p, f, s = summarise(trx)
        except ET.ParseError as error:  # a half-written file from a crashed run is a failure
            print(f"{trx}: unreadable TRX ({error})", file=sys.stderr)
            p, f, s = 0, 1, 0
        passed, failed, skipped = passed + p, failed + f, skipped + s
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed or passed + failed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
