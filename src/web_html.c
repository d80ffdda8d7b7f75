/*
** web_html.c: the one way pages write HTML. %h escapes the five HTML
** special characters, %u URL-encodes, %d and %lld write numbers; there is
** no raw %s, so nothing a request or the database holds can reach a page
** unescaped (tools/check_html.sh keeps the pages to this function). Also the form and query
*decoder. Nothing here knows a page.
*/
#include "web.h"

#include <stdio.h>
#include <string.h>

static void html_escape(Buf *out, const char *s)
{
	while (s && *s) {
		size_t n = strcspn(s, "<>&\"'"); /* a run that needs no escaping */
		buf_append(out, s, n);
		s += n;
		switch (*s) {
		case '<':
			buf_append(out, "&lt;", 4);
			break;
		case '>':
			buf_append(out, "&gt;", 4);
			break;
		case '&':
			buf_append(out, "&amp;", 5);
			break;
		case '"':
			buf_append(out, "&quot;", 6);
			break;
		case '\'':
			buf_append(out, "&#39;", 5);
			break;
		default:
			return; /* the end */
		}
		s++;
	}
}

/* A number in decimal, without printf. */
static void put_int(Buf *out, long long v)
{
	char tmp[24], *e = tmp + sizeof tmp, *p = e;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	buf_append(out, p, (size_t)(e - p));
}

static void url_encode(Buf *out, const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; c && *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("-_.~", *c))
			buf_putc(out, (char)*c);
		else
			buf_printf(out, "%%%02X", *c);
	}
}

void html_printf(Buf *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			size_t n = strcspn(p, "%");
			buf_append(out, p, n);
			p += n - 1;
			continue;
		}
		p++;
		if (*p == 'h') {
			html_escape(out, va_arg(ap, const char *));
		} else if (*p == 'u') {
			url_encode(out, va_arg(ap, const char *));
		} else if (*p == 'd') {
			put_int(out, va_arg(ap, int));
		} else if (strncmp(p, "lld", 3) == 0) {
			put_int(out, va_arg(ap, long long));
			p += 2;
		} else if (*p == '%') {
			buf_putc(out, '%');
		} else {
			fatal("html_printf: unknown conversion %%%c in \"%s\"", *p, fmt);
		}
	}
	va_end(ap);
}

const char *web_param(const WebParam *params, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(params[i].name, name) == 0)
			return params[i].value;
	return NULL;
}

const WebFile *web_file(const WebRequest *req, const char *name)
{
	for (int i = 0; i < req->n_files; i++)
		if (strcmp(req->files[i].field, name) == 0 && req->files[i].size > 0)
			return &req->files[i];
	return NULL;
}

bool web_file_read(const WebRequest *req, const WebFile *f, WfFile *out)
{
	if (f->size > WF_MAX_ATTACHMENT)
		return false;
	FILE *fp = fopen(f->path, "rb");
	if (!fp)
		return false;
	unsigned char *data = arena_alloc(req->arena, f->size + 1);
	bool ok = fread(data, 1, f->size, fp) == f->size && fgetc(fp) == EOF;
	fclose(fp);
	if (!ok)
		return false;
	*out = (WfFile){f->filename, NULL, data, f->size};
	return true;
}

static int hex(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

/* Decode a%20b+c into "a b c"; invalid escapes are kept as they are. */
static char *decode(Arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
			*o++ = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = 0;
	/* A value that decodes to a NUL byte or to invalid UTF-8 is refused whole. */
	size_t len = (size_t)(o - out);
	return memchr(out, 0, len) || !utf8_check(out, len, NULL) ? NULL : out;
}

int web_parse_urlencoded(Arena *a, const char *s, size_t n, WebParam *params, int max)
{
	int k = 0;
	size_t i = 0;
	while (i < n && k < max) {
		size_t j = i;
		while (j < n && s[j] != '&')
			j++;
		size_t eq = i;
		while (eq < j && s[eq] != '=')
			eq++;
		if (j > i) {
			params[k].name = decode(a, s + i, eq - i);
			params[k].value = eq < j ? decode(a, s + eq + 1, j - eq - 1) : "";
			if (!params[k].name || !params[k].value)
				return -1;
			k++;
		}
		i = j + 1;
	}
	return k;
}
