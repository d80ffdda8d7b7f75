/*
** util_json.c: typed access to JSON read from outside, on top of jansson,
** with the path of the offending key in every message. It does not know
** any document format; sop_json.c and wf_org.c describe theirs with it.
*/
#include "util_json.h"

#include <string.h>

void jin_error(JsonIn *p, const char *path, const char *fmt, ...)
{
	buf_printf(p->err, "%s: ", path);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(p->err, fmt, ap);
	va_end(ap);
	buf_putc(p->err, '\n');
	p->n_err++;
}

const char *jin_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "something else";
}

json_t *jin_load(const char *name, const char *text, size_t n, size_t max, const char *what,
                 Buf *err)
{
	size_t bad;
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3; /* a byte order mark, as Windows editors write */
		n -= 3;
	}
	if (n == 0) {
		buf_printf(err, "%s: empty file; expected a %s JSON object\n", name, what);
		return NULL;
	}
	if (n > max) {
		buf_printf(err, "%s: %zu bytes; a %s document may be at most %zu bytes\n", name, n,
		           what, max);
		return NULL;
	}
	if (!utf8_check(text, n, &bad)) {
		buf_printf(err, "%s: invalid UTF-8 at ", name);
		utf8_describe_offset(err, text, n, bad);
		buf_puts(err, "; save the file as UTF-8\n");
		return NULL;
	}
	json_error_t je;
	json_t *root = json_loadb(text, n, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		buf_printf(err, "%s:%d:%d: invalid JSON: %s\n", name, je.line, je.column, je.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		buf_printf(err, "%s: expected a JSON object, found %s\n", name,
		           jin_type_name(root));
		json_decref(root);
		return NULL;
	}
	return root;
}

json_t *jin_typed(JsonIn *p, json_t *obj, const char *key, const char *path, json_type want,
                  const char *want_name)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return NULL;
	json_type t = json_typeof(v);
	if (t == want || (want == JSON_REAL && t == JSON_INTEGER) ||
	    (want == JSON_TRUE && t == JSON_FALSE))
		return v;
	jin_error(p, path, "expected %s, found %s", want_name, jin_type_name(v));
	return NULL;
}

const char *jin_text_value(JsonIn *p, json_t *v, const char *path, bool required)
{
	if (!v || json_is_null(v)) {
		if (required)
			jin_error(p, path, "missing; a string is required");
		return NULL;
	}
	if (!json_is_string(v)) {
		jin_error(p, path, "expected a string, found %s", jin_type_name(v));
		return NULL;
	}
	size_t n = json_string_length(v);
	if (n > p->max_text) {
		jin_error(p, path, "text is %zu bytes; the limit is %zu", n, p->max_text);
		return NULL;
	}
	return arena_strndup(p->a, json_string_value(v), n);
}

const char *jin_text(JsonIn *p, json_t *obj, const char *key, const char *path, bool required)
{
	return jin_text_value(p, json_object_get(obj, key), path, required);
}

bool jin_bool(JsonIn *p, json_t *obj, const char *key, const char *path)
{
	return json_is_true(jin_typed(p, obj, key, path, JSON_TRUE, "true or false"));
}

json_t *jin_object(JsonIn *p, json_t *obj, const char *key, const char *path)
{
	return jin_typed(p, obj, key, path, JSON_OBJECT, "an object");
}

json_t *jin_array(JsonIn *p, json_t *obj, const char *key, const char *path)
{
	json_t *v = jin_typed(p, obj, key, path, JSON_ARRAY, "an array");
	if (!v && !json_object_get(obj, key))
		jin_error(p, path, "missing; an array is required");
	return v;
}

void jin_check_keys(JsonIn *p, json_t *obj, const char *path, const char *const *known,
                    const char *known_text)
{
	const char *key;
	json_t *v;
	json_object_foreach (obj, key, v) {
		bool listed = false;
		for (const char *const *k = known; *k; k++)
			if (strcmp(*k, key) == 0)
				listed = true;
		if (!listed)
			jin_error(p, path, "unknown key \"%s\" (known: %s)", key, known_text);
	}
}

const char *json_text(json_t *o, const char *key, const char *dflt)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : dflt;
}
