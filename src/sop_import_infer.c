/*
** sop_import_infer.c: the table's rows (ImpTable) as the steps of a
** proposed definition. A text export loses the flowchart symbols, so for
** each step this guesses, from the wording and whatever labels survive:
**
**   the actor      named at the start ("Kabid Renum melakukan ..."), the
**                  agent after "oleh", the column of a ya/tidak label, the
**                  previous step's hand-over ("diserahkan kepada X") or order
**                  ("memerintahkan X"), the usual holder of the verb (the head
**                  signs, the Sekretaris initials, staff draft and archive)
**   decisions      "jika tidak setuju dikembalikan kepada X", "jika ada
**                  perbaikan", "apabila belum sesuai", ya/tidak labels; the
**                  return target is X's latest earlier step
**   actions        from the verbs (diparaf, ditandatangani, mengarsipkan, ...)
**
** Every guess is recorded (imp_guess) and written into the step's extra
** object as "inferred": {"field": "reason"}, so the definition carries it.
** Actors are matched by their normalised labels, with the usual
** abbreviations (Kadis = Kepala Dinas, Kasubag = Kasubbag, Sekdin =
** Sekretaris, ...).
*/
#include "sop_import_int.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_TOK 48

typedef struct Words {
	char *w[MAX_TOK];
	int n;
} Words;

/* Lower case words, punctuation dropped, abbreviations unified. */
static void words_of(Arena *a, const char *s, Words *out, int max)
{
	out->n = 0;
	char *t = imp_lower(a, s);
	for (char *p = t; *p; p++)
		if (!isalnum((unsigned char)*p) && !(*p & 0x80) && *p != '&')
			*p = ' ';
	static const struct {
		const char *from, *to;
	} syn[] = {{"kasubag", "kasubbag"},
	           {"sekertaris", "sekretaris"},
	           {"sekdin", "sekretaris"},
	           {"kapala", "kepala"},
	           {"&", "dan"},
	           {"subag", "subbag"},
	           {"staff", "staf"}};
	char *save = NULL;
	for (char *w = strtok_r(t, " ", &save); w && out->n < max; w = strtok_r(NULL, " ", &save)) {
		for (size_t k = 0; k < COUNT(syn); k++)
			if (strcmp(w, syn[k].from) == 0)
				w = (char *)syn[k].to;
		out->w[out->n++] = w;
	}
	/* "kepala dinas" -> "kadis", "kepala bagian" -> "kabag", ... */
	static const struct {
		const char *second, *joined;
	} heads[] = {{"dinas", "kadis"},  {"badan", "kaban"},       {"biro", "karo"},
	             {"bagian", "kabag"}, {"bidang", "kabid"},      {"subbagian", "kasubbag"},
	             {"seksi", "kasi"},   {"subbidang", "kasubbid"}};
	int o = 0;
	for (int i = 0; i < out->n; i++) {
		if (strcmp(out->w[i], "kepala") == 0 && i + 1 < out->n) {
			bool done = false;
			for (size_t k = 0; k < COUNT(heads) && !done; k++)
				if (strcmp(out->w[i + 1], heads[k].second) == 0) {
					out->w[o++] = (char *)heads[k].joined;
					i++;
					done = true;
				}
			if (done)
				continue;
		}
		if (strcmp(out->w[i], "sekretaris") == 0 && i + 1 < out->n &&
		    (strcmp(out->w[i + 1], "dinas") == 0 || strcmp(out->w[i + 1], "badan") == 0)) {
			out->w[o++] = out->w[i];
			i++;
			continue;
		}
		out->w[o++] = out->w[i];
	}
	out->n = o;
}

typedef struct Actor {
	Words words;
	bool top, staff, team, group, archivist, secretary;
	int n_steps;
} Actor;

typedef struct Ctx {
	Imp *im;
	Actor *actors;
	int n;
	int top;      /* the head's actor, or -1 */
	json_t **why; /* per step: the "inferred" object */
} Ctx;

static bool wis(const Words *w, int i, const char *s)
{
	return i >= 0 && i < w->n && strcmp(w->w[i], s) == 0;
}

/*
** The actor mentioned at word i of w, with how many words matched; -1 when
** none. The longest match wins; a tie goes to the leftmost column.
*/
static int mention_at(const Ctx *x, const Words *w, int i, int *len)
{
	int best = -1, bl = 0;
	for (int k = 0; k < x->n; k++) {
		const Words *l = &x->actors[k].words;
		int m = 0;
		while (m < l->n && i + m < w->n && strcmp(l->w[m], w->w[i + m]) == 0)
			m++;
		/* Aliases: the head is "pimpinan" or "eselon II"; a team by its first words. */
		if (m == 0 && x->actors[k].top &&
		    (wis(w, i, "pimpinan") || (wis(w, i, "eselon") && wis(w, i + 1, "ii"))))
			m = 1;
		if (m == 0 && strcmp(l->w[0], "jabatan") == 0 && wis(w, i, "pelaksana"))
			m = 1;
		if (m == 0 && x->actors[k].staff && wis(w, i, "staf"))
			m = 1;
		if (m == 1 && l->n > 1 && strcmp(l->w[0], "tim") == 0) {
			/* "tim" alone names no team; "tim perencana" names "Tim Perencanaan ...".
			 */
			if (i + 1 < w->n && l->n > 1 && strncmp(w->w[i + 1], l->w[1], 5) == 0 &&
			    strlen(w->w[i + 1]) >= 5)
				m = 2;
			else if (wis(w, i + 1, "sakip") || wis(w, i + 1, "lkj"))
				m = 0;
			else
				m = 0;
		}
		if (m == 0 && wis(w, i, "pj") && l->n > 1 && strcmp(l->w[0], "tim") == 0 &&
		    wis(w, i + 1, l->w[1]))
			m = 2;
		if (m > bl) {
			bl = m;
			best = k;
		}
	}
	*len = bl;
	return best;
}

/* ---- clauses ------------------------------------------------------------ */

static bool has(const char *lower, const char *phrase)
{
	return strstr(lower, phrase) != NULL;
}

static const char *const reject_words[] = {
        "tidak setuju",     "ada perbaikan", "belum sesuai", "tidak sesuai",  "terdapat revisi",
        "terdapat koreksi", "ada koreksi",   "dikembalikan", "mengembalikan", "ada revisi"};

static bool rejecting(const char *lower)
{
	for (size_t i = 0; i < COUNT(reject_words); i++)
		if (has(lower, reject_words[i]))
			return true;
	return false;
}

/*
** Split an activity at "jika"/"apabila"/"," into clauses; for each, the
** actor it hands to ("kepada X", "ke X") and whether it is the "tidak"
** branch. fwd gets the last hand-over outside the "tidak" branch, back the
** one inside it (or -1), order the one ordered ("memerintahkan X").
*/
static void clauses(Ctx *x, const char *activity, int *fwd, int *back, int *order, bool *reject)
{
	Arena *a = x->im->a;
	*fwd = *back = *order = -1;
	*reject = false;
	char *low = imp_lower(a, activity);
	/* Cut at "jika", "apabila", "kemudian", commas and brackets. */
	char *p = low;
	while (*p) {
		char *e = p;
		while (*e) {
			if (e > p &&
			    (imp_word_at(e, "jika") || imp_word_at(e, "apabila") ||
			     imp_word_at(e, "kemudian") || imp_word_at(e, "lalu")) &&
			    e[-1] == ' ')
				break;
			if (*e == ',' || *e == '(' || *e == ';')
				break;
			e++;
		}
		char save = *e;
		*e = '\0';
		bool rej = rejecting(p);
		*reject |= rej;
		Words w;
		words_of(a, p, &w, MAX_TOK);
		for (int i = 0; i < w.n; i++) {
			bool to = wis(&w, i, "kepada") || wis(&w, i, "ke") ||
			          (rej && wis(&w, i, "oleh"));
			bool ord = wis(&w, i, "memerintahkan") || wis(&w, i, "menugaskan") ||
			           wis(&w, i, "menyurati") || wis(&w, i, "mendisposisikan") ||
			           wis(&w, i, "menginstruksikan");
			if (!to && !ord)
				continue;
			int len, k = mention_at(x, &w, i + 1, &len);
			if (k < 0 && (wis(&w, i + 1, "anggota") || wis(&w, i + 1, "seluruh")))
				k = mention_at(x, &w, i + 2, &len);
			if (k < 0)
				continue;
			if (ord && !rej)
				*order = k;
			else if (rej)
				*back = k;
			else
				*fwd = k;
		}
		*e = save;
		p = *e ? e + 1 : e;
		if (save == '\0')
			break;
	}
}

/* ---- the passes ------------------------------------------------------------ */

static void why(Ctx *x, int k, const char *field, const char *value, const char *reason)
{
	imp_guess(x->im, k + 1, field, value, reason);
	json_object_set_new(x->why[k], field, json_string(reason));
}

/* Whether the word before p says a state ("yang telah ditandatangani"), not an act. */
static bool stative(const char *low, const char *p)
{
	static const char *const before[] = {"telah ", "sudah ", "akan ", "yang ", "siap "};
	for (size_t i = 0; i < COUNT(before); i++) {
		size_t n = strlen(before[i]);
		if ((size_t)(p - low) >= n && strncmp(p - n, before[i], n) == 0)
			return true;
	}
	return false;
}

static bool any_of(const char *low, const char *const *w, size_t n, const char **at)
{
	const char *best = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *p = strstr(low, w[i]);
		while (p && stative(low, p))
			p = strstr(p + 1, w[i]);
		if (p && (!best || p < best))
			best = p;
	}
	if (at)
		*at = best;
	return best != NULL;
}

static const char *const sign_words[] = {"ditandatangani", "menandatangani", "ditanda-tangani",
                                         "tanda tangan",   "pengesahan",     "mengesahkan",
                                         "disahkan"};
static const char *const paraf_words[] = {"paraf"};
static const char *const archive_words[] = {"mengarsipkan", "pengarsipan", "diarsipkan",
                                            "mendokumentasikan"};
static const char *const compile_words[] = {"menghimpun",   "mengompilasi", "mengkompilasi",
                                            "rekapitulasi", "merekap",      "dikompilasi"};
static const char *const distribute_words[] = {"menggandakan", "mendistribusikan", "penggandaan",
                                               "pendistribusian"};
static const char *const draft_words[] = {"membuat draft",   "menyusun draft", "membuat konsep",
                                          "menyusun konsep", "mempersiapkan",  "menyiapkan"};
static const char *const order_words[] = {"memerintahkan", "menugaskan", "intruksi",
                                          "instruksi",     "menyurati",  "mendisposisikan"};

/* The action of step k from its verbs; NULL when none fits. */
static const char *action_of(Ctx *x, int k, const char *low, bool team_actor, bool group_actor,
                             const char **reason)
{
	if (has(low, "menyurati") || (has(low, "permintaan data") && k == 0 &&
	                              !any_of(low, order_words, COUNT(order_words), NULL))) {
		*reason = "a request for data goes out to the units";
		return "data.request";
	}
	const char *order_at = NULL;
	any_of(low, order_words, COUNT(order_words), &order_at);
	/* What follows an order is the ordered person's work, unless a team orders its members. */
	char *mine = (char *)low;
	if (order_at && !team_actor)
		mine = arena_strndup(x->im->a, low, (size_t)(order_at - low));
	const char *s_at, *p_at;
	bool sign = any_of(mine, sign_words, COUNT(sign_words), &s_at);
	bool paraf = any_of(mine, paraf_words, COUNT(paraf_words), &p_at);
	if (paraf && (!sign || p_at < s_at)) {
		*reason = "\"paraf\" in the activity";
		return "paraf";
	}
	if (sign) {
		*reason = "signing (\"ditandatangani\", \"pengesahan\") in the activity";
		return "sign";
	}
	if (any_of(mine, archive_words, COUNT(archive_words), NULL)) {
		*reason = "archiving (\"mengarsipkan\") in the activity";
		return "archive";
	}
	if (strncmp(low, "membentuk tim", 13) == 0 || strncmp(low, "pembentukan tim", 15) == 0) {
		*reason = "\"membentuk tim\": a team is appointed";
		return "team.form";
	}
	if ((has(mine, "lkj") || has(mine, "lkip") || has(mine, "laporan kinerja")) &&
	    (strncmp(mine, "menyusun", 8) == 0 || strncmp(mine, "penyusunan", 10) == 0 ||
	     (team_actor && any_of(mine, compile_words, COUNT(compile_words), NULL)))) {
		*reason = "the Laporan Kinerja is drafted or assembled here";
		return "lkj.draft";
	}
	if (any_of(mine, compile_words, COUNT(compile_words), NULL)) {
		*reason = "compiling (\"menghimpun\", \"mengompilasi\", \"rekapitulasi\")";
		return "data.compile";
	}
	if (has(mine, "menyusun perbaikan") || has(mine, "memperbaiki data")) {
		*reason = "the correction of the data is composed here";
		return "data.correct";
	}
	if (any_of(mine, distribute_words, COUNT(distribute_words), NULL)) {
		*reason = "duplicating or distributing (\"menggandakan\", \"mendistribusikan\")";
		return "doc.distribute";
	}
	if (any_of(mine, draft_words, COUNT(draft_words), NULL) &&
	    (has(mine, "draft") || has(mine, "konsep") || has(mine, "format"))) {
		*reason = "a draft is made (\"membuat draft\")";
		return "doc.draft";
	}
	if (strncmp(mine, "menyampaikan data", 17) == 0 || (group_actor && has(mine, "data"))) {
		*reason = "the units submit their data (\"menyampaikan data\")";
		return "data.submit";
	}
	return NULL;
}

/* The first actor matching pred, or -1. */
static int first_where(const Ctx *x, int what)
{
	for (int k = 0; k < x->n; k++) {
		const Actor *a = &x->actors[k];
		if ((what == 0 && a->staff) || (what == 1 && a->archivist) ||
		    (what == 2 && a->secretary) || (what == 3 && a->team))
			return k;
	}
	return -1;
}

static char *actor_id(Arena *a, const Words *w, const SopActor *done, int n_done)
{
	char id[40];
	int o = 0;
	int used = 0;
	for (int i = 0; i < w->n && used < 2; i++) {
		const char *s = w->w[i];
		if (strcmp(s, "dan") == 0 || strcmp(s, "umum") == 0)
			continue;
		if (used && strcmp(w->w[0], "kepala") == 0)
			break;
		if (used && (strcmp(w->w[0], "karo") == 0 || strcmp(w->w[0], "kadis") == 0 ||
		             strcmp(w->w[0], "kaban") == 0 || strcmp(w->w[0], "sekretaris") == 0 ||
		             strcmp(w->w[0], "staf") == 0 || strcmp(w->w[0], "pelaksana") == 0 ||
		             strcmp(w->w[0], "arsiparis") == 0))
			break;
		for (const char *p = s; *p && o < 28; p++)
			if (isalnum((unsigned char)*p))
				id[o++] = (char)*p;
		if (o < 28 && i + 1 < w->n && used == 0)
			id[o++] = '_';
		used++;
	}
	while (o > 0 && id[o - 1] == '_')
		o--;
	if (o == 0)
		id[o++] = 'x';
	if (isdigit((unsigned char)id[0])) {
		memmove(id + 2, id, (size_t)o);
		id[0] = 'a';
		id[1] = '_';
		o += 2;
	}
	id[o] = '\0';
	char *out = arena_strdup(a, id);
	for (int n = 2;; n++) {
		bool clash = false;
		for (int k = 0; k < n_done; k++)
			clash |= strcmp(done[k].id, out) == 0;
		if (!clash)
			return out;
		out = arena_printf(a, "%s_%d", id, n);
	}
}

/* The actor an activity starts with, or -1. */
static int starts_with_actor(Ctx *x, const char *activity)
{
	Words w;
	int len;
	words_of(x->im->a, activity, &w, MAX_TOK);
	return mention_at(x, &w, 0, &len);
}

static const char *stated(const char *label)
{
	return label;
}

void imp_infer(Imp *im)
{
	Arena *a = im->a;
	ImpTable *t = &im->table;
	Sop *sop = im->sop;
	Ctx x = {.im = im, .n = t->n_actors, .top = -1};
	x.actors = arena_alloc(a, sizeof *x.actors * (size_t)(t->n_actors + 1));
	sop->n_actors = t->n_actors;
	sop->actors = arena_alloc(a, sizeof *sop->actors * (size_t)(t->n_actors + 1));
	for (int k = 0; k < t->n_actors; k++) {
		Actor *ac = &x.actors[k];
		words_of(a, t->actors[k], &ac->words, MAX_TOK);
		if (ac->words.n == 0)
			words_of(a, "x", &ac->words, MAX_TOK);
		const char *w0 = ac->words.w[0];
		char *low = imp_lower(a, t->actors[k]);
		ac->top = strcmp(w0, "kadis") == 0 || strcmp(w0, "kaban") == 0 ||
		          strcmp(w0, "karo") == 0 || (strcmp(w0, "kepala") == 0);
		ac->group = has(low, "bagian-bagian") || has(low, "bidang-bidang") ||
		            has(low, "bidang - bidang") || has(low, "bagian - bagian") ||
		            (has(low, " dan jf") && !has(low, "staf")) || has(low, "seluruh") ||
		            has(low, "unit kerja");
		ac->team = strcmp(w0, "tim") == 0;
		ac->staff = strcmp(w0, "staf") == 0 || strcmp(w0, "pelaksana") == 0 ||
		            (strcmp(w0, "jabatan") == 0 && ac->words.n > 1) ||
		            strcmp(w0, "jf") == 0 || strcmp(w0, "operator") == 0 ||
		            strcmp(w0, "fungsional") == 0;
		ac->archivist = strcmp(w0, "arsiparis") == 0;
		ac->secretary = strcmp(w0, "sekretaris") == 0;
		if (ac->top && x.top < 0)
			x.top = k;
		SopActor *sa = &sop->actors[k];
		sa->label = t->actors[k];
		sa->group = ac->group;
		sa->team = ac->team;
		sa->id = actor_id(a, &ac->words, sop->actors, k);
	}
	/* A "Kepala" column is the head only when no Kadis/Kaban/Karo is. */
	int n = t->n_rows;
	sop->n_steps = n;
	sop->steps = arena_alloc(a, sizeof *sop->steps * (size_t)n);
	x.why = arena_alloc(a, sizeof(json_t *) * (size_t)n);
	int *actor = arena_alloc(a, sizeof(int) * (size_t)n);
	int *fwd = arena_alloc(a, sizeof(int) * (size_t)n);
	int *back = arena_alloc(a, sizeof(int) * (size_t)n);
	int *order = arena_alloc(a, sizeof(int) * (size_t)n);
	bool *reject = arena_alloc(a, sizeof(bool) * (size_t)n);
	bool *decision = arena_alloc(a, sizeof(bool) * (size_t)n);
	int *label_reject = arena_alloc(a, sizeof(int) * (size_t)n);
	int *label_actor = arena_alloc(a, sizeof(int) * (size_t)n);
	for (int k = 0; k < n; k++) {
		x.why[k] = json_object();
		label_actor[k] = -1;
		clauses(&x, t->rows[k].activity, &fwd[k], &back[k], &order[k], &reject[k]);
	}
	/* ya/tidak labels: the decision lies between a "tidak" and the "ya" after it. */
	for (int k = 0; k < n; k++) {
		if (!t->rows[k].tidak_col)
			continue;
		int y = -1;
		for (int j = k; j < n && j <= k + 2; j++)
			if (t->rows[j].ya_col) {
				y = j;
				break;
			}
		int d = y < 0 ? k : y - k >= 2 ? k + 1 : y;
		decision[d] = true;
		label_reject[d] = k < d ? k + 1 : 0;
		if (!t->layout)
			label_actor[d] = t->rows[k].tidak_col - 1;
		else if (y >= 0)
			label_actor[d] =
			        t->rows[y].ya_col - 1; /* "Ya" leaves the diamond downward */
	}
	for (int k = 0; k < n; k++) {
		ImpRow *r = &t->rows[k];
		SopStep *st = &sop->steps[k];
		st->no = r->no;
		st->activity = r->activity;
		st->inputs = r->inputs;
		st->output = r->output;
		st->note = r->note;
		char *low = imp_lower(a, r->activity);
		bool end_row = strcmp(low, "selesai") == 0 || strcmp(low, "selesai.") == 0;
		Words w;
		words_of(a, r->activity, &w, MAX_TOK);
		int len, named = -1;
		/* 1. An actor named at the start (after at most one word, e.g. "Kegiatan"). */
		for (int i = 0; i < 1 && i < w.n && named < 0; i++) {
			named = mention_at(&x, &w, i, &len);
			if (named >= 0 && i + len < w.n &&
			    (wis(&w, i + len, "untuk") || wis(&w, i + len, "dan")))
				named = -1;
		}
		/* 2. The agent after "oleh", outside a "tidak" clause. */
		int agent = -1;
		for (int i = 0; i + 1 < w.n && named < 0; i++)
			if (wis(&w, i, "pj")) {
				/* "(PJ SAKIP Tim/Bagian)": the person in charge names the team. */
				agent = mention_at(&x, &w, i, &len);
				if (agent >= 0)
					break;
			} else if (wis(&w, i, "oleh") && (i == 0 || !wis(&w, i - 1, "kembali"))) {
				agent = mention_at(&x, &w, i + 1, &len);
				if (agent < 0)
					agent = mention_at(&x, &w, i + 2, &len);
				if (agent >= 0)
					break;
			}
		const char *reason = NULL;
		int who = -1, named_next = -1;
		const char *action_reason = NULL;
		if (end_row && k > 0) {
			who = actor[k - 1];
			reason = "the closing \"selesai\" row: the last actor";
		} else if (named >= 0) {
			who = named;
			reason = "named at the start of the activity";
		} else if (agent >= 0) {
			who = agent;
			reason = "named as the agent (\"oleh ...\")";
		} else if (label_actor[k] >= 0) {
			who = label_actor[k];
			reason = "the decision's ya/tidak labels are in this actor's column";
		} else if (k > 0 && fwd[k - 1] >= 0 && fwd[k - 1] != fwd[k]) {
			who = fwd[k - 1];
			reason = "the previous step hands over to this actor (\"kepada ...\")";
		} else if (k > 0 && order[k - 1] >= 0 && order[k - 1] != fwd[k]) {
			who = order[k - 1];
			reason = "ordered in the previous step (\"memerintahkan ...\")";
		}
		if (who < 0) {
			/* 6. The usual holder of the verb. */
			const char *ar;
			const char *act = action_of(&x, k, low, false, false, &ar);
			bool is_order = any_of(low, order_words, COUNT(order_words), NULL);
			int staff = first_where(&x, 0), arch = first_where(&x, 1),
			    sec = first_where(&x, 2);
			int teamk = first_where(&x, 3);
			int worker = staff >= 0 ? staff : teamk;
			int prev = k > 0 ? actor[k - 1] : -1;
			if (act && !strcmp(act, "sign") && x.top >= 0) {
				who = x.top;
				reason = "signing is the head's (no actor named)";
			} else if (act && !strcmp(act, "paraf") && sec >= 0 && prev != sec) {
				who = sec;
				reason = "initialling (paraf) is the Sekretaris's (no actor named)";
			} else if (act && !strcmp(act, "archive") && (arch >= 0 || worker >= 0)) {
				who = arch >= 0 ? arch : worker;
				reason = "archiving is done by staff (no actor named)";
			} else if (act &&
			           (!strcmp(act, "doc.distribute") || !strcmp(act, "doc.draft")) &&
			           worker >= 0) {
				who = worker;
				reason = "drafting and distributing are done by staff (no actor "
				         "named)";
			} else if (k == 0 && is_order && x.top >= 0) {
				who = x.top;
				reason = "an order or request opens the procedure: the head's (no "
				         "actor named)";
			} else if (k > 0 && fwd[k - 1] >= 0 && fwd[k - 1] == fwd[k] &&
			           worker >= 0) {
				who = worker;
				reason = "the step hands over to the same actor as the previous "
				         "one, so it is "
				         "neither's: taken as the staff's work";
			} else if (k > 0 && sop->steps[k - 1].kind == SOP_DECISION &&
			           sop->steps[k - 1].on_reject > 0 && fwd[k - 1] < 0) {
				who = actor[sop->steps[k - 1].on_reject - 1];
				reason = "after the decision the document goes back down to the "
				         "one who "
				         "submitted it";
			} else if (k == 0 && worker >= 0 && !is_order) {
				who = worker;
				reason = "the first step's work, done by staff or a team (no actor "
				         "named)";
			} else if ((has(low, "keputusan") || has(low, "memutuskan")) &&
			           x.top >= 0) {
				who = x.top;
				reason = "a final decision is the head's (no actor named)";
			} else if (k > 0 && k + 1 < n && order[k - 1] < 0 &&
			           any_of(imp_lower(a, t->rows[k - 1].activity), order_words,
			                  COUNT(order_words), NULL) &&
			           (named_next = starts_with_actor(&x, t->rows[k + 1].activity)) >=
			                   0) {
				who = named_next;
				reason = "the previous step's order names nobody: taken as the "
				         "work of the "
				         "actor who reports it in the next step";
			} else if (prev >= 0) {
				who = prev;
				reason = "no actor named: the previous step's actor";
			} else {
				who = x.top >= 0 && is_order ? x.top : 0;
				reason = "no actor named: the first column";
			}
		}
		/* The head does not upload, compile or type: the last other actor does. */
		static const char *const clerical[] = {
		        "meng-upload", "upload",           "mengunggah",    "menyusun",
		        "penyusunan",  "mengompilasi",     "mengkompilasi", "menginput",
		        "mengentri",   "mendokumentasikan"};
		if (who == x.top && named < 0 && agent < 0 && w.n > 0 && k > 0) {
			bool clerk = false;
			for (size_t q = 0; q < COUNT(clerical); q++)
				clerk |= strncmp(low, clerical[q], strlen(clerical[q])) == 0;
			for (int j = k - 1; clerk && j >= 0; j--)
				if (actor[j] != x.top) {
					who = actor[j];
					reason = "clerical work (upload, compiling, drafting) is "
					         "not the head's: "
					         "the last other actor's";
					break;
				}
		}
		actor[k] = who;
		st->actor = sop->actors[who].id;
		why(&x, k, "actor", st->actor, reason);
		/* Decisions and where a "tidak" goes. */
		st->kind = SOP_PROCESS;
		if ((reject[k] || decision[k]) && !end_row) {
			st->kind = SOP_DECISION;
			why(&x, k, "kind", "decision",
			    reject[k] ? "the activity says where a rejection goes (\"jika tidak "
			                "setuju\", "
			                "\"jika ada perbaikan\")"
			              : "ya/tidak labels around the step");
			int target = -1;
			const char *tr = NULL;
			if (back[k] >= 0) {
				for (int j = k - 1; j >= 0; j--)
					if (actor[j] == back[k]) {
						target = j;
						tr = "the latest earlier step of the actor named "
						     "in the \"tidak\" branch";
						break;
					}
				if (target < 0 && k > 0) {
					/* The named actor has no step yet: the step before is
					 * theirs. */
					target = k - 1;
					if (actor[k - 1] != back[k]) {
						actor[k - 1] = back[k];
						sop->steps[k - 1].actor = sop->actors[back[k]].id;
						json_object_set_new(
						        x.why[k - 1], "actor",
						        json_string(
						                "the next step returns its work to "
						                "this actor for correction"));
						imp_guess(im, k, "actor", sop->steps[k - 1].actor,
						          "the next step returns its work to this "
						          "actor for correction");
					}
					tr = "the step before, whose actor the \"tidak\" branch "
					     "names";
				}
			}
			if (target < 0 && label_reject[k] > 0) {
				target = label_reject[k] - 1;
				tr = "the step where the \"tidak\" label stands";
			}
			if (target < 0 && k > 0) {
				target = k - 1;
				tr = "no return target named: the step before";
			}
			if (target >= 0) {
				st->on_reject = target + 1;
				char v[16];
				snprintf(v, sizeof v, "%d", target + 1);
				why(&x, k, "on_reject", v, tr);
			} else {
				st->kind = SOP_PROCESS;
				imp_warn(im,
				         "step %d reads as a decision but nothing precedes it; "
				         "kept as a process",
				         k + 1);
			}
		}
		if (sop->actors[who].group && st->kind == SOP_DECISION) {
			st->kind = SOP_PROCESS;
			st->on_reject = 0;
			imp_warn(im, "step %d: a group actor cannot decide; kept as a process",
			         k + 1);
		}
		(void)action_reason;
		/* Participants: a meeting or coordination with another actor. */
		for (int i = 0; i + 2 < w.n; i++) {
			if (!(wis(&w, i, "rapat") || wis(&w, i, "berkoordinasi") ||
			      wis(&w, i, "bersama")))
				continue;
			int j = i + 1;
			if (wis(&w, j, "bersama"))
				j++;
			if (wis(&w, j, "dengan"))
				j++;
			int p = mention_at(&x, &w, j, &len);
			if (p >= 0 && p != who && st->participants.n == 0) {
				st->participants.items = arena_alloc(a, sizeof(char *));
				st->participants.items[0] = sop->actors[p].id;
				st->participants.n = 1;
				why(&x, k, "participants", sop->actors[p].id,
				    "a meeting or coordination with this actor");
			}
			break;
		}
		/* Waktu. */
		if (r->waktu) {
			if (!imp_parse_waktu(r->waktu, t->minutes, &st->duration)) {
				imp_warn(im,
				         "step %d: the Waktu \"%s\" is not understood; left empty",
				         k + 1, r->waktu);
				memset(&st->duration, 0, sizeof st->duration);
			}
		} else if (!end_row) {
			imp_warn(im, "step %d: no Waktu", k + 1);
		}
		if (end_row) {
			st->kind = SOP_END;
			why(&x, k, "kind", "end", "the \"selesai\" row ends the procedure");
		}
	}
	/* Actions, once every actor is settled (a team's step reads differently). */
	for (int k = 0; k < n; k++) {
		SopStep *st = &sop->steps[k];
		if (st->kind == SOP_END && k < n - 1)
			continue;
		char *low = imp_lower(a, st->activity);
		if (strcmp(low, "selesai") == 0)
			continue;
		const char *reason = NULL;
		const char *act = action_of(&x, k, low, x.actors[actor[k]].team,
		                            x.actors[actor[k]].group, &reason);
		if (!act && st->kind == SOP_DECISION && fwd[k] >= 0 && fwd[k] != actor[k]) {
			act = "paraf";
			reason = "an approval passed upward is initialled";
		}
		if (act) {
			st->action = act;
			why(&x, k, "action", act, reason);
		}
	}
	/* The last step ends the case. */
	if (n > 0 && sop->steps[n - 1].kind == SOP_PROCESS) {
		sop->steps[n - 1].kind = SOP_END;
		why(&x, n - 1, "kind", "end", "the last step ends the procedure");
	}
	/* A group actor with no step of its own receives a distribution. */
	for (int g = 0; g < x.n; g++) {
		if (!x.actors[g].group)
			continue;
		bool used = false;
		for (int k = 0; k < n; k++)
			used |= actor[k] == g;
		for (int k = 0; k < n && !used; k++) {
			SopStep *st = &sop->steps[k];
			if (st->action && !strcmp(st->action, "doc.distribute") &&
			    has(imp_lower(a, st->activity), "mendistribusikan") &&
			    st->participants.n == 0) {
				st->participants.items = arena_alloc(a, sizeof(char *));
				st->participants.items[0] = sop->actors[g].id;
				st->participants.n = 1;
				why(&x, k, "participants", sop->actors[g].id,
				    "the group receives the distribution");
				break;
			}
		}
	}
	for (int k = 0; k < n; k++) {
		json_t *extra = json_object();
		if (json_object_size(x.why[k]))
			json_object_set(extra, "inferred", x.why[k]);
		if (json_object_size(extra)) {
			char *s = json_dumps(extra, JSON_COMPACT | JSON_PRESERVE_ORDER);
			sop->steps[k].extra = arena_strdup(a, s);
			free(s);
		}
		json_decref(extra);
		json_decref(x.why[k]);
	}
	(void)stated;
	/* Notes and the source. */
	const char **notes = arena_alloc(a, sizeof(char *) * 2);
	notes[0] =
	        arena_printf(a,
	                     "Proposed by sakip sop import from %s (lines %d-%d). The flowchart "
	                     "symbols are lost in a text export: each step's \"inferred\" object "
	                     "gives the reason for every guessed field; check them before "
	                     "activating this version.",
	                     im->name, im->lines[0].no, im->lines[im->n_lines - 1].no);
	sop->notes.items = notes;
	sop->notes.n = 1;
	json_t *top = json_object();
	json_object_set_new(top, "source", json_string(im->name));
	char *s = json_dumps(top, JSON_COMPACT);
	sop->extra = arena_strdup(a, s);
	free(s);
	json_decref(top);
}
