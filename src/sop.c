/*
** sop.c: the SOP model's vocabularies (kinds, duration units, actions) and
** sop_validate(), which checks a parsed SOP against the rules of
** doc/sop-format.md and says precisely which step or field is wrong.
**
** Parsing and writing JSON is in sop_json.c; storage in sop_store.c.
*/
#include "sop.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"process", "decision", "end"};
static const char *const unit_names[] = {"minute", "hour",  "day",     "workday",
                                         "week",   "month", "per_case"};
/* Keep in step with the table in doc/sop-format.md. */
static const char *const action_names[] = {
        "paraf",        "sign",      "archive",   "data.request",   "data.submit", "data.compile",
        "data.correct", "team.form", "doc.draft", "doc.distribute", "lkj.draft",
};

const char *sop_kind_name(SopKind k)
{
	return kind_names[k];
}

int sop_kind_parse(const char *s, SopKind *out)
{
	for (size_t i = 0; i < COUNT(kind_names); i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (SopKind)i;
			return 0;
		}
	return -1;
}

const char *sop_unit_name(SopUnit u)
{
	return unit_names[u];
}

int sop_unit_parse(const char *s, SopUnit *out)
{
	for (size_t i = 0; i < COUNT(unit_names); i++)
		if (strcmp(s, unit_names[i]) == 0) {
			*out = (SopUnit)i;
			return 0;
		}
	return -1;
}

bool sop_action_known(const char *s)
{
	for (size_t i = 0; i < COUNT(action_names); i++)
		if (strcmp(s, action_names[i]) == 0)
			return true;
	return false;
}

const char *sop_actions_list(void)
{
	return "paraf, sign, archive, data.request, data.submit, data.compile, "
	       "data.correct, team.form, doc.draft, doc.distribute, lkj.draft";
}

/* A real calendar date written YYYY-MM-DD. */
bool sop_date_valid(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

static bool code_char(char c, bool allow_dot)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       (allow_dot && c == '.');
}

bool sop_code_valid(const char *code)
{
	size_t n = code ? strlen(code) : 0;
	if (n == 0 || n > 64 || str_is_digits(code))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!code_char(code[i], true))
			return false;
	return true;
}

static bool actor_id_valid(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!code_char(id[i], false) || id[i] == '-')
			return false;
	return true;
}

const SopActor *sop_actor(const Sop *sop, const char *id)
{
	for (int i = 0; i < sop->n_actors; i++)
		if (id && strcmp(sop->actors[i].id, id) == 0)
			return &sop->actors[i];
	return NULL;
}

const SopStep *sop_step(const Sop *sop, int no)
{
	for (int i = 0; i < sop->n_steps; i++)
		if (sop->steps[i].no == no)
			return &sop->steps[i];
	return NULL;
}

static int step_index(const Sop *sop, int no)
{
	for (int i = 0; i < sop->n_steps; i++)
		if (sop->steps[i].no == no)
			return i;
	return -1;
}

int sop_step_next(const Sop *sop, const SopStep *st)
{
	if (st->kind == SOP_END)
		return 0;
	if (st->next)
		return st->next;
	long i = st - sop->steps;
	return i + 1 < sop->n_steps ? sop->steps[i + 1].no : 0;
}

#define PROBLEM(...) (buf_printf(err, __VA_ARGS__), buf_putc(err, '\n'), n++)

static int validate_identity(const Sop *sop, Buf *err)
{
	int n = 0;
	if (!sop_code_valid(sop->code))
		PROBLEM("code: \"%s\" is not a valid code (1 to 64 of a-z, 0-9, '-', '.', '_', "
		        "not only digits)",
		        sop->code ? sop->code : "");
	if (str_empty_or_blank(sop->name))
		PROBLEM("name: the SOP has no name (Nama SOP)");
	const char *dates[] = {sop->created, sop->revised, sop->effective};
	const char *names[] = {"created", "revised", "effective"};
	for (int i = 0; i < 3; i++)
		if (dates[i] && !sop_date_valid(dates[i]))
			PROBLEM("dates.%s: \"%s\" is not a date written YYYY-MM-DD between 1900 "
			        "and 2200",
			        names[i], dates[i]);
	const char *nip = sop->approved_by.nip;
	if (nip && (strlen(nip) != 18 || !str_is_digits(nip)))
		PROBLEM("approved_by.nip: \"%s\" is not a NIP of 18 digits", nip);
	return n;
}

static int validate_actors(const Sop *sop, Buf *err)
{
	int n = 0;
	if (sop->n_actors == 0)
		PROBLEM("actors: the SOP has no actors (Pelaksana)");
	for (int i = 0; i < sop->n_actors; i++) {
		const SopActor *a = &sop->actors[i];
		if (!actor_id_valid(a->id))
			PROBLEM("actors[%d].id: \"%s\" is not a valid actor id (1 to 32 of a-z, "
			        "0-9, '_')",
			        i, a->id);
		if (str_empty_or_blank(a->label))
			PROBLEM("actors[%d] (%s): label is empty", i, a->id);
		for (int j = 0; j < i; j++)
			if (strcmp(sop->actors[j].id, a->id) == 0)
				PROBLEM("actors[%d]: duplicate actor id \"%s\" (also actors[%d])",
				        i, a->id, j);
	}
	return n;
}

/* The largest amount per unit (minute..month): a year's worth, generously. */
static const double unit_max[] = {120000, 2000, 366, 260, 52, 12, 0};

static int validate_duration(const SopStep *st, Buf *err)
{
	int n = 0;
	const SopDuration *d = &st->duration;
	if (!d->present)
		return 0;
	if (d->unit == SOP_PER_CASE) {
		if (d->has_min || d->has_max)
			PROBLEM("step %d: duration: a per_case duration has no min or max", st->no);
		return n;
	}
	if (!d->has_min && !d->has_max)
		PROBLEM("step %d: duration: unit %s needs min or max", st->no,
		        sop_unit_name(d->unit));
	if ((d->has_min && d->min < 0) || (d->has_max && d->max < 0))
		PROBLEM("step %d: duration: negative time", st->no);
	double top = unit_max[d->unit];
	if ((d->has_min && d->min > top) || (d->has_max && d->max > top))
		PROBLEM("step %d: duration: more than %g %s; a time standard is at most a year",
		        st->no, top, sop_unit_name(d->unit));
	if (d->has_min && d->has_max && d->min > d->max)
		PROBLEM("step %d: duration: min %g is greater than max %g", st->no, d->min, d->max);
	return n;
}

static int validate_step(const Sop *sop, int i, Buf *err)
{
	int n = 0;
	const SopStep *st = &sop->steps[i];
	if (st->no < 1)
		PROBLEM("steps[%d]: step number %d must be 1 or more", i, st->no);
	for (int j = 0; j < i; j++)
		if (sop->steps[j].no == st->no)
			PROBLEM("step %d: duplicate step number (steps[%d] and steps[%d])", st->no,
			        j, i);
	if (str_empty_or_blank(st->activity))
		PROBLEM("step %d: empty activity", st->no);
	if (!sop_actor(sop, st->actor))
		PROBLEM("step %d: unknown actor \"%s\"", st->no, st->actor ? st->actor : "");
	for (int k = 0; k < st->participants.n; k++)
		if (!sop_actor(sop, st->participants.items[k]))
			PROBLEM("step %d: participants[%d]: unknown actor \"%s\"", st->no, k,
			        st->participants.items[k]);
	if (st->action && !sop_action_known(st->action))
		PROBLEM("step %d: unknown action \"%s\" (known: %s)", st->no, st->action,
		        sop_actions_list());
	if (st->next) {
		if (step_index(sop, st->next) < 0)
			PROBLEM("step %d: next %d is not a step of this SOP", st->no, st->next);
		else if (st->next == st->no)
			PROBLEM("step %d: next points to the step itself", st->no);
		if (st->kind == SOP_END)
			PROBLEM("step %d: an end step has no next (next is %d)", st->no, st->next);
	}
	const SopActor *actor = sop_actor(sop, st->actor);
	if (actor && actor->group && st->kind == SOP_DECISION)
		PROBLEM("step %d: a decision is made by one official; \"%s\" is a group of units",
		        st->no, actor->label);
	if (actor && actor->group && !st->duration.present)
		PROBLEM("step %d: a step for a group of units needs a Waktu (a deadline), so that "
		        "it "
		        "can be closed for the units that do not answer",
		        st->no);
	if (st->kind == SOP_DECISION) {
		int r = st->on_reject ? step_index(sop, st->on_reject) : -1;
		if (!st->on_reject)
			PROBLEM("step %d: a decision needs on_reject, the earlier step a "
			        "\"tidak\" returns to",
			        st->no);
		else if (r < 0)
			PROBLEM("step %d: on_reject %d is not a step of this SOP", st->no,
			        st->on_reject);
		else if (r >= i)
			PROBLEM("step %d: return target not earlier: on_reject %d must be a step "
			        "before %d",
			        st->no, st->on_reject, st->no);
	} else if (st->on_reject) {
		PROBLEM("step %d: on_reject is only for decisions (kind is %s)", st->no,
		        sop_kind_name(st->kind));
	}
	if (i == sop->n_steps - 1 && st->kind != SOP_END && !st->next)
		PROBLEM("step %d: no end: the last step is not kind \"end\" and has no next",
		        st->no);
	return n + validate_duration(st, err);
}

/*
** Walk from the first step along next and on_reject. Every step must be
** reached, and an end step must be among them. Only run on an SOP whose
** references are sound.
*/
static int validate_flow(const Sop *sop, Buf *err)
{
	int n = 0;
	char *seen = xcalloc((size_t)sop->n_steps, 1);
	int *queue = xmalloc(sizeof(int) * (size_t)sop->n_steps);
	int head = 0, tail = 0;
	bool end_reached = false;
	seen[0] = 1;
	queue[tail++] = 0;
	while (head < tail) {
		const SopStep *st = &sop->steps[queue[head++]];
		if (st->kind == SOP_END)
			end_reached = true;
		int targets[2] = {sop_step_next(sop, st), st->on_reject};
		for (int k = 0; k < 2; k++) {
			int j = targets[k] ? step_index(sop, targets[k]) : -1;
			if (j >= 0 && !seen[j]) {
				seen[j] = 1;
				queue[tail++] = j;
			}
		}
	}
	for (int i = 0; i < sop->n_steps; i++)
		if (!seen[i])
			PROBLEM("step %d: unreachable step: no next or on_reject leads to it from "
			        "step %d",
			        sop->steps[i].no, sop->steps[0].no);
	if (!end_reached)
		PROBLEM("steps: no end: no step of kind \"end\" can be reached from step %d",
		        sop->steps[0].no);
	free(seen);
	free(queue);
	return n;
}

int sop_validate(const Sop *sop, Buf *err)
{
	int n = validate_identity(sop, err) + validate_actors(sop, err);
	if (sop->n_steps == 0) {
		buf_puts(err, "steps: the SOP has no steps\n");
		return n + 1;
	}
	int step_problems = 0;
	for (int i = 0; i < sop->n_steps; i++)
		step_problems += validate_step(sop, i, err);
	/* The walk needs sound references and unique numbers. */
	if (step_problems == 0)
		n += validate_flow(sop, err);
	return n + step_problems;
}
