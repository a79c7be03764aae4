#!/usr/bin/env bash
# Benchmarks that print figures (never part of the test run).
#   bench/run.sh
#     everything below (throughput, linkage, escalation) with their default sizes, then one table of
#     all figures. Smaller sizes for a quick try: THROUGHPUT_ARGS="--cases 20000 --duration 5"
#     LINKAGE_ARGS="--deaths 100000 --queries 200" ESCALATION_ARGS="--open 80000 --overdue 8000" bench/run.sh
#   bench/run.sh throughput [--cases N] [--duration S] [--page-duration S] [--levels 1,8,32,64] [--diagnose]
#     a throwaway durable PostgreSQL and the app in Release as its own process; N cases (default
#     100,000) over 10 years loaded by SQL from cases made through the API; step completions by
#     closed-loop HTTP clients at each concurrency for S seconds (default 10), pgbench doing the same
#     writes as the ceiling, case reads (JSON and HTML), start-up time and resident memory.
#     --diagnose: after the load, time a case read in-process (load, evaluate, map, serialise) instead.
#   bench/run.sh casefile [--cases N] [--batch N]
#     the throughput data set (N cases, default 100,000); then the case file of closed cases over the
#     API (time, size), its verification over the API (the first walks the whole chain and sets a
#     checkpoint; then from the checkpoint), the reports summary over a year (all teams and one team), and N files
#     (default 1,000) in one export-files run.
#   bench/run.sh casework [--cases N] [--queries N] [--keep]
#     the throughput data set (N cases, default 100,000, about ten persons each); then the search box
#     (names exact and misspelt, phone numbers, references, places: --queries of each, default 200),
#     the person page, a 10 MiB document uploaded and downloaded, and the series view of a 10-case series.
#     --keep (casework, casefile, throughput): leave the data set's PostgreSQL running for EXPLAIN until the bench is ended.
#   bench/run.sh linkage [--deaths N] [--queries N] [--baseline N] [--seed N]
#     a throwaway PostgreSQL with N synthetic deaths (default 1,000,000) and planted series; the
#     linkage query for --queries new deaths (default 1,000): p50/p95/p99, a full-scan baseline on the
#     first --baseline of them (default 100), top-5 recall of planted partners and AUC.
#   bench/run.sh escalation [--open N] [--overdue N] [--messages N]
#     a throwaway (durable) PostgreSQL: the escalation sweep over N open steps (default 1,000,000)
#     of which --overdue are due (default 10,000), then over 2N with the same number due, and the
#     ratio; then outbox delivery of --messages (default 2,000) to an SMTP server on loopback,
#     one connection reused versus a new connection per message.
#   bench/run.sh migration [--cases N]
#     a throwaway (durable) PostgreSQL with N open cases on unexplained-death v1 (default 10,000; copies of
#     one case recorded through the app); the dry run of moving them all to v2, then the move, each timed.
set -euo pipefail
cd "$(dirname "$0")/.."

build() {
  ./scripts/prerequisites.sh
  # The throughput benchmark runs the app as deployed (published for linux-x64, ReadyToRun) as a separate process.
  dotnet publish -c Release -r linux-x64 --self-contained false -v q -nologo src/ReviewWorkflow.Web >/dev/null
  dotnet build -c Release -v q -nologo bench/ReviewWorkflow.Bench >/dev/null
}
bench() { dotnet bench/ReviewWorkflow.Bench/bin/Release/net10.0/ReviewWorkflow.Bench.dll "$@"; }

case "${1:-}" in
  throughput|linkage|escalation|migration)
    build
    bench "$@" ;;
  casefile)
    build
    shift
    bench throughput --case-files "$@" ;;
  casework)
    build
    shift
    bench throughput --casework "$@" ;;
  "")
    build
    out="$(mktemp -d -t reviewworkflow-bench.XXXXXX)"
    trap 'rm -rf "$out"' EXIT
    # shellcheck disable=SC2086 # the *_ARGS are word lists on purpose
    bench throughput ${THROUGHPUT_ARGS:-} | tee "$out/throughput"
    # shellcheck disable=SC2086
    bench linkage ${LINKAGE_ARGS:-} | tee "$out/linkage"
    # shellcheck disable=SC2086
    bench escalation ${ESCALATION_ARGS:-} | tee "$out/escalation"
    echo
    echo "All figures ($(nproc) cores; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
    echo "| benchmark | measure | figure | target |"
    echo "|---|---|---|---|"
    for b in throughput linkage; do
      grep '^| ' "$out/$b" | grep -v '^| measure ' | sed "s/^| /| $b | /"
    done
    grep -E '^(ratio|delivery \(median)' "$out/escalation" | sed 's/^/| escalation | /; s/$/ | | |/'
    ;;
  *)
    sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
