#!/usr/bin/env bash
# Runs every test project of the solution and ends with the CI's closing line:
#   N passed, N failed[, N skipped]
# Installs what the tests need first (PostgreSQL, PostGIS, Chromium: scripts/prerequisites.sh),
# builds once in Release, runs `dotnet test` on the solution with a TRX logger, and counts all
# the TRX files. Exits non-zero when a test failed, no test ran, or dotnet test itself failed.
# Environment: TEST_RESULTS_DIR (default ./TestResults, emptied first).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
build_flags=(-c Release -nologo)
if [[ -n "${CI:-}" ]]; then
  # Build servers outlive the build and keep its output pipe open, which can hold a CI run open.
  export MSBUILDDISABLENODEREUSE=1
  build_flags+=(--disable-build-servers)
fi

./scripts/prerequisites.sh --browser

results="${TEST_RESULTS_DIR:-$PWD/TestResults}"
if [[ -z "$results" || "$results" == "/" ]]; then
  echo "test.sh: refusing to empty TEST_RESULTS_DIR='$results'" >&2
  exit 2
fi
rm -rf "$results" # old TRX files must not count
mkdir -p "$results"

if ! dotnet build ReviewWorkflow.sln "${build_flags[@]}" </dev/null; then
  echo "build failed"
  exit 1
fi

set +e
dotnet test ReviewWorkflow.sln -c Release --no-build --nologo --logger trx --results-directory "$results" </dev/null
test_status=$?
set -e

# Without python3, read the <Counters> element of each TRX file; skipped tests appear there only
# as total minus executed. The python summariser counts the individual results instead.
summarise_with_grep() {
  local passed=0 failed=0 skipped=0 file counters
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters" | head -n 1; }
  while IFS= read -r -d '' file; do
    counters="$(grep -o '<Counters [^>]*>' "$file" | head -n 1 || true)"
    if [[ -z "$counters" ]]; then
      failed=$((failed + 1)) # an unreadable result file is a failure, not nothing
      continue
    fi
    passed=$((passed + $(attr passed)))
    failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
    skipped=$((skipped + $(attr total) - $(attr executed)))
  done < <(find "$results" -name '*.trx' -print0)
  local line="$passed passed, $failed failed"
  ((skipped > 0)) && line+=", $skipped skipped"
  echo "$line"
  ((failed == 0 && passed + failed > 0))
}

set +e
if command -v python3 >/dev/null 2>&1; then
  summary="$(python3 scripts/trx-summary.py "$results")"
else
  summary="$(summarise_with_grep)"
fi
summary_status=$?
set -e

if ((test_status != 0)); then
  echo "dotnet test exited with status $test_status"
fi
echo "$summary"
if ((test_status != 0 || summary_status != 0)); then
  exit 1
fi
