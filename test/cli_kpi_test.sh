#!/bin/sh
# cli_kpi_test.sh: end-to-end test of the data kinerja commands (demo data,
# agency list, kpi import / recap / history / diff / submit / correct and
# the data steps of the seed SOPs), run against the real binary:
#
#   test/cli_kpi_test.sh build/sakip
#   test/cli_kpi_test.sh build-asan/sakip
#
# Every check prints "ok NAME" or "FAIL NAME: reason" followed by the
# command, its exit status and its stderr. All checks run; the script exits
# 1 if any failed. Names are stable (kpi-demo-1, kpi-import-bad-utf8,
# kpi-col-s2-fauzi-missing, kpi-cor-history, ...), so a failure can be
# looked up across runs.
#
# Time comes from SAKIP_NOW (UTC, "YYYY-MM-DD HH:MM"), set by `at` before
# every command, so due times, lateness and history timestamps are
# deterministic. The agencies used here are in WIB (UTC+7).
#
# Needs: POSIX sh, coreutils (sha256sum, head, wc), sqlite3 (the shell),
# python3.

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
for tool in sqlite3 python3 sha256sum head wc; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "$0: $tool is required" >&2
		exit 2
	fi
done

# The demo data, read by the checks to compute the expected numbers.
LIB=$(cd "$(dirname "$0")/.." && pwd)/lib/kpi
if [ ! -f "$LIB/perkim-kalbar/1-indicators.csv" ]; then
	echo "$0: $LIB/perkim-kalbar/1-indicators.csv not found" >&2
	exit 2
fi

# The caller's environment must not choose the database or the time for us.
unset SAKIP_DB SAKIP_DB_SYNC SAKIP_NOW
LC_ALL=C
export LC_ALL

T=$(mktemp -d /tmp/sakip-kpi-test.XXXXXX) || exit 2
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
at() {
	SAKIP_NOW=$1
	export SAKIP_NOW
}

# q SQL: one value from the current database.
q() {
	sqlite3 "$DB" "$1" 2>&1
}

# want_q DESCRIPTION SQL EXPECTED: the query gives EXPECTED.
want_q() {
	_got=$(q "$2")
	[ "$_got" = "$3" ] || why "$1: \"$2\" gives \"$_got\", expected \"$3\""
}

# What a refused command must leave as it was: the data kinerja tables,
# the workflow tables and the audit head (and, given a case, its timeline).
state() {
	sqlite3 "$DB" "select 'realisasi', count(*), group_concat(status) from
			(select status from realisasi order by id);
		select 'pk', count(*) from pk; select 'pk_target', count(*), sum(target) from pk_target;
		select 'pk_budget', count(*) from pk_budget;
		select 'indicator', count(*) from indicator; select 'sasaran', count(*) from sasaran;
		select 'renstra', count(*) from renstra_target;
		select 'budget_realisasi', count(*) from budget_realisasi;
		select 'collection', count(*), group_concat(status) from collection;
		select 'period_lock', count(*) from period_lock;
		select 'events', count(*) from wf_event; select 'tasks', count(*) from wf_task;
		select 'attachments', count(*) from wf_attachment; select 'blobs', count(*) from blob;
		select 'cases', count(*) from wf_case;
		select 'head', last_id, last_hash from audit_head" 2>&1
	sqlite3 "$DB" ".dump realisasi pk pk_target indicator sasaran" 2>&1 | sha256sum
	if [ -n "${1:-}" ]; then
		"$BIN" --db "$DB" case show "$1" --json 2>&1
	fi
}
# snap [CASE]: remember the state; unchanged [CASE]: compare with it.
snap() {
	state "$@" >"$T/state.before"
}
unchanged() {
	state "$@" >"$T/state.after"
	want_same "the refusal changed the database" "$T/state.before" "$T/state.after"
}

# ---- python helpers (JSON, CSV and XLSX checks, test files) -----------------

cat >"$T/t.py" <<'EOF'
import csv, io, json, math, os, sys, zipfile

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

def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))

def num(s):
    return None if s in (None, "") else float(s)

PERIODS = ["TW1", "TW2", "TW3", "TW4", "Y"]
SCALES = {"opini-bpk": {"WTP": 4, "WDP": 3, "TW": 2, "TMP": 1},
          "predikat-sakip": {"AA": 7, "A": 6, "BB": 5, "B": 4, "CC": 3, "C": 2, "D": 1}}

# agencies LIST CODE...: exactly these agencies, each with indicators > 0.
def agencies(path, *codes):
    d = load(path)
    if not isinstance(d, list):
        die("not a list: %r" % d)
    got = sorted(a.get("code") for a in d)
    if got != sorted(codes):
        die("agencies %s, expected %s" % (got, sorted(codes)))
    for a in d:
        if not isinstance(a.get("indicators"), int) or a["indicators"] <= 0:
            die("agency %s has indicators %r" % (a.get("code"), a.get("indicators")))

def expected_capaian(formula, t, r, hi):
    """The capaian (uncapped) for the formula, or None when undefined."""
    if t < 0 or r < 0:
        return None
    if formula == "R/T":
        return None if t == 0 else r / t * 100
    if formula == "(2T-R)/T":
        return None if t == 0 else (2 * t - r) / t * 100
    if formula == "T/R":
        return None if r == 0 else t / r * 100
    if formula == "range":
        if hi is None or hi <= 0 or hi < t:
            return None
        if r < t:
            return r / t * 100
        if r > hi:
            return (2 * hi - r) / hi * 100
        return 100.0
    die("unknown formula %r" % formula)

def category(c):
    if c >= 91:
        return "Sangat Tinggi"
    if c >= 76:
        return "Tinggi"
    if c >= 66:
        return "Sedang"
    if c >= 51:
        return "Rendah"
    return "Sangat Rendah"

def indicator_settings(csvs):
    s = {}
    for p in csvs.split(","):
        for r in rows(p):
            s[r["code"]] = r
    return s

# recap-check RECAP PERIOD INDICATORS.CSV[,MORE.CSV]: every item's fields,
# capaian recomputed from target, actual and formula (cap respected), the
# Permendagri 86/2017 category, a note wherever capaian is undefined. For
# TW4, every level indicator ("last") has no actual and says so.
def recap_check(path, period, csvs):
    d = load(path)
    settings = indicator_settings(csvs)
    items = d.get("indicators")
    if not isinstance(items, list) or not items:
        die("no indicators list in %s" % path)
    if d.get("period") != period:
        die("period %r, expected %r" % (d.get("period"), period))
    if sorted(i.get("code") for i in items) != sorted(settings):
        die("indicator codes %s, expected %s" % ([i.get("code") for i in items], sorted(settings)))
    n_capaian = 0
    for x in items:
        code = x.get("code")
        for k in ("code", "name", "satuan", "polarity", "formula"):
            if not isinstance(x.get(k), str) or not x[k]:
                die("%s: %s is %r" % (code, k, x.get(k)))
        for k in ("target", "actual", "capaian", "category"):
            if k not in x:
                die("%s: no key %s" % (code, k))
        s = settings[code]
        if x["formula"] not in ("R/T", "(2T-R)/T", "T/R", "range"):
            die("%s: formula %r" % (code, x["formula"]))
        if x["formula"] != s["formula"] or x["polarity"] != s["polarity"]:
            die("%s: formula/polarity %r/%r, the file says %r/%r" %
                (code, x["formula"], x["polarity"], s["formula"], s["polarity"]))
        if x["name"] != s["name"] or x["satuan"] != s["satuan"]:
            die("%s: name/satuan %r/%r differ from the file" % (code, x["name"], x["satuan"]))
        t, r, c = x["target"], x["actual"], x["capaian"]
        for k, v in (("target", t), ("actual", r), ("capaian", c)):
            if v is not None and not isinstance(v, (int, float)):
                die("%s: %s is %r, not a number or null" % (code, k, v))
        cap = num(s.get("cap"))
        hi = num(s.get("range_max"))
        want = None
        if t is not None and r is not None:
            want = expected_capaian(x["formula"], t, r, hi)
        if c is None:
            if want is not None:
                die("%s: capaian is null but %s of T=%r R=%r is %.4f" %
                    (code, x["formula"], t, r, want))
            if not isinstance(x.get("note"), str) or not x["note"].strip():
                die("%s: no capaian and no note (%r)" % (code, x.get("note")))
            if x["category"] is not None:
                die("%s: no capaian but category %r" % (code, x["category"]))
            if period == "TW4" and s["aggregation"] == "last":
                if r is not None or x["note"] != "belum ada realisasi":
                    die("%s TW4: actual %r, note %r; expected null and \"belum ada realisasi\"" %
                        (code, r, x["note"]))
            continue
        n_capaian += 1
        if want is None:
            die("%s: capaian %r, but %s of T=%r R=%r is undefined" % (code, c, x["formula"], t, r))
        capped = x.get("capped")
        if cap is not None and cap > 0 and want > cap:
            if capped is not True or abs(c - cap) > 0.01:
                die("%s: %s of T=%r R=%r is %.4f over the cap %g; capaian %r, capped %r" %
                    (code, x["formula"], t, r, want, cap, c, capped))
            shown = cap
        else:
            if capped is not False:
                die("%s: capped is %r below the cap %r" % (code, capped, cap))
            if abs(c - want) > 0.01:
                die("%s: capaian %r, expected %s of T=%r R=%r = %.4f" %
                    (code, c, x["formula"], t, r, want))
            shown = want
        if x["category"] != category(shown):
            die("%s: capaian %.2f has category %r, expected %r" %
                (code, shown, x["category"], category(shown)))
        if x.get("note") not in (None, "belum diverifikasi"):
            die("%s: capaian with note %r" % (code, x.get("note")))
    if period == "TW4" and not any(settings[i["code"]]["aggregation"] == "last" for i in items):
        die("no level indicator to check at TW4")
    if period in ("TW2", "TW3") and n_capaian == 0:
        die("no indicator has a capaian")

def quarter_values(path, agency, year, key):
    """(code, period) -> number from a targets or realisations file."""
    v = {}
    for r in rows(path):
        if r["agency"] == agency and r["year"] == year:
            v[(r["indicator"], r["period"])] = r[key]
    return v

# recap-numbers RECAP DIR AGENCY YEAR PERIOD: targets and actuals are the
# data files' values cumulated to the period (sum, last or avg).
def recap_numbers(path, folder, agency, year, period):
    d = load(path)
    settings = {r["code"]: r for r in rows(os.path.join(folder, "1-indicators.csv"))}
    tv = quarter_values(os.path.join(folder, "3-targets.csv"), agency, year, "target")
    rv = quarter_values(os.path.join(folder, "5-realisations.csv"), agency, year, "value")
    q = PERIODS.index(period)
    def value(s, text):
        if text is None:
            return None
        if s["scale"]:
            return SCALES[s["scale"]][text]
        return float(text)
    def cumulate(s, vals):
        if period == "Y" and vals.get((s["code"], "Y")) is not None:
            return value(s, vals[(s["code"], "Y")])
        n = 4 if period == "Y" else q + 1
        got = [value(s, vals.get((s["code"], p))) for p in PERIODS[:n]]
        if s["aggregation"] == "last":
            return got[n - 1]
        got = [g for g in got if g is not None]
        if not got:
            return None
        return sum(got) if s["aggregation"] == "sum" else sum(got) / len(got)
    for x in d["indicators"]:
        s = settings[x["code"]]
        for k, vals in (("target", tv), ("actual", rv)):
            want = cumulate(s, vals)
            got = x[k]
            if (want is None) != (got is None) or (want is not None and abs(want - got) > 1e-6):
                die("%s %s %s: %s is %r, the data files give %r" %
                    (x["code"], year, period, k, got, want))

# recap-csv CSV RECAP: the header, one row per indicator, the same values.
def recap_csv(path, jpath):
    head = "code,name,satuan,polarity,formula,target,actual,capaian,category,note"
    raw = open(path, encoding="utf-8", newline="").read()
    if raw.split("\n", 1)[0].rstrip("\r") != head:
        die("header %r" % raw.split("\n", 1)[0])
    got = list(csv.DictReader(io.StringIO(raw)))
    items = load(jpath)["indicators"]
    if len(got) != len(items):
        die("%d rows, %d indicators" % (len(got), len(items)))
    for r, x in zip(got, items):
        if None in r or any(v is None for v in r.values()):
            die("row of %s has the wrong number of fields: %r" % (r.get("code"), r))
        for k in ("code", "name", "satuan", "polarity", "formula"):
            if r[k] != x[k]:
                die("%s: %s %r, JSON %r" % (x["code"], k, r[k], x[k]))
        for k in ("target", "actual", "capaian"):
            a, b = num(r[k]), x[k]
            if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-9):
                die("%s: %s %r, JSON %r" % (x["code"], k, r[k], b))
        for k in ("category", "note"):
            if r[k] != (x[k] or ""):
                die("%s: %s %r, JSON %r" % (x["code"], k, r[k], x[k]))

# xlsx FILE RECAP: a zip with sheet1 and "Rekapitulasi" and every code in
# the shared strings.
def xlsx(path, jpath):
    try:
        z = zipfile.ZipFile(path)
    except Exception as e:
        die("%s is not a zip file: %s" % (path, e))
    names = z.namelist()
    for n in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
        if n not in names:
            die("no %s in %s" % (n, names))
    if z.testzip() is not None:
        die("corrupt member %s" % z.testzip())
    ss = z.read("xl/sharedStrings.xml").decode("utf-8")
    if "Rekapitulasi" not in ss:
        die("no \"Rekapitulasi\" in the shared strings")
    for x in load(jpath)["indicators"]:
        if ">%s<" % x["code"] not in ss:
            die("no %s in the shared strings" % x["code"])

# item RECAP CODE KEY VALUE: one field of one indicator ("null" for null).
def item(path, code, key, value):
    for x in load(path)["indicators"]:
        if x["code"] == code:
            v = x.get(key)
            if value == "null":
                ok = v is None
            elif value in ("true", "false"):
                ok = v is (value == "true")
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                ok = abs(v - float(value)) < 1e-6
            else:
                ok = v == arg(value)
            if not ok:
                die("%s: %s is %r, expected %s" % (code, key, v, value))
            return
    die("no indicator %s" % code)

# submitted RECAP NOTE CODE=VALUE...: the actuals, each with note NOTE
# ("null": none) and a capaian.
def submitted(path, note, *specs):
    items = {x["code"]: x for x in load(path)["indicators"]}
    for spec in specs:
        code, value = spec.split("=")
        x = items.get(code)
        if x is None:
            die("no indicator %s" % code)
        if x["actual"] is None or abs(x["actual"] - float(value)) > 1e-6:
            die("%s: actual %r, expected %s" % (code, x["actual"], value))
        want = None if note == "null" else note
        if x.get("note") != want:
            die("%s: note %r, expected %r" % (code, x.get("note"), want))
        if x["capaian"] is None:
            die("%s: no capaian" % code)

def case_id(path):
    d = load(path)
    if not isinstance(d.get("case"), int):
        die("no case id in %r" % d)
    print(d["case"])

def brief(t):
    return "task %s step %s round %s holder %s status %s" % (
        t.get("id"), t.get("step"), t.get("round"), t.get("holder"), t.get("status"))

# open-task LIST STEP LOGIN: the id of the open task of STEP held by LOGIN.
def open_task(path, step, login):
    tasks = [t for t in load(path) if t["step"] == int(step) and t["status"] == "open"]
    mine = [t for t in tasks if t["holder"] == login]
    if len(mine) == 1:
        print(mine[0]["id"])
    elif len(tasks) == 1 and not mine:
        print(tasks[0]["id"])
    else:
        die("open tasks of step %s: %s" % (step, [brief(t) for t in tasks] or "none"))

def field(path, key):
    v = load(path)[key]
    print(v if isinstance(v, str) else json.dumps(v))

# task-state SHOW STEP LOGIN STATUS OVERDUE: LOGIN's task of STEP.
def task_state(path, step, login, status, overdue):
    tasks = [t for t in load(path)["timeline"] if t["step"] == int(step) and t["holder"] == login]
    if len(tasks) != 1:
        die("tasks of step %s for %s: %s" % (step, login, [brief(t) for t in tasks]))
    t = tasks[0]
    if t["status"] != status:
        die("%s, expected status %s" % (brief(t), status))
    if overdue != "-" and t.get("overdue") is not (overdue == "true"):
        die("%s: overdue %r (due %r, done %r), expected %s" %
            (brief(t), t.get("overdue"), t.get("due_at"), t.get("done_at"), overdue))

# open-steps SHOW STEP...: exactly these steps have open tasks.
def open_steps(path, *steps):
    got = sorted(t["step"] for t in load(path)["timeline"] if t["status"] == "open")
    if got != sorted(int(s) for s in steps):
        die("open steps %s, expected %s" % (got, list(steps)))

# attachment SHOW STEP LOGIN NAME: the output document; prints its sha256.
def attachment(path, step, login, name):
    for a in load(path)["attachments"]:
        if a["step"] == int(step) and a["by"] == login and a["name"] == name:
            if a.get("output") is not True:
                die("%s is not an output document: %r" % (name, a))
            print(a["sha256"])
            return
    die("no attachment %s by %s at step %s in %r" % (name, login, step, load(path)["attachments"]))

# evidence SHOW LOGIN NAME SHA: an evidence file (not an output) of LOGIN.
def evidence(path, login, name, sha):
    for a in load(path)["attachments"]:
        if a["by"] == login and a["name"] == name and a["sha256"] == sha:
            return
    die("no evidence %s (%s) by %s in %r" % (name, sha, login, load(path)["attachments"]))

def finished(path):
    show = load(path)
    if show["status"] != "closed":
        die("status %r" % show["status"])
    for t in show["timeline"]:
        if t["done_at"] is None or t["status"] in ("open", "cancelled"):
            die("not finished: %s" % brief(t))

# rekap-csv FILE CODE=VALUE...: the compiled recap holds these actuals.
def rekap_csv(path, *specs):
    got = {r["code"]: r for r in rows(path)}
    for spec in specs:
        code, value = spec.split("=")
        if code not in got or num(got[code]["actual"]) is None or \
                abs(num(got[code]["actual"]) - float(value)) > 1e-6:
            die("%s: actual %r in the compiled recap, expected %s" %
                (code, got.get(code, {}).get("actual"), value))

# version HISTORY PERIOD STATUS VALUE CASE BY [SHA]: the newest version of
# PERIOD (CASE "-": none; SHA "-": any).
def version(path, period, status, value, case, by, sha="-"):
    vs = [v for v in load(path)["versions"] if v["period"] == period]
    if not vs:
        die("no version of %s in %r" % (period, load(path)["versions"]))
    v = max(vs, key=lambda v: v["version"])
    want_case = None if case == "-" else int(case)
    want_by = None if by == "-" else by
    if v["status"] != status or abs(v["value"] - float(value)) > 1e-6 or \
            v["case"] != want_case or v["by"] != want_by:
        die("%s v%s: status %r value %r case %r by %r; expected %s %s %r %s" %
            (period, v["version"], v["status"], v["value"], v["case"], v["by"],
             status, value, want_case, by))
    if sha != "-" and v.get("evidence_sha256") != sha:
        die("%s v%s: evidence %r, expected %s" % (period, v["version"], v.get("evidence_sha256"), sha))

# versions HISTORY CASE STATUS:VALUE:BY...: every version, in order; the
# ones with BY "-" come from the import (no case), the others from CASE
# with a reason.
def versions(path, case, *specs):
    vs = load(path)["versions"]
    if len(vs) != len(specs):
        die("%d versions, expected %d: %r" % (len(vs), len(specs), vs))
    for n, (v, spec) in enumerate(zip(vs, specs), 1):
        status, value, by = spec.split(":")
        want_case = None if by == "-" else int(case)
        want_by = None if by == "-" else by
        if v["version"] != n or v["status"] != status or abs(v["value"] - float(value)) > 1e-6 \
                or v["case"] != want_case or v["by"] != want_by:
            die("version %d: %r; expected %s %s case %r by %r" %
                (n, v, status, value, want_case, want_by))
        if want_by and not v.get("reason"):
            die("version %d has no reason" % n)

# listed LIST STEP LOGIN: LOGIN's task of STEP is in the task list.
def listed(path, step, login):
    if not any(t["step"] == int(step) and t["holder"] == login for t in load(path)):
        die("no task of step %s for %s in %s" % (step, login, [brief(t) for t in load(path)]))

# Test files.
def cp1252(out):
    text = ("agency,year,indicator,period,value,note\n"
            "perkim-kalbar,2026,IK-02,TW4,5,Catatan \u201csementara\u201d \u2013 dicek\n")
    open(out, "wb").write(text.encode("cp1252"))

cmd = sys.argv[1]
args = sys.argv[2:]
{"agencies": agencies, "recap-check": recap_check, "recap-numbers": recap_numbers,
 "recap-csv": recap_csv, "xlsx": xlsx, "item": item, "submitted": submitted,
 "case-id": case_id, "open-task": open_task, "field": field, "task-state": task_state,
 "open-steps": open_steps, "attachment": attachment, "evidence": evidence,
 "finished": finished, "rekap-csv": rekap_csv, "version": version, "versions": versions,
 "listed": listed, "cp1252": cp1252}[cmd](*args)
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

# task_of CASE STEP LOGIN: print the id of that open task (empty if none).
task_of() {
	"$BIN" --db "$DB" task list --case "$1" --json >"$T/tl.json" 2>/dev/null
	py open-task "$T/tl.json" "$2" "$3" || true
}

# do_step CASE STEP LOGIN ACTION...: `task do` as LOGIN on LOGIN's open task
# of STEP in CASE; its id is left in TASK. Returns 1, with a reason, if
# there is no such task.
do_step() {
	_dc=$1 _ds=$2 _dl=$3
	shift 3
	TASK=$(task_of "$_dc" "$_ds" "$_dl")
	if [ -z "$TASK" ]; then
		why "case $_dc has no open task of step $_ds for $_dl: $(head -n 3 "$T/pyerr" | tr '\n' ' ')"
		return 1
	fi
	sk task do "$TASK" --as "$_dl" "$@"
}

# step NAME CASE STEP LOGIN ACTION...: one check: the action succeeds.
step() {
	_sn=$1
	shift
	begin "$_sn"
	if do_step "$@"; then
		want_rc 0
		want_no_err
	fi
	end
}

# pos_check ERR FILE LINE [COLUMN]: some line of ERR is "FILE:LINE:COLUMN: reason"
# (any column when COLUMN is empty).
pos_check() {
	_pf=$2 _pl=$3 _pc=${4:-}
	if ! python3 - "$1" "$_pf" "$_pl" "$_pc" <<'EOF'; then
import re, sys
err, f, line, col = sys.argv[1:]
pat = re.compile(re.escape(f) + ":" + line + ":" + (col or "[0-9]+") + ": ")
sys.exit(0 if any(pat.match(l) for l in open(err, encoding="utf-8", errors="replace")) else 1)
EOF
		why "stderr does not name $_pf:$_pl:${_pc:-COLUMN}"
	fi
}

MAIN=$T/kpi.db
DB=$MAIN

# ---- 1. demo ------------------------------------------------------------------

AGENCIES="bappeda-banggai biroorg-kalbar perkim-kalbar puprperkim-balangan"

at "2026-11-02 01:00"
begin kpi-demo-1
sk demo
want_rc 0
want "no database file" test -f "$MAIN"
for _a in $AGENCIES; do
	want_out "$_a/1-indicators.csv: imported"
	want_out "$_a/5-realisations.csv: imported"
done
[ "$(q 'select count(*) from agency')" = 4 ] || why "not 4 agencies after demo"
[ "$(q 'select count(*) from realisasi')" -gt 100 ] || why "fewer than 100 realisations after demo"
# biroorg-kalbar's TW3 2026 is collected through its SOP, not loaded.
want_q "biroorg-kalbar TW3 2026" "select count(*) from realisasi r join indicator i on
	i.id=r.indicator_id join agency a on a.id=i.agency_id where a.code='biroorg-kalbar'
	and r.year=2026 and r.period='TW3'" 0
REAL1=$(q 'select count(*) from realisasi')
state >"$T/demo.1"
end

begin kpi-demo-agency-list
sk agency list --json
want_rc 0
# shellcheck disable=SC2086 # one argument per agency
want_py "agency list" agencies "$T/out" $AGENCIES
sk agency list
want_rc 0
for _a in $AGENCIES; do
	want_out "$_a"
done
end

at "2026-11-02 01:30"
begin kpi-demo-2
sk demo
want_rc 0
for _a in $AGENCIES; do
	grep -qE "^ +$_a +data kinerja already present" "$T/out" ||
		why "the second demo does not say \"$_a ... already present\""
done
grep -q "imported" "$T/out" && why "the second demo imported something"
[ "$(q 'select count(*) from realisasi')" = "$REAL1" ] ||
	why "select count(*) from realisasi went from $REAL1 to $(q 'select count(*) from realisasi')"
state >"$T/demo.2"
want_same "a second demo changed the data" "$T/demo.1" "$T/demo.2"
end

# ---- 2. the recap --------------------------------------------------------------

PK_IND=$LIB/perkim-kalbar/1-indicators.csv

at "2026-11-02 02:00"
for _p in TW2 TW3 Y TW4; do
	begin "kpi-recap-json-$_p"
	sk kpi recap --agency perkim-kalbar --year 2026 --period "$_p" --json
	want_rc 0
	want_no_err
	cp "$T/out" "$T/recap-$_p.json"
	want_py "recap $_p" recap-check "$T/out" "$_p" "$PK_IND"
	end
done

begin kpi-recap-tw2-numbers
want_py "TW2 against the data files" recap-numbers "$T/recap-TW2.json" "$LIB/perkim-kalbar" \
	perkim-kalbar 2026 TW2
end

begin kpi-recap-capped
# IK-01 (RTLH, cap 120): TW1+TW2 = 12+52 = 64 against 10+40 = 50 is 128 %, shown as 120.
want_py "IK-01" item "$T/recap-TW2.json" IK-01 capped true
want_py "IK-01" item "$T/recap-TW2.json" IK-01 capaian 120
want_py "IK-01" item "$T/recap-TW2.json" IK-01 actual 64
end

begin kpi-recap-tw4-no-realisation
want_py "IK-03 at TW4" item "$T/recap-TW4.json" IK-03 note "belum ada realisasi"
want_py "IK-03 at TW4" item "$T/recap-TW4.json" IK-03 actual null
end

begin kpi-recap-csv
sk kpi recap --agency perkim-kalbar --year 2026 --period TW2 --csv
want_rc 0
want_no_err
cp "$T/out" "$T/recap.csv"
want_py "the CSV" recap-csv "$T/recap.csv" "$T/recap-TW2.json"
end

begin kpi-recap-xlsx
XLSX=$T/rekap-perkim-tw2.xlsx
sk kpi recap --agency perkim-kalbar --year 2026 --period TW2 --xlsx "$XLSX"
want_rc 0
want "no XLSX file" test -s "$XLSX"
want_py "the XLSX" xlsx "$XLSX" "$T/recap-TW2.json"
end

begin kpi-recap-text
sk kpi recap --agency perkim-kalbar --year 2026 --period TW2
want_rc 0
want_out "Anggaran"
want_out "Rp "
want_out "IK-01"
want_out "Sangat Tinggi"
end

# The usage names every kpi subcommand, submit and correct included.
begin kpi-help
sk kpi --help
want_rc 0
for _s in import recap history diff submit correct; do
	grep -q "kpi $_s" "$T/out" || why "kpi --help does not show \"kpi $_s\""
done
end

begin kpi-recap-usage
sk kpi recap --agency perkim-kalbar --year 2026 --period TW5 --json
want_rc 1
sk kpi recap --agency perkim-kalbar --year 2026 --json --csv
want_rc 1
sk kpi recap --agency tidak-ada --year 2026 --json
want_rc 2
want_err "tidak-ada"
end

# ---- 3. kpi import: bad input is refused whole -----------------------------------

DB=$T/import.db
IMP=$T/imp
mkdir "$IMP"
at "2026-11-03 01:00"
begin kpi-import-demo
sk demo
want_rc 0
end

REAL_HEAD='agency,year,indicator,period,value'
# bad NAME LINE[:COLUMN] TEXT CONTENT [ARGS...]: a file with CONTENT (printf
# format) is refused with exit 2, naming FILE:LINE:COLUMN and TEXT, and
# nothing changes.
bad() {
	_bn=$1 _bl=$2 _bt=$3 _bc=$4
	shift 4
	begin "kpi-import-bad-$_bn"
	_bf=$IMP/$_bn.csv
	# shellcheck disable=SC2059 # the content is a printf format on purpose
	printf "$_bc" >"$_bf"
	bad_file "$_bf" "$_bl" "$_bt" "$@"
	end
}
# bad_file FILE LINE TEXT [ARGS...]: the checks of bad for an existing file.
bad_file() {
	_bf=$1 _bl=$2 _bt=$3
	shift 3
	snap
	_r0=$(q 'select count(*) from realisasi')
	_p0=$(q 'select count(*) from pk')
	sk kpi import "$_bf" "$@"
	want_rc 2
	want_err "$_bt"
	want_err "$_bf: nothing was imported"
	pos_check "$T/err" "$_bf" "${_bl%%:*}" "$(echo "$_bl" | sed -n 's/^[0-9]*://p')"
	[ -s "$T/out" ] && why "a refused import printed to stdout"
	[ "$(q 'select count(*) from realisasi')" = "$_r0" ] || why "select count(*) from realisasi changed"
	[ "$(q 'select count(*) from pk')" = "$_p0" ] || why "select count(*) from pk changed"
	unchanged
}

# A valid first row makes sure a later bad row still stops the whole file.
OK_ROW='perkim-kalbar,2026,IK-02,TW4,3\n'
bad column 1:23 'unknown column "periode"' \
	'agency,year,indicator,periode,value\nperkim-kalbar,2026,IK-02,TW4,3\n'
bad number-comma 3:30 'not a number' \
	"$REAL_HEAD\n${OK_ROW}perkim-kalbar,2026,IK-07,TW4,\"1,5\"\n"
bad number-text 2:30 '"abc" is not a number' "$REAL_HEAD\nperkim-kalbar,2026,IK-02,TW4,abc\n"
bad duplicate 3 'first on line 2' "$REAL_HEAD\n${OK_ROW}perkim-kalbar,2026,IK-02,TW4,4\n"
bad unknown-indicator 3:20 'no indicator "IK-99"' "$REAL_HEAD\n${OK_ROW}perkim-kalbar,2026,IK-99,TW4,5\n"
bad unknown-agency 3:1 'no agency with code "perkim-kalteng"' \
	"$REAL_HEAD\n${OK_ROW}perkim-kalteng,2026,IK-02,TW4,5\n"
# \223 is 0x93, a Windows-1252 left double quote: not UTF-8 (line 3, column 32).
bad utf8 3:32 'invalid UTF-8' \
	"$REAL_HEAD,note\nperkim-kalbar,2026,IK-02,TW4,3,\nperkim-kalbar,2026,IK-07,TW4,1,\223ok\n"

begin kpi-import-bad-cp1252
if python3 "$T/t.py" cp1252 "$IMP/cp1252.csv" 2>"$T/pyerr"; then
	# The first bad byte is the 0x93 before "sementara": line 2, column 40.
	bad_file "$IMP/cp1252.csv" 2:40 'invalid UTF-8'
else
	why "cannot write the file: $(cat "$T/pyerr")"
fi
end

bad extra-field 3:32 '6 fields, but the header names 5' "$REAL_HEAD\n${OK_ROW}perkim-kalbar,2026,IK-07,TW4,1,5\n"
# The quoted field opens on line 3 at column 32 and is never closed.
bad unclosed-quote 3:32 'not closed' \
	"$REAL_HEAD,note\nperkim-kalbar,2026,IK-02,TW4,3,\nperkim-kalbar,2026,IK-07,TW4,1,\"belum ditutup\n"
bad empty 1 'empty file' ''
# IK-03 is a percentage, 0..100.
bad range 3:30 'outside the indicator' "$REAL_HEAD\n${OK_ROW}perkim-kalbar,2026,IK-03,TW4,101.5\n"
# IK-09 is an Opini BPK: WTP, WDP, TW or TMP.
bad scale 3:30 'not on the indicator' "$REAL_HEAD\n${OK_ROW}perkim-kalbar,2026,IK-09,TW4,BAIK\n"
# IK-01 TW2 2026 is verified (52): only a Perbaikan Data Kinerja case changes it.
bad verified 3:30 'Perbaikan Data Kinerja' "$REAL_HEAD\n${OK_ROW}perkim-kalbar,2026,IK-01,TW2,53\n"
bad pk-no-reason 2 '--reason' \
	'agency,year,indicator,period,target\nperkim-kalbar,2026,IK-01,TW4,55\n'
bad pk-blank-reason 2 '--reason' \
	'agency,year,indicator,period,target\nperkim-kalbar,2026,IK-01,TW4,55\n' --reason '  '

# New indicators and a PK for 2027 (a new year: no --reason needed).
at "2026-11-03 02:00"
NEWIND=$IMP/indikator-2027.csv
cat >"$NEWIND" <<'EOF'
agency,code,name,satuan,polarity,formula,aggregation,sasaran_code,sasaran,unit,iku,cap,scale,min,max,evidence,range_max
perkim-kalbar,IK-11,Jumlah dokumen rencana kawasan permukiman yang disusun,dokumen,higher,R/T,sum,SS-2,,bidang-kawasan,,,,0,,,
perkim-kalbar,IK-12,Rata-rata waktu penyelesaian rekomendasi teknis PSU,hari,lower,T/R,avg,SS-3,,bidang-psu,,110,,0,,,
perkim-kalbar,IK-13,"Persentase deviasi fisik pekerjaan konstruksi, batas 10-20",%,range,range,last,SS-5,Terkendalinya mutu pekerjaan konstruksi permukiman,bidang-psu,,,,0,100,,20
EOF
begin kpi-import-2027-indicators
SAS_SS2=$(q "select s.name from sasaran s join agency a on a.id=s.agency_id where
	a.code='perkim-kalbar' and s.code='SS-2'")
sk kpi import "$NEWIND"
want_rc 0
want_out "imported 3 indicators"
want_q "indicators" "select count(*) from indicator i join agency a on a.id=i.agency_id
	where a.code='perkim-kalbar'" 13
want_q "the new sasaran" "select s.name from sasaran s join agency a on a.id=s.agency_id where
	a.code='perkim-kalbar' and s.code='SS-5'" \
	"Terkendalinya mutu pekerjaan konstruksi permukiman"
end

# A row that names an existing sasaran only by its code keeps its name.
begin kpi-import-2027-sasaran-kept
want_q "SS-2's name" "select s.name from sasaran s join agency a on a.id=s.agency_id where
	a.code='perkim-kalbar' and s.code='SS-2'" "$SAS_SS2"
end

TGT27=$IMP/target-2027.csv
cat >"$TGT27" <<'EOF'
agency,year,indicator,period,target
perkim-kalbar,2027,IK-01,TW1,15
perkim-kalbar,2027,IK-11,TW1,2
perkim-kalbar,2027,IK-12,TW1,14
perkim-kalbar,2027,IK-13,TW1,10
EOF
begin kpi-import-2027-targets
sk kpi import "$TGT27"
want_rc 0
want_out "imported 4 targets in 1 PK version(s)"
want_q "PK 2027" "select version || ' ' || kind from pk where year=2027" "1 awal"
end

REAL27=$IMP/realisasi-2027.csv
cat >"$REAL27" <<'EOF'
agency,year,indicator,period,value,unit,status,note
perkim-kalbar,2027,IK-01,TW1,12,bidang-perumahan,verified,
perkim-kalbar,2027,IK-11,TW1,3,bidang-kawasan,verified,
perkim-kalbar,2027,IK-12,TW1,10,bidang-psu,verified,Waktu layanan dipercepat
perkim-kalbar,2027,IK-13,TW1,8,bidang-psu,verified,
EOF
begin kpi-import-2027-realisations
sk kpi import "$REAL27"
want_rc 0
want_out "imported 4 realisations"
end

# The demo's indicators and the new ones, in one file with the columns of both.
python3 - "$PK_IND" "$NEWIND" "$T/ind-2027.csv" <<'PYEOF'
import csv, sys
rows, cols = [], []
for path in sys.argv[1:3]:
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        cols += [c for c in r.fieldnames if c not in cols]
        rows += list(r)
with open(sys.argv[3], "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
PYEOF

begin kpi-recap-2027
sk kpi recap --agency perkim-kalbar --year 2027 --period TW1 --json
want_rc 0
cp "$T/out" "$T/recap-2027.json"
want_py "recap 2027" recap-check "$T/out" TW1 "$T/ind-2027.csv"
want_py "IK-01" item "$T/out" IK-01 target 15
want_py "IK-11" item "$T/out" IK-11 target 2
want_py "IK-11 (no cap)" item "$T/out" IK-11 capaian 150
want_py "IK-12 (T/R, cap 110)" item "$T/out" IK-12 capaian 110
want_py "IK-12 (T/R, cap 110)" item "$T/out" IK-12 capped true
want_py "IK-13 (range 10..20, 8 below it)" item "$T/out" IK-13 capaian 80
want_py "IK-02 (no 2027 target)" item "$T/out" IK-02 note "tidak ada target"
[ "$(py field "$T/out" pk_version)" = 1 ] || why "pk_version is not 1"
end

# A PK perubahan: needs --reason, makes version 2 from version 1's targets.
TGT27B=$IMP/target-2027-perubahan.csv
printf 'agency,year,indicator,period,target\nperkim-kalbar,2027,IK-01,TW1,20\n' >"$TGT27B"
at "2026-11-03 03:00"
begin kpi-import-2027-perubahan-no-reason
bad_file "$TGT27B" 2 '--reason'
end

begin kpi-import-2027-perubahan
sk kpi import "$TGT27B" --reason "Penyesuaian target setelah pergeseran anggaran 2027"
want_rc 0
want_q "select max(version) from pk where year=2027" "select max(version) from pk where year=2027" 2
want_q "the new version" "select kind || ' ' || reason from pk where year=2027 and version=2" \
	"perubahan Penyesuaian target setelah pergeseran anggaran 2027"
# Version 1 is kept as it was; version 2 carries the unchanged targets forward.
want_q "version 1's IK-01" "select t.target from pk_target t join pk p on p.id=t.pk_id join
	indicator i on i.id=t.indicator_id where p.year=2027 and p.version=1 and i.code='IK-01'" 15.0
want_q "version 2's targets" "select count(*) from pk_target t join pk p on p.id=t.pk_id
	where p.year=2027 and p.version=2" 4
sk kpi recap --agency perkim-kalbar --year 2027 --period TW1 --json
want_rc 0
want_py "IK-01 in PK version 2" item "$T/out" IK-01 target 20
want_py "IK-11 carried forward" item "$T/out" IK-11 target 2
[ "$(py field "$T/out" pk_version)" = 2 ] || why "pk_version is not 2"
end

# ---- 4. seed 001: the TW III 2026 collection of the Biro Organisasi ---------------

DB=$T/collection.db
at "2026-10-05 00:30"
begin kpi-col-demo
sk demo
want_rc 0
end

EVID=$T/bukti
mkdir "$EVID"
printf '%%PDF-1.4\n%% LHE Reformasi Birokrasi 2026 (draf)\n' >"$EVID/lhe-rb-2026.pdf"
printf '%%PDF-1.4\n%% LHE AKIP Pemprov Kalbar 2026\n' >"$EVID/lhe-akip-2026.pdf"
printf '%%PDF-1.4\n%% Daftar SOP AP yang difasilitasi TW III 2026\n' >"$EVID/daftar-sop-tw3.pdf"
SHA_RB=$(sha256sum <"$EVID/lhe-rb-2026.pdf" | cut -d' ' -f1)

# Monday 2026-10-05 08:00 WIB.
at "2026-10-05 01:00"
begin kpi-col-start
start_case C1 --sop biroorg-kalbar-pengumpulan-data --subject "Pengumpulan Data Kinerja TW III 2026" \
	--period "TW III 2026" --deadline "2=2026-10-09" --as rita
end
C1=${C1:-0}

begin kpi-col-s1-request
if do_step "$C1" 1 rita --done; then
	want_rc 0
fi
want_q "the collection" "select year || ' ' || period || ' ' || status from collection
	where case_id=$C1" "2026 TW3 open"
show "$C1"
want_py "the fan-out" open-steps "$T/show.json" 2 2 2
end

# sub NAME LOGIN INDICATOR VALUE [ARGS...]: `kpi submit` succeeds.
sub() {
	_sname=$1 _slogin=$2 _sind=$3 _sval=$4
	shift 4
	begin "$_sname"
	sk kpi submit --case "$C1" --as "$_slogin" --indicator "$_sind" --value "$_sval" "$@"
	want_rc 0
	want_no_err
	want_out "$_sind = $_sval"
	end
}
# refuse NAME CASE EXIT TEXT... -- ARGS...: sakip ARGS exits EXIT with every
# TEXT in its stderr, prints nothing and changes nothing.
refuse() {
	_rname=$1 _rcase=$2 _rexit=$3
	shift 3
	begin "$_rname"
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

# Bagian Kelembagaan (fauzi): IK-09 (%) and IK-11 (perangkat daerah), no evidence needed.
at "2026-10-06 02:00"
sub kpi-col-fauzi-ik09 fauzi IK-09 71.43
T2F=$(task_of "$C1" 2 fauzi)
refuse kpi-col-s2-fauzi-missing "$C1" 2 "IK-11 TW3: no value yet" "nothing was submitted" -- \
	task do "${T2F:-0}" --as fauzi --done
refuse kpi-col-submit-other-unit "$C1" 2 "not your unit's" -- \
	kpi submit --case "$C1" --as fauzi --indicator IK-01 --value 88.1
refuse kpi-col-submit-not-bagian "$C1" 2 "no open data submission step" -- \
	kpi submit --case "$C1" --as rizkyp --indicator IK-09 --value 71.43
refuse kpi-col-submit-bad-number "$C1" 2 "not a number" -- \
	kpi submit --case "$C1" --as fauzi --indicator IK-11 --value "4,5"
sub kpi-col-fauzi-ik11 fauzi IK-11 5
step kpi-col-s2-fauzi-done "$C1" 2 fauzi --done

# Bagian RB dan AK (yohana): IK-01 and IK-02 need a bukti dukung; IK-03 not.
at "2026-10-08 03:00"
refuse kpi-col-yohana-out-of-range "$C1" 2 "outside" "0..100" -- \
	kpi submit --case "$C1" --as yohana --indicator IK-01 --value 150 --evidence "$EVID/lhe-rb-2026.pdf"
refuse kpi-col-yohana-no-evidence "$C1" 2 "bukti dukung" -- \
	kpi submit --case "$C1" --as yohana --indicator IK-01 --value 88.1
sub kpi-col-yohana-ik01 yohana IK-01 88.1 --evidence "$EVID/lhe-rb-2026.pdf"
sub kpi-col-yohana-ik02 yohana IK-02 73.2 --evidence "$EVID/lhe-akip-2026.pdf"
sub kpi-col-yohana-ik03 yohana IK-03 61.9
step kpi-col-s2-yohana-done "$C1" 2 yohana --done

begin kpi-col-submitted-not-verified
sk kpi recap --agency biroorg-kalbar --year 2026 --period TW3 --json
want_rc 0
want_py "the submitted values" submitted "$T/out" "belum diverifikasi" IK-01=88.1 IK-09=71.43
want_py "IK-04 (not submitted yet)" item "$T/out" IK-04 actual null
end

# Bagian Tatalaksana (heris) answers late: the deadline was 2026-10-09 23:59 WIB.
at "2026-10-12 02:00"
begin kpi-col-s2-heris-overdue
show "$C1"
want_py "heris's task" task-state "$T/show.json" 2 heris open -
sk task list --overdue --json
want_rc 0
want_py "the overdue list" listed "$T/out" 2 heris
end
T2H=$(task_of "$C1" 2 heris)
sub kpi-col-heris-ik04 heris IK-04 4.36
sub kpi-col-heris-ik05 heris IK-05 96.3
sub kpi-col-heris-ik06 heris IK-06 88.7
refuse kpi-col-s2-heris-missing "$C1" 2 "IK-07 TW3: no value yet" "IK-10 TW3: no value yet" -- \
	task do "${T2H:-0}" --as heris --done
sub kpi-col-heris-ik07 heris IK-07 77.2
sub kpi-col-heris-ik08 heris IK-08 3.75
refuse kpi-col-heris-no-evidence "$C1" 2 "bukti dukung" -- \
	kpi submit --case "$C1" --as heris --indicator IK-10 --value 34
sub kpi-col-heris-ik10 heris IK-10 34 --evidence "$EVID/daftar-sop-tw3.pdf"
begin kpi-col-s2-heris-done-late
if do_step "$C1" 2 heris --done; then
	want_rc 0
	show "$C1"
	want_py "heris's task" task-state "$T/show.json" 2 heris done true
	want_py "fauzi's task" task-state "$T/show.json" 2 fauzi done false
	want_py "after the join" open-steps "$T/show.json" 3
fi
end

at "2026-10-12 03:00"
begin kpi-col-s3-compile
if do_step "$C1" 3 rizkyp --done; then
	want_rc 0
	show "$C1"
	if REKAP_SHA=$(py attachment "$T/show.json" 3 rizkyp rekap-TW3-2026.csv); then
		sqlite3 "$DB" "select writefile('$T/rekap-tw3.csv', data) from blob
			where sha256='$REKAP_SHA'" >/dev/null 2>&1
		want_py "the compiled recap" rekap-csv "$T/rekap-tw3.csv" IK-01=88.1 IK-04=4.36 IK-10=94 \
			IK-11=12
	else
		why "$(head -n 2 "$T/pyerr" | tr '\n' ' ')"
	fi
	want_py "yohana's evidence" evidence "$T/show.json" yohana lhe-rb-2026.pdf "$SHA_RB"
	want_q "the collection" "select status from collection where case_id=$C1" compiled
fi
end

at "2026-10-12 04:00"
step kpi-col-s4 "$C1" 4 nurulh --done
step kpi-col-s5 "$C1" 5 nurulh --done
begin kpi-col-s6-return
if do_step "$C1" 6 iqbal --return "IK-03 belum dilampiri rekap nilai SAKIP perangkat daerah"; then
	want_rc 0
	show "$C1"
	want_py "after the return" open-steps "$T/show.json" 5
fi
end
at "2026-10-12 06:00"
step kpi-col-s5-again "$C1" 5 nurulh --done
step kpi-col-s6-approve "$C1" 6 iqbal --approve
at "2026-10-13 02:00"
step kpi-col-s7-approve "$C1" 7 rita --approve
step kpi-col-s8 "$C1" 8 iqbal --done
step kpi-col-s9 "$C1" 9 nurulh --done

begin kpi-col-before-archive
sk kpi recap --agency biroorg-kalbar --year 2026 --period TW3 --json
want_rc 0
want_py "not verified before the archive" submitted "$T/out" "belum diverifikasi" IK-01=88.1
want_q "verified values of the case" "select count(*) from realisasi where case_id=$C1
	and status='verified'" 0
end

step kpi-col-s10-archive "$C1" 10 fransiska --done

begin kpi-col-closed
show "$C1"
want_py "the case" finished "$T/show.json"
want_q "the period lock" "select count(*) from period_lock l join agency a on a.id=l.agency_id
	where a.code='biroorg-kalbar' and l.year=2026 and l.period='TW3'" 1
want_q "verified values of the case" "select count(*) from realisasi where case_id=$C1
	and status='verified'" 11
end

begin kpi-col-recap-verified
sk kpi recap --agency biroorg-kalbar --year 2026 --period TW3 --json
want_rc 0
want_py "TW3" submitted "$T/out" null IK-01=88.1 IK-02=73.2 IK-03=61.9 IK-04=4.36 IK-05=96.3 \
	IK-06=88.7 IK-07=77.2 IK-08=3.75 IK-09=71.43 IK-10=94 IK-11=12
want_py "recap TW3" recap-check "$T/out" TW3 "$LIB/biroorg-kalbar/1-indicators.csv"
grep -q "belum diverifikasi" "$T/out" && why "a TW3 value is still \"belum diverifikasi\""
end

begin kpi-col-history
sk kpi history biroorg-kalbar:IK-01 --year 2026 --json
want_rc 0
want_py "IK-01 TW3" version "$T/out" TW3 verified 88.1 "$C1" yohana "$SHA_RB"
want_py "IK-01 TW2 (imported)" version "$T/out" TW2 verified 87.45 - -
end

begin kpi-col-audit
sk audit verify
want_rc 0
want_out "audit trail intact"
end

# A second collection of TW III 2026 is refused at its first step: the period is locked.
at "2026-10-14 02:00"
begin kpi-col-again-start
start_case C1B --sop biroorg-kalbar-pengumpulan-data --subject "Pengumpulan ulang TW III 2026" \
	--period "TW III 2026" --deadline "2=2026-10-20" --as rita
end
T1B=$(task_of "${C1B:-0}" 1 rita)
refuse kpi-col-again-locked "${C1B:-0}" 2 "locked" "TW3 2026" -- task do "${T1B:-0}" --as rita --done

# ---- 5. seed 000: a Perbaikan Data Kinerja of perkim-kalbar --------------------

# IK-01 (RTLH, sum) TW2 2026 is 52 in lib/kpi/perkim-kalbar/5-realisations.csv
# (TW1 12): the recap at TW2 shows 12+52 = 64. The correction makes it 54 (66).
DB=$T/correction.db
at "2026-11-09 00:30"
begin kpi-cor-demo
sk demo
want_rc 0
want_q "IK-01 TW2 2026" "select r.value from realisasi r join indicator i on i.id=r.indicator_id
	join agency a on a.id=i.agency_id where a.code='perkim-kalbar' and i.code='IK-01'
	and r.year=2026 and r.period='TW2' and r.status='verified'" 52.0
end

BA=$T/bukti/ba-serah-terima-rtlh-tw2.pdf
mkdir -p "$T/bukti"
printf '%%PDF-1.4\n%% Berita acara serah terima RTLH TW II 2026\n' >"$BA"
SHA_BA=$(sha256sum <"$BA" | cut -d' ' -f1)

# recap_actual NAME CODE VALUE: the TW2 2026 recap shows VALUE for CODE.
recap_actual() {
	begin "$1"
	sk kpi recap --agency perkim-kalbar --year 2026 --period TW2 --json
	want_rc 0
	want_py "$2" item "$T/out" "$2" actual "$3"
	end
}

# Monday 2026-11-09 08:00 WIB.
at "2026-11-09 01:00"
begin kpi-cor-start
start_case C0 --sop perkim-kalbar-perbaikan-data --subject "Perbaikan Data Kinerja TW II 2026" \
	--period "TW II 2026" --as yosafat
end
C0=${C0:-0}
step kpi-cor-s1 "$C0" 1 yosafat --done
step kpi-cor-s2 "$C0" 2 nurhayati --done
step kpi-cor-s3 "$C0" 3 agustinus --done

at "2026-11-09 02:00"
T4=$(task_of "$C0" 4 dewia)
refuse kpi-cor-s4-no-proposal "$C0" 2 "propose at least one" -- task do "${T4:-0}" --as dewia --done
refuse kpi-cor-no-reason "$C0" 1 "usage" -- kpi correct --case "$C0" --as dewia --indicator IK-01 \
	--year 2026 --period TW2 --value 55 --evidence "$BA"
refuse kpi-cor-empty-reason "$C0" 2 "reason" -- kpi correct --case "$C0" --as dewia \
	--indicator IK-01 --year 2026 --period TW2 --value 55 --reason "" --evidence "$BA"
refuse kpi-cor-blank-reason "$C0" 2 "reason" -- kpi correct --case "$C0" --as dewia \
	--indicator IK-01 --year 2026 --period TW2 --value 55 --reason "   " --evidence "$BA"
refuse kpi-cor-wrong-person "$C0" 2 "no open correction step" -- kpi correct --case "$C0" \
	--as yuliana --indicator IK-01 --year 2026 --period TW2 --value 55 \
	--reason "Salah input" --evidence "$BA"
refuse kpi-cor-no-evidence "$C0" 2 "bukti dukung" -- kpi correct --case "$C0" --as dewia \
	--indicator IK-01 --year 2026 --period TW2 --value 55 --reason "Salah input"
refuse kpi-cor-no-verified-value "$C0" 2 "no verified value" -- kpi correct --case "$C0" \
	--as dewia --indicator IK-01 --year 2026 --period TW4 --value 55 --reason "Salah input" \
	--evidence "$BA"
refuse kpi-cor-out-of-range "$C0" 2 "outside" -- kpi correct --case "$C0" --as dewia \
	--indicator IK-03 --year 2026 --period TW2 --value 141 --reason "Salah input"

begin kpi-cor-propose-55
sk kpi correct --case "$C0" --as dewia --indicator IK-01 --year 2026 --period TW2 --value 55 \
	--reason "Salah input: 52 seharusnya 55" --evidence "$BA"
want_rc 0
want_no_err
want_out "proposed correction IK-01 = 55 in case $C0"
end
recap_actual kpi-cor-proposed-not-applied IK-01 64
step kpi-cor-s4 "$C0" 4 dewia --done

at "2026-11-09 03:00"
begin kpi-cor-s5-return
if do_step "$C0" 5 agustinus --return "Lampirkan berita acara serah terima; angka belum sesuai"; then
	want_rc 0
	show "$C0"
	want_py "after the return" open-steps "$T/show.json" 4
fi
end
recap_actual kpi-cor-returned-not-applied IK-01 64

at "2026-11-09 04:00"
begin kpi-cor-propose-54
sk kpi correct --case "$C0" --as dewia --indicator IK-01 --year 2026 --period TW2 --value 54 \
	--reason "Sesuai berita acara serah terima" --evidence "$BA"
want_rc 0
want_out "proposed correction IK-01 = 54 in case $C0"
want_q "the first proposal" "select status from realisasi where case_id=$C0 and value=55" rejected
end
step kpi-cor-s4-again "$C0" 4 dewia --done
step kpi-cor-s5-approve "$C0" 5 agustinus --approve
at "2026-11-09 05:00"
step kpi-cor-s6-approve "$C0" 6 nurhayati --approve
step kpi-cor-s7-approve "$C0" 7 yosafat --approve
step kpi-cor-s8 "$C0" 8 nurhayati --done
step kpi-cor-s9 "$C0" 9 agustinus --done
recap_actual kpi-cor-before-archive IK-01 64

at "2026-11-09 06:00"
step kpi-cor-s10-archive "$C0" 10 yuliana --done

begin kpi-cor-closed
show "$C0"
want_py "the case" finished "$T/show.json"
end
recap_actual kpi-cor-after-archive IK-01 66

begin kpi-cor-history
sk kpi history perkim-kalbar:IK-01 --year 2026 --period TW2 --json
want_rc 0
want_py "IK-01 TW2" versions "$T/out" "$C0" superseded:52:- rejected:55:dewia verified:54:dewia
want_py "IK-01 TW2 evidence" version "$T/out" TW2 verified 54 "$C0" dewia "$SHA_BA"
end

begin kpi-cor-history-text
sk kpi history perkim-kalbar:IK-01 --year 2026 --period TW2
want_rc 0
want_out "Sesuai berita acara serah terima"
want_out "superseded"
want_out "rejected"
end

begin kpi-cor-diff
sk kpi diff perkim-kalbar:IK-01 --year 2026 --period TW2 1 3
want_rc 0
want_out "versi 1: 52"
want_out "versi 3: 54"
want_out "Sesuai berita acara serah terima"
want_out "perubahan: +2"
end

begin kpi-cor-diff-missing
sk kpi diff perkim-kalbar:IK-01 --year 2026 --period TW2 1 9
want_rc 2
want_err "no version 9"
end

# A cancelled correction case leaves the value as it was (IK-02 TW2 2026 is 9).
at "2026-11-10 01:00"
begin kpi-cor-cancel-start
start_case C0B --sop perkim-kalbar-perbaikan-data --subject "Perbaikan Data Kinerja IK-02 TW II 2026" \
	--period "TW II 2026" --as yosafat
end
C0B=${C0B:-0}
step kpi-cor-cancel-s1 "$C0B" 1 yosafat --done
step kpi-cor-cancel-s2 "$C0B" 2 nurhayati --done
step kpi-cor-cancel-s3 "$C0B" 3 agustinus --done
begin kpi-cor-cancel-propose
sk kpi correct --case "$C0B" --as dewia --indicator IK-02 --year 2026 --period TW2 --value 10 \
	--reason "Salah hitung rumah relokasi" --evidence "$BA"
want_rc 0
end
refuse kpi-cor-cancel-no-reason "$C0B" 1 "usage" -- case cancel "$C0B" --as yosafat
begin kpi-cor-cancel
sk case cancel "$C0B" --as yosafat --reason "Data ternyata sudah benar"
want_rc 0
show "$C0B"
[ "$(py field "$T/show.json" status)" = cancelled ] || why "status is not cancelled"
want_q "the proposal" "select status from realisasi where case_id=$C0B" rejected
want_q "proposals left" "select count(*) from realisasi where status='proposed'" 0
sk kpi history perkim-kalbar:IK-02 --year 2026 --period TW2 --json
want_rc 0
want_py "IK-02 TW2" versions "$T/out" "$C0B" verified:9:- rejected:10:dewia
end
recap_actual kpi-cor-cancel-unchanged IK-02 13

begin kpi-cor-audit
sk audit verify
want_rc 0
want_out "audit trail intact"
end

# ---- summary ----------------------------------------------------------------

summary cli_kpi_test
