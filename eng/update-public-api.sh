#!/usr/bin/env bash
# Brings each packable project's PublicAPI.Unshipped.txt in line with its public API, from the
# analyzer's own diagnostics (its code fix needs an IDE): symbols reported as undeclared (RS0016) are
# added, declared symbols that no longer exist (RS0017) are removed. Review the diff: an entry that
# disappears is a breaking change. Usage: eng/update-public-api.sh [project-dir ...]
set -euo pipefail
cd "$(dirname "$0")/.."

projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  projects=(src/ZepixHealth.Monitoring src/ZepixHealth.Monitoring.Telegram src/ZepixHealth.Monitoring.HealthChecks)
fi

for project in "${projects[@]}"; do
  unshipped="$project/PublicAPI.Unshipped.txt"
  [ -f "$unshipped" ] || printf '#nullable enable\n' > "$unshipped"
  [ -f "$project/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$project/PublicAPI.Shipped.txt"
  log=$(mktemp)
  # --no-incremental: the analyzers must see every file; the build is expected to fail while the list is out of date.
  dotnet build "$project" -c Release --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= > "$log" 2>&1 || true
  python3 - "$log" "$unshipped" "$project" <<'PY'
import re, sys
log, unshipped, project = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(log, encoding="utf-8").read()
name = project.rstrip("/").split("/")[-1] + ".csproj"
added = set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API.*\[.*/" + re.escape(name) + r"\]", text))
removed = set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API, but .*\[.*/" + re.escape(name) + r"\]", text))
lines = [l.rstrip("\n") for l in open(unshipped, encoding="utf-8")]
header = [l for l in lines if l.startswith("#")] or ["#nullable enable"]
entries = {l for l in lines if l and not l.startswith("#")}
entries = (entries | added) - removed
with open(unshipped, "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(header + sorted(entries, key=lambda s: s.replace("~", ""))) + "\n")
print(f"{unshipped}: +{len(added)} -{len(removed)} ({len(entries)} entries)")
PY
  rm -f "$log"
done
