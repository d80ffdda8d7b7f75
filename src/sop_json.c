/*
** sop_json.c: the canonical JSON form of an SOP, sakip.sop/1
** (doc/sop-format.md), read and written with jansson.
**
** sop_parse() checks encoding, syntax and the type of every listed key,
** and names the field at fault ("steps[3].duration.min: expected a
** number, found a string"). Keys it does not know are kept verbatim in the
** `extra` strings and written back by sop_write(), so a round trip loses
** nothing. The rules between fields (actors exist, returns go back, ...)
** are sop_validate()'s business, in sop.c.
*/
#include "sop.h"
#include "util_json.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* A step number or reference: 1 to 100000, or 0 for null or absent. */
static int get_step_no(JsonIn *p, json_t *obj, const char *key, const char *path, bool required)
{
	json_t *v = jin_typed(p, obj, key, path, JSON_INTEGER, "an integer");
	if (!v) {
		if (required && !json_object_get(obj, key))
			jin_error(p, path, "missing; an integer is required");
		return 0;
	}
	json_int_t i = json_integer_value(v);
	if (i < 1 || i > 100000) {
		jin_error(p, path, "%lld is not a step number (1 to 100000)", (long long)i);
		return 0;
	}
	return (int)i;
}

static bool get_number(JsonIn *p, json_t *obj, const char *key, const char *path, double *out)
{
	json_t *v = jin_typed(p, obj, key, path, JSON_REAL, "a number");
	if (v)
		*out = json_number_value(v);
	return v != NULL;
}

static SopList get_list(JsonIn *p, json_t *obj, const char *key, const char *path)
{
	SopList l = {NULL, 0};
	json_t *v = jin_typed(p, obj, key, path, JSON_ARRAY, "an array of strings");
	if (!v)
		return l;
	l.items = arena_alloc(p->a, sizeof(char *) * (json_array_size(v) + 1));
	size_t i;
	json_t *item;
	json_array_foreach (v, i, item) {
		char ipath[160];
		snprintf(ipath, sizeof ipath, "%s[%zu]", path, i);
		const char *s = jin_text_value(p, item, ipath, true);
		if (s)
			l.items[l.n++] = s;
	}
	return l;
}

/*
** Extra values are kept, so they obey the same bounds as listed ones:
** strings up to SOP_MAX_TEXT bytes, nesting up to SOP_MAX_DEPTH.
*/
static bool extra_value_ok(JsonIn *p, json_t *v, const char *path, int depth)
{
	if (depth > SOP_MAX_DEPTH) {
		jin_error(p, path, "nested deeper than %d levels", SOP_MAX_DEPTH);
		return false;
	}
	if (json_is_string(v) && json_string_length(v) > SOP_MAX_TEXT) {
		jin_error(p, path, "text is %zu bytes; the limit is %d", json_string_length(v),
		          SOP_MAX_TEXT);
		return false;
	}
	size_t i;
	const char *key;
	json_t *item;
	if (json_is_array(v)) {
		json_array_foreach (v, i, item) {
			if (!extra_value_ok(p, item, path, depth + 1))
				return false;
		}
	} else if (json_is_object(v)) {
		json_object_foreach (v, key, item) {
			if (!extra_value_ok(p, item, path, depth + 1))
				return false;
		}
	}
	return true;
}

/* Keep the keys not in known[] as a JSON object text, for the round trip. */
static const char *get_extra(JsonIn *p, json_t *obj, const char *path, const char *const *known)
{
	json_t *extra = NULL;
	const char *key;
	json_t *v;
	json_object_foreach (obj, key, v) {
		bool listed = false;
		for (const char *const *k = known; *k; k++)
			if (strcmp(*k, key) == 0)
				listed = true;
		if (listed)
			continue;
		char kpath[200];
		snprintf(kpath, sizeof kpath, "%s%s%s", path, *path ? "." : "", key);
		if (!extra_value_ok(p, v, kpath, 1))
			continue;
		if (!extra)
			extra = json_object();
		json_object_set(extra, key, v);
	}
	if (!extra)
		return NULL;
	char *text = json_dumps(extra, JSON_COMPACT | JSON_PRESERVE_ORDER);
	const char *s = arena_strdup(p->a, text);
	free(text);
	json_decref(extra);
	return s;
}

static const char *const top_keys[] = {"format",  "code",        "version",     "number",
                                       "name",    "government",  "agency",      "unit",
                                       "dates",   "approved_by", "legal_basis", "qualifications",
                                       "related", "equipment",   "warning",     "records",
                                       "notes",   "actors",      "steps",       NULL};
static const char *const actor_keys[] = {"id", "label", "group", "team", NULL};
static const char *const step_keys[] = {"no",       "activity",     "actor", "kind", "inputs",
                                        "duration", "output",       "note",  "next", "on_reject",
                                        "action",   "participants", NULL};

static void parse_duration(JsonIn *p, json_t *st, const char *spath, SopStep *step)
{
	char path[160];
	snprintf(path, sizeof path, "%s.duration", spath);
	json_t *d = jin_object(p, st, "duration", path);
	if (!d)
		return;
	SopDuration *dur = &step->duration;
	dur->present = true;
	char fpath[200];
	snprintf(fpath, sizeof fpath, "%s.min", path);
	dur->has_min = get_number(p, d, "min", fpath, &dur->min);
	snprintf(fpath, sizeof fpath, "%s.max", path);
	dur->has_max = get_number(p, d, "max", fpath, &dur->max);
	snprintf(fpath, sizeof fpath, "%s.text", path);
	dur->text = jin_text(p, d, "text", fpath, false);
	snprintf(fpath, sizeof fpath, "%s.unit", path);
	const char *unit = jin_text(p, d, "unit", fpath, true);
	if (unit && sop_unit_parse(unit, &dur->unit) != 0)
		jin_error(p, fpath,
		          "unknown unit \"%s\" (known: minute, hour, day, workday, week, month, "
		          "per_case)",
		          unit);
	static const char *const keys[] = {"min", "max", "unit", "text", NULL};
	jin_check_keys(p, d, path, keys, "min, max, unit, text");
}

static void parse_step(JsonIn *p, json_t *st, size_t i, SopStep *step)
{
	char path[64], f[160];
	snprintf(path, sizeof path, "steps[%zu]", i);
	if (!json_is_object(st)) {
		jin_error(p, path, "expected an object, found %s", jin_type_name(st));
		return;
	}
#define F(k) (snprintf(f, sizeof f, "%s.%s", path, k), f)
	step->no = get_step_no(p, st, "no", F("no"), true);
	step->activity = jin_text(p, st, "activity", F("activity"), true);
	step->actor = jin_text(p, st, "actor", F("actor"), true);
	const char *kind = jin_text(p, st, "kind", F("kind"), false);
	if (kind && sop_kind_parse(kind, &step->kind) != 0)
		jin_error(p, F("kind"), "unknown kind \"%s\" (known: process, decision, end)",
		          kind);
	step->inputs = jin_text(p, st, "inputs", F("inputs"), false);
	parse_duration(p, st, path, step);
	step->output = jin_text(p, st, "output", F("output"), false);
	step->note = jin_text(p, st, "note", F("note"), false);
	step->next = get_step_no(p, st, "next", F("next"), false);
	step->on_reject = get_step_no(p, st, "on_reject", F("on_reject"), false);
	step->action = jin_text(p, st, "action", F("action"), false);
	step->participants = get_list(p, st, "participants", F("participants"));
	step->extra = get_extra(p, st, path, step_keys);
#undef F
}

static void parse_actor(JsonIn *p, json_t *v, size_t i, SopActor *actor)
{
	char path[64], f[160];
	snprintf(path, sizeof path, "actors[%zu]", i);
	if (!json_is_object(v)) {
		jin_error(p, path, "expected an object, found %s", jin_type_name(v));
		return;
	}
	snprintf(f, sizeof f, "%s.id", path);
	actor->id = jin_text(p, v, "id", f, true);
	snprintf(f, sizeof f, "%s.label", path);
	actor->label = jin_text(p, v, "label", f, true);
	snprintf(f, sizeof f, "%s.group", path);
	actor->group = jin_bool(p, v, "group", f);
	snprintf(f, sizeof f, "%s.team", path);
	actor->team = jin_bool(p, v, "team", f);
	if (!actor->id)
		actor->id = "";
	actor->extra = get_extra(p, v, path, actor_keys);
}

static void parse_top(JsonIn *p, json_t *root, Sop *sop)
{
	const char *format = jin_text(p, root, "format", "format", true);
	if (format && strcmp(format, SOP_FORMAT) != 0)
		jin_error(p, "format", "\"%s\" is not \"%s\"", format, SOP_FORMAT);
	sop->code = jin_text(p, root, "code", "code", true);
	/* The database assigns versions; a given one must still be a number. */
	json_t *ver = jin_typed(p, root, "version", "version", JSON_INTEGER, "an integer");
	if (ver && json_integer_value(ver) > 0 && json_integer_value(ver) < 1000000)
		sop->version = (int)json_integer_value(ver);
	sop->number = jin_text(p, root, "number", "number", false);
	sop->name = jin_text(p, root, "name", "name", true);
	sop->government = jin_text(p, root, "government", "government", false);
	sop->agency = jin_text(p, root, "agency", "agency", false);
	sop->unit = jin_text(p, root, "unit", "unit", false);
	json_t *dates = jin_object(p, root, "dates", "dates");
	if (dates) {
		static const char *const keys[] = {"created", "revised", "effective", NULL};
		jin_check_keys(p, dates, "dates", keys, "created, revised, effective");
		sop->created = jin_text(p, dates, "created", "dates.created", false);
		sop->revised = jin_text(p, dates, "revised", "dates.revised", false);
		sop->effective = jin_text(p, dates, "effective", "dates.effective", false);
	}
	json_t *ab = jin_object(p, root, "approved_by", "approved_by");
	if (ab) {
		static const char *const keys[] = {"title", "name", "rank", "nip", NULL};
		jin_check_keys(p, ab, "approved_by", keys, "title, name, rank, nip");
		sop->approved_by.title = jin_text(p, ab, "title", "approved_by.title", false);
		sop->approved_by.name = jin_text(p, ab, "name", "approved_by.name", false);
		sop->approved_by.rank = jin_text(p, ab, "rank", "approved_by.rank", false);
		const char *nip = jin_text(p, ab, "nip", "approved_by.nip", false);
		if (nip) {
			/* NIPs are printed "19691024 199803 1 007"; keep the digits. */
			char *d = arena_alloc(p->a, strlen(nip) + 1), *o = d;
			for (const char *c = nip; *c; c++)
				if (*c != ' ')
					*o++ = *c;
			sop->approved_by.nip = d;
		}
	}
	sop->legal_basis = get_list(p, root, "legal_basis", "legal_basis");
	sop->qualifications = get_list(p, root, "qualifications", "qualifications");
	sop->related = get_list(p, root, "related", "related");
	sop->equipment = get_list(p, root, "equipment", "equipment");
	sop->warning = jin_text(p, root, "warning", "warning", false);
	sop->records = jin_text(p, root, "records", "records", false);
	sop->notes = get_list(p, root, "notes", "notes");
	sop->extra = get_extra(p, root, "", top_keys);
}

Sop *sop_parse(Arena *a, const char *name, const char *text, size_t n, Buf *err)
{
	JsonIn p = {a, err, 0, SOP_MAX_TEXT};
	json_t *root = jin_load(name, text, n, SOP_MAX_FILE, SOP_FORMAT, err);
	if (!root)
		return NULL;
	Sop *sop = NULL;
	sop = arena_alloc(a, sizeof *sop);
	parse_top(&p, root, sop);
	json_t *actors = jin_array(&p, root, "actors", "actors");
	if (actors && json_array_size(actors) > SOP_MAX_ACTORS) {
		jin_error(&p, "actors", "%zu actors; an SOP may have at most %d",
		          json_array_size(actors), SOP_MAX_ACTORS);
		actors = NULL;
	}
	if (actors) {
		sop->n_actors = (int)json_array_size(actors);
		sop->actors = arena_alloc(a, sizeof(SopActor) * ((size_t)sop->n_actors + 1));
		for (int i = 0; i < sop->n_actors; i++)
			parse_actor(&p, json_array_get(actors, (size_t)i), (size_t)i,
			            &sop->actors[i]);
	}
	json_t *steps = jin_array(&p, root, "steps", "steps");
	if (steps && json_array_size(steps) > SOP_MAX_STEPS) {
		jin_error(&p, "steps", "%zu steps; an SOP may have at most %d",
		          json_array_size(steps), SOP_MAX_STEPS);
		steps = NULL;
	}
	if (steps) {
		sop->n_steps = (int)json_array_size(steps);
		sop->steps = arena_alloc(a, sizeof(SopStep) * ((size_t)sop->n_steps + 1));
		for (int i = 0; i < sop->n_steps; i++)
			parse_step(&p, json_array_get(steps, (size_t)i), (size_t)i, &sop->steps[i]);
	}
	if (p.n_err)
		sop = NULL;
	json_decref(root);
	return sop;
}

/* ---- writing ---------------------------------------------------------- */

static json_t *jtext(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jlist(const SopList *l)
{
	json_t *arr = json_array();
	for (int i = 0; i < l->n; i++)
		json_array_append_new(arr, json_string(l->items[i]));
	return arr;
}

/* Whole numbers are written as integers, so "5" stays 5 and not 5.0. */
static json_t *jnumber(bool has, double v)
{
	if (!has)
		return json_null();
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *jref(int no)
{
	return no ? json_integer(no) : json_null();
}

static void add_extra(json_t *obj, const char *extra)
{
	if (!extra)
		return;
	json_t *x = json_loads(extra, 0, NULL);
	if (!x)
		fatal("sop_write: stored extra keys are not JSON: %s", extra);
	json_object_update(obj, x);
	json_decref(x);
}

static json_t *step_json(const SopStep *st)
{
	json_t *o = json_object();
	json_object_set_new(o, "no", json_integer(st->no));
	json_object_set_new(o, "activity", jtext(st->activity));
	json_object_set_new(o, "actor", jtext(st->actor));
	json_object_set_new(o, "kind", json_string(sop_kind_name(st->kind)));
	json_object_set_new(o, "inputs", jtext(st->inputs));
	if (st->duration.present) {
		const SopDuration *d = &st->duration;
		json_object_set_new(o, "duration",
		                    json_pack("{s:o, s:o, s:s, s:o}", "min",
		                              jnumber(d->has_min, d->min), "max",
		                              jnumber(d->has_max, d->max), "unit",
		                              sop_unit_name(d->unit), "text", jtext(d->text)));
	} else {
		json_object_set_new(o, "duration", json_null());
	}
	json_object_set_new(o, "output", jtext(st->output));
	json_object_set_new(o, "note", jtext(st->note));
	json_object_set_new(o, "next", jref(st->next));
	json_object_set_new(o, "on_reject", jref(st->on_reject));
	json_object_set_new(o, "action", jtext(st->action));
	json_object_set_new(o, "participants", jlist(&st->participants));
	add_extra(o, st->extra);
	return o;
}

void sop_write(const Sop *sop, Buf *out)
{
	json_t *o = json_object();
	json_object_set_new(o, "format", json_string(SOP_FORMAT));
	json_object_set_new(o, "code", jtext(sop->code));
	json_object_set_new(o, "version", jref(sop->version));
	json_object_set_new(o, "number", jtext(sop->number));
	json_object_set_new(o, "name", jtext(sop->name));
	json_object_set_new(o, "government", jtext(sop->government));
	json_object_set_new(o, "agency", jtext(sop->agency));
	json_object_set_new(o, "unit", jtext(sop->unit));
	json_object_set_new(o, "dates",
	                    json_pack("{s:o, s:o, s:o}", "created", jtext(sop->created), "revised",
	                              jtext(sop->revised), "effective", jtext(sop->effective)));
	json_object_set_new(
	        o, "approved_by",
	        json_pack("{s:o, s:o, s:o, s:o}", "title", jtext(sop->approved_by.title), "name",
	                  jtext(sop->approved_by.name), "rank", jtext(sop->approved_by.rank), "nip",
	                  jtext(sop->approved_by.nip)));
	json_object_set_new(o, "legal_basis", jlist(&sop->legal_basis));
	json_object_set_new(o, "qualifications", jlist(&sop->qualifications));
	json_object_set_new(o, "related", jlist(&sop->related));
	json_object_set_new(o, "equipment", jlist(&sop->equipment));
	json_object_set_new(o, "warning", jtext(sop->warning));
	json_object_set_new(o, "records", jtext(sop->records));
	json_object_set_new(o, "notes", jlist(&sop->notes));
	json_t *actors = json_array();
	for (int i = 0; i < sop->n_actors; i++) {
		const SopActor *a = &sop->actors[i];
		json_t *ao =
		        json_pack("{s:s, s:s, s:b, s:b}", "id", a->id, "label",
		                  a->label ? a->label : "", "group", a->group, "team", a->team);
		add_extra(ao, a->extra);
		json_array_append_new(actors, ao);
	}
	json_object_set_new(o, "actors", actors);
	json_t *steps = json_array();
	for (int i = 0; i < sop->n_steps; i++)
		json_array_append_new(steps, step_json(&sop->steps[i]));
	json_object_set_new(o, "steps", steps);
	add_extra(o, sop->extra);
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text)
		fatal("sop_write: cannot serialise %s", sop->code);
	buf_puts(out, text);
	buf_putc(out, '\n');
	free(text);
	json_decref(o);
}
