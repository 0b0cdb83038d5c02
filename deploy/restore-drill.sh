#!/usr/bin/env bash
# The PostgreSQL restore drill of deploy/OPERATIONS.md, on a small scratch database (never the real one):
#   a new database with the demo network and N historical cases → npm run verify → backup (pg_dump inside one
#   snapshot, chains verified in it) → an accident (timeline entries deleted by hand; verify fails) → restore →
#   verify, counts as at the backup; then the plain tools: pg_restore of the same archive into a second, empty database → verify there.
# usage: bash deploy/restore-drill.sh [CASES]   (default 2000; needs the built server: npm run build -w server)
# DRILL_PG (default postgres://postgres@127.0.0.1:5432) names the PostgreSQL server; databases bianmin_drill and
# bianmin_drill_copy on it are dropped and made again.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES="${1:-2000}"
PG="${DRILL_PG:-postgres://postgres@127.0.0.1:5432}"
WORK="$(mktemp -d /tmp/bianmin-drill-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
export DATABASE_URL="$PG/bianmin_drill" RECORDS_KEY_FILE="$WORK/records-key" SEED_DEMO=true REDIS_URL=
# restore checks that nothing answers /healthz on PORT: a port nothing uses
export PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
CLI=server/dist/server/src
count() { psql "$1" -Atc "SELECT (SELECT count(*) FROM case_file) || ' cases, ' || (SELECT count(*) FROM case_event) || ' timeline entries, ' || (SELECT count(*) FROM audit_entry) || ' audit rows'"; }
t() { local s=$(date +%s.%N); "$@"; printf '   (%.1f s)\n' "$(echo "$(date +%s.%N) - $s" | bc)"; }

echo "== 1. a scratch database: demo network + $CASES historical cases"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS bianmin_drill WITH (FORCE)" -c "DROP DATABASE IF EXISTS bianmin_drill_copy WITH (FORCE)" -c "CREATE DATABASE bianmin_drill" -c "CREATE DATABASE bianmin_drill_copy"
t node $CLI/db/migrate-cli.js
t node $CLI/seed/cases-cli.js --cases "$CASES" --seed 7 | tail -n 1
node $CLI/modules/records/verify-cli.js | tail -n 1
echo "   at the backup: $(count "$DATABASE_URL")"
AT_BACKUP="$(count "$DATABASE_URL")"

echo "== 2. backup (npm run backup: pg_dump --format=custom in an exported snapshot, chains verified in that snapshot)"
t node $CLI/modules/records/backup-cli.js --out "$WORK/backups" | tail -n 3
DUMP="$(ls "$WORK"/backups/*.pgdump)"
echo "   archive: $(basename "$DUMP"), $(du -h "$DUMP" | cut -f1); key beside it: $(ls "$WORK"/backups/*.records-key | xargs -n1 basename)"

echo "== 3. the accident after the backup: an operator deletes the newest 50 timeline entries by hand"
psql "$DATABASE_URL" -qc "DELETE FROM case_event WHERE id IN (SELECT id FROM case_event ORDER BY id DESC LIMIT 50)"
echo "   now: $(count "$DATABASE_URL")"
if node $CLI/modules/records/verify-cli.js > "$WORK/verify-damaged.txt"; then echo "FAIL: verify did not notice the deletion"; exit 1; fi
echo "   npm run verify (exit 1): $(tail -n 1 "$WORK/verify-damaged.txt")"

echo "== 4. restore (npm run restore: refuses while a server is connected; drops the schema, pg_restore, verifies)"
t node $CLI/modules/records/restore-cli.js "$DUMP" --key "${DUMP%.pgdump}.records-key" | tail -n 3
AFTER="$(count "$DATABASE_URL")"
echo "   after the restore: $AFTER"
[ "$AFTER" = "$AT_BACKUP" ] || { echo "FAIL: restored counts differ from the backup's ($AT_BACKUP)"; exit 1; }
node $CLI/modules/records/verify-cli.js | tail -n 1

echo "== 5. the plain tools: pg_restore of the same archive into an empty database, verified with the backup's key"
psql "$PG/bianmin_drill_copy" -qc "DROP SCHEMA public"   # the archive creates the schema itself (pg_dump --schema public)
t pg_restore --no-owner --exit-on-error --dbname "$PG/bianmin_drill_copy" "$DUMP"
COPY="$(count "$PG/bianmin_drill_copy")"
echo "   copy: $COPY"
[ "$COPY" = "$AT_BACKUP" ] || { echo "FAIL: the copy's counts differ from the backup's ($AT_BACKUP)"; exit 1; }
DATABASE_URL="$PG/bianmin_drill_copy" RECORDS_KEY_FILE="${DUMP%.pgdump}.records-key" node $CLI/modules/records/verify-cli.js | tail -n 1

psql "$PG/postgres" -qc "DROP DATABASE bianmin_drill WITH (FORCE)" -c "DROP DATABASE bianmin_drill_copy WITH (FORCE)"
echo "== drill passed: restored = backed up ($AT_BACKUP), records verify in both"
