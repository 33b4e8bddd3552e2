#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests: Debian's PostgreSQL 15 (installed when missing, as root), in a temporary
# folder, on a free loopback port. Source this file, then: postgres_start (exports OPS_TEST_POSTGRES, a connection
# string to the server) and postgres_stop (also run on exit).
pg_bin=/usr/lib/postgresql/15/bin

postgres_start() {
  if [ ! -x "$pg_bin/initdb" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      echo "Installing Debian's PostgreSQL 15 for the PostgreSQL tests..."
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null) || {
        echo "Could not install PostgreSQL. Install it with: sudo apt-get install postgresql-15"; return 1; }
    else
      echo "The PostgreSQL tests need Debian's PostgreSQL 15. Install it with: sudo apt-get install postgresql-15"
      return 1
    fi
  fi
  pg_dir=$(mktemp -d /tmp/ops-postgres.XXXXXX)
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local as=()
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$pg_dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 || {
    cat "$pg_dir/initdb.log"; return 1; }
  # Made for tests: durability off (a crashed test cluster is thrown away anyway), enough connections for parallel apps.
  "${as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$pg_dir/log"; return 1; }
  trap postgres_stop EXIT
  export OPS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Include Error Detail=true"
  echo "PostgreSQL 15 on 127.0.0.1:$pg_port ($pg_dir)"
}

postgres_stop() {
  [ -n "${pg_dir:-}" ] && [ -d "$pg_dir/data" ] || return 0
  local as=()
  [ "$(id -u)" = "0" ] && as=(runuser -u postgres --)
  "${as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$pg_dir"
  pg_dir=
}
