#!/usr/bin/env bash
# Throwaway PostgreSQL server on loopback for the test suite.
# usage (as root): .ci/postgres.sh start | stop
# start prints the JDBC URL; the state directory is remembered in target/pg-test.dir.
set -euo pipefail
PGPORT=${PGPORT:-55432}
STATE=${PGSTATE:-target/pg-test.dir}
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
case "${1:-start}" in
start)
  if [ -z "$(pgbin)" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  PGBIN=$(pgbin)
  PGROOT=$(mktemp -d)
  chown postgres:postgres "$PGROOT"
  mkdir -p "$(dirname "$STATE")"
  echo "$PGROOT" > "$STATE"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGROOT -c fsync=off" start >/dev/null
  "$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U postgres \
    -c "create user batch password 'batch'" -c "create database batch owner batch"
  echo "jdbc:postgresql://127.0.0.1:$PGPORT/batch"
  ;;
stop)
  [ -f "$STATE" ] || exit 0
  PGROOT=$(cat "$STATE")
  runuser -u postgres -- "$(pgbin)/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null || true
  rm -rf "$PGROOT" "$STATE"
  ;;
esac
