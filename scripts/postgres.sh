#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests.
#
#   bash scripts/postgres.sh start DIR PORT   # initdb DIR (owned by the postgres user), start on 127.0.0.1:PORT
#   bash scripts/postgres.sh stop  DIR [PORT] # fast stop, then remove DIR
#
# Trust authentication, superuser "postgres", no fsync: for tests only. Connect with
#   psql -h 127.0.0.1 -p PORT -U postgres
# The server log is DIR/log (initdb's output goes to DIR.initdb.log next to it while initialising,
# then moves to DIR/initdb.log). Set PG_BIN to use other binaries (default /usr/lib/postgresql/15/bin).
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_USER="postgres"

usage() {
  echo "usage: $0 start|stop DIR PORT" >&2
  exit 2
}

[ $# -ge 2 ] || usage
action="$1"
dir="$2"
port="${3:-}"

# DIR must be absolute for su/pg_ctl, whatever the caller's working directory.
case "$dir" in
  /*) ;;
  *) dir="$(pwd)/$dir" ;;
esac
dir="${dir%/}"
if [ -z "$dir" ] || [ "$dir" = "/" ]; then
  echo "postgres.sh: refusing DIR '$2'" >&2
  exit 2
fi

if [ "$(id -u)" -eq 0 ]; then
  as_pg() { su "$PG_USER" -s /bin/sh -c "$1"; }
else
  # Not root: run as the current user (initdb only refuses root).
  as_pg() { sh -c "$1"; }
fi

q() { printf '%q' "$1"; }

ensure_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  if ! id "$PG_USER" >/dev/null 2>&1; then
    echo "postgres.sh: creating system user $PG_USER"
    if command -v adduser >/dev/null 2>&1 && adduser --help 2>&1 | grep -q -- '--system'; then
      adduser --system --group --home /var/lib/postgresql --no-create-home --shell /bin/bash "$PG_USER" >/dev/null
    else
      useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash "$PG_USER"
    fi
  fi
}

start() {
  [ -n "$port" ] || usage
  [ -x "$PG_BIN/initdb" ] || { echo "postgres.sh: $PG_BIN/initdb not found (install postgresql-15)" >&2; exit 1; }
  ensure_user

  if [ -e "$dir" ]; then
    # Leftover from an earlier run: stop it if it is still running, then start afresh.
    if [ -f "$dir/postmaster.pid" ]; then
      as_pg "$(q "$PG_BIN/pg_ctl") -D $(q "$dir") -m immediate stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
  fi
  mkdir -p "$(dirname "$dir")"
  mkdir -m 0700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown "$PG_USER:" "$dir"
    # The postgres user must be able to reach DIR: give others search (x) permission on the parents
    # that lack it (e.g. /root on Debian is 0700).
    local p
    p="$(dirname "$dir")"
    while [ "$p" != "/" ]; do
      if ! su "$PG_USER" -s /bin/sh -c "test -x $(q "$p")" 2>/dev/null; then
        chmod o+x "$p"
      fi
      p="$(dirname "$p")"
    done
  fi

  local initlog="$dir.initdb.log"
  : >"$initlog"
  if [ "$(id -u)" -eq 0 ]; then chown "$PG_USER:" "$initlog"; fi
  if ! as_pg "$(q "$PG_BIN/initdb") -D $(q "$dir") -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >>$(q "$initlog") 2>&1"; then
    echo "postgres.sh: initdb with C.UTF-8 failed, retrying with the C locale" >>"$initlog"
    find "$dir" -mindepth 1 -delete
    as_pg "$(q "$PG_BIN/initdb") -D $(q "$dir") -U postgres --auth=trust -E UTF8 --locale=C >>$(q "$initlog") 2>&1" || {
      echo "postgres.sh: initdb failed:" >&2
      tail -n 20 "$initlog" >&2
      exit 1
    }
  fi
  mv "$initlog" "$dir/initdb.log"

  # Unix socket paths are limited to ~107 bytes: fall back to /tmp for a deep DIR.
  local sockdir="$dir"
  [ ${#dir} -le 80 ] || sockdir=/tmp
  local opts="-p $port -k $sockdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if ! as_pg "$(q "$PG_BIN/pg_ctl") -D $(q "$dir") -l $(q "$dir/log") -o $(q "$opts") -w -t 60 start >/dev/null"; then
    echo "postgres.sh: pg_ctl start failed:" >&2
    tail -n 20 "$dir/log" >&2 || true
    exit 1
  fi

  for _ in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
      echo "postgres.sh: PostgreSQL ready on 127.0.0.1:$port (data $dir)"
      return 0
    fi
    sleep 0.5
  done
  echo "postgres.sh: PostgreSQL did not become ready on 127.0.0.1:$port" >&2
  tail -n 20 "$dir/log" >&2 || true
  exit 1
}

stop() {
  if [ -f "$dir/postmaster.pid" ]; then
    as_pg "$(q "$PG_BIN/pg_ctl") -D $(q "$dir") -m fast -w -t 30 stop" >/dev/null 2>&1 \
      || as_pg "$(q "$PG_BIN/pg_ctl") -D $(q "$dir") -m immediate -w stop" >/dev/null 2>&1 \
      || echo "postgres.sh: could not stop the server in $dir" >&2
  fi
  rm -rf "$dir" "$dir.initdb.log"
  echo "postgres.sh: stopped and removed $dir"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
