#!/usr/bin/env bash
# Runs every test of Onboarding Ops: installs what the browser tests need, restores, builds, tests,
# and ends with the line "N passed, N failed, N skipped" counted from the real results.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's Chromium for the Playwright tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || {
      echo "Could not install chromium. Install it with: sudo apt-get install chromium"; exit 1; }
  else
    echo "The browser tests need Debian's Chromium at /usr/bin/chromium. Install it with: sudo apt-get install chromium"
    exit 1
  fi
fi

# The integration tests run a second time on PostgreSQL: a private cluster, stopped on exit whatever happens.
source tests/postgres.sh
postgres_start || exit 1

dotnet tool restore >/dev/null || exit 1
dotnet restore Onboarding.Ops.sln || exit 1
dotnet build Onboarding.Ops.sln --no-restore -c Release || exit 1

results=TestResults/trx
rm -rf "$results"
status=0
projects=$(dotnet sln Onboarding.Ops.sln list | grep -E '^tests/.*(Tests|E2E)\.csproj$')
for project in $projects; do
  name=$(basename "$project" .csproj)
  OPS_TEST_POSTGRES= dotnet test "$project" --no-build -c Release --filter "Provider!=PostgresOnly" --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done
# The same integration suite on PostgreSQL, but for the tests about SQLite itself.
dotnet test tests/Onboarding.Ops.Web.Tests/Onboarding.Ops.Web.Tests.csproj --no-build -c Release --filter "Provider!=SqliteOnly" \
  --logger "trx;LogFileName=Onboarding.Ops.Web.Tests.PostgreSQL.trx" --results-directory "$results" || status=1
# The browser journey on two app instances behind the proxy, on one PostgreSQL database.
dotnet test tests/Onboarding.Ops.E2E/Onboarding.Ops.E2E.csproj --no-build -c Release --filter "Provider=PostgresOnly" \
  --logger "trx;LogFileName=Onboarding.Ops.E2E.PostgreSQL.trx" --results-directory "$results" || status=1

# Sum the counters of every project's TRX report.
passed=0; failed=0; skipped=0; reports=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

expected=$(( $(echo "$projects" | wc -w) + 2 ))
if [ "$reports" -lt "$expected" ]; then
  echo "Only $reports of $expected test projects reported results: a test run crashed."
  status=1
fi
[ "$failed" -gt 0 ] || [ $((passed + failed)) -eq 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
