#!/bin/sh
# cli_wf_test.sh: end-to-end test of the workflow engine (demo organisations,
# cases, tasks, returns, fan-out, Plt and delegates, time standards, the
# audit trail, organisation loading), run against the real binary:
#
#   test/cli_wf_test.sh build/sakip
#   test/cli_wf_test.sh build-asan/sakip
#
# Every check prints "ok NAME" or "FAIL NAME: reason" followed by the
# command, its exit status and its stderr. All checks run; the script exits
# 1 if any failed. Names are stable (wf-demo-1, wf-seed001-03-s2-done,
# wf-refuse-wrong-person, ...), so a failure can be looked up across runs.
#
# Time comes from SAKIP_NOW (UTC, here always epoch seconds), set by `at`
# and moved forward by `tick`, so every due time and every Plt period is
# deterministic. WIB is UTC+7, WITA UTC+8.
#
# Needs: POSIX sh, coreutils (GNU date, head, sha256sum), sqlite3 (the
# shell), python3.

# "task do" is a sakip command, not a loop; case ids are set through eval.
# shellcheck disable=SC1010,SC2153

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
for tool in sqlite3 python3 sha256sum date head; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "$0: $tool is required" >&2
		exit 2
	fi
done

# The caller's environment must not choose the database or the time for us.
unset SAKIP_DB SAKIP_DB_SYNC SAKIP_NOW
LC_ALL=C
export LC_ALL

T=$(mktemp -d /tmp/sakip-wf-test.XXXXXX) || exit 2
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

# ---- helpers ----------------------------------------------------------------


# sk ARGS...: run sakip on the current database $DB.
sk() {
	run "$BIN" --db "$DB" "$@"
}

# at "YYYY-MM-DD HH:MM": the time (UTC) of the commands that follow.
# tick SECONDS: move it forward.
at() {
	NOW=$(date -u -d "$1" +%s) || exit 2
	SAKIP_NOW=$NOW
	export SAKIP_NOW
}
tick() {
	NOW=$((NOW + $1))
	SAKIP_NOW=$NOW
	export SAKIP_NOW
}

# What a refused command must leave as it was: the number of events, tasks,
# notes, attachments, blobs and cases, the case list, and (given a case)
# that case's timeline, notes and attachments.
wf_state() {
	sqlite3 "$DB" "select 'events', count(*) from wf_event;
		select 'tasks', count(*) from wf_task; select 'notes', count(*) from wf_note;
		select 'attachments', count(*) from wf_attachment;
		select 'blobs', count(*) from blob; select 'cases', count(*) from wf_case;
		select 'deadlines', count(*) from wf_deadline;
		select 'head', last_id, last_hash from audit_head" 2>&1
	"$BIN" --db "$DB" case list --json 2>&1
	if [ -n "${1:-}" ]; then
		"$BIN" --db "$DB" case show "$1" --json 2>&1
	fi
}
# snap [CASE]: remember the state; unchanged [CASE]: compare with it.
snap() {
	wf_state "$@" >"$T/state.before"
}
unchanged() {
	wf_state "$@" >"$T/state.after"
	want_same "the refusal changed the database" "$T/state.before" "$T/state.after"
}

# events: the number of audit events in $DB.
events() {
	sqlite3 "$DB" 'select count(*) from wf_event' 2>&1
}

# ---- python helpers (JSON checks and test-file construction) ----------------

cat >"$T/t.py" <<'EOF'
import json, os, sys

def die(msg):
    sys.stderr.write(msg + "\n")
    sys.exit(1)

def arg(s):
    # Arguments are UTF-8 whatever the locale says.
    return os.fsencode(s).decode("utf-8")

def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except Exception as e:
        die("%s is not JSON: %s" % (path, e))

def dump(d, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False, indent=2)

def brief(t):
    return "task %s step %s round %s holder %s status %s" % (
        t.get("id"), t.get("step"), t.get("round"), t.get("holder"), t.get("status"))

def task_by_id(show, tid):
    for t in show["timeline"]:
        if t["id"] == int(tid):
            return t
    die("no task %s in the timeline of case %s" % (tid, show.get("id")))

# open-task LIST STEP LOGIN: the id of the open task of STEP whose holder is
# LOGIN; else the only open task of STEP (a Plt or delegate acting on it).
def open_task(path, step, login):
    tasks = [t for t in load(path) if t["step"] == int(step) and t["status"] == "open"]
    mine = [t for t in tasks if t["holder"] == login]
    if len(mine) == 1:
        print(mine[0]["id"])
    elif len(tasks) == 1 and not mine:
        print(tasks[0]["id"])
    else:
        die("open tasks of step %s: %s" % (step, [brief(t) for t in tasks] or "none"))

def case_id(path):
    d = load(path)
    if not isinstance(d.get("case"), int):
        die("no case id in %r" % d)
    print(d["case"])

def first_task(path):
    d = load(path)
    if len(d.get("tasks", [])) != 1:
        die("expected one task, found %r" % d.get("tasks"))
    print(d["tasks"][0]["id"])

# returned SHOW STEP REASON DECISION: the decision task was returned with
# REASON, and STEP has exactly one new open task carrying REASON.
def returned(path, step, reason, decision):
    show, reason = load(path), arg(reason)
    d = task_by_id(show, decision)
    if d["status"] != "returned" or d["reason"] != reason:
        die("the decision task is %s with reason %r" % (d["status"], d["reason"]))
    if d["done_at"] is None:
        die("the returned decision task has no done_at")
    opened = [t for t in show["timeline"] if t["status"] == "open"]
    if len(opened) != 1:
        die("open tasks after the return: %s" % [brief(t) for t in opened])
    t = opened[0]
    if t["step"] != int(step):
        die("the return opened step %s, expected step %s" % (t["step"], step))
    if t["round"] < 2 or t["id"] <= int(decision):
        die("the open task of step %s is not a new one: %s" % (step, brief(t)))
    if t["return_reason"] != reason:
        die("return_reason is %r, expected %r" % (t["return_reason"], reason))

# finished SHOW: closed, and every task has finished.
def finished(path):
    show = load(path)
    if show["status"] != "closed":
        die("status %r" % show["status"])
    if show["closed_at"] is None:
        die("closed_at is null")
    if not show["timeline"]:
        die("empty timeline")
    for t in show["timeline"]:
        if t["done_at"] is None or t["status"] in ("open", "cancelled"):
            die("not finished: %s, done_at %r" % (brief(t), t["done_at"]))

def field(path, key):
    v = load(path)[key]
    print(v if isinstance(v, str) else json.dumps(v))

def task_field(path, tid, key):
    v = task_by_id(load(path), tid)[key]
    print(v if isinstance(v, str) else json.dumps(v))

# steps SHOW N: each of the steps 1..N was done exactly once.
def steps_once(path, n):
    show = load(path)
    got = [t["step"] for t in show["timeline"]]
    if got != list(range(1, int(n) + 1)):
        die("timeline steps are %s" % got)
    for t in show["timeline"]:
        if t["status"] != "done" or t["done_by"] != t["holder"]:
            die("not done by its holder: %s, done_by %s" % (brief(t), t["done_by"]))

# fanout SHOW STEP DUE LOGIN...: STEP has one open task per LOGIN, each due DUE.
def fanout(path, step, due, *logins):
    show = load(path)
    tasks = [t for t in show["timeline"] if t["step"] == int(step)]
    if sorted(t["holder"] for t in tasks) != sorted(logins):
        die("step %s tasks: %s" % (step, [brief(t) for t in tasks]))
    for t in tasks:
        if t["status"] != "open" or t["due_at"] != due or t["unit"] is None:
            die("%s, due %r, unit %r" % (brief(t), t["due_at"], t["unit"]))

# waiting SHOW STEP LOGIN: of STEP only LOGIN's task is open, the others done,
# and no later step has started.
def waiting(path, step, login):
    show = load(path)
    for t in show["timeline"]:
        if t["step"] > int(step):
            die("step %s started before the fan-out joined: %s" % (t["step"], brief(t)))
        if t["step"] == int(step):
            want = "open" if t["holder"] == login else "done"
            if t["status"] != want:
                die("%s, expected %s" % (brief(t), want))

# unanswered SHOW STEP LOGIN NEXT: LOGIN's task of STEP is unanswered (with
# done_at), the others are done, and step NEXT is open.
def unanswered(path, step, login, nxt):
    show = load(path)
    tasks = [t for t in show["timeline"] if t["step"] == int(step)]
    for t in tasks:
        want = "unanswered" if t["holder"] == login else "done"
        if t["status"] != want or t["done_at"] is None:
            die("%s, done_at %r, expected %s" % (brief(t), t["done_at"], want))
    if not any(t["holder"] == login for t in tasks):
        die("no task of step %s for %s" % (step, login))
    opened = [t for t in show["timeline"] if t["status"] == "open"]
    if [t["step"] for t in opened] != [int(nxt)]:
        die("open after closing the fan-out: %s" % [brief(t) for t in opened])

# acted SHOW TASK LOGIN FOR: the task was done by LOGIN acting for FOR ("-": none).
def acted(path, tid, login, for_):
    t = task_by_id(load(path), tid)
    want_for = None if for_ == "-" else for_
    if t["done_by"] != login or t["acting_for"] != want_for or t["done_at"] is None:
        die("%s: done_by %r, acting_for %r; expected %r, %r" %
            (brief(t), t["done_by"], t["acting_for"], login, want_for))

# listed LIST TASK AS_ACTING: the task list holds TASK with as_acting true/false.
def listed(path, tid, acting):
    for t in load(path):
        if t["id"] == int(tid):
            if t["as_acting"] is not (acting == "true"):
                die("task %s has as_acting %r" % (tid, t["as_acting"]))
            return
    die("task %s is not in the list" % tid)

def not_listed(path, tid):
    ids = [t["id"] for t in load(path)]
    if int(tid) in ids:
        die("task %s is in the list %s" % (tid, ids))

# due LIST STEP DUE: the open task of STEP is due DUE.
def due(path, step, when):
    tasks = [t for t in load(path) if t["step"] == int(step)]
    if len(tasks) != 1 or tasks[0]["due_at"] != when:
        die("step %s: %s" % (step, [(brief(t), t["due_at"]) for t in tasks]))

# race SHOW: step 1 done once, and exactly one task of step 2, open.
def race(path):
    tl = load(path)["timeline"]
    s1 = [t for t in tl if t["step"] == 1]
    s2 = [t for t in tl if t["step"] == 2]
    if len(s1) != 1 or s1[0]["status"] != "done":
        die("step 1: %s" % [brief(t) for t in s1])
    if len(s2) != 1 or s2[0]["status"] != "open":
        die("step 2: %s" % [brief(t) for t in s2])
    if len(tl) != 2:
        die("timeline: %s" % [brief(t) for t in tl])

# note SHOW STEP LOGIN TEXT, attachment SHOW STEP LOGIN NAME SIZE SHA256
def note(path, step, login, text):
    text = arg(text)
    for n in load(path)["notes"]:
        if n["step"] == int(step) and n["by"] == login and n["text"] == text:
            return
    die("no note %r by %s at step %s in %r" % (text, login, step, load(path)["notes"]))

def attachment(path, step, login, name, size, sha):
    for a in load(path)["attachments"]:
        if (a["step"] == int(step) and a["by"] == login and a["name"] == name and
                a["size"] == int(size) and a["sha256"] == sha and a["output"] is True):
            return
    die("no attachment %s (%s bytes, %s) by %s at step %s in %r" %
        (name, size, sha, login, step, load(path)["attachments"]))

# stats STATS STEP:KEY:MIN...: each step's KEY is at least MIN.
def stats(path, *specs):
    rows = {r["step"]: r for r in load(path)["steps"]}
    for spec in specs:
        step, key, least = spec.split(":")
        r = rows.get(int(step))
        if r is None:
            die("no step %s in the statistics" % step)
        if not isinstance(r.get(key), int) or r[key] < int(least):
            die("step %s: %s is %r, expected at least %s" % (step, key, r.get(key), least))

# decisions SOP: the numbers of the decision steps of an SOP definition.
def decisions(path):
    print(" ".join(str(s["no"]) for s in load(path)["steps"] if s["kind"] == "decision"))

# sop-edit IN OUT: version 2 of an SOP: step 3's activity and the name changed.
def sop_edit(src, out):
    d = load(src)
    d["name"] = d["name"] + " (revisi)"
    step = [s for s in d["steps"] if s["no"] == 3][0]
    step["activity"] = "[revisi] " + step["activity"]
    dump(d, out)

# activity FILE STEP: the activity of STEP in an SOP definition.
def activity(path, step):
    print([s for s in load(path)["steps"] if s["no"] == int(step)][0]["activity"])

# ---- organisation files ----------------------------------------------------

def org_base():
    return {
        "format": "sakip.org/1",
        "pemda": {"code": "uji", "name": "Pemerintah Kabupaten Uji"},
        "agency": {"code": "uji-dinas", "name": "Dinas Uji Coba", "timezone": "WITA"},
        "units": [
            {"code": "dinas", "name": "Dinas Uji Coba", "parent": None},
            {"code": "sekretariat", "name": "Sekretariat", "parent": "dinas"},
        ],
        "people": [
            {"login": "uji-kadis", "nip": "19700101 199503 1 001", "name": "Kepala Uji",
             "rank": "Pembina", "golongan": "IV/a"},
            {"login": "uji-sekdin", "nip": "19750505 200003 2 002", "name": "Sekretaris Uji",
             "rank": "Pembina", "golongan": "IV/a"},
        ],
        "positions": [
            {"code": "kadis", "title": "Kepala Dinas", "unit": "dinas", "holder": "uji-kadis",
             "head": True},
            {"code": "sekdin", "title": "Sekretaris", "unit": "sekretariat",
             "holder": "uji-sekdin", "head": True},
            {"code": "analis", "title": "Analis", "unit": "sekretariat", "holder": None,
             "head": False},
        ],
        "acting": [],
        "holidays": [],
        "sop_actors": [],
    }

def org_write(d, out):
    with open(out, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False, indent=2)

def org_good(out):
    org_write(org_base(), out)

# org-bad NAME OUT: write a broken organisation file and print the text the
# error message must contain (naming the key path).
def org_bad(name, out):
    d = org_base()
    if name == "malformed-json":
        with open(out, "w") as f:
            f.write('{"format": "sakip.org/1",\n "pemda": {"code": "uji",')
        print("invalid JSON")
        return
    if name == "utf8":
        org_write(d, out)
        data = open(out, "rb").read().replace(b"Kepala Uji", b"Kepala \xff Uji")
        open(out, "wb").write(data)
        print("invalid UTF-8 at byte")
        return
    if name == "nip-birth":
        d["people"][0]["nip"] = "19691324 199803 1 007"
        expect = "people[0]: NIP \"19691324 199803 1 007\": birth date 1969-13-24"
    elif name == "nip-sex":
        d["people"][1]["nip"] = "19750505 200003 3 002"
        expect = "people[1]: NIP \"19750505 200003 3 002\": the sex digit"
    elif name == "no-unit":
        d["positions"][2]["unit"] = "bidang-tidak-ada"
        expect = "positions[2]: unit: no unit with code \"bidang-tidak-ada\""
    elif name == "no-holder":
        d["positions"][1]["holder"] = "tidak-ada-orang"
        expect = "positions[1]: holder: no person with login \"tidak-ada-orang\""
    elif name == "two-positions":
        d["sop_actors"] = [{"sop": "perkim-kalbar-lkj", "actor": "kadis",
                            "positions": ["kadis", "sekdin"]}]
        expect = "sop_actors[0]: positions: actor \"kadis\" is one official"
    elif name == "unknown-sop":
        d["sop_actors"] = [{"sop": "tidak-ada-sop", "actor": "kadis", "positions": ["kadis"]}]
        expect = "sop_actors[0]: sop: no SOP with code \"tidak-ada-sop\""
    else:
        die("unknown mutation " + name)
    org_write(d, out)
    print(expect)

cmd = sys.argv[1]
args = sys.argv[2:]
{"open-task": open_task, "case-id": case_id, "first-task": first_task,
 "returned": returned, "finished": finished, "field": field, "task-field": task_field,
 "steps-once": steps_once, "fanout": fanout, "waiting": waiting,
 "unanswered": unanswered, "acted": acted, "listed": listed, "not-listed": not_listed,
 "due": due, "race": race, "note": note, "attachment": attachment, "stats": stats,
 "decisions": decisions, "sop-edit": sop_edit, "activity": activity,
 "org-good": org_good, "org-bad": org_bad}[cmd](*args)
EOF

# show CASE: `case show CASE --json` into $T/show.json (a run of the check).
show() {
	sk case show "$1" --json
	want_rc 0
	cp "$T/out" "$T/show.json"
}

# start_case VAR ARGS...: `case start ARGS --json`; the new case's id in VAR
# (empty if it did not start).
start_case() {
	_var=$1
	shift
	sk case start --json "$@"
	want_rc 0
	_id=$(py case-id "$T/out") || {
		why "no case id: $(head -n 2 "$T/pyerr" | tr '\n' ' ')"
		_id=
	}
	eval "$_var=\$_id"
}

# do_step CASE STEP LOGIN ACTION...: `task do` as LOGIN on the open task of
# STEP in CASE (for a group step, the one whose holder is LOGIN; otherwise
# the step's only open task, so that a Plt or delegate can act on it). Its
# id is left in TASK. Returns 1, with a reason, if there is no such task.
do_step() {
	_dc=$1 _ds=$2 _dl=$3
	shift 3
	TASK=
	sk task list --case "$_dc" --json
	if [ "$RC" -ne 0 ]; then
		why "task list --case $_dc failed"
		return 1
	fi
	if ! TASK=$(py open-task "$T/out" "$_ds" "$_dl"); then
		why "case $_dc has no open task of step $_ds for $_dl: $(head -n 3 "$T/pyerr" | tr '\n' ' ')"
		TASK=
		return 1
	fi
	sk task do "$TASK" --as "$_dl" "$@"
}

# task_of CASE STEP LOGIN: print the id of that open task (empty if none).
task_of() {
	"$BIN" --db "$DB" task list --case "$1" --json >"$T/tl.json" 2>/dev/null
	py open-task "$T/tl.json" "$2" "$3" || true
}

# flow CASE PREFIX SPEC...: act on CASE step by step, one check per action,
# named PREFIX-NN-sSTEP-ACTION. A SPEC is STEP:LOGIN:done, STEP:LOGIN:approve
# or STEP:LOGIN:return:TARGET; after a return the check also asks that the
# decision task is "returned" with the reason and that TARGET has a new open
# task whose return_reason is that reason. Each action comes 10 minutes
# after the one before. Once an action of PREFIX failed, the rest of PREFIX
# are reported as not run. SEQ numbers the actions (reset it per PREFIX).
SEQ=0
BROKEN=
flow() {
	_fc=$1 _fp=$2
	shift 2
	for _spec in "$@"; do
		flow_act "$_fc" "$_fp" "$_spec"
	done
}
flow_act() {
	_ac=$1 _ap=$2
	_ifs=$IFS
	IFS=:
	# shellcheck disable=SC2086 # split STEP:LOGIN:ACTION[:TARGET]
	set -- $3
	IFS=$_ifs
	_astep=$1 _alogin=$2 _aact=$3 _atarget=${4:-}
	SEQ=$((SEQ + 1))
	_aname=$(printf '%s-%02d-s%s-%s' "$_ap" "$SEQ" "$_astep" "$_aact")
	if [ "$BROKEN" = "$_ap" ]; then
		fail_now "$_aname" "not run: an earlier action of $_ap failed"
		return
	fi
	tick 600
	begin "$_aname"
	_areason="Angka capaian langkah $_astep belum sesuai — mohon diperbaiki ($_ap #$SEQ)"
	case $_aact in
	done) set -- --done ;;
	approve) set -- --approve ;;
	return) set -- --return "$_areason" ;;
	*) set -- "--$_aact" ;;
	esac
	if do_step "$_ac" "$_astep" "$_alogin" "$@"; then
		want_rc 0
		want_no_err
		if [ "$_aact" = return ]; then
			_adecision=$TASK
			show "$_ac"
			want_py "after the return" returned "$T/show.json" "$_atarget" "$_areason" \
				"$_adecision"
		fi
	fi
	[ -n "$WHY" ] && BROKEN=$_ap
	end
}

# finished CASE PREFIX: the case is closed with every task finished, and the
# audit trail verifies.
finished() {
	begin "$2-closed"
	if [ -z "$1" ]; then
		why "no case"
	else
		show "$1"
		want_py "case $1 is not finished" finished "$T/show.json"
	fi
	end
	begin "$2-audit"
	sk audit verify
	want_rc 0
	want_out "audit trail intact: $(events) events"
	end
}

MAIN=$T/wf.db
DB=$MAIN

# ---- 1. demo ------------------------------------------------------------------

LOGINS="rita fauzi yohana heris rizkyp nurulh iqbal fransiska yosafat nurhayati agustinus
dewia yuliana hendrag fahriannor sitir syahrani rahmadiah fitriani mahyudin noorlatifah
ramel nurlina irwant sriwahyuni fadli"

# org_counts: the size of each organisation table, the organisation itself
# (actor_map row ids aside: a reload replaces an actor's mapping) and the
# number of audit events.
org_counts() {
	for _t in pemda agency unit person position acting holiday actor_map wf_event; do
		printf '%s %s\n' "$_t" "$(sqlite3 "$DB" "select count(*) from $_t" 2>&1)"
	done
	sqlite3 "$DB" ".dump pemda agency unit person position acting holiday" 2>&1 | sha256sum
	sqlite3 "$DB" "select agency_id, sop_code, actor, position_id from actor_map
		order by 1, 2, 3, 4" 2>&1 | sha256sum
}

at "2026-11-02 01:00"

begin wf-demo-1
sk demo --org-only # data kinerja binding is tested in test_kpi.c
want_rc 0
want "no database file" test -f "$MAIN"
want_out "Demo officials"
for _l in $LOGINS; do
	grep -qE "^ +[a-z_]+ +$_l +" "$T/out" || why "demo does not print the login $_l"
done
for _a in biroorg-kalbar perkim-kalbar puprperkim-balangan bappeda-banggai; do
	want_out "loaded $_a:"
done
[ "$(sqlite3 "$DB" 'select count(*) from sop' 2>&1)" = 5 ] || why "not 5 SOPs after demo"
[ "$(sqlite3 "$DB" 'select count(*) from agency' 2>&1)" = 4 ] || why "not 4 agencies after demo"
[ "$(events)" = 0 ] || why "demo wrote audit events"
org_counts >"$T/demo.1"
end

begin wf-demo-2
sk demo --org-only # data kinerja binding is tested in test_kpi.c
want_rc 0
want_out "Demo officials"
org_counts >"$T/demo.2"
want_same "a second demo changed the organisation" "$T/demo.1" "$T/demo.2"
end

# ---- 2. the five seed SOPs, with a return at every review level ----------------

# The corrected data, attached as step 4's output document in seed 000.
DATA=$T/capaian-tw3.csv
printf 'indikator,target,realisasi\nRumah layak huni,120,97\n' >"$DATA"
DATA_SHA=$(sha256sum <"$DATA" | cut -d' ' -f1)
DATA_SIZE=$(wc -c <"$DATA" | tr -d ' ')
NOTE_TEXT="Data realisasi TW III sudah dihimpun; mohon diperiksa"

# seed 000, perkim-kalbar-perbaikan-data (WIB): returns 5->4, 6->5, 7->6.
at "2026-11-02 02:00"
begin wf-seed000-start
start_case C000 --sop perkim-kalbar-perbaikan-data --subject "Perbaikan data kinerja TW III 2026" \
	--period "TW III 2026" --as yosafat
end
SEQ=0
flow "$C000" wf-seed000 1:yosafat:done 2:nurhayati:done 3:agustinus:done
# Step 4 with the corrected data as its output document and a note.
SEQ=$((SEQ + 1))
tick 600
begin "$(printf 'wf-seed000-%02d-s4-done-attach' $SEQ)"
if do_step "$C000" 4 dewia --done --attach "$DATA" --note "$NOTE_TEXT"; then
	want_rc 0
	show "$C000"
	want_py "note" note "$T/show.json" 4 dewia "$NOTE_TEXT"
	want_py "attachment" attachment "$T/show.json" 4 dewia "${DATA##*/}" "$DATA_SIZE" "$DATA_SHA"
fi
[ -n "$WHY" ] && BROKEN=wf-seed000
end
flow "$C000" wf-seed000 5:agustinus:return:4 4:dewia:done 5:agustinus:approve \
	6:nurhayati:return:5 5:agustinus:approve 6:nurhayati:approve \
	7:yosafat:return:6 6:nurhayati:approve 7:yosafat:approve \
	8:nurhayati:done 9:agustinus:done 10:yuliana:done
finished "$C000" wf-seed000

# seed 002, perkim-kalbar-lkj (WIB): returns 5->4 (Tim LKj), 6->5, 7->6.
at "2026-11-03 01:00"
begin wf-seed002-start
start_case C002 --sop perkim-kalbar-lkj --subject "Laporan Kinerja 2026" --as yosafat
end
SEQ=0
flow "$C002" wf-seed002 1:yosafat:done 2:nurhayati:done 3:agustinus:done 4:hendrag:done \
	5:agustinus:return:4 4:hendrag:done 5:agustinus:approve \
	6:nurhayati:return:5 5:agustinus:approve 6:nurhayati:approve \
	7:yosafat:return:6 6:nurhayati:approve 7:yosafat:approve \
	8:nurhayati:done 9:agustinus:done
finished "$C002" wf-seed002

# seed 003, puprperkim-balangan-pengumpulan-data (WITA, working days): the
# Kasubag's decision at step 2 returns to step 1; step 7 archives and closes.
at "2026-11-04 01:00"
begin wf-seed003-start
start_case C003 --sop puprperkim-balangan-pengumpulan-data \
	--subject "Pengumpulan data kinerja 2026" --as fahriannor
end
SEQ=0
flow "$C003" wf-seed003 1:fahriannor:done 2:sitir:return:1 1:fahriannor:done 2:sitir:approve \
	3:syahrani:done 4:rahmadiah:done 5:fahriannor:done 6:fahriannor:done 7:fahriannor:done
finished "$C003" wf-seed003

# seed 004, bappeda-banggai-perbaikan-data (WITA): no decisions; ten steps,
# step 4 with the Jabatan Pelaksana as participant.
at "2026-11-05 01:00"
begin wf-seed004-start
start_case C004 --sop bappeda-banggai-perbaikan-data --subject "Perbaikan data kinerja 2026" \
	--as ramel
end
SEQ=0
flow "$C004" wf-seed004 1:ramel:done 2:ramel:done 3:nurlina:done 4:irwant:done 5:fadli:done \
	6:irwant:done 7:irwant:done 8:sriwahyuni:done 9:nurlina:done 10:ramel:done
finished "$C004" wf-seed004
begin wf-seed004-ten-steps
show "$C004"
want_py "timeline" steps-once "$T/show.json" 10
end

# seed 001, biroorg-kalbar-pengumpulan-data (WIB): step 2 goes to three
# Bagian with a deadline set per case; two answer, Heri (heris) does not.
at "2026-11-09 01:00"
begin wf-seed001-start
start_case C001 --sop biroorg-kalbar-pengumpulan-data --subject "Pengumpulan data kinerja TW III" \
	--deadline "2=2026-11-11" --as rita
end
SEQ=0
flow "$C001" wf-seed001 1:rita:done

begin wf-seed001-fanout-open
show "$C001"
want_py "step 2" fanout "$T/show.json" 2 "2026-11-11 23:59 WIB" fauzi yohana heris
end

flow "$C001" wf-seed001 2:fauzi:done 2:yohana:done

begin wf-seed001-fanout-waits
show "$C001"
want_py "the fan-out" waiting "$T/show.json" 2 heris
end

at "2026-11-10 01:00"
begin wf-seed001-fanout-close-early
snap "$C001"
sk case close-fanout "$C001" --step 2 --as rizkyp
want_rc 2
want_err "not past its deadline"
want_err "2026-11-11 23:59 WIB"
unchanged "$C001"
end

# 2026-11-11 23:59 WIB is 16:59 UTC.
at "2026-11-11 16:58"
begin wf-seed001-fanout-close-last-minute
snap "$C001"
sk case close-fanout "$C001" --step 2 --as rizkyp
want_rc 2
want_err "not past its deadline"
unchanged "$C001"
end

at "2026-11-12 01:00"
begin wf-seed001-fanout-close-by-unit
snap "$C001"
sk case close-fanout "$C001" --step 2 --as heris
want_rc 2
want_err "only the officials of the steps before and after step 2"
unchanged "$C001"
end

# The Kasubbag TU receives the data but neither sends the request nor
# collects the answers (step 3, the Pelaksana, does): not a coordinator.
begin wf-seed001-fanout-close-not-coordinator
snap "$C001"
sk case close-fanout "$C001" --step 2 --as nurulh
want_rc 2
want_err "may close it"
unchanged "$C001"
end

begin wf-seed001-fanout-close
sk case close-fanout "$C001" --step 2 --as rizkyp
want_rc 0
show "$C001"
want_py "after closing the fan-out" unanswered "$T/show.json" 2 heris 3
end

begin wf-seed001-fanout-late-answer
_late=$(sqlite3 "$DB" "select t.id from wf_task t join position p on p.id=t.position_id
	join person h on h.id=p.holder_id where t.case_id=${C001:-0} and t.step_no=2 and h.login='heris'")
if [ -z "$_late" ]; then
	why "cannot find heris's task of step 2"
else
	snap "$C001"
	sk task do "$_late" --as heris --done
	want_rc 2
	want_err "already unanswered"
	unchanged "$C001"
fi
end

flow "$C001" wf-seed001 3:rizkyp:done 4:nurulh:done 5:nurulh:done \
	6:iqbal:return:5 5:nurulh:done 6:iqbal:approve \
	7:rita:return:6 6:iqbal:approve 7:rita:approve \
	8:iqbal:done 9:nurulh:done 10:fransiska:done
finished "$C001" wf-seed001

# ---- 8b. statistics after the seed runs ---------------------------------------

# stats_check NAME CODE SPEC...: `sop stats CODE --json`; every decision
# step has completions, and the SPECs (STEP:KEY:MIN) hold.
stats_check() {
	_sname=$1 _scode=$2
	shift 2
	begin "wf-stats-$_sname"
	"$BIN" --db "$DB" sop export "$_scode" >"$T/stats.sop.json" 2>/dev/null
	_dec=$(py decisions "$T/stats.sop.json") || why "cannot read the decisions of $_scode"
	sk sop stats "$_scode" --json
	want_rc 0
	_specs=
	for _d in $_dec; do
		_specs="$_specs $_d:completed:1"
	done
	# shellcheck disable=SC2086 # one argument per step
	want_py "sop stats $_scode" stats "$T/out" $_specs "$@"
	end
}
stats_check seed000 perkim-kalbar-perbaikan-data 5:completed:2 6:completed:2 7:completed:2 \
	5:returned_here:1 6:returned_here:1 7:returned_here:1 \
	4:sent_back_here:1 5:sent_back_here:1 6:sent_back_here:1 1:completed:1
stats_check seed002 perkim-kalbar-lkj 5:returned_here:1 6:returned_here:1 7:returned_here:1 \
	4:sent_back_here:1 5:sent_back_here:1 6:sent_back_here:1
stats_check seed003 puprperkim-balangan-pengumpulan-data 2:completed:2 2:returned_here:1 \
	1:sent_back_here:1
stats_check seed001 biroorg-kalbar-pengumpulan-data 6:returned_here:1 7:returned_here:1 \
	5:sent_back_here:1 6:sent_back_here:1 2:completed:2

# ---- 5. audit tamper (on copies of the database with the finished cases) --------

TB=$T/tamper-base.db
sqlite3 "$MAIN" ".backup '$TB'"

begin wf-audit-intact
DB=$TB
sk audit verify
want_rc 0
want_out "audit trail intact: $(events) events"
[ "$(events)" -ge 20 ] || why "fewer than 20 events to tamper with"
DB=$MAIN
end

# tamper NAME SQL TEXT...: on a fresh copy, run SQL; audit verify must exit
# 2 naming TEXT.
tamper() {
	_tname=$1 _tsql=$2
	shift 2
	begin "wf-audit-tamper-$_tname"
	DB=$T/tamper-$_tname.db
	rm -f "$DB"
	cp "$TB" "$DB"
	if ! sqlite3 "$DB" "$_tsql" 2>"$T/sqlerr"; then
		why "cannot tamper: $(head -n 2 "$T/sqlerr" | tr '\n' ' ')"
	fi
	sk audit verify
	want_rc 2
	want_err "audit trail broken"
	for _e in "$@"; do
		want_err "$_e"
	done
	DB=$MAIN
	end
}

tamper update "drop trigger wf_event_no_update; update wf_event set reason='x' where id=5" \
	"event 5 (" "altered"
tamper delete "drop trigger wf_event_no_delete; delete from wf_event where id=7" \
	"event 7 is missing" "removed"
_d3=$(sqlite3 "$TB" "select detail from wf_event where id=3")
_d4=$(sqlite3 "$TB" "select detail from wf_event where id=4")
if [ "$_d3" = "$_d4" ]; then
	fail_now wf-audit-tamper-swap "events 3 and 4 have the same detail; the test cannot swap them"
else
	tamper swap "drop trigger wf_event_no_update;
		create temp table swap as select id, detail from wf_event where id in (3, 4);
		update wf_event set detail=(select detail from swap where swap.id=7-wf_event.id)
		where id in (3, 4)" "event 3 ("
fi
tamper reorder "drop trigger wf_event_no_update;
	update wf_event set id=-4 where id=4; update wf_event set id=4 where id=3;
	update wf_event set id=3 where id=-4" "event 3 ("
tamper last "drop trigger wf_event_no_delete;
	delete from wf_event where id=(select max(id) from wf_event)" \
	"removed from the end"
tamper head "drop trigger wf_event_no_delete; delete from audit_head" "audit head is missing"

# ---- 3. refusals: exit 2, a clear message, nothing changed -------------------------

at "2026-11-16 01:00"
begin wf-refuse-setup
start_case CR --sop perkim-kalbar-perbaikan-data --subject "Kasus untuk penolakan" --as yosafat
if do_step "$CR" 1 yosafat --done; then
	want_rc 0
fi
T1=$TASK
end

# refuse NAME CASE EXIT TEXT... -- CMD ARGS...: CMD exits EXIT with every
# TEXT in its stderr and changes nothing (the audit trail, the tasks and
# CASE's timeline).
refuse() {
	_rname=$1 _rcase=$2 _rexit=$3
	shift 3
	begin "wf-refuse-$_rname"
	: >"$T/texts"
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		printf '%s\n' "$1" >>"$T/texts"
		shift
	done
	[ $# -gt 0 ] && shift
	snap "$_rcase"
	sk "$@"
	want_rc "$_rexit"
	while IFS= read -r _t; do
		want_err "$_t"
	done <"$T/texts"
	[ -s "$T/out" ] && why "a refusal printed to stdout"
	unchanged "$_rcase"
	end
}

T2=$(task_of "$CR" 2 nurhayati)
refuse wrong-person "$CR" 2 "may not act on task $T2" "dewia" -- task do "$T2" --as dewia --done
refuse wrong-person-decision-word "$CR" 2 "may not act" -- task do "$T2" --as dewia --approve
refuse already-done "$CR" 2 "already done" "nothing was changed" -- task do "$T1" --as yosafat --done
refuse approve-process "$CR" 2 "not a decision" -- task do "$T2" --as nurhayati --approve
refuse return-process "$CR" 2 "not a decision" -- task do "$T2" --as nurhayati --return "Belum lengkap"
refuse unknown-login "$CR" 2 "no person" "nosuchlogin" -- task do "$T2" --as nosuchlogin --done
refuse no-task "$CR" 2 "no task 999999" -- task do 999999 --as nurhayati --done

# Bring the case to the Kasubbag's decision (step 5).
begin wf-refuse-setup-decision
for _s in 2:nurhayati 3:agustinus 4:dewia; do
	tick 300
	do_step "$CR" "${_s%%:*}" "${_s#*:}" --done && want_rc 0
done
T5=$(task_of "$CR" 5 agustinus)
[ -n "$T5" ] || why "no open task of step 5"
end

refuse return-empty-reason "$CR" 2 "reason" -- task do "$T5" --as agustinus --return ""
refuse return-blank-reason "$CR" 2 "reason" -- task do "$T5" --as agustinus --return "   "
refuse done-decision "$CR" 2 "is a decision" -- task do "$T5" --as agustinus --done
refuse note-outsider "$CR" 2 "only the officials" -- task note "$T5" --as rita --text "Saya ikut"
refuse note-empty "$CR" 2 "note" -- task note "$T5" --as agustinus --text "  "

# --return with no value at all is a usage error.
begin wf-refuse-return-no-value
snap "$CR"
sk task do "$T5" --as agustinus --return
want_rc 1
want_err "--return needs a value"
unchanged "$CR"
end

BIG=$T/lampiran-besar.pdf
head -c $((21 * 1024 * 1024)) /dev/zero >"$BIG"
refuse attachment-too-big "$CR" 2 "limit" -- task do "$T5" --as agustinus --approve --attach "$BIG"
rm -f "$BIG"

# A note by an official of the case is fine (and changes the case).
begin wf-note-ok
sk task note "$T5" --as dewia --text "Lampiran sudah diperbarui"
want_rc 0
show "$CR"
want_py "note" note "$T/show.json" 5 dewia "Lampiran sudah diperbarui"
end

# Cancelling.
refuse cancel-outsider "$CR" 2 "only the starter" -- case cancel "$CR" --as rita --reason "Salah kasus"
refuse cancel-empty-reason "$CR" 2 "reason" -- case cancel "$CR" --as yosafat --reason ""
refuse cancel-blank-reason "$CR" 2 "reason" -- case cancel "$CR" --as yosafat --reason "   "
refuse cancel-no-reason "$CR" 1 "usage" -- case cancel "$CR" --as yosafat

begin wf-cancel
sk case cancel "$CR" --as yosafat --reason "Permintaan data dibatalkan oleh Kepala Dinas"
want_rc 0
show "$CR"
[ "$(py field "$T/show.json" status)" = cancelled ] || why "status is not cancelled"
[ "$(py field "$T/show.json" cancel_reason)" = "Permintaan data dibatalkan oleh Kepala Dinas" ] ||
	why "cancel_reason not kept"
[ "$(py task-field "$T/show.json" "$T5" status)" = cancelled ] || why "the open task is not cancelled"
end

refuse act-cancelled "$CR" 2 "cancelled" -- task do "$T5" --as agustinus --approve
refuse cancel-cancelled "$CR" 2 "cancelled" -- case cancel "$CR" --as yosafat --reason "Sekali lagi"
refuse note-cancelled "$CR" 2 "cancelled" -- task note "$T5" --as agustinus --text "Terlambat"

# The finished seed 000 case is closed (archived).
if [ -n "$C000" ]; then
	TLAST=$(sqlite3 "$DB" "select max(id) from wf_task where case_id=$C000")
	refuse act-closed "$C000" 2 "closed" -- task do "$TLAST" --as yuliana --done
	refuse note-closed "$C000" 2 "closed" -- task note "$TLAST" --as yuliana --text "Arsip"
	refuse cancel-closed "$C000" 2 "closed" -- case cancel "$C000" --as yosafat --reason "Batal"
else
	fail_now wf-refuse-act-closed "no finished seed 000 case"
fi

# Starting.
refuse start-not-first-official "" 2 "only the Kadis" -- case start --sop perkim-kalbar-perbaikan-data \
	--subject "Bukan wewenang" --as dewia
refuse start-unknown-login "" 2 "no person" -- case start --sop perkim-kalbar-perbaikan-data \
	--subject "Siapa" --as nosuchlogin
refuse start-no-deadline "" 2 "deadline" "--deadline 2=" -- case start \
	--sop biroorg-kalbar-pengumpulan-data --subject "Tanpa batas waktu" --as rita
refuse start-past-deadline "" 2 "deadline" "already passed" -- case start \
	--sop biroorg-kalbar-pengumpulan-data --subject "Batas lewat" --deadline "2=2026-11-13" --as rita
refuse start-bad-deadline "" 2 "deadline" -- case start \
	--sop biroorg-kalbar-pengumpulan-data --subject "Batas salah" --deadline "2=2026-02-30" --as rita
refuse start-deadline-wrong-step "" 2 "own time standard" -- case start \
	--sop biroorg-kalbar-pengumpulan-data --subject "Batas salah langkah" \
	--deadline "2=2026-12-01" --deadline "3=2026-12-01" --as rita
refuse start-empty-subject "" 2 "subject" -- case start --sop perkim-kalbar-perbaikan-data \
	--subject "  " --as yosafat
refuse start-unknown-sop "" 2 "tidak-ada-sop" -- case start --sop tidak-ada-sop --subject "x" --as yosafat

# ---- 4. concurrency: two `task do` of the same task at once ----------------------

at "2026-11-17 01:00"
_round=1
while [ $_round -le 10 ]; do
	begin "wf-concurrent-do-$_round"
	start_case CC --sop perkim-kalbar-perbaikan-data --subject "Balapan $_round" --as yosafat
	_tid=$(py first-task "$T/out") || why "no first task"
	if [ -n "$CC" ] && [ -n "$_tid" ]; then
		RUNNO=$((RUNNO + 1))
		LASTCMD="two of: sakip --db $DB task do $_tid --as yosafat --done"
		("$BIN" --db "$DB" task do "$_tid" --as yosafat --done >"$T/race1.out" 2>"$T/race1.err"
			echo $? >"$T/race1.rc") &
		("$BIN" --db "$DB" task do "$_tid" --as yosafat --done >"$T/race2.out" 2>"$T/race2.err"
			echo $? >"$T/race2.rc") &
		wait
		_r1=$(cat "$T/race1.rc") _r2=$(cat "$T/race2.rc")
		RC="$_r1/$_r2"
		cat "$T/race1.err" "$T/race2.err" >"$T/err"
		case "$_r1/$_r2" in
		0/2) _loser=2 ;;
		2/0) _loser=1 ;;
		*)
			_loser=
			why "exit statuses $_r1 and $_r2, expected 0 and 2"
			;;
		esac
		if [ -n "$_loser" ]; then
			grep -q "already" "$T/race$_loser.err" || why "the refused one does not say \"already\""
		fi
		RC=0
		show "$CC"
		want_py "after the race" race "$T/show.json"
	fi
	end
	_round=$((_round + 1))
	tick 60
done

# The join of a fan-out: the last two Bagian answer at the same moment; both
# succeed and step 3 opens exactly once.
_round=1
while [ $_round -le 5 ]; do
	begin "wf-concurrent-join-$_round"
	start_case CJ --sop biroorg-kalbar-pengumpulan-data --subject "Gabung $_round" \
		--deadline "2=2026-11-30" --as rita
	do_step "${CJ:-0}" 1 rita --done && want_rc 0
	do_step "${CJ:-0}" 2 fauzi --done && want_rc 0
	_ty=$(task_of "${CJ:-0}" 2 yohana)
	_th=$(task_of "${CJ:-0}" 2 heris)
	if [ -n "$_ty" ] && [ -n "$_th" ]; then
		RUNNO=$((RUNNO + 1))
		LASTCMD="at once: task do $_ty --as yohana --done; task do $_th --as heris --done"
		("$BIN" --db "$DB" task do "$_ty" --as yohana --done >/dev/null 2>"$T/race1.err"
			echo $? >"$T/race1.rc") &
		("$BIN" --db "$DB" task do "$_th" --as heris --done >/dev/null 2>"$T/race2.err"
			echo $? >"$T/race2.rc") &
		wait
		cat "$T/race1.err" "$T/race2.err" >"$T/err"
		RC="$(cat "$T/race1.rc")/$(cat "$T/race2.rc")"
		[ "$RC" = 0/0 ] || why "exit statuses $RC, expected 0/0"
		RC=0
		show "${CJ:-0}"
		_n3=$(sqlite3 "$DB" "select count(*) from wf_task where case_id=${CJ:-0} and step_no=3")
		[ "$_n3" = 1 ] || why "$_n3 tasks of step 3 after the join, expected 1"
		_open=$(sqlite3 "$DB" "select count(*) from wf_task where case_id=${CJ:-0} and status='open'")
		[ "$_open" = 1 ] || why "$_open open tasks after the join, expected 1 (step 3)"
	else
		why "no open tasks of step 2 for yohana and heris"
	fi
	end
	_round=$((_round + 1))
	tick 60
done

begin wf-concurrent-audit
sk audit verify
want_rc 0
end

# ---- 7. delegate (tommyd for the Kasubbag TU, 2026-11-23..27) and Plt --------------

at "2026-11-23 01:00"
begin wf-delegate-setup
start_case CD --sop biroorg-kalbar-pengumpulan-data --subject "Data kinerja November" \
	--deadline "2=2026-11-24 12:00" --as rita
end
SEQ=0
flow "$CD" wf-delegate 1:rita:done 2:fauzi:done 2:yohana:done 2:heris:done 3:rizkyp:done

tick 600
TD4=$(task_of "$CD" 4 nurulh)
begin wf-delegate-listed
sk task list --as tommyd --json
want_rc 0
want_py "tommyd's task list" listed "$T/out" "${TD4:-0}" true
sk task list --as nurulh --json
want_rc 0
want_py "nurulh's task list" listed "$T/out" "${TD4:-0}" false
end

begin wf-delegate-acts
sk task do "${TD4:-0}" --as tommyd --done
want_rc 0
show "$CD"
want_py "step 4" acted "$T/show.json" "${TD4:-0}" tommyd nurulh
end

# 2026-11-28 00:30 WIB: the delegation ended on the 27th (local date).
at "2026-11-27 17:30"
TD5=$(task_of "$CD" 5 nurulh)
begin wf-delegate-after-period
snap "$CD"
sk task do "${TD5:-0}" --as tommyd --done
want_rc 2
want_err "may not act"
unchanged "$CD"
sk task list --as tommyd --json
want_py "tommyd's task list" not-listed "$T/out" "${TD5:-0}"
end

at "2026-11-30 01:00"
begin wf-delegate-2026-11-30
snap "$CD"
sk task do "${TD5:-0}" --as tommyd --done
want_rc 2
want_err "may not act"
unchanged "$CD"
end

begin wf-delegate-holder-still-acts
sk task do "${TD5:-0}" --as nurulh --done
want_rc 0
show "$CD"
want_py "step 5" acted "$T/show.json" "${TD5:-0}" nurulh -
end

# Plt: ridwan for the Sekretaris of perkim-kalbar, 2026-12-01..31.
at "2026-11-30 01:00"
begin wf-plt-setup
start_case CP --sop perkim-kalbar-perbaikan-data --subject "Perbaikan data Desember" --as yosafat
do_step "$CP" 1 yosafat --done && want_rc 0
end
TP2=$(task_of "$CP" 2 nurhayati)

begin wf-plt-before-period
snap "$CP"
sk task do "${TP2:-0}" --as ridwan --done
want_rc 2
want_err "may not act"
unchanged "$CP"
sk task list --as ridwan --json
want_rc 0
want_py "ridwan's task list in November" not-listed "$T/out" "${TP2:-0}"
end

# 2026-11-30 23:30 WIB: still November where the agency is.
at "2026-11-30 16:30"
begin wf-plt-last-minute-of-november
snap "$CP"
sk task do "${TP2:-0}" --as ridwan --done
want_rc 2
want_err "may not act"
unchanged "$CP"
end

at "2026-12-07 01:00"
begin wf-plt-listed
sk task list --as ridwan --json
want_rc 0
want_py "ridwan's task list in December" listed "$T/out" "${TP2:-0}" true
end

begin wf-plt-acts
sk task do "${TP2:-0}" --as ridwan --done
want_rc 0
show "$CP"
want_py "step 2" acted "$T/show.json" "${TP2:-0}" ridwan nurhayati
end

SEQ=0
flow "$CP" wf-plt 3:agustinus:done 4:dewia:done 5:agustinus:approve
TP6=$(task_of "$CP" 6 nurhayati)
begin wf-plt-approves
sk task do "${TP6:-0}" --as ridwan --approve --note "Diparaf oleh Plt Sekretaris"
want_rc 0
show "$CP"
want_py "step 6" acted "$T/show.json" "${TP6:-0}" ridwan nurhayati
want_py "note" note "$T/show.json" 6 ridwan "Diparaf oleh Plt Sekretaris"
end

# ---- 6. version pinning ---------------------------------------------------------

at "2026-12-14 01:00"
VCODE=perkim-kalbar-perbaikan-data
begin wf-version-setup
start_case CV --sop "$VCODE" --subject "Perbaikan data sebelum revisi SOP" --as yosafat
do_step "$CV" 1 yosafat --done && want_rc 0
sk sop export "$VCODE"
want_rc 0
cp "$T/out" "$T/v1.json"
grep -qx '  "version": 1,' "$T/v1.json" || why "the export is not version 1"
want_py "cannot edit the SOP" sop-edit "$T/v1.json" "$T/v2.json"
sk sop add "$T/v2.json"
want_rc 0
want_out "added $VCODE version 2"
end

SEQ=0
flow "$CV" wf-version 2:nurhayati:done 3:agustinus:done 4:dewia:done 5:agustinus:approve \
	6:nurhayati:approve 7:yosafat:approve 8:nurhayati:done 9:agustinus:done 10:yuliana:done

begin wf-version-pinned
show "$CV"
want_py "the case" finished "$T/show.json"
[ "$(py field "$T/show.json" version)" = 1 ] || why "the running case is not on version 1"
V1NAME=$(py field "$T/v1.json" name)
[ "$(py field "$T/show.json" sop_name)" = "$V1NAME" ] || why "the case's SOP name is not version 1's"
sk sop export "$VCODE@1"
want_rc 0
want_same "sop export $VCODE@1 differs from the version 1 exported before the change" \
	"$T/v1.json" "$T/out"
sqlite3 "$DB" "select v.definition from wf_case c join sop_version v on v.id=c.sop_version_id
	where c.id=${CV:-0}" >"$T/case-def.json"
A1=$(py activity "$T/v1.json" 3)
A2=$(py activity "$T/v2.json" 3)
AC=$(py activity "$T/case-def.json" 3) || why "cannot read the case's SOP definition"
[ "$AC" = "$A1" ] || why "the case's step 3 reads \"$AC\", not version 1's \"$A1\""
[ "$A1" != "$A2" ] || why "the edit did not change step 3"
end

begin wf-version-new-case
start_case CV2 --sop "$VCODE" --subject "Perbaikan data sesudah revisi SOP" --as yosafat
show "${CV2:-0}"
[ "$(py field "$T/show.json" version)" = 2 ] || why "a new case is not on version 2"
[ "$(py field "$T/show.json" sop_name)" = "$(py field "$T/v2.json" name)" ] ||
	why "a new case's SOP name is not version 2's"
sqlite3 "$DB" "select v.definition from wf_case c join sop_version v on v.id=c.sop_version_id
	where c.id=${CV2:-0}" >"$T/case-def2.json"
[ "$(py activity "$T/case-def2.json" 3)" = "$A2" ] || why "the new case's step 3 is not version 2's"
end

begin wf-audit-final
sk audit verify
want_rc 0
want_out "audit trail intact: $(events) events"
end

# ---- 8. time standards (a database of its own, May 2026, WITA) --------------------

DB=$T/time.db
at "2026-05-11 01:00"
begin wf-time-demo
sk demo --org-only # data kinerja binding is tested in test_kpi.c
want_rc 0
end

# Monday 2026-05-11 09:00 WITA: five working days after the day of receipt
# are 12, 13, 18, 19, 20 May (14 May Kenaikan, 15 May cuti bersama).
begin wf-time-workdays-monday
start_case TA --sop puprperkim-balangan-pengumpulan-data --subject "Data kinerja (Senin)" --as fahriannor
sk task list --case "${TA:-0}" --json
want_py "step 1" due "$T/out" 1 "2026-05-20 16:00 WITA"
end
TA1=$(task_of "${TA:-0}" 1 fahriannor)

# Wednesday 2026-05-13: 18, 19, 20, 21, 22 May; Friday closes at 16:30.
at "2026-05-13 01:00"
begin wf-time-workdays-wednesday
start_case TB --sop puprperkim-balangan-pengumpulan-data --subject "Data kinerja (Rabu)" --as fahriannor
sk task list --case "${TB:-0}" --json
want_py "step 1" due "$T/out" 1 "2026-05-22 16:30 WITA"
end
TB1=$(task_of "${TB:-0}" 1 fahriannor)

# 2026-05-20 15:59 WITA: not yet overdue.
at "2026-05-20 07:59"
begin wf-time-overdue-before
sk task list --overdue --json
want_rc 0
want_py "before the due time" not-listed "$T/out" "${TA1:-0}"
want_py "the Wednesday case" not-listed "$T/out" "${TB1:-0}"
end

# 2026-05-20 16:01 WITA: the Monday case's step 1 is overdue, not the Wednesday one.
at "2026-05-20 08:01"
begin wf-time-overdue-after
sk task list --overdue --json
want_rc 0
want_py "after the due time" listed "$T/out" "${TA1:-0}" false
want_py "the Wednesday case" not-listed "$T/out" "${TB1:-0}"
sk task list --json
want_py "all tasks" listed "$T/out" "${TB1:-0}" false
sk task list --overdue
want_rc 0
want_out "TERLAMBAT"
end

# Done at 16:01 WITA on the fifth working day, after the due time (16:00):
# overdue, and so not within the standard.
begin wf-time-done-after-due-same-day
sk task do "${TA1:-0}" --as fahriannor --done
want_rc 0
show "${TA:-0}"
[ "$(py task-field "$T/show.json" "${TA1:-0}" overdue)" = true ] || why "the late task is not overdue"
[ "$(py task-field "$T/show.json" "${TA1:-0}" within_standard)" = false ] ||
	why "the task was done after its due time ($(py task-field "$T/show.json" "${TA1:-0}" done_at), due $(py task-field "$T/show.json" "${TA1:-0}" due_at)) but within_standard is not false (actual $(py task-field "$T/show.json" "${TA1:-0}" actual))"
end

# Monday 2026-05-25 09:00 WITA, the sixth working day: overdue, 6 hari kerja.
at "2026-05-25 01:00"
begin wf-time-done-next-workday
sk task do "${TB1:-0}" --as fahriannor --done
want_rc 0
show "${TB:-0}"
[ "$(py task-field "$T/show.json" "${TB1:-0}" overdue)" = true ] || why "the late task is not overdue"
[ "$(py task-field "$T/show.json" "${TB1:-0}" within_standard)" = false ] ||
	why "the late task is within the standard"
[ "$(py task-field "$T/show.json" "${TB1:-0}" actual)" = "6 hari kerja" ] ||
	why "actual is not \"6 hari kerja\""
end

# An attachment of exactly 20 MiB is within the limit.
begin wf-attach-20mib
start_case TC --sop puprperkim-balangan-pengumpulan-data --subject "Lampiran besar" --as fahriannor
_f=$T/format-data-kinerja.pdf
head -c $((20 * 1024 * 1024)) /dev/zero >"$_f"
_fsha=$(sha256sum <"$_f" | cut -d' ' -f1)
do_step "${TC:-0}" 1 fahriannor --done --attach "$_f" && want_rc 0
show "${TC:-0}"
want_py "attachment" attachment "$T/show.json" 1 fahriannor "${_f##*/}" $((20 * 1024 * 1024)) "$_fsha"
rm -f "$_f"
end
DB=$MAIN

# ---- 9. org load: bad input is refused whole -----------------------------------

at "2026-12-15 01:00"
ORG=$T/org
mkdir "$ORG"

org_state() {
	for _t in pemda agency unit person position acting holiday actor_map; do
		printf '%s %s\n' "$_t" "$(sqlite3 "$DB" "select count(*) from $_t" 2>&1)"
	done
	sqlite3 "$DB" ".dump pemda agency unit person position acting holiday actor_map" | sha256sum
}

begin wf-org-good
python3 "$T/t.py" org-good "$ORG/good.json" 2>"$T/pyerr" || why "cannot write the file"
sqlite3 "$MAIN" ".backup '$T/org-copy.db'"
DB=$T/org-copy.db
sk org load "$ORG/good.json"
want_rc 0
want_out "loaded uji-dinas: 2 units, 3 positions"
DB=$MAIN
end

for _m in malformed-json utf8 nip-birth nip-sex no-unit no-holder two-positions unknown-sop; do
	begin "wf-org-bad-$_m"
	if _expect=$(py org-bad "$_m" "$ORG/$_m.json"); then
		org_state >"$T/org.before"
		sk org load "$ORG/$_m.json"
		want_rc 2
		want_err "was not loaded; nothing was changed"
		want_err "$_expect"
		org_state >"$T/org.after"
		want_same "the organisation changed" "$T/org.before" "$T/org.after"
	else
		why "cannot build the test file: $(cat "$T/pyerr")"
	fi
	end
done

# ---- summary ----------------------------------------------------------------

summary cli_wf_test
