#!/bin/sh
# check_html.sh: fail the build when a request or database value could reach
# HTML output unescaped. Run by make before linking sakip.
#
# In the files that write pages (web_pages.c, web_sop.c, web_data.c,
# web_kpi.c, web_admin.c, web_admin_org.c, web_route.c, web_doc.c, web_lkj.c, web_sign.c):
#   - html_printf() formats may not hold %s (html_printf has none: %h
#     escapes, %u URL-encodes, %d and %lld are numbers);
#   - no buf_printf/buf_puts/buf_putc/buf_append into the reply (o, out, or
#     rep->body) except statements marked "text/plain" (healthz, metrics) or
#     "bytes, not HTML" (a stored document sent as an attachment).
# In web_svg.c, which writes SVG with buf_* for speed, no buf_puts/buf_append
# or buf_printf with a %s may name a field of the SOP (sop->, st->, ->label, ->activity, ->name): those
# go through its escaping put_text()/put_clipped().
# Usage: check_html.sh [FILE...] (default: those four). Prints FILE:LINE:
# reason for each problem; exit status 1 if any.
set -eu
if [ $# -eq 0 ]; then
	cd "$(dirname "$0")/.."
	set -- src/web_pages.c src/web_sop.c src/web_data.c src/web_kpi.c src/web_admin.c \
	    src/web_admin_org.c src/web_doc.c src/web_route.c src/web_svg.c src/web_lkj.c \
	    src/web_sign.c
fi
awk '
function flush() {
	if (stmt == "")
		return
	if (FILENAME ~ /web_svg\.c$/) {
		if (((stmt ~ /buf_printf\(/ && stmt ~ /%s/) || stmt ~ /buf_(puts|append)\(/) &&
		    stmt ~ /(sop->|st->|->label|->activity|->name)/) {
			printf "%s:%d: SOP text written raw into SVG; use put_text()\n", FILENAME, start
			bad = 1
		}
	} else {
		if (stmt ~ /html_printf\(/ && stmt ~ /%s/) {
			printf "%s:%d: %%s in html_printf (use %%h)\n", FILENAME, start
			bad = 1
		}
		if (stmt ~ /buf_(printf|puts|putc|append)\((o|out|&c->rep->body|&rep->body),/ &&
		    stmt !~ /text\/plain/ && stmt !~ /bytes, not HTML/) {
			printf "%s:%d: raw write into the page (use html_printf)\n", FILENAME, start
			bad = 1
		}
	}
	stmt = ""
}
FNR == 1 { flush() }
{
	if (stmt == "" && $0 ~ /(html_printf|buf_printf|buf_puts|buf_putc|buf_append)\(/) {
		stmt = $0
		start = FNR
	} else if (stmt != "") {
		stmt = stmt " " $0
	}
	if (stmt != "" && $0 ~ /\);[ \t]*(\/\*.*\*\/)?[ \t]*$/)
		flush()
}
END { flush(); exit bad }
' "$@"
