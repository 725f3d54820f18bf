#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback for the tests.
#   tests/pg.sh start DIR   -> prints the connection url (postgresql://...)
#   tests/pg.sh restart DIR   (same port: what a server sees when PostgreSQL restarts)
#   tests/pg.sh stop DIR
# initdb refuses to run as root, so as root the cluster belongs to the
# "postgres" user that Debian's package creates.
set -euo pipefail
cmd=${1:?start|stop} dir=${2:?directory}
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
start)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_owner "$bindir/initdb" -D "$dir/data" -U alliance -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U alliance alliance
  echo "postgresql://alliance@127.0.0.1:$port/alliance"
  ;;
restart)
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w restart >/dev/null
  ;;
stop)
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  ;;
esac
