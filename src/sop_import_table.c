/*
** sop_import_table.c: the flowchart table of an SOP document, read into
** rows (ImpTable). Two layouts:
**
**   tab-separated   one line per row; the actor columns are the cells of the
**                   second header row; Mutu Baku cells are found by content
**                   (the Waktu cell parses as a duration), since merged cells
**                   shift them from their headings.
**   pdftotext       columns by position: the header words give each column's
**   -layout         centre; a row is anchored on its number; cells wrapped over
**                   several lines are merged back, either downward from the
**                   number (top-aligned rows) or around it (vertically centred
**                   rows, where a cell is given to the nearest number and the
**                   activity text is split where the next one begins).
**
** It does not decide who does what: sop_import_infer.c does.
*/
#include "sop_import_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MB_KEL, MB_WAKTU, MB_OUT, MB_KET, MB_N };

/* ---- words ----------------------------------------------------------- */

static bool starts_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* A chunk's text cleaned, in the arena. */
static char *chunk_text(Arena *a, const ImpChunk *c)
{
	return imp_clean(a, c->s, c->len);
}

static bool is_label(const char *t, const char *w)
{
	return strcasecmp(t, w) == 0;
}

static bool is_activity_heading(const char *t)
{
	return starts_ci(t, "kegiatan") || starts_ci(t, "aktivitas") || starts_ci(t, "uraian") ||
	       starts_ci(t, "uraian kegiatan") || starts_ci(t, "prosedur");
}

static int mutu_heading(const char *t)
{
	if (starts_ci(t, "kelengkapan") || starts_ci(t, "sumber data") ||
	    starts_ci(t, "persyaratan") || starts_ci(t, "input"))
		return MB_KEL;
	if (starts_ci(t, "waktu"))
		return MB_WAKTU;
	if (starts_ci(t, "output") || starts_ci(t, "keluaran"))
		return MB_OUT;
	if (is_label(t, "ket") || is_label(t, "ket.") || starts_ci(t, "keterangan"))
		return MB_KET;
	return -1;
}

bool imp_is_header(const ImpLine *ln)
{
	if (ln->drop)
		return false;
	const char *s = ln->s;
	bool pel = imp_find_word(s, "pelaksana") != NULL;
	bool mutu = imp_find_word(s, "mutu baku") != NULL;
	bool act = imp_find_word(s, "kegiatan") || imp_find_word(s, "aktivitas") ||
	           imp_find_word(s, "uraian");
	const char *p = s;
	while (*p == ' ' || *p == '*')
		p++;
	bool no = imp_word_at(p, "no") || imp_word_at(p, "no.");
	if (ln->tabs)
		return no && act && (pel || mutu);
	return (pel && mutu) || (no && act && strlen(p) < 200);
}

/* ---- durations --------------------------------------------------------- */

/* The unit words of a Waktu cell, run together: "harikerja", "menit". */
static bool unit_of(const char *letters, SopUnit *u)
{
	if (!*letters)
		return false;
	if ((starts_ci(letters, "hari") && strstr(letters, "kerja")) || is_label(letters, "hk"))
		*u = SOP_WORKDAY;
	else if (starts_ci(letters, "hari"))
		*u = SOP_DAY;
	else if (starts_ci(letters, "menit") || starts_ci(letters, "mnt"))
		*u = SOP_MINUTE;
	else if (starts_ci(letters, "jam"))
		*u = SOP_HOUR;
	else if (starts_ci(letters, "mingg"))
		*u = SOP_WEEK;
	else if (starts_ci(letters, "bulan") || starts_ci(letters, "bln"))
		*u = SOP_MONTH;
	else
		return false;
	return true;
}

/*
** Parse a Waktu cell: "5 Menit", "1 – 20 Hari Kerja", "6 mingg u", "120"
** (with minutes: under "Waktu (menit)"), "Sesuai dengan waktu yang
** ditentukan" (per case). Sets d (text included) and returns true when
** understood.
*/
bool imp_parse_waktu(const char *text, bool minutes, SopDuration *d)
{
	memset(d, 0, sizeof *d);
	d->text = text;
	if (!text || !*text)
		return false;
	if (imp_find_ci(text, "sesuai") || imp_find_ci(text, "ditentukan")) {
		d->present = true;
		d->unit = SOP_PER_CASE;
		return true;
	}
	const char *p = text;
	double v[2];
	int nv = 0;
	char letters[32];
	int nl = 0;
	while (*p) {
		if (isdigit((unsigned char)*p) && nv < 2) {
			char *e;
			char num[32];
			int k = 0;
			while ((isdigit((unsigned char)*p) || *p == ',' || *p == '.') && k < 30) {
				num[k++] = *p == ',' ? '.' : *p;
				p++;
			}
			num[k] = '\0';
			v[nv++] = strtod(num, &e);
			continue;
		}
		if (isalpha((unsigned char)*p)) {
			/* "s/d" and "sampai" are range words, not units. */
			if (starts_ci(p, "s/d")) {
				p += 3;
				continue;
			}
			if (imp_word_at(p, "sampai") || imp_word_at(p, "hingga")) {
				p += 6;
				continue;
			}
			if (nl < 30)
				letters[nl++] = (char)tolower((unsigned char)*p);
		} else if (isdigit((unsigned char)*p)) {
			return false; /* a third number */
		}
		p++;
	}
	letters[nl] = '\0';
	if (nv == 0)
		return false;
	SopUnit u;
	if (!unit_of(letters, &u)) {
		if (nl || !minutes)
			return false;
		u = SOP_MINUTE;
	}
	d->present = true;
	d->unit = u;
	d->has_min = d->has_max = true;
	d->min = v[0];
	d->max = nv == 2 ? v[1] : v[0];
	return d->min <= d->max;
}

/* Whether a layout chunk is (part of) a Waktu cell: numbers, dashes and unit words. */
static bool waktu_token(const char *t, bool *has_number)
{
	*has_number = false;
	if (!*t)
		return false;
	static const char *const units[] = {"hari", "kerja", "menit", "jam", "minggu", "mingg",
	                                    "u",    "bulan", "mnt",   "hk",  "s/d"};
	const char *p = t;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		int len = (int)(p - w);
		bool ok = false;
		if (isdigit((unsigned char)*w)) {
			ok = true;
			for (int i = 0; i < len; i++)
				if (!isdigit((unsigned char)w[i]) && w[i] != '-' && w[i] != ',' &&
				    w[i] != '.')
					ok = false;
			*has_number |= ok;
		} else if ((len == 1 && *w == '-') ||
		           (len == 3 && memcmp(w, "\xE2\x80\x93", 3) == 0)) {
			ok = true;
		} else {
			for (size_t k = 0; k < COUNT(units); k++)
				if ((int)strlen(units[k]) == len &&
				    strncasecmp(w, units[k], (size_t)len) == 0)
					ok = true;
		}
		if (!ok)
			return false;
	}
	return true;
}

/*
** Join a wrapped cell's next line: "mingg" + "u" is one word, as is
** "masing-" + "masing"; otherwise a space.
*/
static char *join_wrapped(Arena *a, char *old, const char *piece, bool waktu)
{
	if (!piece || !*piece)
		return old;
	if (!old || !*old || strlen(old) >= IMP_MAX_CELL)
		return imp_join(a, old, piece); /* and its cap */
	size_t n = strlen(old);
	bool glue = false;
	if (old[n - 1] == '-' && n > 1 && isalpha((unsigned char)old[n - 2]) &&
	    islower((unsigned char)piece[0]))
		glue = true;
	if (strlen(piece) == 1 && islower((unsigned char)piece[0]) &&
	    isalpha((unsigned char)old[n - 1]))
		glue = true;
	if (waktu && islower((unsigned char)piece[0])) {
		const char *w = old + n;
		while (w > old && isalpha((unsigned char)w[-1]))
			w--;
		char word[40];
		size_t lw = strlen(w), lp = strlen(piece);
		bool fits = lw + lp < sizeof word - 1;
		if (fits) {
			memcpy(word, w, lw);
			memcpy(word + lw, piece, lp + 1);
		}
		SopUnit u;
		if (*w && fits && unit_of(word, &u) && strcasecmp(word, "harikerja") != 0)
			glue = !unit_of(w, &u) || strncasecmp(w, "mingg", 5) == 0;
	}
	return arena_printf(a, glue ? "%s%s" : "%s %s", old, piece);
}

/* ---- rows ---------------------------------------------------------------- */

static ImpRow *add_row(Imp *im, int *cap, int no, int line)
{
	ImpTable *t = &im->table;
	if (t->n_rows == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		ImpRow *r = arena_alloc(im->a, sizeof *r * (size_t)*cap);
		if (t->n_rows)
			memcpy(r, t->rows, sizeof *r * (size_t)t->n_rows);
		t->rows = r;
	}
	ImpRow *r = &t->rows[t->n_rows++];
	memset(r, 0, sizeof *r);
	r->no = no;
	r->line = line;
	return r;
}

/* A step number cell: "4", "4.", at most 4 digits. Returns it or 0. */
static int step_number(const char *s, int len)
{
	while (len > 0 && s[len - 1] == ' ')
		len--;
	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	if (len > 0 && s[len - 1] == '.')
		len--;
	if (len < 1 || len > 4)
		return 0;
	for (int i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return atoi(s);
}

static void put_mutu(Imp *im, ImpRow *r, int which, const char *text)
{
	switch (which) {
	case MB_KEL:
		r->inputs = join_wrapped(im->a, r->inputs, text, false);
		break;
	case MB_WAKTU:
		r->waktu = join_wrapped(im->a, r->waktu, text, true);
		break;
	case MB_OUT:
		r->output = join_wrapped(im->a, r->output, text, false);
		break;
	default:
		r->note = join_wrapped(im->a, r->note, text, false);
	}
}

static bool yes_no(const char *t, bool *yes)
{
	if (is_label(t, "ya") || is_label(t, "y")) {
		*yes = true;
		return true;
	}
	if (is_label(t, "tidak") || is_label(t, "t")) {
		*yes = false;
		return true;
	}
	return false;
}

/* ---- tab-separated ------------------------------------------------------ */

static int table_tsv(Imp *im, int h, Buf *err)
{
	ImpTable *t = &im->table;
	ImpChunk c1[IMP_MAX_COLS], c2[IMP_MAX_COLS];
	int n1 = imp_chunks(im->lines[h].s, c1, IMP_MAX_COLS, true);
	int act = 1, pel = -1, mb[MB_N] = {-1, -1, -1, -1};
	for (int i = 0; i < n1; i++) {
		char *x = chunk_text(im->a, &c1[i]);
		if (is_activity_heading(x))
			act = i;
		else if (is_label(x, "pelaksana"))
			pel = i;
		else if (mutu_heading(x) >= 0)
			mb[mutu_heading(x)] = i;
	}
	/* The second header row: blank under No and Kegiatan, the actor names. */
	int first = h + 1;
	int n2 = 0;
	if (first < im->n_lines && im->lines[first].tabs) {
		n2 = imp_chunks(im->lines[first].s, c2, IMP_MAX_COLS, true);
		if (n2 > 0 && step_number(c2[0].s, c2[0].len) == 0 &&
		    str_empty_or_blank(chunk_text(im->a, &c2[0])))
			first++;
		else
			n2 = 0;
	}
	int kel = -1;
	for (int i = 0; i < n2; i++) {
		char *x = chunk_text(im->a, &c2[i]);
		int m = mutu_heading(x);
		if (m >= 0) {
			if (mb[m] < 0 || m == MB_OUT || m == MB_WAKTU || m == MB_KEL)
				mb[m] = i;
			if (m == MB_KEL || (kel < 0 && m == MB_WAKTU))
				kel = kel < 0 ? i : kel;
		}
		if (m == MB_WAKTU && imp_find_ci(x, "menit"))
			t->minutes = true;
	}
	if (kel < 0)
		kel = mb[MB_KEL] >= 0 ? mb[MB_KEL] : (mb[MB_WAKTU] >= 0 ? mb[MB_WAKTU] : n2);
	int a0 = pel >= 0 ? pel : act + 1;
	int col_of[IMP_MAX_COLS];
	for (int i = 0; i < IMP_MAX_COLS; i++)
		col_of[i] = -1;
	t->actors = arena_alloc(im->a, sizeof(char *) * IMP_MAX_COLS);
	for (int i = a0; i < kel && i < n2; i++) {
		char *x = chunk_text(im->a, &c2[i]);
		if (!*x)
			continue;
		col_of[i] = t->n_actors;
		t->actors[t->n_actors++] = x;
	}
	if (t->n_actors == 0) {
		buf_printf(err,
		           "%s: line %d: the table header names no Pelaksana (actor) columns\n",
		           im->name, im->lines[h].no);
		return -1;
	}
	int cap = 0;
	bool shifted = false;
	ImpRow *r = NULL;
	int i;
	for (i = first; i < im->n_lines; i++) {
		ImpLine *ln = &im->lines[i];
		if (ln->drop)
			continue;
		if (!ln->tabs || str_empty_or_blank(ln->s)) {
			if (t->n_rows > 0)
				break;
			continue;
		}
		ImpChunk c[IMP_MAX_COLS];
		int n = imp_chunks(ln->s, c, IMP_MAX_COLS, true);
		int no = step_number(c[0].s, c[0].len);
		char *a = act < n ? chunk_text(im->a, &c[act]) : "";
		if (no) {
			r = add_row(im, &cap, no, ln->no);
		} else if (r && *a) {
			imp_warn(im,
			         "line %d: a row without a number; its cells are added to step %d",
			         ln->no, r->no);
		} else {
			continue;
		}
		r->activity = imp_join(im->a, r->activity, a);
		for (int k = a0; k < kel && k < n; k++) {
			char *x = chunk_text(im->a, &c[k]);
			bool yes;
			int col = col_of[k] >= 0 ? col_of[k] : 0;
			if (!*x)
				continue;
			if (yes_no(x, &yes))
				*(yes ? &r->ya_col : &r->tidak_col) = col + 1;
			else
				r->mark_col = col + 1;
		}
		/* Mutu Baku by content: the Waktu cell, Kelengkapan before, Output after. */
		int w = -1;
		SopDuration d;
		for (int k = kel; k < n; k++) {
			char *x = chunk_text(im->a, &c[k]);
			if (*x && imp_parse_waktu(x, t->minutes, &d)) {
				w = k;
				break;
			}
		}
		int slot[MB_N] = {-1, -1, -1, -1};
		if (w >= 0) {
			slot[MB_WAKTU] = w;
			for (int k = w - 1; k >= kel; k--)
				if (c[k].len && !str_empty_or_blank(chunk_text(im->a, &c[k]))) {
					slot[MB_KEL] = k;
					break;
				}
			int k = w + 1;
			for (; k < n; k++)
				if (!str_empty_or_blank(chunk_text(im->a, &c[k]))) {
					slot[MB_OUT] = k;
					break;
				}
			for (k++; k < n; k++)
				if (!str_empty_or_blank(chunk_text(im->a, &c[k]))) {
					slot[MB_KET] = k;
					break;
				}
			if (mb[MB_OUT] >= 0 && slot[MB_OUT] >= 0 && slot[MB_OUT] != mb[MB_OUT])
				shifted = true;
		} else {
			for (int m = 0; m < MB_N; m++)
				slot[m] = mb[m];
		}
		for (int m = 0; m < MB_N; m++)
			if (slot[m] >= 0 && slot[m] < n)
				put_mutu(im, r, m, chunk_text(im->a, &c[slot[m]]));
	}
	if (shifted)
		imp_warn(
		        im,
		        "line %d: the Mutu Baku cells are not under their headings (merged cells); "
		        "they were read by content: Kelengkapan, then Waktu, then Output",
		        im->lines[h].no);
	t->last_line = im->lines[i - 1 < im->n_lines ? i - 1 : im->n_lines - 1].no;
	return 0;
}

/* ---- pdftotext -layout -------------------------------------------------- */

typedef struct Geo {
	int no_end;                 /* column after the "No" heading */
	int act_right;              /* activity text starts left of this column */
	int label_min;              /* ya/tidak labels start at or right of this column */
	double actor[IMP_MAX_COLS]; /* centres of the actor columns */
	double mutu[MB_N];          /* centres of the Mutu Baku columns, NAN if absent */
	double mutu_left;           /* centres right of this are Mutu Baku cells */
} Geo;

/* Header lines h..: the geometry, the actor labels (when labels is not NULL), the last line. */
static int read_header(Imp *im, int h, Geo *g, char ***labels, int *n_labels)
{
	ImpTable *t = &im->table;
	typedef struct Col {
		int col, end;
		char *text;
	} Col;
	Col cols[IMP_MAX_COLS];
	int n_cols = 0;
	int act_end = -1, hend = h;
	g->no_end = 6;
	for (int m = 0; m < MB_N; m++)
		g->mutu[m] = NAN;
	for (int i = h; i < im->n_lines && i < h + 14; i++) {
		ImpLine *ln = &im->lines[i];
		if (ln->drop)
			continue;
		ImpChunk c[IMP_MAX_COLS];
		int n = imp_chunks(ln->s, c, IMP_MAX_COLS, false);
		if (n > 0 && i > h && step_number(c[0].s, c[0].len) && c[0].col < act_end)
			break; /* the first row */
		bool numbering = n > 2;
		for (int k = 0; k < n; k++)
			if (c[k].s[0] != '(' || !isdigit((unsigned char)c[k].s[1]))
				numbering = false;
		hend = i;
		if (numbering)
			break; /* "(1) (2) (3) ...": the last header line */
		if (n == 0 && i > h + 3)
			break;
		for (int k = 0; k < n; k++) {
			char *x = chunk_text(im->a, &c[k]);
			double centre = (c[k].col + c[k].end) / 2.0;
			int m = mutu_heading(x);
			if (imp_word_at(x, "no") && k == 0) {
				g->no_end = c[k].end;
			} else if (is_activity_heading(x) && act_end < 0) {
				act_end = c[k].end;
			} else if (is_label(x, "pelaksana") || is_label(x, "mutu baku") ||
			           is_label(x, "pelaksana mutu baku")) {
				continue;
			} else if (m >= 0) {
				g->mutu[m] = centre;
				if (m == MB_WAKTU && imp_find_ci(x, "menit"))
					t->minutes = true;
			} else {
				int j;
				for (j = 0; j < n_cols; j++)
					if (c[k].col <= cols[j].end + 1 &&
					    c[k].end >= cols[j].col - 1)
						break;
				if (j == n_cols) {
					if (n_cols == IMP_MAX_COLS)
						continue;
					cols[n_cols++] = (Col){c[k].col, c[k].end, x};
				} else {
					cols[j].text = imp_join(im->a, cols[j].text, x);
					if (c[k].col < cols[j].col)
						cols[j].col = c[k].col;
					if (c[k].end > cols[j].end)
						cols[j].end = c[k].end;
				}
			}
		}
	}
	/* Actor columns: right of the activity heading, left of the Mutu Baku ones. */
	double first_mutu = isnan(g->mutu[MB_KEL]) ? g->mutu[MB_WAKTU] : g->mutu[MB_KEL];
	Col keep[IMP_MAX_COLS];
	int nk = 0;
	for (int j = 0; j < n_cols; j++) {
		if (cols[j].col <= act_end || (!isnan(first_mutu) && cols[j].col >= first_mutu))
			continue;
		int at = nk++;
		while (at > 0 && keep[at - 1].col > cols[j].col) {
			keep[at] = keep[at - 1];
			at--;
		}
		keep[at] = cols[j];
	}
	for (int j = 0; j < nk; j++)
		g->actor[j] = (keep[j].col + keep[j].end) / 2.0;
	g->act_right = nk ? keep[0].col - 1 : (int)(isnan(first_mutu) ? 80 : first_mutu - 8);
	g->label_min = g->no_end + (g->act_right - g->no_end) / 2;
	g->mutu_left = nk && !isnan(first_mutu)
	                       ? (g->actor[nk - 1] + first_mutu) / 2
	                       : (isnan(first_mutu) ? g->act_right : first_mutu - 10);
	if (labels) {
		*labels = arena_alloc(im->a, sizeof(char *) * (size_t)(nk ? nk : 1));
		for (int j = 0; j < nk; j++)
			(*labels)[j] = keep[j].text;
		*n_labels = nk;
	}
	return hend;
}

/* Which Mutu Baku column a centre falls in, after the page's shift. */
static int mutu_slot(const Geo *g, double centre, double shift)
{
	int best = -1;
	double bd = 1e9;
	for (int m = 0; m < MB_N; m++) {
		if (isnan(g->mutu[m]))
			continue;
		double d = fabs(centre - (g->mutu[m] + shift));
		if (d < bd) {
			bd = d;
			best = m;
		}
	}
	return best < 0 ? MB_OUT : best;
}

static int actor_slot(const Geo *g, int n_actors, double centre)
{
	int best = 0;
	for (int j = 1; j < n_actors; j++)
		if (fabs(centre - g->actor[j]) < fabs(centre - g->actor[best]))
			best = j;
	return best;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static int table_layout(Imp *im, int h, Buf *err)
{
	ImpTable *t = &im->table;
	Arena *a = im->a;
	int n = im->n_lines;
	t->layout = true;
	Geo *geos = arena_alloc(a, sizeof *geos * 8);
	int n_geos = 1;
	int hend = read_header(im, h, &geos[0], &t->actors, &t->n_actors);
	if (t->n_actors == 0) {
		buf_printf(err,
		           "%s: line %d: the table header names no Pelaksana (actor) columns\n",
		           im->name, im->lines[h].no);
		return -1;
	}
	/* Per line: its geometry, its page, whether it is part of the table. */
	int *geo_of = arena_alloc(a, sizeof(int) * (size_t)n);
	int *page_of = arena_alloc(a, sizeof(int) * (size_t)n);
	bool *keep = arena_alloc(a, sizeof(bool) * (size_t)n);
	int *anchor = arena_alloc(a, sizeof(int) * (size_t)n); /* step number on this line, or 0 */
	int *lines_a = arena_alloc(a, sizeof(int) * (size_t)n), na = 0;
	int page = 0, cur = 0;
	for (int i = hend + 1; i < n; i++) {
		ImpLine *ln = &im->lines[i];
		if (ln->drop) {
			page++;
			continue;
		}
		if (imp_is_header(ln)) {
			/* A page's repeated header: new positions for what follows. */
			if (n_geos < 8) {
				int e = read_header(im, i, &geos[n_geos], NULL, NULL);
				cur = n_geos++;
				i = e;
			}
			page++;
			continue;
		}
		keep[i] = true;
		geo_of[i] = cur;
		page_of[i] = page;
		ImpChunk c[IMP_MAX_COLS];
		int nc = imp_chunks(ln->s, c, IMP_MAX_COLS, false);
		if (nc > 0 && c[0].col <= geos[cur].no_end + 2 && c[0].col < geos[cur].act_right) {
			int no = step_number(c[0].s, c[0].len);
			if (no > 0 && no < 10000) {
				anchor[i] = no;
				lines_a[na++] = i;
			}
		}
	}
	if (na == 0) {
		buf_printf(err, "%s: line %d: a table header but no numbered steps under it\n",
		           im->name, im->lines[h].no);
		return -1;
	}
	/* Activity text per line, the page shifts of the Mutu Baku columns. */
	char **act = arena_alloc(a, sizeof(char *) * (size_t)n);
	double shift[64] = {0};
	{
		double *d = arena_alloc(a, sizeof(double) * (size_t)n);
		for (int p = 0; p <= page && p < 64; p++) {
			int nd = 0;
			for (int i = hend + 1; i < n; i++) {
				if (!keep[i] || page_of[i] != p)
					continue;
				const Geo *g = &geos[geo_of[i]];
				ImpChunk c[IMP_MAX_COLS];
				int nc = imp_chunks(im->lines[i].s, c, IMP_MAX_COLS, false);
				for (int k = 0; k < nc; k++) {
					bool num;
					double centre = (c[k].col + c[k].end) / 2.0;
					char *x = chunk_text(a, &c[k]);
					if (c[k].col >= g->act_right && !isnan(g->mutu[MB_WAKTU]) &&
					    waktu_token(x, &num) && num &&
					    fabs(centre - g->mutu[MB_WAKTU]) < 14)
						d[nd++] = centre - g->mutu[MB_WAKTU];
				}
			}
			if (nd) {
				qsort(d, (size_t)nd, sizeof *d, cmp_double);
				shift[p] = d[nd / 2];
			}
		}
	}
	for (int i = hend + 1; i < n; i++) {
		if (!keep[i])
			continue;
		const Geo *g = &geos[geo_of[i]];
		ImpChunk c[IMP_MAX_COLS];
		int nc = imp_chunks(im->lines[i].s, c, IMP_MAX_COLS, false);
		for (int k = anchor[i] ? 1 : 0; k < nc; k++) {
			char *x = chunk_text(a, &c[k]);
			bool yes;
			if (c[k].col <= g->no_end || c[k].col >= g->act_right)
				continue;
			if (c[k].col >= g->label_min && yes_no(x, &yes))
				continue;
			act[i] = imp_join(a, act[i], x);
		}
	}
	/* Rows top-aligned (number on the first line) or vertically centred. */
	bool centred = false;
	for (int i = hend + 1; i < lines_a[0]; i++)
		if (keep[i] && !str_empty_or_blank(im->lines[i].s))
			centred = true;
	int *tstart = arena_alloc(a, sizeof(int) * (size_t)(na + 1));
	tstart[0] = hend + 1;
	int s = lines_a[0];
	for (int i = hend + 1; i <= lines_a[0]; i++)
		if (act[i]) {
			s = i;
			break;
		}
	for (int k = 0; k + 1 < na; k++) {
		int A = lines_a[k], B = lines_a[k + 1];
		if (!centred) {
			tstart[k + 1] = B;
			continue;
		}
		int est = 2 * A - s + 1, best = -1;
		/* A row never crosses a page break; a blank line separates rows. */
		for (int i = A + 1; i < B; i++)
			if (!keep[i] && im->lines[i].drop)
				best = i + 1;
		if (best >= 0) {
			while (best < B && !keep[best])
				best++;
			tstart[k + 1] = best;
			s = best;
			while (s < B && !act[s])
				s++;
			continue;
		}
		for (int i = A + 1; i < B; i++) {
			if (keep[i] && str_empty_or_blank(im->lines[i].s) && i + 1 <= B &&
			    !str_empty_or_blank(im->lines[i + 1].s) &&
			    (best < 0 || abs(i + 1 - est) <= abs(best - est)))
				best = i + 1;
		}
		if (best >= 0) {
			tstart[k + 1] = best;
			s = best;
			while (s < B && !act[s])
				s++;
			continue;
		}
		for (int i = A + 1; i <= B; i++) {
			if (!act[i] || !isupper((unsigned char)act[i][0]))
				continue;
			if (best < 0 || abs(i - est) <= abs(best - est))
				best = i;
		}
		if (best < 0)
			best = est < A + 1 ? A + 1 : est > B ? B : est;
		tstart[k + 1] = best;
		s = best;
		while (s < B && !act[s])
			s++;
	}
	{
		int A = lines_a[na - 1], end = A + 1, blank = 0;
		int cap = centred ? 2 * A - s + 3 : n;
		for (; end < n && end < cap; end++) {
			bool empty = !keep[end] || str_empty_or_blank(im->lines[end].s);
			blank = empty ? blank + 1 : 0;
			if (blank >= 2 || (end > A + 1 && im->lines[end].drop))
				break;
			if (!keep[end] && !im->lines[end].drop)
				break;
		}
		tstart[na] = end;
	}
	/* The rows. */
	int cap = 0;
	for (int k = 0; k < na; k++)
		add_row(im, &cap, anchor[lines_a[k]], im->lines[lines_a[k]].no);
	int k = 0;
	for (int i = tstart[0]; i < tstart[na]; i++) {
		while (k + 1 < na && i >= tstart[k + 1])
			k++;
		if (!keep[i])
			continue;
		const Geo *g = &geos[geo_of[i]];
		double sh = page_of[i] < 64 ? shift[page_of[i]] : 0;
		/* Outside the activity column, a centred row takes the nearest number. */
		int near = k;
		if (centred) {
			int dk = abs(i - lines_a[k]);
			if (k > 0 && abs(i - lines_a[k - 1]) < dk)
				near = k - 1;
			if (k + 1 < na && abs(i - lines_a[k + 1]) < dk)
				near = k + 1;
		}
		ImpRow *r = &t->rows[k];
		if (act[i])
			r->activity = join_wrapped(a, r->activity, act[i], false);
		ImpChunk c[IMP_MAX_COLS];
		int nc = imp_chunks(im->lines[i].s, c, IMP_MAX_COLS, false);
		int last = -1;
		bool had_waktu = false;
		for (int j = anchor[i] ? 1 : 0; j < nc; j++) {
			if (c[j].col < g->act_right)
				continue;
			char *x = chunk_text(a, &c[j]);
			double centre = (c[j].col + c[j].end) / 2.0;
			bool yes, num;
			ImpRow *rn = &t->rows[near];
			if (centre < g->mutu_left + sh) {
				int col = actor_slot(g, t->n_actors, centre) + 1;
				if (yes_no(x, &yes))
					*(yes ? &rn->ya_col : &rn->tidak_col) = col;
				else
					rn->mark_col = col;
				continue;
			}
			int m = mutu_slot(g, centre, sh);
			bool wk = waktu_token(x, &num);
			if (m <= last)
				m = last + 1 < MB_N ? last + 1 : MB_KET;
			if (m == MB_WAKTU && !wk && had_waktu)
				m = MB_OUT;
			if (m != MB_WAKTU && wk && num && !had_waktu && last < MB_WAKTU &&
			    !isnan(g->mutu[MB_WAKTU]) && fabs(centre - g->mutu[MB_WAKTU] - sh) < 8)
				m = MB_WAKTU;
			had_waktu |= m == MB_WAKTU;
			last = m;
			put_mutu(im, rn, m, x);
		}
	}
	/* A label line between activity lines of the table joins the activity column. */
	for (int i = tstart[0]; i < tstart[na]; i++)
		(void)i;
	t->last_line = im->lines[tstart[na] - 1 < n ? tstart[na] - 1 : n - 1].no;
	return 0;
}

int imp_table(Imp *im, Buf *err)
{
	int h = -1;
	for (int i = 0; i < im->n_lines; i++)
		if (imp_is_header(&im->lines[i])) {
			h = i;
			break;
		}
	if (h < 0) {
		buf_printf(err, "%s: no SOP flowchart table found\n", im->name);
		return -1;
	}
	ImpTable *t = &im->table;
	t->first_line = im->lines[h].no;
	int rc = im->lines[h].tabs ? table_tsv(im, h, err) : table_layout(im, h, err);
	if (rc != 0)
		return rc;
	if (t->n_rows == 0) {
		buf_printf(err, "%s: line %d: a table header but no numbered steps under it\n",
		           im->name, im->lines[h].no);
		return -1;
	}
	/* Steps numbered 1, 2, 3, ...: a repeated or skipped number is renumbered. */
	for (int k = 0; k < t->n_rows; k++) {
		ImpRow *r = &t->rows[k];
		if (r->no == k + 1)
			continue;
		if (k > 0 && r->no == t->rows[k - 1].no)
			imp_warn(im, "line %d: a second step numbered %d; renumbered %d", r->line,
			         r->no, k + 1);
		else
			imp_warn(im,
			         "line %d: step numbered %d where %d was expected; renumbered %d",
			         r->line, r->no, k + 1, k + 1);
		r->no = k + 1;
	}
	for (int k = 0; k < t->n_rows; k++)
		if (!t->rows[k].activity) {
			imp_warn(im, "line %d: step %d has no activity text", t->rows[k].line,
			         k + 1);
			t->rows[k].activity = arena_strdup(im->a, "(kegiatan tidak terbaca)");
		}
	return 0;
}
