#!/usr/bin/env bash
# Adds an EF Core migration named NAME to BOTH migrations assemblies (SQLite and PostgreSQL), so the two
# sets stay in step with the model (tests/Dialogue.Tests/Data/MigrationsInStepTests.cs fails otherwise).
#
#   bash migrations/add.sh NAME             e.g.  bash migrations/add.sh AddThreads
#   bash migrations/add.sh NAME Postgres    only one assembly (Sqlite or Postgres), e.g. to catch up the other set
#                                           after merging a branch that added a migration to one of them
#
# Neither design-time factory connects to a database; no server is needed.
set -euo pipefail

usage() { echo "usage: bash migrations/add.sh NAME [Sqlite|Postgres]   (NAME: a C# class name)" >&2; exit 2; }
[ "$#" -ge 1 ] && [ "$#" -le 2 ] && [[ "$1" =~ ^[A-Za-z][A-Za-z0-9_]*$ ]] || usage
name="$1"
providers=(Sqlite Postgres)
if [ "$#" -eq 2 ]; then
  case "$2" in Sqlite|Postgres) providers=("$2") ;; *) usage ;; esac
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null
# Build first, so each `ef` call below can skip its own build.
for provider in "${providers[@]}"; do
  dotnet build "migrations/Dialogue.Migrations.$provider" -v q -nologo
done
for provider in "${providers[@]}"; do
  project="migrations/Dialogue.Migrations.$provider"
  echo "== $project: adding $name" >&2
  dotnet ef migrations add "$name" --no-build --project "$project" --startup-project "$project" --output-dir Migrations
done
echo "Added migration $name to: ${providers[*]}. Review the generated files, then run the tests." >&2
