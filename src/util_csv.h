/*
** util_csv.h: an RFC 4180 CSV reader that works in place on a mutable
** buffer (fields are pointers into it), and the small hash maps that
** imports use to look up codes and find duplicate keys fast.
*/
#ifndef SAKIP_UTIL_CSV_H
#define SAKIP_UTIL_CSV_H

#include "util.h"

enum { CSV_MAX_FIELDS = 64 };

typedef struct CsvReader {
	char *p, *end;
	int line; /* line of the row just read (1-based) */
	int next_line;
	char *fields[CSV_MAX_FIELDS];
	int cols[CSV_MAX_FIELDS]; /* column (byte, 1-based) where each field starts */
	int n;
	const char *err; /* why csv_next() returned -1 */
	int err_col;
} CsvReader;

/* Read rows from buf[0..len), which must be NUL-terminated and mutable. */
void csv_init(CsvReader *r, char *buf, size_t len);
/* The next non-empty row: 1, or 0 at the end, or -1 with r->err set. */
int csv_next(CsvReader *r);

/* String keys to integers. Keys are copied. */
typedef struct StrMap {
	struct StrSlot *slots;
	size_t cap, n;
} StrMap;
int64_t *strmap_get(const StrMap *m, const char *key); /* NULL if absent */
void strmap_put(StrMap *m, const char *key, int64_t val);
void strmap_free(StrMap *m);

/* Non-zero 64-bit keys to integers. */
typedef struct IntMap {
	struct IntSlot *slots;
	size_t cap, n;
} IntMap;
int64_t *intmap_get(const IntMap *m, uint64_t key);
void intmap_put(IntMap *m, uint64_t key, int64_t val);
void intmap_free(IntMap *m);

#endif
