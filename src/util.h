/*
** util.h: the core utilities every other module stands on.
**
**   Buf     one growable byte buffer for text, HTML, JSON and messages
**   Arena   command- or request-scoped memory, freed all at once
**   x*      allocation wrappers that abort on out-of-memory
**   log_*   leveled logging to stderr
**   utf8_*  validation of text that enters the program
**
** Nothing here knows about SOPs, SQL or HTTP.
*/
#ifndef SAKIP_UTIL_H
#define SAKIP_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif

/* ---- allocation (util_mem.c) ------------------------------------------ */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void fatal(const char *fmt, ...) PRINTF_LIKE(1, 2) NORETURN;

/* ---- growable buffer (util_buf.c) ------------------------------------- */
/*
** A Buf owns its bytes. It is always NUL-terminated once anything has been
** appended, so buf_str() can be passed to C string functions. BUF_INIT is a
** valid empty buffer, so "Buf b = BUF_INIT; ... cleanup: buf_free(&b);" is
** safe on every path.
*/
typedef struct Buf {
	char *data;
	size_t len;
	size_t cap;
} Buf;
#define BUF_INIT                                                                                   \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void buf_grow(Buf *b, size_t extra);
void buf_append(Buf *b, const void *p, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
void buf_reset(Buf *b);
void buf_free(Buf *b);
const char *buf_str(const Buf *b); /* "" for an empty buffer; valid until next change */
char *buf_steal(Buf *b);           /* caller frees; the buffer is reset */
int buf_read_file(Buf *b, const char *path, size_t limit, Buf *err);
int buf_read_fd(Buf *b, int fd, size_t limit, const char *name, Buf *err);

/* ---- arena (util_arena.c) --------------------------------------------- */
/*
** Memory for one command or one request. Everything allocated from an
** arena lives until arena_free(); nothing is freed alone. Use it for data
** with the lifetime of the command (a parsed SOP, a page's strings).
*/
typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
	ArenaBlock *head;
	size_t total; /* bytes handed out, for tests and metrics */
} Arena;
#define ARENA_INIT                                                                                 \
	{                                                                                          \
		NULL, 0                                                                            \
	}

void *arena_alloc(Arena *a, size_t n); /* zeroed, aligned for any type */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
void arena_free(Arena *a);

/* ---- logging (util_log.c) --------------------------------------------- */
enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };
void log_set_level(enum log_level level);
void log_init_from_env(void); /* SAKIP_LOG=debug|info|warn|error */
/* The current UTC time as "2026-11-21T08:44:00Z". */
void time_now_iso(char out[32]);
void log_msg(enum log_level level, const char *fmt, ...) PRINTF_LIKE(2, 3);
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

/* ---- UTF-8 (util_utf8.c) ---------------------------------------------- */
/*
** utf8_check() returns true when s[0..n) is well-formed UTF-8 (no overlong
** forms, no surrogates, nothing above U+10FFFF). On failure *bad (if not
** NULL) gets the offset of the first offending byte.
*/
bool utf8_check(const char *s, size_t n, size_t *bad);
/* Describe where offset lies ("line 3, column 7") for error messages. */
void utf8_describe_offset(Buf *out, const char *s, size_t n, size_t off);

/* ---- Indonesian official formats (util_fmt.c) -------------------------- */
void fmt_date_id(Buf *out, const char *iso);
void fmt_nip(Buf *out, const char *nip);
void fmt_rupiah(Buf *out, double amount);
void fmt_number_id(Buf *out, double v, int decimals);

/* ---- files embedded at build time (tools/embed.sh) --------------------- */
typedef struct EmbedFile {
	const char *name; /* the file's base name, e.g. "perkim-kalbar.json" */
	const unsigned char *data;
	size_t len;
} EmbedFile;

/* ---- small text helpers (util_buf.c) ---------------------------------- */
bool str_empty_or_blank(const char *s);
bool str_is_digits(const char *s);

#endif
