#!/usr/bin/env bash
# Benchmarks that print figures (never part of the test run).
#   bench/run.sh linkage [--deaths N] [--queries N] [--baseline N] [--seed N]
#     a throwaway PostgreSQL with N synthetic deaths (default 1,000,000) and planted series; the
#     linkage query for --queries new deaths (default 1,000): p50/p95/p99, a full-scan baseline on the
#     first --baseline of them (default 100), top-5 recall of planted partners and AUC.
#   bench/run.sh escalation [--open N] [--overdue N] [--messages N]
#     a throwaway (durable) PostgreSQL: the escalation sweep over N open steps (default 1,000,000)
#     of which --overdue are due (default 10,000), then over 2N with the same number due, and the
#     ratio; then outbox delivery of --messages (default 2,000) to an SMTP server on loopback,
#     one connection reused versus a new connection per message.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  linkage|escalation)
    ./scripts/prerequisites.sh
    exec dotnet run --project bench/ReviewWorkflow.Bench -c Release -- "$@" ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
