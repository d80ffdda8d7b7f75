#!/bin/sh
# lib.sh: the shared harness of the CLI-level tests (test/cli_*.sh), sourced after they set BIN and T. Every check is
# "begin NAME", some want_* conditions, "end": it prints "ok NAME" or
# "FAIL NAME: reason" with the failing command, its exit status and stderr.
# "summary NAME" prints the totals and exits 1 if anything failed.
# run CMD ARGS... runs a command with its output in $T/out and $T/err and its exit
# status in RC (SAKIP_NOW, when set, is shown with the command in failure reports).

PASS=0
FAILS=0
FAILED=
RUNNO=0

run() {
	RUNNO=$((RUNNO + 1))
	LASTCMD="${SAKIP_NOW:+SAKIP_NOW=\"$SAKIP_NOW\" }$*"
	"$@" >"$T/out" 2>"$T/err"
	RC=$?
}

# begin NAME: start a check; every want_* below adds to it; end reports it.
begin() {
	NAME=$1
	WHY=
	DETAIL_RUN=-1
	: >"$T/detail"
}

end() {
	if [ -z "$WHY" ]; then
		echo "ok $NAME"
		PASS=$((PASS + 1))
	else
		echo "FAIL $NAME: $WHY"
		cat "$T/detail"
		FAILS=$((FAILS + 1))
		FAILED="$FAILED $NAME"
	fi
}

# fail_now NAME REASON: a check that could not even be set up.
fail_now() {
	echo "FAIL $1: $2"
	FAILS=$((FAILS + 1))
	FAILED="$FAILED $1"
}

want_rc() {
	[ "$RC" -eq "$1" ] || why "exit status $RC, expected $1"
}

# want_err TEXT: stderr of the last command contains TEXT.
want_err() {
	grep -qF -- "$1" "$T/err" || why "stderr does not contain \"$1\""
}

want_out() {
	grep -qF -- "$1" "$T/out" || why "stdout does not contain \"$1\""
}

want_no_err() {
	[ -s "$T/err" ] && why "unexpected stderr"
	:
}

# want DESCRIPTION CMD ARGS...: CMD must succeed (a condition, not a run).
want() {
	_desc=$1
	shift
	"$@" || why "$_desc"
}

# want_same DESCRIPTION FILE1 FILE2
want_same() {
	if ! cmp -s "$2" "$3"; then
		why "$1"
		diff -u "$2" "$3" 2>&1 | head -n 20 | sed 's/^/    diff: /' >>"$T/detail"
	fi
}

# py SUBCOMMAND ARGS...: run the helper; on failure its stderr names why.
py() {
	python3 "$T/t.py" "$@" 2>"$T/pyerr"
}

# want_py DESCRIPTION SUBCOMMAND ARGS...
want_py() {
	_desc=$1
	shift
	if ! py "$@"; then
		why "$_desc: $(head -n 3 "$T/pyerr" | tr '\n' ' ')"
	fi
}

# why REASON: the current check failed for REASON. The first time for a
# given command, the command, its exit status and its stderr (and stdout)
# are kept for the report.
why() {
	WHY="${WHY}${WHY:+; }$*"
	if [ "$DETAIL_RUN" != "$RUNNO" ] && [ "$RUNNO" -gt 0 ]; then
		DETAIL_RUN=$RUNNO
		{
			echo "    command: $LASTCMD"
			echo "    exit status: $RC"
			if [ -s "$T/err" ]; then
				head -n 20 "$T/err" | sed 's/^/    stderr: /'
			else
				echo "    stderr: (empty)"
			fi
			if [ -s "$T/out" ]; then
				head -n 8 "$T/out" | sed 's/^/    stdout: /'
			fi
		} >>"$T/detail"
	fi
}

# summary NAME: the totals; exit status 1 if any check failed.
summary() {
	echo
	echo "$1: $PASS passed, $FAILS failed ($BIN)"
	if [ "$FAILS" -gt 0 ]; then
		echo "failed:$FAILED"
		exit 1
	fi
	exit 0
}
