#!/bin/sh
# cli_test.sh: end-to-end test of the sakip command line, run against the
# real binary:
#
#   test/cli_test.sh build/sakip
#   test/cli_test.sh build-asan/sakip
#
# Every check prints "ok NAME" or "FAIL NAME: reason" followed by the
# command, its exit status and its stderr. All checks run; the script exits
# 1 if any failed. Names are stable (cli-init-1, cli-roundtrip-CODE,
# cli-bad-utf8-add, ...), so a failure can be looked up across runs.
#
# Needs: POSIX sh, coreutils, sqlite3 (the shell), python3; as root also
# setpriv (util-linux) to run one check as nobody. Works as root or not.

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

# The caller's environment must not choose the database for us.
unset SAKIP_DB SAKIP_DB_SYNC
LC_ALL=C
export LC_ALL

# Under /tmp and world-traversable, so that the read-only check can run the
# binary as nobody on a file in here.
T=$(mktemp -d /tmp/sakip-cli-test.XXXXXX) || exit 2
chmod 755 "$T"
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	chmod -R u+rwX "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT HUP TERM

# shellcheck source=test/lib.sh
. "$(dirname "$0")/lib.sh"
NAME=
WHY=

# ---- helpers ----------------------------------------------------------------


# run_in DIR CMD ARGS...: the same, with DIR as the working directory.
run_in() {
	_dir=$1
	shift
	RUNNO=$((RUNNO + 1))
	LASTCMD="(cd $_dir && $*)"
	(cd "$_dir" && "$@") >"$T/out" 2>"$T/err"
	RC=$?
}

# A fingerprint of database $1: the sha256 of the file and of its WAL (if
# any), what `sop list --json` says, and the number of stored versions.
# The file's hash comes first, before anything reads it.
db_state() {
	for _f in "$1" "$1-wal"; do
		if [ -e "$_f" ]; then
			printf '%s %s\n' "${_f##*/}" "$(sha256sum <"$_f" | cut -d' ' -f1)"
		else
			printf '%s absent\n' "${_f##*/}"
		fi
	done
	"$BIN" --db "$1" sop list --json 2>&1
	echo "list exit status $?"
	sqlite3 "$1" 'select count(*) from sop_version' 2>&1
}

# snap DB: remember the fingerprint; unchanged DB: compare with it.
snap() {
	db_state "$1" >"$T/state.before"
}
unchanged() {
	db_state "$1" >"$T/state.after"
	want_same "the database changed" "$T/state.before" "$T/state.after"
}

# dir_snap DIR / dir_unchanged DIR: the directory's listing is the same
# (nothing was created or removed).
dir_snap() {
	ls -A "$1" >"$T/dir.before" 2>&1
}
dir_unchanged() {
	ls -A "$1" >"$T/dir.after" 2>&1
	want_same "files were created or removed in $1" "$T/dir.before" "$T/dir.after"
}

sha() {
	sha256sum <"$1" | cut -d' ' -f1
}

# ---- python helpers (JSON checks and test-file construction) ----------------

cat >"$T/t.py" <<'EOF'
import json, sys

CODES = {"perkim-kalbar-perbaikan-data", "biroorg-kalbar-pengumpulan-data",
         "perkim-kalbar-lkj", "puprperkim-balangan-pengumpulan-data",
         "bappeda-banggai-perbaikan-data"}

def die(msg):
    sys.stderr.write(msg + "\n")
    sys.exit(1)

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def dump(d, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False, indent=2)

def list5(path, version):
    try:
        rows = load(path)
    except Exception as e:
        die("not JSON: %s" % e)
    if not isinstance(rows, list):
        die("not a JSON array")
    codes = [r.get("code") for r in rows if isinstance(r, dict)]
    if len(rows) != 5 or set(codes) != CODES:
        die("codes are %s" % codes)
    for r in rows:
        if r.get("version") != int(version):
            die("%s has version %r, expected %s" % (r["code"], r.get("version"), version))
        if not isinstance(r.get("steps"), int) or r["steps"] <= 0:
            die("%s has steps %r" % (r["code"], r.get("steps")))
        if not isinstance(r.get("id"), int):
            die("%s has id %r" % (r["code"], r.get("id")))

def field(path, code, key):
    for r in load(path):
        if r["code"] == code:
            print(r[key])
            return
    die("no %s in the list" % code)

# mutate NAME IN OUT: write a broken copy of the seed IN to OUT and print the
# text the error message must contain.
def mutate(name, src, out):
    d = load(src)
    steps = d["steps"]
    if name == "wrong-type":
        steps[0]["no"] = str(steps[0]["no"])
        expect = "steps[0].no: expected an integer"
    elif name == "big-string":
        steps[0]["activity"] = "a" * (10 * 1024 * 1024)
        expect = "steps[0].activity: text is 10485760 bytes; the limit is 65536"
    elif name == "return-forward":
        i = next(i for i, s in enumerate(steps) if s["kind"] == "decision")
        if i == len(steps) - 1:
            die("seed: the first decision is the last step")
        steps[i]["on_reject"] = steps[-1]["no"]
        expect = "step %d: return target not earlier" % steps[i]["no"]
    elif name == "unknown-actor":
        steps[1]["actor"] = "tidak_ada"
        expect = "step %d: unknown actor \"tidak_ada\"" % steps[1]["no"]
    elif name == "duplicate-step":
        steps[1]["no"] = steps[0]["no"]
        expect = "step %d: duplicate step number" % steps[0]["no"]
    elif name == "empty-activity":
        steps[2]["activity"] = "   "
        expect = "step %d: empty activity" % steps[2]["no"]
    elif name == "unreachable":
        targets = set()
        for s in steps:
            targets.update(x for x in (s.get("next"), s.get("on_reject")) if x)
        for i in range(len(steps) - 2):
            s, victim = steps[i], steps[i + 1]
            if s["kind"] == "process" and not s.get("next") and victim["no"] not in targets:
                s["next"] = steps[i + 2]["no"]
                break
        else:
            die("seed: no step can be made unreachable")
        expect = "step %d: unreachable step" % victim["no"]
    elif name == "no-end":
        last = steps[-1]
        if last["kind"] != "end":
            die("seed: the last step is not an end")
        last["kind"] = "process"
        last["next"] = None
        expect = "no end"
    elif name == "unknown-action":
        steps[0]["action"] = "frobnicate"
        expect = "step %d: unknown action \"frobnicate\"" % steps[0]["no"]
    elif name == "bad-date":
        d["dates"]["created"] = "2023-02-30"
        expect = "dates.created: \"2023-02-30\" is not a date written YYYY-MM-DD"
    elif name == "bad-nip":
        d["approved_by"]["nip"] = "19691024199803100"  # 17 digits
        expect = "approved_by.nip"
    elif name == "array":
        d = [d]
        expect = "expected a JSON object, found an array"
    else:
        die("unknown mutation " + name)
    dump(d, out)
    print(expect)

def add_extra(src, out):
    d = load(src)
    d["x_local"] = {"a": 1}
    d["steps"][0]["x_step"] = "catatan lokal"
    d["actors"][0]["x_actor"] = [1, 2]
    dump(d, out)

# plant IN OUT TEXT: replace the SOP's name (a JSON string) by TEXT, in which
# \xHH stands for the raw byte HH.
def plant(src, out, text):
    data = open(src, "rb").read()
    old = b'"name": "Perbaiki Data Kinerja"'
    if data.count(old) != 1:
        die("seed: no unique %r" % old)
    raw = text.encode("latin-1").decode("unicode_escape").encode("latin-1")
    open(out, "wb").write(data.replace(old, b'"name": ' + raw))

def check_extra(path):
    d = load(path)
    if d.get("x_local") != {"a": 1}:
        die("top level x_local is %r" % d.get("x_local"))
    if d["steps"][0].get("x_step") != "catatan lokal":
        die("steps[0].x_step is %r" % d["steps"][0].get("x_step"))
    if d["actors"][0].get("x_actor") != [1, 2]:
        die("actors[0].x_actor is %r" % d["actors"][0].get("x_actor"))

cmd = sys.argv[1]
args = sys.argv[2:]
{"list5": list5, "field": field, "mutate": mutate, "add-extra": add_extra,
 "check-extra": check_extra, "plant": plant}[cmd](*args)
EOF

CODES="perkim-kalbar-perbaikan-data biroorg-kalbar-pengumpulan-data perkim-kalbar-lkj
puprperkim-balangan-pengumpulan-data bappeda-banggai-perbaikan-data"

# ---- 1. init ----------------------------------------------------------------

DB=$T/main.db

begin cli-init-1
run "$BIN" --db "$DB" init
want_rc 0
want "no database file at --db path" test -f "$DB"
want_out "schema version"
[ "$(grep -c ' added (version 1, ' "$T/out")" -eq 5 ] || why "init did not report 5 SOPs added"
end

begin cli-init-2
snap "$DB"
run "$BIN" --db "$DB" init
want_rc 0
[ "$(grep -c 'already present' "$T/out")" -eq 5 ] ||
	why "second init did not say \"already present\" 5 times"
grep -q ' added ' "$T/out" && why "second init added something"
[ "$(sqlite3 "$DB" 'select count(*) from sop' 2>&1)" = 5 ] || why "not 5 SOPs after the second init"
unchanged "$DB"
end

begin cli-init-env
mkdir "$T/env"
run env SAKIP_DB="$T/env/env.db" "$BIN" init
want_rc 0
want "SAKIP_DB did not choose the database" test -f "$T/env/env.db"
run env SAKIP_DB="$T/env/env.db" "$BIN" sop list
want_rc 0
want_out perkim-kalbar-lkj
end

begin cli-init-db-wins
mkdir "$T/wins"
run env SAKIP_DB="$T/wins/env.db" "$BIN" --db "$T/wins/flag.db" init
want_rc 0
want "--db was not used" test -f "$T/wins/flag.db"
want "SAKIP_DB was used although --db was given" test ! -e "$T/wins/env.db"
end

begin cli-init-default
mkdir "$T/default"
run_in "$T/default" "$BIN" init
want_rc 0
want "no ./sakip.db in the working directory" test -f "$T/default/sakip.db"
run_in "$T/default" "$BIN" sop list --json
want_rc 0
want_py "sop list --json in the default database" list5 "$T/out" 1
end

begin cli-init-db-equals
mkdir "$T/eq"
run "$BIN" --db="$T/eq/eq.db" init
want_rc 0
want "--db=PATH was not used" test -f "$T/eq/eq.db"
run "$BIN" sop list --db "$T/eq/eq.db"
want_rc 0
want_out bappeda-banggai-perbaikan-data
end

# ---- 2. list ----------------------------------------------------------------

begin cli-sop-list-json-1
run "$BIN" --db "$DB" sop list --json
want_rc 0
want_no_err
want_py "sop list --json" list5 "$T/out" 1
cp "$T/out" "$T/list1.json"
end

begin cli-sop-list-1
run "$BIN" --db "$DB" sop list
want_rc 0
for code in $CODES; do
	grep -q -- "$code" "$T/out" || why "plain list does not show $code"
done
end

# ---- 3. round trip ----------------------------------------------------------

mkdir "$T/rt"
for code in $CODES; do
	v1=$T/rt/$code.v1.json
	v2=$T/rt/$code.v2.json
	begin "cli-roundtrip-$code"
	run "$BIN" --db "$DB" sop export "$code"
	want_rc 0
	cp "$T/out" "$v1"
	grep -qx '  "version": 1,' "$v1" || why "export has no \"version\": 1 line"
	run "$BIN" sop validate "$v1"
	want_rc 0
	want_out "valid sakip.sop/1 definition"
	run "$BIN" --db "$DB" sop add "$v1"
	want_rc 0
	want_out "added $code version 2"
	run "$BIN" --db "$DB" sop export "$code"
	want_rc 0
	cp "$T/out" "$v2"
	sed 's/^  "version": 1,$/  "version": 2,/' "$v1" >"$T/rt/expect"
	want_same "export after add differs from the first export (beyond version)" \
		"$T/rt/expect" "$v2"
	end

	begin "cli-roundtrip-$code-old-version"
	[ -s "$v1" ] || why "no first export to compare with"
	run "$BIN" --db "$DB" sop export "$code@1"
	want_rc 0
	want_same "export $code@1 is not the original version 1" "$v1" "$T/out"
	run "$BIN" --db "$DB" sop export "$code" --version 1
	want_rc 0
	want_same "export $code --version 1 is not the original version 1" "$v1" "$T/out"
	run "$BIN" --db "$DB" sop export "$code@2"
	want_rc 0
	want_same "export $code@2 is not the latest export" "$v2" "$T/out"
	end

	begin "cli-roundtrip-$code-show"
	run "$BIN" --db "$DB" sop list --json
	want_rc 0
	cp "$T/out" "$T/rt/list.json"
	steps=$(py field "$T/rt/list.json" "$code" steps) || why "no steps for $code in list"
	id=$(py field "$T/rt/list.json" "$code" id) || why "no id for $code in list"
	ver=$(py field "$T/rt/list.json" "$code" version)
	[ "$ver" = 2 ] || why "list --json says version $ver after add, expected 2"
	run "$BIN" --db "$DB" sop show "$code"
	want_rc 0
	want_out "Nama SOP"
	want_out "$code, versi 2"
	n=$(grep -c '^       Pelaksana: ' "$T/out")
	[ "$n" = "$steps" ] || why "show has $n step lines, list says $steps steps"
	n=$(grep -c '^[ 1-9][0-9]\. ' "$T/out")
	[ "$n" = "$steps" ] || why "show has $n numbered steps, list says $steps steps"
	cp "$T/out" "$T/rt/show.code"
	run "$BIN" --db "$DB" sop show "$id"
	want_rc 0
	want_same "show $id differs from show $code" "$T/rt/show.code" "$T/out"
	run "$BIN" --db "$DB" sop show "$code@1"
	want_rc 0
	want_out "$code, versi 1"
	end
done

begin cli-roundtrip-stdin
code=perkim-kalbar-lkj
run "$BIN" --db "$DB" sop export "$code"
cp "$T/out" "$T/rt/stdin.json"
RUNNO=$((RUNNO + 1))
LASTCMD="sakip --db $DB sop add - < $T/rt/stdin.json"
"$BIN" --db "$DB" sop add - <"$T/rt/stdin.json" >"$T/out" 2>"$T/err"
RC=$?
want_rc 0
want_out "added $code version 3"
run "$BIN" --db "$DB" sop export "$code"
sed 's/^  "version": 2,$/  "version": 3,/' "$T/rt/stdin.json" >"$T/rt/expect"
want_same "export after add from stdin differs" "$T/rt/expect" "$T/out"
end

begin cli-sop-export-no-version
run "$BIN" --db "$DB" sop export perkim-kalbar-perbaikan-data@9
want_rc 2
want_err "has no version 9"
end

# ---- 4. bad input -----------------------------------------------------------

SEED=$T/rt/perkim-kalbar-perbaikan-data.v1.json
BAD=$T/bad
mkdir "$BAD"

# The same file refused by validate and by add, add leaving the database
# as it was. bad NAME FILE EXPECTED...
bad() {
	_name=$1
	_file=$2
	shift 2
	begin "cli-bad-$_name-validate"
	run "$BIN" sop validate "$_file"
	want_rc 2
	want_err "is not a valid SOP definition"
	for _e in "$@"; do want_err "$_e"; done
	[ -s "$T/out" ] && why "validate printed to stdout"
	end

	begin "cli-bad-$_name-add"
	snap "$DB"
	run "$BIN" --db "$DB" sop add "$_file"
	want_rc 2
	for _e in "$@"; do want_err "$_e"; done
	unchanged "$DB"
	end
}

printf '{"format":' >"$BAD/malformed.json"
bad malformed-json "$BAD/malformed.json" "malformed.json:1:" "invalid JSON"

head -c 500 "$SEED" >"$BAD/truncated.json"
bad truncated "$BAD/truncated.json" "invalid JSON"

# The SOP's name with a byte that is never UTF-8, then with the Windows-1252
# quotes 0x93 and 0x94 (a file saved from Word in the wrong encoding).
plant() {
	if ! py plant "$SEED" "$BAD/$1.json" "$2"; then
		fail_now "cli-bad-$1" "cannot build the test file: $(cat "$T/pyerr")"
	fi
}
plant utf8 '"Perbaiki \xff Data"'
bad utf8 "$BAD/utf8.json" "invalid UTF-8 at byte" "save the file as UTF-8"
plant cp1252 '"\x93Perbaiki\x94 Data Kinerja"'
bad cp1252 "$BAD/cp1252.json" "invalid UTF-8 at byte"

: >"$BAD/empty.json"
bad empty "$BAD/empty.json" "empty file"

for m in array wrong-type big-string return-forward unknown-actor duplicate-step \
	empty-activity unreachable no-end unknown-action bad-date bad-nip; do
	if expect=$(py mutate "$m" "$SEED" "$BAD/$m.json"); then
		bad "$m" "$BAD/$m.json" "$expect"
	else
		fail_now "cli-bad-$m" "cannot build the test file: $(cat "$T/pyerr")"
	fi
done
rm -f "$BAD/big-string.json"

begin cli-bad-missing-file
run "$BIN" sop validate "$BAD/no-such-file.json"
want_rc 2
want_err "no-such-file.json: cannot open"
end

# ---- 5. extra keys ----------------------------------------------------------

begin cli-extra-keys
code=bappeda-banggai-perbaikan-data
run "$BIN" --db "$DB" sop export "$code"
cp "$T/out" "$T/extra.src.json"
want_py "cannot add extra keys" add-extra "$T/extra.src.json" "$T/extra.json"
run "$BIN" sop validate "$T/extra.json"
want_rc 0
run "$BIN" --db "$DB" sop add "$T/extra.json"
want_rc 0
want_out "added $code version 3"
run "$BIN" --db "$DB" sop export "$code"
want_rc 0
cp "$T/out" "$T/extra.out.json"
want_py "extra keys lost" check-extra "$T/extra.out.json"
# And they survive a second round trip unchanged.
run "$BIN" --db "$DB" sop add "$T/extra.out.json"
want_rc 0
run "$BIN" --db "$DB" sop export "$code"
sed 's/^  "version": 3,$/  "version": 4,/' "$T/extra.out.json" >"$T/extra.expect"
want_same "second round trip with extra keys differs" "$T/extra.expect" "$T/out"
end

# ---- 6. database errors -----------------------------------------------------

GOOD=$T/rt/perkim-kalbar-lkj.v1.json
DBE=$T/dberr
mkdir "$DBE"

begin cli-db-no-dir
dir_snap "$DBE"
run "$BIN" --db "$DBE/nope/x.db" init
want_rc 2
want_err "does not exist"
want_err "$DBE/nope"
run "$BIN" --db "$DBE/nope/x.db" sop list
want_rc 2
want_err "does not exist"
run "$BIN" --db "$DBE/nope/x.db" sop add "$GOOD"
want_rc 2
want_err "does not exist"
dir_unchanged "$DBE"
end

begin cli-db-missing
dir_snap "$DBE"
run "$BIN" --db "$DBE/none.db" sop list
want_rc 2
want_err "sakip init"
want_err "$DBE/none.db"
run "$BIN" --db "$DBE/none.db" sop add "$GOOD"
want_rc 2
want_err "sakip init"
run "$BIN" --db "$DBE/none.db" sop export perkim-kalbar-lkj
want_rc 2
want_err "sakip init"
dir_unchanged "$DBE"
end

begin cli-db-missing-default
mkdir "$DBE/cwd"
run_in "$DBE/cwd" "$BIN" sop list
want_rc 2
want_err "sakip init"
want "a database was created by sop list" test ! -e "$DBE/cwd/sakip.db"
end

begin cli-db-is-dir
run "$BIN" --db "$DBE" sop list
want_rc 2
want_err "is a directory"
end

begin cli-db-empty-file
: >"$DBE/empty.db"
run "$BIN" --db "$DBE/empty.db" sop list
want_rc 2
want_err "sakip init"
want "the empty file was changed" test ! -s "$DBE/empty.db"
end

# refuse NAME DB TEXT: list, export, add and init all refuse DB with TEXT
# and leave the file byte-identical (and create no WAL).
refuse() {
	_db=$2
	_text=$3
	begin "$1"
	_sum=$(sha "$_db")
	dir_snap "$DBE"
	run "$BIN" --db "$_db" sop list
	want_rc 2
	want_err "$_text"
	run "$BIN" --db "$_db" sop list --json
	want_rc 2
	want_err "$_text"
	run "$BIN" --db "$_db" sop export perkim-kalbar-lkj
	want_rc 2
	want_err "$_text"
	run "$BIN" --db "$_db" sop add "$GOOD"
	want_rc 2
	want_err "$_text"
	run "$BIN" --db "$_db" init
	want_rc 2
	want_err "$_text"
	[ "$(sha "$_db")" = "$_sum" ] || why "the database file changed"
	dir_unchanged "$DBE"
	end
}

"$BIN" --db "$DBE/newer.db" init >/dev/null 2>&1
sqlite3 "$DBE/newer.db" 'PRAGMA user_version=99'
refuse cli-db-newer "$DBE/newer.db" "newer"

sqlite3 "$DBE/foreign.db" 'create table t(a)'
refuse cli-db-foreign "$DBE/foreign.db" "not a sakip database"

printf 'Daftar hadir rapat\nbukan basis data\n' >"$DBE/text.db"
refuse cli-db-not-sqlite "$DBE/text.db" "not a sakip database"

# Read-only: a database its user may read but not write. As root, run the
# binary as nobody (root may write anything); otherwise take away our own
# write permission.
RO=$T/ro
mkdir "$RO"
"$BIN" --db "$RO/ro.db" init >/dev/null 2>&1
cp "$GOOD" "$RO/def.json"
if [ "$(id -u)" -eq 0 ]; then
	mkdir "$T/bin"
	cp "$BIN" "$T/bin/sakip"
	chmod 755 "$T/bin" "$T/bin/sakip" "$RO"
	chmod 644 "$RO/ro.db" "$RO/def.json"
	AS_RO="setpriv --reuid=65534 --regid=65534 --clear-groups $T/bin/sakip"
	RO_HOW="as nobody"
else
	chmod 444 "$RO/ro.db"
	chmod 555 "$RO"
	AS_RO=$BIN
	RO_HOW="without write permission"
fi

begin cli-db-readonly
snap "$RO/ro.db"
dir_snap "$RO"
if [ "$(id -u)" -eq 0 ] && ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	why "setpriv cannot switch to uid 65534 (needed to test a read-only database as root)"
fi
# shellcheck disable=SC2086 # AS_RO is a command with its arguments
run $AS_RO --db "$RO/ro.db" sop add "$RO/def.json"
want_rc 2
want_err "read-only"
want_err "nothing was changed"
unchanged "$RO/ro.db"
dir_unchanged "$RO"
end

# Reading a database one may not write is still reading a sakip database.
begin cli-db-readonly-read
dir_snap "$RO"
# shellcheck disable=SC2086
run $AS_RO --db "$RO/ro.db" sop list --json
want_rc 0
want_py "sop list --json $RO_HOW" list5 "$T/out" 1
# shellcheck disable=SC2086
run $AS_RO --db "$RO/ro.db" sop export perkim-kalbar-lkj
want_rc 0
want_out '"code": "perkim-kalbar-lkj"'
dir_unchanged "$RO"
end

# ---- 7. usage ---------------------------------------------------------------

help_check() {
	_name=$1
	shift
	begin "cli-usage-help-$_name"
	run "$BIN" "$@"
	want_rc 0
	want_out "usage"
	end
}
help_check main --help
help_check main-h -h
help_check help help
help_check init init --help
help_check sop sop --help
help_check sop-list sop list --help
help_check sop-show sop show --help
help_check sop-export sop export --help
help_check sop-add sop add --help
help_check sop-validate sop validate --help

usage_check() {
	_name=$1
	_text=$2
	shift 2
	begin "cli-usage-$_name"
	run_in "$T" "$BIN" "$@"
	want_rc 1
	want_err "usage"
	[ -n "$_text" ] && want_err "$_text"
	end
}
usage_check none ""
usage_check unknown-command 'unknown command "frobnicate"' frobnicate
usage_check unknown-option "unknown option --frob" --frob sop list
usage_check sop-none "" sop
usage_check sop-unknown 'unknown sop command "frobnicate"' sop frobnicate
usage_check sop-export-noarg "" --db "$DB" sop export
usage_check sop-show-noarg "" --db "$DB" sop show
usage_check sop-add-noarg "" --db "$DB" sop add
usage_check sop-validate-noarg "" sop validate
usage_check sop-list-extra "" --db "$DB" sop list --frob
usage_check init-extra "" --db "$DB" init now
usage_check sop-export-bad-version "" --db "$DB" sop export perkim-kalbar-lkj --version x
usage_check sop-show-two-refs "" --db "$DB" sop show perkim-kalbar-lkj perkim-kalbar-lkj

usage_check db-missing-value "--db needs a PATH" sop list --db
usage_check sop-export-two-versions "" --db "$DB" sop export perkim-kalbar-lkj@1 --version 2

begin cli-sop-export-version-zero
run "$BIN" --db "$DB" sop export perkim-kalbar-lkj@0
want_rc 2
want_err "the version after @ must be a number from 1"
end

# Two inits racing on a fresh database install the library exactly once.
begin cli-init-concurrent
for _i in 1 2 3 4 5; do
	rm -f "$T/race.db" "$T/race.db-wal" "$T/race.db-shm"
	"$BIN" --db "$T/race.db" init >/dev/null 2>&1 &
	"$BIN" --db "$T/race.db" init >/dev/null 2>&1 &
	wait
	_n=$(sqlite3 "$T/race.db" 'select count(*) from sop_version' 2>/dev/null)
	[ "$_n" = 5 ] || why "round $_i: $_n versions after two concurrent inits, expected 5"
done
end

begin cli-sop-export-nosuch
run "$BIN" --db "$DB" sop export nosuchcode
want_rc 2
want_err "no SOP"
want_err "nosuchcode"
run "$BIN" --db "$DB" sop show nosuchcode
want_rc 2
want_err "no SOP"
end

# The official SOP document: PDF (identity page and flowchart pages) or SVG by the
# extension; anything else refused before the database is read, and nothing written.
begin cli-sop-render
run "$BIN" --db "$DB" sop render perkim-kalbar-lkj@1 --out "$T/lkj.pdf"
want_rc 0
want "a PDF was written" grep -q '^%PDF-' "$T/lkj.pdf"
run "$BIN" --db "$DB" sop render perkim-kalbar-lkj --version 1 --out "$T/lkj-again.pdf"
want_rc 0
want_same "the same version gives the same bytes" "$T/lkj.pdf" "$T/lkj-again.pdf"
if command -v pdfinfo >/dev/null 2>&1; then
	_p=$(pdfinfo "$T/lkj.pdf" | sed -n 's/^Pages: *//p')
	[ "${_p:-0}" -ge 2 ] || why "$_p pages, expected the identity page and the flowchart"
fi
run "$BIN" --db "$DB" sop render perkim-kalbar-lkj@1 --out "$T/lkj.SVG"
want_rc 0
want "an SVG was written" grep -q '<svg' "$T/lkj.SVG"
run "$BIN" --db "$DB" sop render perkim-kalbar-lkj --out "$T/lkj.docx"
want_rc 2
want_err ".pdf or .svg"
want "nothing written for a refused extension" test ! -e "$T/lkj.docx"
run "$BIN" --db "$DB" sop render nosuchcode --out "$T/nosuch.pdf"
want_rc 2
want_err "no SOP"
want "nothing written for an unknown SOP" test ! -e "$T/nosuch.pdf"
run "$BIN" --db "$DB" sop render perkim-kalbar-lkj --version 9 --out "$T/v9.pdf"
want_rc 2
want_err "no version 9"
run "$BIN" --db "$DB" sop render perkim-kalbar-lkj
want_rc 1
end

# ---- summary ----------------------------------------------------------------

summary cli_test
