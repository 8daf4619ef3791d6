# shellcheck shell=bash
# Helpers shared by the deploy/local scripts. Source it; do not run it.

# Everything these scripts download or create lives here, outside the work tree,
# so a fresh clone reuses the cache and `git clean` never wipes a broker's data.
DRIP_HOME="${DRIP_HOME:-$HOME/.drip}"

# Messages go to stderr so that stdout stays usable for command output.
_log_prefix="[drip:$(basename "$0")]"
log() { printf '%s %s\n' "$_log_prefix" "$*" >&2; }
warn() { printf '%s WARNING: %s\n' "$_log_prefix" "$*" >&2; }
die() {
  printf '%s ERROR: %s\n' "$_log_prefix" "$*" >&2
  exit 1
}

need_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not installed${2:+ ($2)}"
}

# ensure_cmd <command> <Debian package>...: install the first package that provides the command
# when it is missing (as root), else say what to install.
ensure_cmd() {
  local cmd="$1" pkg
  shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  [[ "$(id -u)" == 0 ]] || die "'$cmd' is required: apt-get install $1"
  for pkg in "$@"; do
    log "'$cmd' is missing; installing Debian's $pkg"
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null 2>&1; }; then
      command -v "$cmd" >/dev/null 2>&1 && return 0
    fi
  done
  die "'$cmd' is required and none of $* installed it"
}

# True if something accepts TCP connections on host:port. Uses bash's /dev/tcp,
# so it needs no extra tools; timeout guards against a filtered port hanging.
port_open() {
  local host="$1" port="$2"
  # shellcheck disable=SC2016 # $1 and $2 are expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" >/dev/null 2>&1
}

port_closed() { ! port_open "$@"; }

# wait_for <seconds> <description> <command...>: retry the command every 0.5 s
# until it succeeds or the time is up. Returns 1 on timeout; the caller says why.
wait_for() {
  local seconds="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      warn "timed out after ${seconds}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

# True if pid is alive and its command line contains every given word. Checking
# the command line, not just the pid, keeps a stale pid file (pid reused by
# another program after a reboot or crash) from making us signal a stranger.
pid_matches() {
  local pid="$1"
  shift
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  local cmdline word
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  for word in "$@"; do
    [[ "$cmdline" == *"$word"* ]] || return 1
  done
}

# stop_pid <pid> <what>: SIGTERM lets a process shut down cleanly (a broker flushes its logs, a
# service finishes its requests); SIGKILL only if that takes too long. Always by pid, never by
# a name pattern.
stop_pid() {
  local pid="$1" what="${2:-pid $1}"
  kill -TERM "$pid" 2>/dev/null || return 0
  if ! wait_for 30 "$what (pid $pid) to stop" pid_gone "$pid"; then
    warn "sending SIGKILL to $pid"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for 10 "pid $pid to die" pid_gone "$pid" || die "could not stop pid $pid"
  fi
}

# A zombie (dead, not yet reaped by init) counts as gone: it holds no ports or files.
pid_gone() {
  ! kill -0 "$1" 2>/dev/null && return 0
  [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" == Z ]]
}
