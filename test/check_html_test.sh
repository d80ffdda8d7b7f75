#!/bin/sh
# check_html_test.sh: tools/check_html.sh refuses what it must and passes
# the real pages. Each bad snippet is a one-function C file.
set -u
cd "$(dirname "$0")/.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
PASS=0 FAILS=0
want() { # want NAME STATUS FILE [TEXT]: the check exits STATUS (and prints TEXT)
	tools/check_html.sh "$3" >"$T/out" 2>&1
	rc=$?
	if [ "$rc" -eq "$2" ] && { [ -z "${4:-}" ] || grep -q -- "$4" "$T/out"; }; then
		echo "ok $1"
		PASS=$((PASS + 1))
	else
		echo "FAIL $1: exit $rc"
		cat "$T/out"
		FAILS=$((FAILS + 1))
	fi
}
cat >"$T/web_pages.c" <<'C'
void page(WebCtx *c, const char *subject)
{
	html_printf(&c->rep->body, "<p>%h</p>",
	            subject);
}
C
want escaped 0 "$T/web_pages.c"
cat >"$T/web_pages.c" <<'C'
void page(WebCtx *c, const char *subject)
{
	html_printf(&c->rep->body, "<p>%s</p>",
	            subject);
}
C
want raw-s 1 "$T/web_pages.c" "web_pages.c:3: %s in html_printf"
cat >"$T/web_pages.c" <<'C'
void page(WebCtx *c, const char *subject)
{
	Buf *o = &c->rep->body;
	buf_puts(o, subject);
}
C
want raw-puts 1 "$T/web_pages.c" "web_pages.c:4: raw write into the page"
cat >"$T/web_svg.c" <<'C'
static void draw(Buf *out, const SopStep *st)
{
	buf_printf(out, "<text>%s</text>",
	           st->activity);
	buf_printf(out, "<text>%d</text>", st->no);
}
C
want svg-raw 1 "$T/web_svg.c" "web_svg.c:3: SOP text written raw"
cat >"$T/web_doc.c" <<'C'
void page(WebCtx *c, const void *data, size_t len)
{
	buf_append(&c->rep->body, data, len); /* bytes, not HTML: a stored document */
	buf_append(&c->rep->body, data, len);
}
C
want bytes-marked 1 "$T/web_doc.c" "web_doc.c:4: raw write into the page"
want real-pages 0 src/web_pages.c
want real-documents 0 src/web_doc.c
want real-data-forms 0 src/web_data.c
want real-signing 0 src/web_sign.c
echo "check_html_test: $PASS passed, $FAILS failed"
[ "$FAILS" -eq 0 ]
