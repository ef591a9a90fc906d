#!/usr/bin/env bash
# Adds an EF Core migration named NAME to BOTH migrations assemblies (SQLite and PostgreSQL), so the two
# sets stay in step with the model (tests/Dialogue.Tests/Infrastructure/MigrationsInStepTests.cs fails otherwise).
#
#   bash migrations/add.sh NAME        e.g.  bash migrations/add.sh AddThreads
#
# Neither design-time factory connects to a database; no server is needed.
set -euo pipefail

if [ "$#" -ne 1 ] || [[ ! "$1" =~ ^[A-Za-z][A-Za-z0-9_]*$ ]]; then
  echo "usage: bash migrations/add.sh NAME   (NAME: letters, digits, underscores; a C# class name)" >&2
  exit 2
fi
name="$1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null
# Build once; both migrations projects share Dialogue.Data, so each `ef` call below can skip its own build.
dotnet build migrations/Dialogue.Migrations.Sqlite -v q -nologo
dotnet build migrations/Dialogue.Migrations.Postgres -v q -nologo
for provider in Sqlite Postgres; do
  project="migrations/Dialogue.Migrations.$provider"
  echo "== $project: adding $name" >&2
  dotnet ef migrations add "$name" --no-build --project "$project" --startup-project "$project" --output-dir Migrations
done
echo "Added migration $name to both assemblies. Review the generated files, then run the tests." >&2
