#!/usr/bin/env bash
# Soak: 500 plugins watched every second for 10 minutes on a real SQLite file (issue 9).
# Not run by CI (CI only builds the project). Usage: benchmarks/soak/run.sh [--plugins N] [--seconds S] [--db PATH]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build benchmarks/ZepixHealth.Monitoring.Soak -c Release --nologo -v quiet
exec dotnet benchmarks/ZepixHealth.Monitoring.Soak/bin/Release/net10.0/ZepixHealth.Monitoring.Soak.dll "$@"
