#!/usr/bin/env bash
# Runs the benchmarks behind the speed figures of docs/performance.md (the README links there) in one
# BenchmarkDotNet invocation and writes their figure tables (between <!-- figures:NAME:begin/end -->
# markers) from its results, so that the figures cannot drift from the code. Run it on a quiet machine.
#
# Usage: eng/benchmark-figures.sh [--short] [--artifacts DIR]
#   --short      1 warm-up and 3 measured iterations per benchmark: checks the run end to end; its
#                figures are rough and the tables say so. Never commit them.
#   --artifacts  where BenchmarkDotNet writes (default: a fresh temporary folder).
# The SQLite benchmarks build their files once in the temp folder (3M and 2M rows, a few minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

short=()
note=""
artifacts=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) short=(--short); note=" (--short: 3 iterations, indicative only)"; shift ;;
    --artifacts) artifacts="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
artifacts="${artifacts:-$(mktemp -d -t zepix-figures-XXXXXX)}"

filters=(
  '*DefaultSetupVsHealthChecksBenchmarks*'
  '*CollectOnceBenchmarks*'
  '*TelemetryRecordBenchmarks*'
  '*MeasureExecutionCpuBenchmarks*'
  '*ProcessSampleBenchmarks*'
  '*AlertEvaluationBenchmarks*'
  '*StoreInsertBenchmarks*'
)

dotnet build benchmarks/ZepixHealth.Monitoring.Benchmarks -c Release
dotnet run -c Release --no-build --project benchmarks/ZepixHealth.Monitoring.Benchmarks -- \
  --filter "${filters[@]}" --exporters json --artifacts "$artifacts" "${short[@]}"
python3 eng/benchmark-figures.py "$artifacts" --job-note "$note"
echo "Figures written from $artifacts; review with: git diff README.md docs/performance.md"
