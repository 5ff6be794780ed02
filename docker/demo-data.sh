#!/bin/sh
# Generates the demo data (35 days at one sample a minute, ending at $DEMO_END) and backfills it with
# promtool into /demo/tsdb, the volume Prometheus serves. Runs in the demo-data service of
# docker-compose.yaml, after the plugin service has installed node_modules.
set -eu
cd /src

end="${DEMO_END:-now+1d}"
echo "demo-data: $(promtool --version 2>&1 | head -n 1)"
echo "demo-data: generating 35 days of demo data ending at ${end} into /demo/tsdb"
./node_modules/.bin/tsx scripts/demo/backfill.ts --dir /demo/tsdb --end "${end}"

# Prometheus runs as nobody and writes its lock file and WAL next to the blocks.
chown -R 65534:65534 /demo/tsdb
echo "demo-data: done"
