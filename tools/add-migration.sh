#!/usr/bin/env bash
# Adds a migration NAME for both providers, so SQLite and PostgreSQL never drift apart.
# Needs the dotnet-ef tool: dotnet tool install --global dotnet-ef
set -euo pipefail
name=${1:?usage: tools/add-migration.sh NAME}
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"
dotnet ef migrations add "$name" --project src/Crossing.Core --context SqliteCrossingDbContext --output-dir Persistence/Migrations/Sqlite
dotnet ef migrations add "$name" --project src/Crossing.Core --context PostgresCrossingDbContext --output-dir Persistence/Migrations/Postgres
