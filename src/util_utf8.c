/*
** util_utf8.c: UTF-8 validation for all text that enters the program.
**
** The check follows the Unicode well-formedness table (Unicode 15, table
** 3-7): no overlong forms, no UTF-16 surrogates, nothing above U+10FFFF.
** Conversion from other encodings is not done here.
*/
#include "util.h"

bool utf8_check(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0; /* overlong */
			if (c == 0xED)
				hi = 0x9F; /* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90; /* overlong */
			if (c == 0xF4)
				hi = 0x8F; /* above U+10FFFF */
		} else {
			goto fail;
		}
		if (i + len > n)
			goto fail;
		if (s[i + 1] < lo || s[i + 1] > hi)
			goto fail;
		for (size_t k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				goto fail;
		i += len;
	}
	return true;
fail:
	if (bad)
		*bad = i;
	return false;
}

void utf8_describe_offset(Buf *out, const char *s, size_t n, size_t off)
{
	size_t line = 1, col = 1;
	for (size_t i = 0; i < off && i < n; i++) {
		if (s[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	buf_printf(out, "byte %zu (line %zu, column %zu)", off, line, col);
}
