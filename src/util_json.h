/*
** util_json.h: reading JSON documents that come from outside (SOP
** definitions, organisation files) with messages that name the key at
** fault: "steps[3].duration.min: expected a number, found a string".
**
** A JsonIn carries where strings go (an arena), where messages go, how
** many problems were found and the longest text accepted. Readers keep
** going after a problem so that one run reports all of them.
*/
#ifndef SAKIP_UTIL_JSON_H
#define SAKIP_UTIL_JSON_H

#include "util.h"

#include <jansson.h>

typedef struct JsonIn {
	Arena *a;
	Buf *err;
	int n_err;
	size_t max_text; /* longest string accepted, in bytes */
} JsonIn;

void jin_error(JsonIn *p, const char *path, const char *fmt, ...) PRINTF_LIKE(3, 4);
const char *jin_type_name(const json_t *v);
/*
** Load a document of n bytes named name: skips a UTF-8 byte order mark,
** refuses empty, oversized (> max bytes), non-UTF-8, non-JSON (duplicate
** keys included) and non-object input with one message in err. The caller
** json_decref()s the result.
*/
json_t *jin_load(const char *name, const char *text, size_t n, size_t max, const char *what,
                 Buf *err);
/*
** The value at key when it has the wanted type (JSON_REAL accepts any
** number, JSON_TRUE either boolean). NULL for null or absent; for any other
** type NULL and an error naming the path.
*/
json_t *jin_typed(JsonIn *p, json_t *obj, const char *key, const char *path, json_type want,
                  const char *want_name);
/* A text value (copied into the arena): NULL for null or absent, an error if required. */
const char *jin_text_value(JsonIn *p, json_t *v, const char *path, bool required);
const char *jin_text(JsonIn *p, json_t *obj, const char *key, const char *path, bool required);
bool jin_bool(JsonIn *p, json_t *obj, const char *key, const char *path);
json_t *jin_object(JsonIn *p, json_t *obj, const char *key, const char *path);
/* An array that must be there. */
json_t *jin_array(JsonIn *p, json_t *obj, const char *key, const char *path);
/* Refuse keys not in the NULL-terminated known[] (listed in known_text). */
void jin_check_keys(JsonIn *p, json_t *obj, const char *path, const char *const *known,
                    const char *known_text);

/*
** The string member key of object o, or dflt when o has none (or it is not a
** string): for view models read back (the jansson value, valid while o is).
*/
const char *json_text(json_t *o, const char *key, const char *dflt);

#endif
