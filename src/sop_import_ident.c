/*
** sop_import_ident.c: the identity block of an SOP document (its 13
** items) and the kop, read into the proposed Sop. Labels are found by
** their spelling variants in any cell (tab-separated) or any run of text
** (layout); a value is the rest of the label's cell, the next cell, or for
** the lists the lines below, column by column, since two lists often sit
** side by side. It does not read the table (sop_import_table.c).
*/
#include "sop_import_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	L_NUMBER,
	L_CREATED,
	L_REVISED,
	L_EFFECTIVE,
	L_APPROVED,
	L_NAME,
	L_LEGAL,
	L_QUAL,
	L_RELATED,
	L_EQUIP,
	L_WARNING,
	L_RECORDS,
	L_N
};

static const struct {
	int id;
	const char *text; /* lower case; "tgl." is read as "tanggal" first */
} labels[] = {
        {L_NUMBER, "nomor sop"},
        {L_NUMBER, "no. sop"},
        {L_NUMBER, "no sop"},
        {L_CREATED, "tanggal pembuatan"},
        {L_CREATED, "tanggal dibuat"},
        {L_REVISED, "tanggal revisi"},
        {L_EFFECTIVE, "tanggal efektif"},
        {L_EFFECTIVE, "tanggal efektip"},
        {L_EFFECTIVE, "tanggal pengesahan"},
        {L_EFFECTIVE, "tanggal berlaku"},
        {L_APPROVED, "disahkan oleh"},
        {L_NAME, "nama sop"},
        {L_NAME, "judul sop"},
        {L_LEGAL, "dasar hukum"},
        {L_QUAL, "kualifikasi pelaksanaan"},
        {L_QUAL, "kualifikasi pelaksana"},
        {L_RELATED, "keterkaitan"},
        {L_EQUIP, "peralatan/perlengkapan"},
        {L_EQUIP, "peralatan / perlengkapan"},
        {L_EQUIP, "peralatan dan perlengkapan"},
        {L_EQUIP, "peralatan"},
        {L_EQUIP, "perlengkapan"},
        {L_WARNING, "peringatan"},
        {L_RECORDS, "pencatatan dan pendataan"},
        {L_RECORDS, "pencatatan"},
};

/*
** The label a cleaned cell starts with, or -1; *rest is what follows it
** (after a colon), possibly "".
*/
static int label_of(Arena *a, const char *cell, const char **rest)
{
	const char *p = cell;
	char norm[64];
	int o = 0;
	/* Read "TGL." / "Tgl" as "tanggal", at the start only. */
	if (strncasecmp(p, "tgl", 3) == 0 && !isalpha((unsigned char)p[3])) {
		memcpy(norm, "tanggal", 7);
		o = 7;
		p += 3;
		if (*p == '.')
			p++;
		if (*p != ' ')
			norm[o++] = ' ';
	}
	const char *map[64];
	int start = o;
	for (; *p && o < 60; p++) {
		map[o] = p;
		norm[o++] = (char)tolower((unsigned char)*p);
	}
	norm[o] = '\0';
	(void)a;
	for (size_t i = 0; i < COUNT(labels); i++) {
		size_t n = strlen(labels[i].text);
		if (strncmp(norm, labels[i].text, n) != 0 || isalpha((unsigned char)norm[n]))
			continue;
		const char *r = (int)n < o && (int)n >= start ? map[n] : p;
		if ((int)n >= o)
			r = p;
		while (*r == ' ' || *r == ':')
			r++;
		*rest = r;
		return labels[i].id;
	}
	return -1;
}

static const char *const months[] = {"januari",   "februari", "maret",    "april",
                                     "mei",       "juni",     "juli",     "agustus",
                                     "september", "oktober",  "november", "desember"};

int imp_date(const char *s, char out[11])
{
	while (*s == ' ')
		s++;
	int d = 0, m = 0, y = 0;
	if (isdigit((unsigned char)s[0]) && strlen(s) >= 10 && s[4] == '-' && s[7] == '-') {
		y = atoi(s);
		m = atoi(s + 5);
		d = atoi(s + 8);
	} else {
		d = atoi(s);
		while (isdigit((unsigned char)*s))
			s++;
		while (*s == ' ' || *s == '-' || *s == '/' || *s == '.')
			s++;
		if (isdigit((unsigned char)*s)) {
			m = atoi(s);
		} else {
			for (int i = 0; i < 12; i++) {
				if (strncasecmp(s, months[i], 3) == 0 ||
				    (i == 10 && strncasecmp(s, "nop", 3) == 0)) {
					m = i + 1;
					break;
				}
			}
		}
		while (*s && !isdigit((unsigned char)*s))
			s++;
		while (isdigit((unsigned char)*s) && m && d) {
			y = atoi(s);
			break;
		}
	}
	if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1900 || y > 2200)
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return sop_date_valid(out) ? 0 : -1;
}

/* "KEPALA DINAS PERUMAHAN," as "Kepala Dinas Perumahan", when all in capitals. */
static char *title_case(Arena *a, const char *s)
{
	bool lower = false;
	for (const char *p = s; *p; p++)
		lower |= islower((unsigned char)*p) != 0;
	char *out = arena_strdup(a, s);
	size_t n = strlen(out);
	while (n > 0 && (out[n - 1] == ',' || out[n - 1] == ' '))
		out[--n] = '\0';
	if (lower)
		return out;
	static const char *const small[] = {"dan", "di", "ke", "atau", "serta", "untuk", "dari"};
	bool first = true;
	for (char *p = out; *p;) {
		while (*p == ' ')
			p++;
		char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t len = (size_t)(p - w);
		for (char *q = w; q < p; q++)
			*q = (char)tolower((unsigned char)*q);
		bool keep_small = false;
		for (size_t k = 0; k < COUNT(small) && !first; k++)
			if (strlen(small[k]) == len && strncmp(w, small[k], len) == 0)
				keep_small = true;
		if (!keep_small && len) {
			char *q = w;
			while (q < p && !isalpha((unsigned char)*q))
				q++;
			if (q < p)
				*q = (char)toupper((unsigned char)*q);
		}
		first = false;
	}
	return out;
}

/* ---- lists ----------------------------------------------------------- */

typedef struct Open {
	int id;
	int pos;    /* chunk column (layout) or cell index (tab-separated) */
	char *text; /* the pieces so far, separated by '\n' */
	char *more; /* tab-separated: cells of an unlabelled column to its right */
} Open;

/* Whether p (at a piece start or after a space) is the list number n: "3.", "3 ", "3)". */
static int list_number(const char *p, int expected, bool line_start)
{
	if (!isdigit((unsigned char)*p))
		return 0;
	int v = atoi(p);
	const char *q = p;
	while (isdigit((unsigned char)*q))
		q++;
	if (q - p > 2)
		return 0;
	if (v != expected && !(line_start && v == expected - 1 && v > 0))
		return 0;
	if (*q == '.' || *q == ')') {
		q++;
		if (*q == ' ' || isalpha((unsigned char)*q))
			return (int)(q - p);
		return 0;
	}
	if (*q == ' ' && line_start && isupper((unsigned char)q[1]))
		return (int)(q - p);
	return 0;
}

/* Split the collected text of a list into items: numbered ("1. ... 2. ..."), else one per piece. */
static SopList itemize(Arena *a, const char *text)
{
	SopList l = {0};
	if (!text)
		return l;
	size_t n = strlen(text);
	const char **items = arena_alloc(a, sizeof(char *) * (n / 2 + 2));
	bool numbered = list_number(text, 1, true) > 0;
	if (!numbered) {
		const char *p = text;
		while (*p) {
			const char *e = strchr(p, '\n');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			char *it = imp_clean(a, p, (int)len);
			if (*it)
				items[l.n++] = it;
			p += len + (e != NULL);
		}
		l.items = items;
		return l;
	}
	int expected = 1;
	Buf cur = BUF_INIT;
	for (const char *p = text; *p;) {
		bool line_start = p == text || p[-1] == '\n';
		bool after_space = line_start || p[-1] == ' ';
		int k = after_space ? list_number(p, expected, line_start) : 0;
		if (k == 0 && after_space && !line_start)
			k = list_number(p, expected, false);
		if (k > 0) {
			if (cur.len) {
				char *it = imp_clean(a, cur.data, (int)cur.len);
				if (*it)
					items[l.n++] = it;
				buf_reset(&cur);
			}
			expected = atoi(p) + 1;
			p += k;
			continue;
		}
		buf_putc(&cur, *p == '\n' ? ' ' : *p);
		p++;
	}
	if (cur.len) {
		char *it = imp_clean(a, cur.data, (int)cur.len);
		if (*it)
			items[l.n++] = it;
	}
	buf_free(&cur);
	l.items = items;
	return l;
}

/* A list joined as one text ("a; b"), or NULL when empty. */
static const char *joined(Arena *a, SopList l)
{
	if (l.n == 0)
		return NULL;
	char *s = NULL;
	for (int i = 0; i < l.n; i++)
		s = s ? arena_printf(a, "%s; %s", s, l.items[i]) : arena_strdup(a, l.items[i]);
	return s;
}

/* Raw cell text with "<p>" paragraphs as separate pieces ('\n'). */
static char *pieces_of(Arena *a, const char *s, int len)
{
	Buf b = BUF_INIT;
	for (int i = 0; i < len; i++) {
		if (strncasecmp(s + i, "</p>", 4) == 0 || strncasecmp(s + i, "<br>", 4) == 0) {
			buf_putc(&b, '\n');
			i += 3;
			continue;
		}
		if (s[i] == ' ' && i + 1 < len && s[i + 1] == ' ' && b.len) {
			while (i + 1 < len && s[i + 1] == ' ')
				i++;
			buf_putc(&b, '\n');
			continue;
		}
		buf_putc(&b, s[i]);
	}
	/* Clean each piece, keeping the separators. */
	char *out = NULL;
	const char *p = buf_str(&b);
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *c = imp_clean(a, p, (int)n);
		if (*c)
			out = out ? arena_printf(a, "%s\n%s", out, c) : c;
		p += n + (e != NULL);
	}
	buf_free(&b);
	return out;
}

/* ---- the approver ------------------------------------------------------ */

static const char *find_rank(const char *s)
{
	static const char *const ranks[] = {"pembina", "penata", "pengatur", "juru"};
	const char *best = NULL;
	for (size_t i = 0; i < COUNT(ranks); i++) {
		const char *p = imp_find_word(s, ranks[i]);
		if (p && (!best || p < best))
			best = p;
	}
	return best;
}

/* Fill approved_by from the pieces of the Disahkan oleh block ('\n'-separated). */
static void approver(Imp *im, const char *text)
{
	Arena *a = im->a;
	Sop *sop = im->sop;
	if (!text)
		return;
	char *t = arena_strdup(a, text);
	char *nip = (char *)imp_find_word(t, "nip");
	if (nip) {
		char digits[32];
		int nd = 0;
		for (const char *p = nip + 3; *p && nd < 30; p++) {
			if (isdigit((unsigned char)*p))
				digits[nd++] = *p;
			else if (*p != ' ' && *p != '.' && *p != ':' && *p != '\n')
				break;
		}
		digits[nd] = '\0';
		if (nd == 18)
			sop->approved_by.nip = arena_strdup(a, digits);
		else if (nd)
			imp_warn(im, "the approver's NIP has %d digits, not 18; left empty", nd);
		*nip = '\0';
	}
	const char *rank = find_rank(t);
	if (rank) {
		char *r = imp_clean(a, rank, (int)strlen(rank));
		size_t n = strlen(r);
		while (n && (r[n - 1] == ',' || r[n - 1] == ' '))
			r[--n] = '\0';
		for (char *q = r; *q; q++)
			if (*q == '\n')
				*q = ' ';
		sop->approved_by.rank = imp_clean(a, r, (int)strlen(r));
		t[rank - t] = '\0';
	}
	/* What is left: the position's lines, then the name. */
	const char *pieces[16];
	int np = 0;
	for (char *p = t; *p && np < 16;) {
		char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		/* Two spaces separate the position and the name on one line. */
		char *dbl = NULL;
		for (size_t i = 0; i + 1 < n; i++)
			if (p[i] == ' ' && p[i + 1] == ' ') {
				dbl = p + i;
				break;
			}
		if (dbl && np < 15) {
			char *c = imp_clean(a, p, (int)(dbl - p));
			if (*c)
				pieces[np++] = c;
			char *c2 = imp_clean(a, dbl, (int)(p + n - dbl));
			if (*c2)
				pieces[np++] = c2;
		} else {
			char *c = imp_clean(a, p, (int)n);
			if (*c)
				pieces[np++] = c;
		}
		p += n + (e != NULL);
	}
	if (np == 0)
		return;
	sop->approved_by.name = pieces[np - 1];
	char *title = NULL;
	for (int i = 0; i < np - 1; i++)
		title = imp_join(a, title, pieces[i]);
	if (title)
		sop->approved_by.title = title_case(a, title);
}

/* ---- the kop --------------------------------------------------------------- */

static bool all_caps(const char *s)
{
	int upper = 0;
	for (const char *p = s; *p; p++) {
		if (islower((unsigned char)*p) || isdigit((unsigned char)*p))
			return false;
		upper += isupper((unsigned char)*p) != 0;
	}
	return upper >= 4 && strchr(s, ' ');
}

static bool starts_any(const char *s, const char *const *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (imp_word_at(s, w[i]))
			return true;
	return false;
}

static void kop(Imp *im, char **pieces, int n)
{
	static const char *const agency_words[] = {"badan",       "dinas",       "biro",
	                                           "sekretariat", "inspektorat", "kantor",
	                                           "satuan",      "rumah sakit", "kecamatan"};
	static const char *const unit_words[] = {"sub bagian", "subbagian",  "subbag", "bagian",
	                                         "bidang",     "sub bidang", "seksi",  "tim",
	                                         "upt",        "uptd"};
	static const char *const cont_words[] = {"dan",       "provinsi", "kota",
	                                         "kabupaten", "kab.",     "daerah"};
	Sop *sop = im->sop;
	Arena *a = im->a;
	char *gov = NULL, *agency = NULL, *unit = NULL;
	for (int i = 0; i < n; i++) {
		char *p = pieces[i];
		if (imp_word_at(p, "pemerintah") && !gov) {
			/* "PEMERINTAH KABUPATEN BANGGAI BADAN PERENCANAAN ...": split at the
			 * agency. */
			char *cut = NULL;
			for (size_t k = 0; k < COUNT(agency_words) && !cut; k++) {
				const char *w = imp_find_word(p, agency_words[k]);
				if (w)
					cut = (char *)w;
			}
			if (cut) {
				gov = arena_strndup(a, p, (size_t)(cut - p));
				agency = imp_join(a, agency, cut);
			} else {
				gov = p;
			}
		} else if (agency && !unit && starts_any(p, cont_words, COUNT(cont_words))) {
			agency = imp_join(a, agency, p);
		} else if (agency && starts_any(p, unit_words, COUNT(unit_words))) {
			unit = p;
		} else if (!unit) {
			agency = imp_join(a, agency, p);
		}
	}
	if (gov)
		sop->government = title_case(a, imp_clean(a, gov, (int)strlen(gov)));
	if (agency)
		sop->agency = title_case(a, agency);
	if (unit)
		sop->unit = title_case(a, unit);
	if (!gov && agency) {
		static const char *const regions[] = {"kabupaten", "kota", "kab."};
		for (size_t k = 0; k < COUNT(regions); k++) {
			const char *w = imp_find_word(agency, regions[k]);
			if (!w)
				continue;
			const char *rest = w + strlen(regions[k]);
			while (*rest == ' ')
				rest++;
			sop->government =
			        title_case(a, arena_printf(a, "PEMERINTAH %s %s",
			                                   k == 1 ? "KOTA" : "KABUPATEN", rest));
			sop->government = title_case(a, arena_printf(a, "%s", sop->government));
			break;
		}
	}
}

/* ---- the block ------------------------------------------------------------- */

static void set_value(Imp *im, int id, const char *raw_value, int line)
{
	Sop *sop = im->sop;
	Arena *a = im->a;
	char *v = imp_clean(a, raw_value, (int)strlen(raw_value));
	bool none = !*v || strcmp(v, "-") == 0 || strcmp(v, ":") == 0;
	char iso[11];
	const char **date = id == L_CREATED   ? &sop->created
	                    : id == L_REVISED ? &sop->revised
	                                      : &sop->effective;
	switch (id) {
	case L_NUMBER:
		if (!sop->number && !none)
			sop->number = v;
		break;
	case L_NAME:
		if (!sop->name && !none)
			sop->name = v;
		break;
	case L_CREATED:
	case L_REVISED:
	case L_EFFECTIVE:
		if (none || *date)
			break;
		if (imp_date(v, iso) == 0)
			*date = arena_strdup(a, iso);
		else
			imp_warn(im, "line %d: \"%s\" is not a date; left empty", line, v);
		break;
	default:
		break;
	}
}

void imp_identity(Imp *im)
{
	Arena *a = im->a;
	Sop *sop = im->sop;
	Open open[8];
	int n_open = 0;
	char *lists[L_N] = {0};
	char *kop_pieces[16];
	int n_kop = 0;
	bool seen_list = false, seen_label = false, after_title = false;
	int approver_line = -1, approver_col = 0, prev_label_line = -1;
	int label_col = 1 << 20;
	char *appr = NULL;
	bool appr_done = false;
	for (int i = 0; i < im->n_lines; i++) {
		ImpLine *ln = &im->lines[i];
		if (ln->drop)
			continue;
		if (imp_is_header(ln)) {
			n_open = 0;
			/* Skip the table: its rows hold no identity items. */
			while (i + 1 < im->n_lines &&
			       (im->lines[i + 1].tabs ||
			        str_empty_or_blank(im->lines[i + 1].s) == false) &&
			       im->lines[i + 1].tabs == ln->tabs && ln->tabs)
				i++;
			continue;
		}
		ImpChunk c[IMP_MAX_COLS];
		int n = imp_chunks(ln->s, c, IMP_MAX_COLS, ln->tabs);
		int ids[IMP_MAX_COLS];
		const char *rests[IMP_MAX_COLS];
		bool any = false, any_list = false;
		for (int k = 0; k < n; k++) {
			char *x = imp_clean(a, c[k].s, c[k].len);
			ids[k] = label_of(a, x, &rests[k]);
			if (ids[k] >= 0) {
				any = true;
				any_list |= ids[k] >= L_LEGAL;
				if (!ln->tabs && ids[k] != L_LEGAL && c[k].col < label_col &&
				    ids[k] < L_LEGAL)
					label_col = c[k].col;
			}
		}
		/* The approver: layout text right of the label, until the next label. */
		if (approver_line >= 0 && !appr_done) {
			if (any && i > approver_line) {
				appr_done = true;
			} else if (!ln->tabs) {
				for (int k = 0; k < n; k++)
					if (c[k].col > approver_col && ids[k] < 0)
						appr = appr ? arena_printf(a, "%s\n%s", appr,
						                           imp_clean(a, c[k].s,
						                                     c[k].len))
						            : imp_clean(a, c[k].s, c[k].len);
			}
		}
		if (any_list || (any && n_open)) {
			if (any)
				n_open = 0;
		}
		if (!any && n > 0 && n_open) {
			const char *f = c[0].s;
			while (*f == ' ')
				f++;
			char *x0 = imp_clean(a, c[0].s, c[0].len);
			if (strncmp(f, "**", 2) == 0 || imp_word_at(x0, "standar operasional") ||
			    (imp_word_at(x0, "sop") && all_caps(x0)) ||
			    imp_word_at(x0, "lembar kerja"))
				n_open = 0;
		}
		if (!any) {
			/* List lines under open labels, or the kop. */
			if (n_open) {
				for (int k = 0; k < n; k++) {
					int best = 0;
					for (int j = 1; j < n_open; j++)
						if (open[j].pos <= c[k].col + (ln->tabs ? 0 : 3))
							best = j;
					char *piece = pieces_of(a, c[k].s, c[k].len);
					if (!piece)
						continue;
					int slot = ln->tabs && c[k].col > open[n_open - 1].pos
					                   ? n_open - 1
					                   : best;
					/* Tab-separated: a cell right of its label's column comes
					 * after it. */
					char **into = ln->tabs && c[k].col > open[slot].pos
					                      ? &open[slot].more
					                      : &open[slot].text;
					*into = *into ? arena_printf(a, "%s%c%s", *into, '\n',
					                             piece)
					              : piece;
				}
				for (int j = 0; j < n_open; j++)
					lists[open[j].id] =
					        open[j].more
					                ? arena_printf(a, "%s\n%s",
					                               open[j].text ? open[j].text
					                                            : "",
					                               open[j].more)
					                : open[j].text;
				continue;
			}
			if (!seen_list) {
				for (int k = 0; k < n && n_kop < 16; k++) {
					if (!ln->tabs && c[k].col >= label_col - 2 && seen_label)
						continue;
					char *x = imp_clean(a, c[k].s, c[k].len);
					if (imp_word_at(x, "standar") || imp_word_at(x, "sop") ||
					    imp_word_at(x, "lembar")) {
						/* A bold title left open continues on the next
						 * line. */
						int stars = 0;
						for (int q = 0; q + 1 < c[k].len; q++)
							if (c[k].s[q] == '*' &&
							    c[k].s[q + 1] == '*')
								stars++, q++;
						after_title = stars % 2 == 1;
						continue;
					}
					if (after_title) {
						after_title = false;
						if (all_caps(x) && strchr(c[k].s, '*'))
							continue;
					}
					if (all_caps(x) && !imp_find_word(x, "nip"))
						kop_pieces[n_kop++] = x;
				}
				/* A line before the labels: the kop may be in capitals left of
				 * them. */
			}
			continue;
		}
		seen_label = true;
		for (int k = 0; k < n; k++) {
			if (ids[k] < 0) {
				/* A kop cell before the labels on the same line (tab-separated). */
				if (k == 0 && ln->tabs && !seen_list) {
					char *x = imp_clean(a, c[k].s, c[k].len);
					if (all_caps(x) && n_kop < 16)
						kop_pieces[n_kop++] = x;
				}
				continue;
			}
			int id = ids[k];
			const char *rest = rests[k];
			if (id < L_LEGAL) {
				const char *value = rest;
				if (!*value && k + 1 < n && ids[k + 1] < 0) {
					value = ln->tabs ? c[k + 1].s : c[k + 1].s;
					int len = c[k + 1].len;
					value = arena_strndup(a, value, (size_t)len);
					ids[k + 1] = -2; /* consumed */
				}
				if (id == L_APPROVED) {
					if (ln->tabs || *rest) {
						appr = pieces_of(a, value, (int)strlen(value));
						appr_done = true;
					} else {
						approver_line = i;
						approver_col = c[k].col + 4;
						appr = NULL;
						/* The position may be printed above the label. */
						for (int j = prev_label_line + 1; j < i; j++) {
							ImpChunk cc[IMP_MAX_COLS];
							int m = imp_chunks(im->lines[j].s, cc,
							                   IMP_MAX_COLS, false);
							for (int q = 0; q < m; q++)
								if (cc[q].col > approver_col)
									appr = imp_join(
									        a, appr,
									        imp_clean(
									                a, cc[q].s,
									                cc[q].len));
						}
						if (*value)
							appr = appr ? arena_printf(
							                      a, "%s\n%s", appr,
							                      imp_clean(
							                              a, value,
							                              (int)strlen(
							                                      value)))
							            : imp_clean(a, value,
							                        (int)strlen(value));
					}
				} else {
					set_value(im, id, value, ln->no);
				}
				prev_label_line = i;
				if (ids[k + 1 < n ? k + 1 : k] == -2)
					k++;
				continue;
			}
			seen_list = true;
			if (*rest) {
				char *piece = pieces_of(a, rest, (int)strlen(rest));
				lists[id] = lists[id] ? arena_printf(a, "%s\n%s", lists[id],
				                                     piece ? piece : "")
				                      : piece;
				continue;
			}
			if (n_open < 8)
				open[n_open++] = (Open){id, c[k].col, lists[id], NULL};
		}
	}
	approver(im, appr);
	kop(im, kop_pieces, n_kop);
	sop->legal_basis = itemize(a, lists[L_LEGAL]);
	sop->qualifications = itemize(a, lists[L_QUAL]);
	sop->related = itemize(a, lists[L_RELATED]);
	sop->equipment = itemize(a, lists[L_EQUIP]);
	sop->warning = joined(a, itemize(a, lists[L_WARNING]));
	sop->records = joined(a, itemize(a, lists[L_RECORDS]));
}
