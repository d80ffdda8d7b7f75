#!/bin/sh
# cli_import_bad_test.sh: `sakip sop import FILE --save` on hostile files
# saves nothing, against the real binary:
#
#   test/cli_import_bad_test.sh build/sakip
#
# The bad inputs are test/data/import-bad/ (empty, binary, prose without a
# table, bytes neither UTF-8 nor Windows-1252, NUL bytes) and a 10 MB line
# made here. Each must exit non-zero with a message on stderr and leave the
# database as it was (the sop_version rows counted, the file hashed).
# When the importer reads seed 000, also: the Windows-1252 copy of it is
# converted with a warning and saved as one draft version. Every check prints
# "ok NAME" or "FAIL NAME: reason"; the script exits 1 if any failed.
#
# Needs: POSIX sh, coreutils, sqlite3 (the shell), python3.

set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 PATH/TO/sakip" >&2
	exit 2
fi
case $1 in
/*) BIN=$1 ;;
*) BIN=$(pwd)/$1 ;;
esac
if [ ! -x "$BIN" ] || [ -d "$BIN" ]; then
	echo "$0: $BIN is not an executable" >&2
	exit 2
fi
for tool in sqlite3 python3 sha256sum; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "$0: $tool is required" >&2
		exit 2
	fi
done
unset SAKIP_DB SAKIP_DB_SYNC
LC_ALL=C
export LC_ALL

T=$(mktemp -d /tmp/sakip-import-test.XXXXXX) || exit 2
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT HUP TERM

# shellcheck source=test/lib.sh
. "$(dirname "$0")/lib.sh"
NAME=
WHY=
DATA=$(cd "$(dirname "$0")/data" && pwd)


versions() {
	sqlite3 "$DB" 'select count(*) from sop_version' 2>&1
}

DB=$T/import.db
begin cli-import-init
run "$BIN" --db "$DB" init
want_rc 0
end

python3 -c 'import sys; sys.stdout.write("1\tMenyusun laporan\t\t5 Menit\t" * 300000)' \
	>"$T/ten-megabyte-line.txt"

for f in "$DATA"/import-bad/empty.txt "$DATA"/import-bad/binary.png \
	"$DATA"/import-bad/prose.txt "$DATA"/import-bad/invalid-utf8.txt \
	"$DATA"/import-bad/nul.txt "$T/ten-megabyte-line.txt"; do
	name=${f##*/}
	begin "cli-import-bad-${name%.*}"
	before=$(versions)
	hash=$(sha256sum <"$DB")
	run "$BIN" --db "$DB" sop import "$f" --save
	[ "$RC" -ne 0 ] || why "exit status 0 on a bad file"
	[ -s "$T/err" ] || why "no message on stderr"
	[ "$(versions)" = "$before" ] || why "sop_version rows $before -> $(versions)"
	[ "$(sha256sum <"$DB")" = "$hash" ] || why "the database file changed"
	end
	begin "cli-import-bad-${name%.*}-json"
	run "$BIN" --db "$DB" sop import "$f" --json
	[ "$RC" -ne 0 ] || why "exit status 0 on a bad file"
	[ -s "$T/out" ] && why "something on stdout: $(head -c 200 "$T/out")"
	end
done

# The good path, once the importer reads the seeds: Windows-1252 is converted.
run "$BIN" --db "$DB" sop import "$DATA/seeds/000_9bcef5166700faa0.txt" --json
if [ "$RC" -ne 0 ]; then
	echo "skip cli-import-win1252: the importer does not read seed 000 yet ($(head -n 1 "$T/err"))"
else
	begin cli-import-win1252
	before=$(versions)
	run "$BIN" --db "$DB" sop import "$DATA/import-bad/win1252.txt" --save
	want_rc 0
	grep -qi '1252' "$T/err" "$T/out" || why "no warning naming Windows-1252"
	[ "$(versions)" = "$((before + 1))" ] || why "sop_version rows $before -> $(versions), expected one more"
	[ "$(sqlite3 "$DB" "select count(*) from sop_version where status = 'draft'")" -ge 1 ] ||
		why "not saved as a draft"
	sqlite3 "$DB" "select definition from sop_version order by id desc limit 1" >"$T/def" 2>&1
	grep -q 'résumé' "$T/def" || why "the saved definition lacks \"résumé\" in UTF-8"
	end
fi

summary cli_import_bad_test
