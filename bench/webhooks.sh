#!/usr/bin/env bash
# Starts the real web host (Release) on a fresh SQLite data folder, or PostgreSQL with --postgres (needs
# CROSSING_TEST_POSTGRES), then runs the webhook load generator against it over loopback HTTP.
#   [WARMUP=200] bench/webhooks.sh [--postgres] [generator options: --rate 1000 --seconds 20 | --closed 64]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-5099}
data=$(mktemp -d /tmp/crossing-bench-XXXXXX)
export CROSSING_STRIPE_WEBHOOK_SECRET=whsec_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
host_args=(--data "$data" --urls "http://127.0.0.1:$port")
if [[ "${1:-}" == "--postgres" ]]; then
  shift
  db="crossing_bench_$(date +%s)"
  psql "${CROSSING_TEST_POSTGRES:?set CROSSING_TEST_POSTGRES}" -qc "CREATE DATABASE $db" >/dev/null
  export CROSSING_DB_PROVIDER=postgres
  export CROSSING_POSTGRES="$(echo "$CROSSING_TEST_POSTGRES" | sed "s/Database=[^;]*/Database=$db/")"
  host_args+=(--Crossing:Database:Provider postgres --Crossing:Database:ConnectionString "$CROSSING_POSTGRES")
fi
dotnet build -c Release src/Crossing.Web -v q -nologo >/dev/null
dotnet build -c Release bench/Crossing.Bench -v q -nologo >/dev/null
Logging__LogLevel__Default=Warning dotnet src/Crossing.Web/bin/Release/net10.0/Crossing.Web.dll "${host_args[@]}" >"$data/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
# CPU seconds the host process used (user + system), so figures can be read independently of other load on the machine.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$host/stat"; }
before=$(cpu)
dotnet bench/Crossing.Bench/bin/Release/net10.0/Crossing.Bench.dll webhooks --url "http://127.0.0.1:$port" --secret "$CROSSING_STRIPE_WEBHOOK_SECRET" --warmup "${WARMUP:-200}" "$@" | tee "$data/bench.out"
after=$(cpu)
events=$(awk '/^events /{ gsub(",", "", $2); print $2 }' "$data/bench.out")
echo "host CPU during the timed run and warm-up: $(echo "$after - $before" | bc) s; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ -n "$events" ]] && echo "host CPU per event (incl. warm-up events): $(echo "scale=2; ($after - $before) * 1000 / ($events + ${WARMUP:-200})" | bc) ms"
