#!/usr/bin/env bash
# Runs every Adal test on a fresh Debian machine with the .NET SDK:
# installs what the tests need (PostgreSQL, Chromium, poppler, zbar), starts a throw-away
# PostgreSQL on 127.0.0.1, runs all test projects and ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
out="$root/test-output"
rm -rf "$out"; mkdir -p "$out"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
command -v chromium >/dev/null || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v zbarimg >/dev/null || need+=(zbar-tools)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian packages..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >"$out/apt.log" 2>&1 \
    || { cat "$out/apt.log"; echo "0 passed, 1 failed"; exit 1; }
fi

# A private PostgreSQL for this run: its own folder, port and socket; stopped on exit.
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/adal-pg.XXXXXX)
pgport=${ADAL_PG_PORT:-55432}
while (echo >/dev/tcp/127.0.0.1/$pgport) 2>/dev/null; do pgport=$((pgport + 1)); done
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pgdir"
stop_pg() { as_pg "$pgbin/pg_ctl -D $pgdir/data -m fast stop" >/dev/null 2>&1; rm -rf "$pgdir"; }
trap stop_pg EXIT
as_pg "$pgbin/initdb -D $pgdir/data -A trust -U adal -E UTF8 --locale=C.UTF-8" >"$out/initdb.log" 2>&1 \
  || { cat "$out/initdb.log"; echo "0 passed, 1 failed"; exit 1; }
as_pg "$pgbin/pg_ctl -D $pgdir/data -o '-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -l $pgdir/log -w start" >/dev/null \
  || { cat "$pgdir/log"; echo "0 passed, 1 failed"; exit 1; }
export ADAL_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=adal;Database=postgres"
export ADAL_TEST_CHROMIUM=/usr/bin/chromium

dotnet build Adal.slnx -nologo -v quiet -clp:NoSummary || { echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$out" || status=1
done

# Sum the counters of every TRX file: the one line CI reads.
passed=0; failed=0; skipped=0
for trx in "$out"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
[ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
