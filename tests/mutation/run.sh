#!/usr/bin/env bash
# Mutation testing of the domain with its own tests (Stryker.NET as a local tool). It takes minutes, so it is not part
# of tests/run-all.sh; the score is in the README. Reports: TestResults/mutation/<date>/reports/mutation-report.html
set -euo pipefail
cd "$(dirname "$0")/../Onboarding.Ops.Domain.Tests"
dotnet tool restore >/dev/null
dotnet stryker --config-file ../mutation/stryker-config.json --output ../../TestResults/mutation "$@"
