#!/bin/sh
# cli_lkj_test.sh: the LKj through the real binary: `sakip report lkj`
# writes a PDF whose text has every bab heading (pdftotext); bad agencies,
# years and options are refused; `sakip lkj text set|show` in a seed 002
# case: refused before the drafting step and for an official who is not the
# Tim LKj (nothing changed), saved twice as the Tim LKj (both versions kept,
# show gives the newest, --history both), and the LKj shows the newest.
#
#   test/cli_lkj_test.sh build/sakip
#
# Checks print "ok NAME" or "FAIL NAME: reason" (test/lib.sh). Needs
# sqlite3 and pdftotext (poppler-utils).

set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 PATH/TO/sakip" >&2
	exit 2
fi
case $1 in
/*) BIN=$1 ;;
*) BIN=$(pwd)/$1 ;;
esac
for tool in sqlite3 pdftotext; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "$0: $tool is required" >&2
		exit 2
	fi
done
unset SAKIP_DB SAKIP_DB_SYNC SAKIP_NOW
LC_ALL=C
export LC_ALL

T=$(mktemp -d /tmp/sakip-lkj-test.XXXXXX) || exit 2
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT HUP TERM

# shellcheck source=test/lib.sh
. "$(dirname "$0")/lib.sh"

sk() {
	run "$BIN" --db "$DB" "$@"
}
q() {
	sqlite3 "$DB" "$1" 2>&1
}
want_q() {
	_got=$(q "$2")
	[ "$_got" = "$3" ] || why "$1: \"$2\" gives \"$_got\", expected \"$3\""
}
SAKIP_NOW="2026-11-23 01:00"
export SAKIP_NOW
DB=$T/lkj.db

begin lkj-demo
sk demo
want_rc 0
end

begin lkj-report
sk report lkj --agency perkim-kalbar --year 2026 --out "$T/lkj.pdf"
want_rc 0
want_out "lkj.pdf: LKj 2026"
pdftotext "$T/lkj.pdf" "$T/lkj.txt" 2>/dev/null || why "pdftotext failed"
for h in "KATA PENGANTAR" "DAFTAR ISI" "IKHTISAR EKSEKUTIF" "BAB I PENDAHULUAN" \
	"BAB II PERENCANAAN KINERJA" "BAB III AKUNTABILITAS KINERJA" "BAB IV PENUTUP" "LAMPIRAN"; do
	grep -qF "$h" "$T/lkj.txt" || why "no $h"
done
grep -qF "160,00" "$T/lkj.txt" || why "no PK target 160,00 (IK-01)"
end

begin lkj-report-again-same-bytes
sk report lkj --agency perkim-kalbar --year 2026 --out "$T/again.pdf"
want_rc 0
want_same "two renders of the same data differ" "$T/lkj.pdf" "$T/again.pdf"
end

begin lkj-report-refusals
sk report lkj --agency nowhere --year 2026 --out "$T/x.pdf"
want_rc 2
want_err "no agency \"nowhere\""
sk report lkj --agency perkim-kalbar --year 26 --out "$T/x.pdf"
want_rc 2
want_err "is not a year"
sk report lkj --agency perkim-kalbar --year 2026
want_rc 1
sk report nota --agency perkim-kalbar
want_rc 1
[ -e "$T/x.pdf" ] && why "a refused report wrote a file"
end

# The state a refused text command must leave: the texts and the audit trail.
texts() {
	q "select count(*), coalesce(group_concat(bab || version), '') from lkj_text;
	   select count(*) from wf_event"
}

begin lkj-text-no-case
before=$(texts)
printf 'Ikhtisar pertama.\n' >"$T/t1.txt"
sk lkj text set --agency perkim-kalbar --year 2026 --bab ikhtisar --as hendrag <"$T/t1.txt"
want_rc 2
want_err "Tidak ada kasus LKj tahun 2026"
[ "$(texts)" = "$before" ] || why "the refusal changed the database"
end

begin lkj-text-case
sk case start --sop perkim-kalbar-lkj --subject "Laporan Kinerja 2026" --period 2026 --as yosafat
want_rc 0
C=$(q "select max(id) from wf_case")
for s in 1:yosafat 2:nurhayati 3:agustinus; do
	task=$(q "select id from wf_task where case_id=$C and step_no=${s%%:*} and status='open'")
	sk task do "$task" --as "${s#*:}" --done
	want_rc 0
done
end

begin lkj-text-wrong-official
before=$(texts)
sk lkj text set --agency perkim-kalbar --year 2026 --bab ikhtisar --as yosafat <"$T/t1.txt"
want_rc 2
want_err "pelaksana langkah penyusunan"
sk lkj text set --agency perkim-kalbar --year 2026 --bab lampiran --as hendrag <"$T/t1.txt"
want_rc 2
want_err "--bab"
sk lkj text set --agency perkim-kalbar --year 2026 --bab ikhtisar --as hendrag </dev/null
want_rc 2
want_err "Teks kosong"
[ "$(texts)" = "$before" ] || why "a refusal changed the database"
end

begin lkj-text-two-versions
sk lkj text set --agency perkim-kalbar --year 2026 --bab ikhtisar --as hendrag <"$T/t1.txt"
want_rc 0
want_out "version 1 saved"
printf 'Ikhtisar kedua, "terbaru" <b>.\n' >"$T/t2.txt"
sk lkj text set --agency perkim-kalbar --year 2026 --bab ikhtisar --as hendrag <"$T/t2.txt"
want_rc 0
want_out "version 2 saved"
sk lkj text show --agency perkim-kalbar --year 2026 --bab ikhtisar
want_rc 0
want_out "Ikhtisar kedua"
grep -qF "Ikhtisar pertama" "$T/out" && why "show gives an old version"
sk lkj text show --agency perkim-kalbar --year 2026 --bab ikhtisar --history
want_rc 0
want_out "version 1"
want_out "version 2"
want_out "by hendrag"
want_q "versions" "select group_concat(version) from lkj_text where bab='ikhtisar'" "1,2"
sk report lkj --agency perkim-kalbar --year 2026 --out "$T/lkj2.pdf"
want_rc 0
pdftotext "$T/lkj2.pdf" "$T/lkj2.txt" 2>/dev/null || why "pdftotext failed"
grep -qF 'Ikhtisar kedua, "terbaru" <b>.' "$T/lkj2.txt" || why "the LKj does not show the newest"
grep -qF "Ikhtisar pertama" "$T/lkj2.txt" && why "the LKj shows an old version"
sk audit verify
want_rc 0
end

summary cli_lkj_test
