/*
** util_fmt.c: official Indonesian formats for output.
**
** Dates as "02 Januari 2023", NIP as "19691024 199803 1 007", money as
** "Rp 1.234.567,89". Writers append to a Buf; nothing here parses input.
*/
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const month_names[] = {"Januari",   "Februari", "Maret",    "April",
                                          "Mei",       "Juni",     "Juli",     "Agustus",
                                          "September", "Oktober",  "November", "Desember"};

/* "2023-01-02" -> "02 Januari 2023"; anything else is copied unchanged. */
void fmt_date_id(Buf *out, const char *iso)
{
	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-') {
		buf_puts(out, iso ? iso : "");
		return;
	}
	int m = atoi(iso + 5);
	if (m < 1 || m > 12) {
		buf_puts(out, iso);
		return;
	}
	buf_printf(out, "%.2s %s %.4s", iso + 8, month_names[m - 1], iso);
}

/* "196910241998031007" -> "19691024 199803 1 007"; other text unchanged. */
void fmt_nip(Buf *out, const char *nip)
{
	if (!nip || strlen(nip) != 18 || !str_is_digits(nip)) {
		buf_puts(out, nip ? nip : "");
		return;
	}
	buf_printf(out, "%.8s %.6s %.1s %.3s", nip, nip + 8, nip + 14, nip + 15);
}

/* 1234567.891 with 2 decimals -> "1.234.567,89": Indonesian grouping and decimal comma. */
void fmt_number_id(Buf *out, double v, int decimals)
{
	if (decimals < 0 || decimals > 6)
		decimals = 2;
	long long scale = 1;
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	long long units = llround(fabs(v) * (double)scale);
	long long whole = units / scale;
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%lld", whole);
	if (v < 0 && units)
		buf_putc(out, '-');
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf_putc(out, '.');
		buf_putc(out, digits[i]);
	}
	if (decimals)
		buf_printf(out, ",%0*lld", decimals, units % scale);
}

/* 1234567.891 -> "Rp 1.234.567,89" (rounded to sen, minus sign in front). */
void fmt_rupiah(Buf *out, double amount)
{
	if (amount < 0 && llround(-amount * 100.0))
		buf_putc(out, '-');
	buf_puts(out, "Rp ");
	fmt_number_id(out, fabs(amount), 2);
}
