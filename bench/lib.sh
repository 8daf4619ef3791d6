# Helpers of the benchmark scripts in bench/ (sourced, not run).
export PGPASSWORD="${DRIP_DB_PASSWORD:-drip}"
psql_db() { psql -h 127.0.0.1 -U drip -v ON_ERROR_STOP=1 -qAt "$@"; }
log() { printf '[bench] %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# CPU time (user + system, all threads, in clock ticks) of the given processes, from /proc
ticks_of() { local t=0 pid; for pid; do [[ -r /proc/$pid/stat ]] && t=$((t + $(awk '{print $14 + $15}' /proc/$pid/stat))); done; echo "$t"; }
