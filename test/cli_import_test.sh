#!/bin/sh
# cli_import_test.sh: `sakip sop import` and `sakip sop activate` against the
# real binary:
#
#   test/cli_import_test.sh build/sakip
#
# A seed and a pdftotext -layout document are imported (summary and --json);
# --save stores a draft, a case cannot start on it, activate makes it runnable;
# bad input (empty, binary, a 10 MB line, no table, Windows-1252) is refused
# with a clear message and nothing saved. Check names are stable
# (cli-import-json-seed000, ...). Needs POSIX sh, sqlite3, python3.

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
unset SAKIP_DB SAKIP_DB_SYNC SAKIP_NOW
LC_ALL=C
export LC_ALL
DATA=$(cd "$(dirname "$0")/data" && pwd)
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

DB=$T/import.db
sk() {
	run "$BIN" --db "$DB" "$@"
}
# versions: every stored SOP version as "code version status origin".
versions() {
	sqlite3 "$DB" "select s.code, v.version, v.status, v.origin from sop_version v
		join sop s on s.id=v.sop_id order by s.code, v.version" 2>&1
}

cat >"$T/t.py" <<'PY'
import json, sys
def load(path):
    return json.load(open(path))
cmd = sys.argv[1]
if cmd == "steps":
    # steps OUT N ACTOR...: one proposal with N steps, actors (labels) in order
    out = load(sys.argv[2])
    d = out[0]["definition"]
    n = int(sys.argv[3])
    assert len(out) == 1, f"{len(out)} proposals"
    assert len(d["steps"]) == n, f"{len(d['steps'])} steps, not {n}"
    labels = {a["id"]: a["label"] for a in d["actors"]}
    got = [labels[s["actor"]] for s in d["steps"]]
    want = sys.argv[4:]
    assert got == want, f"actors {got}"
    for s in d["steps"]:
        assert s["duration"] is not None, f"step {s['no']}: no duration"
        assert "actor" in s["inferred"], f"step {s['no']}: actor not marked inferred"
    assert isinstance(out[0]["guesses"], list) and out[0]["guesses"], "no guesses"
    assert isinstance(out[0]["warnings"], list), "no warnings array"
elif cmd == "decisions":
    # decisions OUT NO:REJECT...: exactly these decisions
    d = load(sys.argv[2])[0]["definition"]
    got = sorted(f"{s['no']}:{s['on_reject']}" for s in d["steps"] if s["kind"] == "decision")
    want = sorted(sys.argv[3:])
    assert got == want, f"decisions {got}"
    for s in d["steps"]:
        if s["kind"] == "decision":
            assert "on_reject" in s["inferred"], f"step {s['no']}: return not marked"
elif cmd == "same-steps":
    # same-steps OUT LIB: actor labels, kinds, returns and durations as the curated SOP
    d = load(sys.argv[2])[0]["definition"]
    e = load(sys.argv[3])
    la = {a["id"]: a["label"] for a in d["actors"]}
    le = {a["id"]: a["label"] for a in e["actors"]}
    assert len(d["steps"]) == len(e["steps"]), "step count"
    for s, t in zip(d["steps"], e["steps"]):
        for k in ("kind", "on_reject", "action", "duration"):
            assert s[k] == t[k], f"step {s['no']}: {k} {s[k]} != {t[k]}"
        assert la[s["actor"]] == le[t["actor"]], f"step {s['no']}: actor"
PY

begin cli-import-summary-seed000
run "$BIN" sop import "$DATA/seeds/000_9bcef5166700faa0.txt"
want_rc 0
want_out "10 langkah"
want_out "(dugaan: "
want_out "Arsiparis, end"
end

for seed in 000 001 002 003 004; do
	f=$(ls "$DATA"/seeds/${seed}_*.txt)
	lib=$(ls "$(dirname "$0")"/../lib/sop/${seed}-*.json)
	begin cli-import-json-seed$seed
	run "$BIN" sop import "$f" --json
	cp "$T/out" "$T/seed$seed.json"
	want_rc 0
	want_py "same steps as lib/sop" same-steps "$T/seed$seed.json" "$lib"
	end
done

begin cli-import-json-corpus4
run "$BIN" sop import "$DATA/sop-corpus/sop_extra_4.txt" --json
cp "$T/out" "$T/c4.json"
want_rc 0
want_py "steps and actors" steps "$T/c4.json" 8 Kaban Sekretaris "Kasubbag Program" Sekretaris Kaban Sekretaris "Kasubbag Program" Staf
want_py "decisions" decisions "$T/c4.json" 4:3 5:4
end

begin cli-import-two-sops-split
cat "$DATA/sop-corpus/sop_extra_4.txt" "$DATA/sop-corpus/sop_extra_5.txt" >"$T/two.txt"
run "$BIN" sop import "$T/two.txt" --json
want_rc 0
want "two proposals" python3 -c "import json,sys; o=json.load(open('$T/out')); sys.exit(len(o)!=2 or o[1]['definition']['name']!='Penyusunan Renstra')"
end

begin cli-import-save-draft
sk demo --org-only
LOGIN=$(sqlite3 "$DB" 'select login from person order by id limit 1')
sk sop import "$DATA/seeds/002_158814d6d4c29f4c.txt" --save --code lkj-impor
want_rc 0
want_out "saved lkj-impor version 1 as a DRAFT"
want "a draft stored, origin import:FILE" sh -c "sqlite3 '$DB' \"select status||' '||origin from sop_version v join sop s on s.id=v.sop_id where s.code='lkj-impor'\" | grep -q '^draft import:.*002_158814d6d4c29f4c.txt$'"
end

begin cli-import-draft-cannot-start
sk case start --sop lkj-impor@1 --subject "LKj 2026" --as "$LOGIN"
want_rc 2
want_err "is a draft"
sk case start --sop lkj-impor --subject "LKj 2026" --as "$LOGIN"
want_rc 2
want_err "no active version"
want "no case started" test "$(sqlite3 "$DB" 'select count(*) from wf_case')" = 0
end

begin cli-import-activate
sk sop activate lkj-impor@1
want_rc 0
want_out "is now active"
sk case start --sop lkj-impor --subject "LKj 2026" --as "$LOGIN"
want "not refused as a draft" sh -c "! grep -q 'is a draft' '$T/err'"
sk sop activate lkj-impor@1
want_rc 2
want_err "already active"
sk sop activate lkj-impor
want_rc 1
end

# refuse NAME FILE MESSAGE: import --save of FILE fails with MESSAGE and saves nothing.
refuse() {
	begin "cli-import-refuse-$1"
	versions >"$T/before"
	sk sop import "$2" --save
	want_rc 2
	want_err "$3"
	want_err "nothing was imported or saved"
	versions >"$T/after"
	want_same "the database changed" "$T/before" "$T/after"
	end
}
: >"$T/empty.txt"
printf 'No.\tKegiatan\000\001\002' >"$T/binary.txt"
python3 -c "open('$T/long.txt','w').write('x' * (10 * 1024 * 1024))"
printf 'Nomor SOP\t1\nNama SOP\tTanpa tabel\n' >"$T/notable.txt"
refuse empty "$T/empty.txt" "the file is empty"
refuse binary "$T/binary.txt" "binary file"
refuse long-line "$T/long.txt" "line 1 is 10485760 bytes long"
refuse no-table "$T/notable.txt" "no SOP flowchart table"
refuse missing "$T/nope.txt" "nope.txt"

begin cli-import-windows-1252
python3 -c "
t = open('$DATA/seeds/001_959eca75d1cbc353.txt', encoding='utf-8').read()
open('$T/cp.txt', 'wb').write(t.replace('Pengumpulan Data Kinerja', 'Pengumpulan Data Kinerja Caf\u00e9', 1).encode('cp1252'))"
run "$BIN" sop import "$T/cp.txt"
want_rc 0
want_out "read as Windows-1252 and converted"
end

begin cli-import-usage
run "$BIN" sop import
want_rc 1
run "$BIN" sop import "$T/cp.txt" --code "Bad Code"
want_rc 2
end

summary cli_import_test
