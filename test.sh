#!/usr/bin/env bash
# The test command (README): installs what the tests need when it is missing, starts PostgreSQL, runs every test.
#   - Debian packages: postgresql (persistence tests on both databases), chromium (browser tests, driven through
#     Playwright at /usr/bin/chromium; nothing is downloaded), fonts-noto-cjk (Korean glyphs), python3 (the
#     independent audit verifier). As root they are installed with apt-get; otherwise the exact command is printed
#     and the script stops.
#   - PostgreSQL: started on 127.0.0.1:5432 when it is not running, with a role `crossing` that may create databases;
#     CROSSING_TEST_POSTGRES is exported so every persistence test also runs there.
# Extra arguments go to `dotnet test` (for example --filter "FullyQualifiedName~Cases").
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\n== %s\n' "$*"; }

packages=(postgresql chromium fonts-noto-cjk python3 poppler-utils fonts-nanum)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing packages: ${missing[*]}. Install them, then run ./test.sh again:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 2
    fi
    log "installing ${missing[*]}"
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
fi
test -x /usr/bin/chromium || { echo "Chromium is not at /usr/bin/chromium" >&2; exit 2; }

if [ -z "${CROSSING_TEST_POSTGRES:-}" ]; then
    if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "PostgreSQL is not running on 127.0.0.1:5432. Start it (as root: ./test.sh does it), or set CROSSING_TEST_POSTGRES." >&2
            exit 2
        fi
        pg_major=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
        log "starting PostgreSQL $pg_major"
        if ! pg_lsclusters -h | awk -v v="$pg_major" '$1 == v && $2 == "main"' | grep -q .; then
            pg_createcluster "$pg_major" main --port 5432
        fi
        pg_ctlcluster "$pg_major" main start || true
        for _ in $(seq 1 60); do
            pg_isready -q -h 127.0.0.1 -p 5432 && break
            sleep 1
        done
        pg_isready -h 127.0.0.1 -p 5432
    fi
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crossing') THEN
        CREATE ROLE crossing LOGIN PASSWORD 'crossing' CREATEDB;
    ELSE
        ALTER ROLE crossing LOGIN PASSWORD 'crossing' CREATEDB;
    END IF;
END
$$;
GRANT pg_signal_backend TO crossing;
SQL
    fi
    export CROSSING_TEST_POSTGRES='Host=127.0.0.1;Port=5432;Username=crossing;Password=crossing;Database=postgres'
fi

log "dotnet test Crossing.slnx"
exec dotnet test Crossing.slnx "$@"
