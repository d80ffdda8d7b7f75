/*
** util_csv.c: RFC 4180 CSV parsing in place, and open-addressing hash
** maps. The parser never allocates: quoted fields are unescaped into the
** buffer they came from. It knows nothing of what the columns mean.
*/
#include "util_csv.h"

#include <stdlib.h>
#include <string.h>

void csv_init(CsvReader *r, char *buf, size_t len)
{
	memset(r, 0, sizeof *r);
	r->p = buf;
	r->end = buf + len;
	r->next_line = 1;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
}

int csv_next(CsvReader *r)
{
	for (;;) {
		if (r->p >= r->end)
			return 0;
		char *line_start = r->p;
		r->line = r->next_line;
		r->n = 0;
		r->err = NULL;
		char *p = r->p;
		for (;;) {
			if (r->n == CSV_MAX_FIELDS) {
				r->err = "too many columns";
				r->err_col = (int)(p - line_start) + 1;
				return -1;
			}
			r->cols[r->n] = (int)(p - line_start) + 1;
			if (p < r->end && *p == '"') {
				/* Quoted: unescape "" in place; newlines may appear inside. */
				char *out = ++p;
				r->fields[r->n++] = out;
				for (;;) {
					if (p >= r->end) {
						r->err = "a quoted field is not closed";
						r->err_col = r->cols[r->n - 1];
						return -1;
					}
					if (*p == '"') {
						if (p + 1 < r->end && p[1] == '"') {
							*out++ = '"';
							p += 2;
							continue;
						}
						p++;
						break;
					}
					if (*p == '\n')
						r->next_line++;
					*out++ = *p++;
				}
				if (p < r->end && *p != ',' && *p != '\n' && *p != '\r') {
					r->err = "text after a closing quote";
					r->err_col = (int)(p - line_start) + 1;
					return -1;
				}
				*out = 0;
				if (p < r->end && *p == ',') {
					p++;
					continue;
				}
			} else {
				r->fields[r->n++] = p;
				while (p < r->end && *p != ',' && *p != '\n')
					p++;
				char *term = p;
				if (term > r->fields[r->n - 1] && term[-1] == '\r')
					term[-1] = 0;
				if (p < r->end && *p == ',') {
					*p++ = 0;
					continue;
				}
			}
			/* End of the row: at a newline or the end of the buffer. */
			if (p < r->end && *p == '\r')
				p++;
			if (p < r->end && *p == '\n') {
				*p++ = 0;
			} else if (p < r->end) {
				r->err = "unexpected character";
				r->err_col = (int)(p - line_start) + 1;
				return -1;
			}
			break;
		}
		r->p = p;
		r->next_line++;
		if (r->n == 1 && r->fields[0][0] == 0)
			continue; /* an empty line */
		return 1;
	}
}

/* ---- maps -------------------------------------------------------------- */

struct StrSlot {
	char *key;
	uint64_t hash;
	int64_t val;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ? h : 1;
}

int64_t *strmap_get(const StrMap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	uint64_t h = hash_str(key);
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct StrSlot *s = &m->slots[i];
		if (!s->key)
			return NULL;
		if (s->hash == h && strcmp(s->key, key) == 0)
			return &s->val;
	}
}

static void strmap_grow(StrMap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct StrSlot *old = m->slots;
	size_t old_cap = m->cap;
	m->slots = xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	for (size_t i = 0; i < old_cap; i++) {
		if (!old[i].key)
			continue;
		size_t j = old[i].hash & (cap - 1);
		while (m->slots[j].key)
			j = (j + 1) & (cap - 1);
		m->slots[j] = old[i];
	}
	free(old);
}

void strmap_put(StrMap *m, const char *key, int64_t val)
{
	int64_t *v = strmap_get(m, key);
	if (v) {
		*v = val;
		return;
	}
	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m);
	uint64_t h = hash_str(key);
	size_t i = h & (m->cap - 1);
	while (m->slots[i].key)
		i = (i + 1) & (m->cap - 1);
	m->slots[i] = (struct StrSlot){xstrdup(key), h, val};
	m->n++;
}

void strmap_free(StrMap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}

struct IntSlot {
	uint64_t key;
	int64_t val;
};

static uint64_t hash_int(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

int64_t *intmap_get(const IntMap *m, uint64_t key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = hash_int(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->slots[i].key)
			return NULL;
		if (m->slots[i].key == key)
			return &m->slots[i].val;
	}
}

void intmap_put(IntMap *m, uint64_t key, int64_t val)
{
	int64_t *v = intmap_get(m, key);
	if (v) {
		*v = val;
		return;
	}
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		struct IntSlot *old = m->slots;
		size_t old_cap = m->cap;
		m->slots = xcalloc(cap, sizeof *m->slots);
		m->cap = cap;
		for (size_t i = 0; i < old_cap; i++) {
			if (!old[i].key)
				continue;
			size_t j = hash_int(old[i].key) & (cap - 1);
			while (m->slots[j].key)
				j = (j + 1) & (cap - 1);
			m->slots[j] = old[i];
		}
		free(old);
	}
	size_t i = hash_int(key) & (m->cap - 1);
	while (m->slots[i].key)
		i = (i + 1) & (m->cap - 1);
	m->slots[i] = (struct IntSlot){key, val};
	m->n++;
}

void intmap_free(IntMap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
