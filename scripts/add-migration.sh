#!/usr/bin/env bash
# Adds an EF Core migration for both providers: bash scripts/add-migration.sh NAME
# (dotnet-ef writes the model snapshot under a folder named after its namespace; this moves it back.)
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh NAME}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Sesame.Core --startup-project src/Sesame.Core \
    --context "${provider}SesameDbContext" --output-dir "Data/Migrations/$provider" \
    --namespace "Sesame.Core.Data.Migrations.$provider"
  if compgen -G "src/Sesame.Core/Sesame/Core/Data/Migrations/$provider/*.cs" >/dev/null; then
    mv src/Sesame.Core/Sesame/Core/Data/Migrations/$provider/*.cs "src/Sesame.Core/Data/Migrations/$provider/"
  fi
done
rm -rf src/Sesame.Core/Sesame src/Sesame.Core/design-time.db
