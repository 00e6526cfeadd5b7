#!/usr/bin/env bash
# Adds a migration with the same name to both migration sets (SQLite and PostgreSQL) from the one model.
# Usage: scripts/add-migration.sh NameOfChange
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NameOfChange}
cd "$(dirname "$0")/../src/Adal"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --context "${provider}AdalDb" \
    -o "Platform/Persistence/Migrations/$provider" --namespace "Adal.Platform.Persistence.Migrations.$provider"
  # The assembly is called "adal" while namespaces start with "Adal", so dotnet-ef writes the snapshot
  # one folder too deep (Adal/Platform/...); move it beside its migrations.
  if [ -d Adal ]; then
    mv Adal/Platform/Persistence/Migrations/$provider/*ModelSnapshot.cs "Platform/Persistence/Migrations/$provider/"
    rm -rf Adal
  fi
done
