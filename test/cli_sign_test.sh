#!/bin/sh
# cli_sign_test.sh: the signing commands through the real binary: key
# create (passphrase twice on stdin, or once with --stdin) and revoke,
# config set/get base-url, verify's exit statuses on files sakip never
# issued, case documents, and task do --passphrase-stdin. Each refusal is
# checked to change nothing. (Signing and verifying issued documents is
# test/test_sign.c's, with a renderer it controls.)
#
#   test/cli_sign_test.sh build/sakip
#
# Needs: POSIX sh, sqlite3.

set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 PATH/TO/sakip" >&2
	exit 2
fi
case $1 in
/*) BIN=$1 ;;
*) BIN=$(pwd)/$1 ;;
esac
unset SAKIP_DB SAKIP_DB_SYNC SAKIP_NOW
LC_ALL=C
export LC_ALL

T=$(mktemp -d /tmp/sakip-sign-test.XXXXXX) || exit 2
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

# run_in INPUT CMD ARGS...: the same with INPUT on standard input.
run_in() {
	_in=$1
	shift
	RUNNO=$((RUNNO + 1))
	LASTCMD="printf '$_in' | $*"
	printf "$_in" | "$@" >"$T/out" 2>"$T/err"
	RC=$?
}
q() {
	sqlite3 "$DB" "$1"
}

DB=$T/s.db
S="$BIN --db $DB"

begin sign-demo
run $S demo --org-only
want_rc 0
end

begin sign-key-mismatch
run_in 'satu frasa sandi\nlain frasa sandi\n' $S key create --as yosafat
want_rc 2
want_err "differ"
[ "$(q 'SELECT count(*) FROM sign_key')" = 0 ] || why "a key was stored"
end

begin sign-key-short
run_in 'pendek\n' $S key create --as yosafat --stdin
want_rc 2
want_err "8 sampai 1024"
[ "$(q 'SELECT count(*) FROM sign_key')" = 0 ] || why "a key was stored"
end

begin sign-key-create
run_in 'frasa kepala dinas\nfrasa kepala dinas\n' $S key create --as yosafat
want_rc 0
want_out "signing key of yosafat created"
[ "$(q "SELECT length(public_key) FROM sign_key")" = 64 ] || why "no 64-hex public key"
q "SELECT sealed_secret FROM sign_key" | grep -q "frasa" && why "passphrase stored"
end

begin sign-key-create-stdin
run_in 'frasa sekretaris\n' $S key create --as nurhayati --stdin
want_rc 0
end

begin sign-key-twice
run_in 'frasa lain lagi\n' $S key create --as yosafat --stdin
want_rc 2
want_err "sudah memiliki"
[ "$(q 'SELECT count(*) FROM sign_key')" = 2 ] || why "key count changed"
end

begin sign-key-unknown-person
run_in 'frasa siapa pun\n' $S key create --as nobody --stdin
want_rc 2
want_err "no person"
end

begin sign-key-revoke-usage
run $S key revoke --as yosafat
want_rc 1
end

begin sign-key-revoke
run $S key revoke --as yosafat --reason "Laptop hilang"
want_rc 0
[ "$(q "SELECT revoked_reason FROM sign_key WHERE revoked_at IS NOT NULL")" = "Laptop hilang" ] ||
	why "not recorded"
run $S key revoke --as yosafat --reason "lagi"
want_rc 2
want_err "tidak memiliki kunci"
end

begin sign-key-after-revoke
run_in 'frasa baru kadis\n' $S key create --as yosafat --stdin
want_rc 0
[ "$(q 'SELECT count(*) FROM sign_key')" = 3 ] || why "expected three keys"
end

begin sign-config
run $S config get base-url
want_rc 0
want_out "http://127.0.0.1:8080"
run $S config set base-url "javascript:alert(1)"
want_rc 2
run $S config set base-url "https://sakip example"
want_rc 2
run $S config set base-url https://sakip.example.go.id/
want_rc 0
run $S config get base-url
want_out "https://sakip.example.go.id"
grep -q "go.id/" "$T/out" && why "trailing slash kept"
run $S config set colour blue
want_rc 2
end

begin sign-verify-unknown
printf '%%PDF-1.4 not from sakip\n' >"$T/x.pdf"
run $S verify "$T/x.pdf"
want_rc 2
want_err "unknown file"
run $S verify "$T/x.pdf" --json
want_rc 2
want_out '"verdict": "unknown"'
run $S verify "$T/missing.pdf"
want_rc 2
run $S verify
want_rc 1
end

begin sign-case-documents
run $S case start --sop perkim-kalbar-perbaikan-data --subject "Perbaikan"
want_rc 0
run $S case documents 1
want_rc 0
want_out "no documents"
run $S case documents 1 --json
want_out "[]"
run $S case documents 99
want_rc 2
end

begin sign-passphrase-stdin
# Without drafts in the case, a paraf step needs no key; the option is harmless.
run $S task do 1 --as yosafat --done --passphrase-stdin </dev/null
want_rc 2
want_err "no passphrase"
run_in 'x\n' $S task do 1 --as yosafat --done --passphrase-stdin
want_rc 0
end

begin sign-audit
run $S audit verify
want_rc 0
[ "$(q "SELECT count(*) FROM wf_event WHERE kind LIKE 'key.%'")" = 4 ] || why "key events"
end

summary cli_sign_test
