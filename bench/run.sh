#!/usr/bin/env bash
# Benchmarks that print figures (never part of the test run).
#   bench/run.sh linkage [--deaths N] [--queries N] [--baseline N] [--seed N]
#     a throwaway PostgreSQL with N synthetic deaths (default 1,000,000) and planted series; the
#     linkage query for --queries new deaths (default 1,000): p50/p95/p99, a full-scan baseline on the
#     first --baseline of them (default 100), top-5 recall of planted partners and AUC.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  linkage)
    shift
    ./scripts/prerequisites.sh
    exec dotnet run --project bench/ReviewWorkflow.Bench -c Release -- linkage "$@" ;;
  *)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
