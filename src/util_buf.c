/*
** util_buf.c: Buf, the one growable buffer type, plus file reading into a
** Buf and two tiny string predicates.
**
** A Buf grows geometrically and is always NUL-terminated after the first
** append. It does not know about escaping: the HTML and JSON writers that
** escape build on top of it.
*/
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void buf_grow(Buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void buf_append(Buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void buf_puts(Buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(Buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	char small[256];
	int n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("buf_vprintf: bad format \"%s\"", fmt);
	if ((size_t)n < sizeof small) {
		buf_append(b, small, (size_t)n);
		return;
	}
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(Buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = 0;
}

void buf_free(Buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *buf_str(const Buf *b)
{
	return b->data ? b->data : "";
}

char *buf_steal(Buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/*
** Read everything from fd into b, refusing more than limit bytes. name is
** used in the message written to err on failure. Returns 0 or -1.
*/
int buf_read_fd(Buf *b, int fd, size_t limit, const char *name, Buf *err)
{
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			buf_printf(err, "%s: cannot read: %s", name, strerror(errno));
			return -1;
		}
		if (n == 0)
			break;
		if (b->len + (size_t)n > limit) {
			buf_printf(err, "%s: larger than the limit of %zu bytes", name, limit);
			return -1;
		}
		buf_append(b, chunk, (size_t)n);
	}
	buf_grow(b, 0); /* NUL-terminate even an empty file */
	b->data[b->len] = 0;
	return 0;
}

/* Read a whole regular file (or "-" for standard input) into b. */
int buf_read_file(Buf *b, const char *path, size_t limit, Buf *err)
{
	if (strcmp(path, "-") == 0)
		return buf_read_fd(b, 0, limit, "standard input", err);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		buf_printf(err, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	int rc = -1;
	if (fstat(fd, &st) != 0) {
		buf_printf(err, "%s: cannot stat: %s", path, strerror(errno));
		goto cleanup;
	}
	if (S_ISDIR(st.st_mode)) {
		buf_printf(err, "%s: is a directory, not a file", path);
		goto cleanup;
	}
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > limit) {
		buf_printf(err, "%s: file is %lld bytes; the limit is %zu bytes", path,
		           (long long)st.st_size, limit);
		goto cleanup;
	}
	rc = buf_read_fd(b, fd, limit, path, err);
cleanup:
	close(fd);
	return rc;
}

bool str_empty_or_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

bool str_is_digits(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}
