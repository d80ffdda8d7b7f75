/*
** sop_import.c: reading SOP documents as text (sop_import.h): refusing
** what is not a text document, converting Windows-1252, cutting the text
** into lines and the file into SOPs, and assembling each proposed
** definition from the identity block (sop_import_ident.c), the table
** (sop_import_table.c) and the inferences (sop_import_infer.c). The small
** text helpers the other files share are here too. It does not store or
** print anything: the CLI does (cli_sop.c).
*/
#include "sop_import_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- shared helpers ---------------------------------------------------- */

void imp_warn(Imp *im, const char *fmt, ...)
{
	if (im->n_warnings == im->cap_warnings) {
		int cap = im->cap_warnings ? im->cap_warnings * 2 : 16;
		const char **w = arena_alloc(im->a, sizeof *w * (size_t)cap);
		if (im->n_warnings)
			memcpy(w, im->warnings, sizeof *w * (size_t)im->n_warnings);
		im->warnings = w;
		im->cap_warnings = cap;
	}
	Buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	im->warnings[im->n_warnings++] = arena_strdup(im->a, buf_str(&b));
	buf_free(&b);
}

void imp_guess(Imp *im, int step, const char *field, const char *value, const char *reason)
{
	if (im->n_guesses == im->cap_guesses) {
		int cap = im->cap_guesses ? im->cap_guesses * 2 : 32;
		SopGuess *g = arena_alloc(im->a, sizeof *g * (size_t)cap);
		if (im->n_guesses)
			memcpy(g, im->guesses, sizeof *g * (size_t)im->n_guesses);
		im->guesses = g;
		im->cap_guesses = cap;
	}
	SopGuess *g = &im->guesses[im->n_guesses++];
	g->step = step;
	g->field = field;
	g->value = value ? arena_strdup(im->a, value) : NULL;
	g->reason = arena_strdup(im->a, reason);
}

/* Display width up to p: code points, not bytes. */
static int columns(const char *from, const char *to)
{
	int n = 0;
	for (const char *p = from; p < to; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	return n;
}

/*
** Cut s into chunks: with tabs, every tab-separated cell (empty ones
** included, so a cell's index is its column); without, the runs of text
** separated by two spaces or more, as `pdftotext -layout` sets columns.
** Returns the number of chunks (at most max).
*/
int imp_chunks(const char *s, ImpChunk *out, int max, bool tabs)
{
	int n = 0;
	if (tabs) {
		const char *p = s;
		while (n < max) {
			const char *e = strchr(p, '\t');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			out[n].s = p;
			out[n].len = (int)len;
			out[n].col = n;
			out[n].end = n + 1;
			n++;
			if (!e)
				break;
			p = e + 1;
		}
		return n;
	}
	const char *p = s;
	int col = 0;
	while (*p && n < max) {
		while (*p == ' ') {
			p++;
			col++;
		}
		if (!*p)
			break;
		const char *start = p;
		int startcol = col;
		while (*p && !(p[0] == ' ' && (p[1] == ' ' || p[1] == '\0'))) {
			col += ((unsigned char)*p & 0xC0) != 0x80;
			p++;
		}
		out[n].s = start;
		out[n].len = (int)(p - start);
		out[n].col = startcol;
		out[n].end = startcol + columns(start, p);
		n++;
	}
	return n;
}

/* Is c a space or a byte of U+00A0 (a no-break space, common in Word exports)? */
static bool is_space(const char *p)
{
	return *p == ' ' || *p == '\t' || *p == '\r' ||
	       ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0);
}

/*
** A cell's text without markup: <p>, <b> and similar tags and "**" are
** removed, runs of spaces become one, the ends are trimmed. The result is
** in the arena.
*/
char *imp_clean(Arena *a, const char *s, int len)
{
	char *out = arena_alloc(a, (size_t)len + 1);
	int o = 0;
	bool space = false;
	for (int i = 0; i < len;) {
		if (s[i] == '<') {
			int j = i + 1;
			if (j < len && s[j] == '/')
				j++;
			int k = j;
			while (k < len && isalpha((unsigned char)s[k]) && k - j < 10)
				k++;
			while (k < len && s[k] == ' ')
				k++;
			if (k > j && k < len &&
			    (s[k] == '>' || (s[k] == '/' && k + 1 < len && s[k + 1] == '>'))) {
				i = k + (s[k] == '/' ? 2 : 1);
				space = true;
				continue;
			}
		}
		if (s[i] == '*' && i + 1 < len && s[i + 1] == '*') {
			i += 2;
			continue;
		}
		if (is_space(s + i)) {
			space = true;
			i += (unsigned char)s[i] == 0xC2 ? 2 : 1;
			continue;
		}
		if (space && o > 0)
			out[o++] = ' ';
		space = false;
		out[o++] = s[i++];
	}
	out[o] = '\0';
	return out;
}

/*
** old and piece joined by a space; either may be NULL or empty. A cell
** stops growing at IMP_MAX_CELL bytes, ending in " ..." then: each join
** copies the text so far into the arena, and a hostile file of thousands
** of continuation lines would otherwise cost memory by the square.
*/
char *imp_join(Arena *a, char *old, const char *piece)
{
	if (!piece || !*piece)
		return old;
	if (!old || !*old)
		return strlen(piece) > IMP_MAX_CELL
		               ? arena_printf(a, "%.*s ...", IMP_MAX_CELL, piece)
		               : arena_strdup(a, piece);
	size_t n = strlen(old);
	if (n >= IMP_MAX_CELL)
		return old; /* full: marked when it filled */
	if (n + 1 + strlen(piece) > IMP_MAX_CELL)
		return arena_printf(a, "%s %.*s ...", old, (int)(IMP_MAX_CELL - n), piece);
	return arena_printf(a, "%s %s", old, piece);
}

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || (c & 0x80);
}

/* Whether s starts with word (case-insensitive) followed by a non-letter. */
bool imp_word_at(const char *s, const char *word)
{
	size_t n = strlen(word);
	return strncasecmp(s, word, n) == 0 && !word_char(s[n]);
}

/* The first whole-word, case-insensitive occurrence of word in s, or NULL. */
const char *imp_find_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = s; *p; p++) {
		if ((p == s || !word_char(p[-1])) && strncasecmp(p, word, n) == 0 &&
		    !word_char(p[n]))
			return p;
	}
	return NULL;
}

/* The first case-insensitive occurrence of needle in s, or NULL. */
const char *imp_find_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = s; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return p;
	return NULL;
}

char *imp_lower(Arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

/* ---- reading the file --------------------------------------------------- */

/* Windows-1252 bytes 0x80-0x9F as code points (0 where undefined). */
static const unsigned short cp1252[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static void put_utf8(Buf *b, unsigned cp)
{
	char u[3];
	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		buf_append(b, u, 2);
	} else {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		buf_append(b, u, 3);
	}
}

/*
** Check that text looks like a text document; convert Windows-1252 to
** UTF-8 into conv when it is not UTF-8. Returns 0, 1 when converted, or -1
** with err set.
*/
static int check_text(const char *name, const char *text, size_t n, Buf *conv, Buf *err)
{
	if (n == 0) {
		buf_printf(err, "%s: the file is empty\n", name);
		return -1;
	}
	size_t controls = 0, visible = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == 0) {
			buf_printf(err,
			           "%s: this is a binary file (a NUL byte at offset %zu), not the "
			           "text of "
			           "an SOP document; export it as text first (e.g. pdftotext "
			           "-layout)\n",
			           name, i);
			return -1;
		}
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
			controls++;
		else if (c > ' ')
			visible++;
	}
	if (controls * 20 > n) {
		buf_printf(err,
		           "%s: this is a binary file (%zu control bytes), not the text of an SOP "
		           "document; export it as text first (e.g. pdftotext -layout)\n",
		           name, controls);
		return -1;
	}
	if (visible == 0) {
		buf_printf(err, "%s: the file holds only white space\n", name);
		return -1;
	}
	size_t bad;
	if (utf8_check(text, n, &bad))
		return 0;
	/* Not UTF-8: Windows-1252, unless it holds a byte that code page leaves undefined. */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 0x80 && c < 0xA0 && !cp1252[c - 0x80]) {
			buf_printf(err,
			           "%s: the text is neither UTF-8 (a bad byte at offset %zu) nor "
			           "Windows-1252 (byte 0x%02X at offset %zu means nothing there); "
			           "save it "
			           "as UTF-8 and import it again\n",
			           name, bad, c, i);
			return -1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		unsigned cp = c >= 0x80 && c < 0xA0 ? cp1252[c - 0x80] : c;
		put_utf8(conv, cp);
	}
	return 1;
}

/* The "Nomor SOP" label that opens an identity block. */
static bool ident_start(const ImpLine *ln)
{
	ImpChunk ch[IMP_MAX_COLS];
	int n = imp_chunks(ln->s, ch, IMP_MAX_COLS, ln->tabs);
	for (int i = 0; i < n; i++) {
		const char *p = ch[i].s;
		while (*p == '*' || *p == ' ')
			p++;
		if (imp_word_at(p, "nomor sop") || imp_word_at(p, "no. sop") ||
		    imp_word_at(p, "no sop"))
			return true;
	}
	return false;
}

/* The number of the first row after a table header at line i, or 0. */
static int first_row_no(const ImpLine *lines, int n, int i)
{
	for (int k = i + 1; k < n && k < i + 16; k++) {
		const char *p = lines[k].s;
		while (*p == ' ')
			p++;
		if (isdigit((unsigned char)*p)) {
			int v = atoi(p);
			while (isdigit((unsigned char)*p))
				p++;
			if (*p == '.')
				p++;
			if (*p == '\t' || *p == ' ' || *p == '\0')
				return v;
		}
	}
	return 0;
}

/* Slugify the SOP's name into a code: "perbaiki-data-kinerja". */
static const char *make_code(Arena *a, const char *name, int k)
{
	char buf[80];
	int o = 0;
	bool dash = false;
	for (const char *p = name ? name : "sop"; *p && o < 56; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c)) {
			if (dash && o > 0)
				buf[o++] = '-';
			buf[o++] = (char)tolower(c);
			dash = false;
		} else {
			dash = true;
		}
	}
	buf[o] = '\0';
	if (o == 0 || str_is_digits(buf))
		snprintf(buf + o, sizeof buf - (size_t)o, "%ssop", o ? "-" : "");
	if (k > 0)
		return arena_printf(a, "%s-%d", buf, k + 1);
	return arena_strdup(a, buf);
}

/* Read one SOP from lines[0..n) into out. */
static int import_one(Arena *a, const char *name, ImpLine *lines, int n, int k, bool converted,
                      SopImport *out, Buf *err)
{
	Imp im = {.a = a, .name = name, .lines = lines, .n_lines = n};
	im.sop = arena_alloc(a, sizeof *im.sop);
	if (converted)
		imp_warn(&im, "the file is not UTF-8; it was read as Windows-1252 and converted");
	imp_identity(&im);
	if (imp_table(&im, err) != 0)
		return -1;
	imp_infer(&im);
	Sop *sop = im.sop;
	if (!sop->name) {
		imp_warn(&im, "no Nama SOP / Judul SOP found; the name is a placeholder");
		sop->name = arena_printf(a, "SOP dari %s", name);
	}
	sop->code = make_code(a, sop->name, k);
	Buf problems = BUF_INIT;
	if (sop_validate(sop, &problems) > 0) {
		const char *p = buf_str(&problems);
		while (*p) {
			const char *nl = strchr(p, '\n');
			int len = nl ? (int)(nl - p) : (int)strlen(p);
			imp_warn(&im, "not valid yet: %.*s", len, p);
			p += len + (nl != NULL);
		}
	}
	buf_free(&problems);
	out->sop = sop;
	out->guesses = im.guesses;
	out->n_guesses = im.n_guesses;
	out->warnings = im.warnings;
	out->n_warnings = im.n_warnings;
	out->first_line = lines[0].no;
	out->last_line = lines[n - 1].no;
	return 0;
}

/* Page footers and signature notices that interrupt the table. */
static bool footer_line(const char *s)
{
	while (*s == ' ')
		s++;
	return (*s == '*' && strstr(s, "ditandatangani secara elektronik")) ||
	       (*s == '*' && strstr(s, "Pindai kode QR")) || strncmp(s, "Source: ", 8) == 0 ||
	       strncasecmp(s, "Standar Operasional Prosedur (SOP)", 34) == 0 ||
	       (s[0] == '\f' && s[1] == '\0');
}

int sop_import(Arena *a, const char *name, const char *text, size_t n, SopImport **out, Buf *err)
{
	Buf conv = BUF_INIT;
	int rc = -1;
	int converted = check_text(name, text, n, &conv, err);
	if (converted < 0)
		goto cleanup;
	if (converted) {
		text = conv.data;
		n = conv.len;
	}
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		n -= 3;
	}
	/* Lines: count, check their length, copy into the arena. */
	int n_lines = 1;
	for (size_t i = 0; i < n; i++)
		n_lines += text[i] == '\n';
	ImpLine *lines = arena_alloc(a, sizeof *lines * (size_t)n_lines);
	int nl = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && text[i] != '\n')
			continue;
		size_t len = i - start;
		if (len > IMP_MAX_LINE) {
			buf_printf(err,
			           "%s: line %d is %zu bytes long; an SOP document's lines are at "
			           "most "
			           "%d bytes, so this is not one\n",
			           name, nl + 1, len, IMP_MAX_LINE);
			goto cleanup;
		}
		char *s = arena_strndup(a, text + start, len);
		/* Carriage returns and form feeds (page breaks) become nothing. */
		char *w = s;
		for (char *r = s; *r; r++)
			if (*r != '\r' && *r != '\f')
				*w++ = *r;
		*w = '\0';
		lines[nl] = (ImpLine){.s = s, .len = (int)(w - s), .no = nl + 1};
		lines[nl].tabs = strchr(s, '\t') != NULL;
		lines[nl].drop = footer_line(s);
		nl++;
		start = i + 1;
	}
	/* Where each SOP starts: at each new table, or each identity block. */
	int *tables = arena_alloc(a, sizeof(int) * (size_t)nl), n_tables = 0;
	int *idents = arena_alloc(a, sizeof(int) * (size_t)nl), n_idents = 0;
	for (int i = 0; i < nl; i++) {
		if (lines[i].drop)
			continue;
		if (ident_start(&lines[i]))
			idents[n_idents++] = i;
		if (imp_is_header(&lines[i]) && (n_tables == 0 || i - tables[n_tables - 1] > 12) &&
		    first_row_no(lines, nl, i) == 1)
			tables[n_tables++] = i;
	}
	if (n_tables == 0) {
		buf_printf(err,
		           "%s: no SOP flowchart table found (a header row with No, Kegiatan or "
		           "Uraian, the Pelaksana columns and Mutu Baku, followed by numbered "
		           "steps); is this an SOP in the PermenPANRB 35/2012 layout?\n",
		           name);
		goto cleanup;
	}
	int *cuts = arena_alloc(a, sizeof(int) * (size_t)(nl + 1)), n_cuts = 0;
	cuts[n_cuts++] = 0;
	if (n_idents == 0 || tables[0] < idents[0]) {
		for (int t = 1; t < n_tables; t++) {
			/* The title line above the table goes with it. */
			int c = tables[t];
			while (c > cuts[n_cuts - 1] + 1 && c > tables[t] - 4 &&
			       !str_empty_or_blank(lines[c - 1].s))
				c--;
			cuts[n_cuts++] = c;
		}
	} else {
		int t = 0;
		for (int k = 1; k < n_idents; k++) {
			bool table_between = false;
			while (t < n_tables && tables[t] < idents[k]) {
				table_between |= tables[t] > idents[k - 1];
				t++;
			}
			if (!table_between)
				continue;
			/* Back over the kop and blank lines above the identity block. */
			int c = idents[k];
			while (c - 1 > cuts[n_cuts - 1] && c > idents[k] - 12) {
				const char *s = lines[c - 1].s;
				bool kop = str_empty_or_blank(s) || lines[c - 1].drop;
				if (!kop) {
					kop = true;
					for (const char *p = s; *p; p++)
						if (islower((unsigned char)*p) ||
						    isdigit((unsigned char)*p))
							kop = false;
				}
				if (!kop)
					break;
				c--;
			}
			cuts[n_cuts++] = c;
		}
	}
	cuts[n_cuts] = nl;
	SopImport *res = arena_alloc(a, sizeof *res * (size_t)n_cuts);
	for (int k = 0; k < n_cuts; k++) {
		if (import_one(a, name, lines + cuts[k], cuts[k + 1] - cuts[k], k, converted == 1,
		               &res[k], err) != 0)
			goto cleanup;
	}
	*out = res;
	rc = n_cuts;
cleanup:
	buf_free(&conv);
	return rc;
}
