/*
** test_util.c: the core utilities: Buf, the arena, UTF-8 validation, and
** the Indonesian output formats.
*/
#include "testutil.h"

#include "util_csv.h"

static void buf_grows_and_terminates(void **state)
{
	(void)state;
	Buf b = BUF_INIT;
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_true(b.len > 3000);
	assert_int_equal(b.data[b.len], 0);
	assert_true(strncmp(b.data, "0,1,2,", 6) == 0);
	/* A long printf takes the slow path. */
	buf_reset(&b);
	buf_printf(&b, "%s-%0500d", "x", 7);
	assert_int_equal(b.len, 502);
	assert_int_equal(b.data[501], '7');
	char *s = buf_steal(&b);
	assert_null(b.data);
	assert_int_equal(strlen(s), 502);
	free(s);
	buf_free(&b);
}

static void buf_read_file_limits(void **state)
{
	(void)state;
	const char *p = tu_path(0, "limit.txt");
	tu_write_file(p, "0123456789", 10);
	Buf b = BUF_INIT, err = BUF_INIT;
	assert_int_equal(buf_read_file(&b, p, 10, &err), 0);
	assert_string_equal(buf_str(&b), "0123456789");
	buf_reset(&b);
	assert_int_equal(buf_read_file(&b, p, 9, &err), -1);
	assert_contains(buf_str(&err), "limit");
	buf_reset(&err);
	assert_int_equal(buf_read_file(&b, tu_path(1, "missing.txt"), 9, &err), -1);
	assert_contains(buf_str(&err), "cannot open");
	buf_reset(&err);
	assert_int_equal(buf_read_file(&b, tu_tmpdir(), 9, &err), -1);
	assert_contains(buf_str(&err), "directory");
	buf_free(&b);
	buf_free(&err);
}

static void arena_alloc_aligned_and_large(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	for (int i = 1; i < 2000; i++) {
		char *p = arena_alloc(&a, (size_t)(i % 97) + 1);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		assert_int_equal(p[0], 0); /* zeroed */
		p[0] = 'x';
	}
	char *big = arena_alloc(&a, 1 << 20);
	big[(1 << 20) - 1] = 1;
	char *small = arena_strdup(&a, "after the big one");
	assert_string_equal(small, "after the big one");
	assert_string_equal(arena_printf(&a, "%s %d", "TW", 3), "TW 3");
	assert_null(arena_strdup(&a, NULL));
	assert_true(a.total >= (1 << 20));
	arena_free(&a);
	assert_null(a.head);
}

static void utf8_accepts_valid(void **state)
{
	(void)state;
	const char *ok[] = {"",
	                    "ascii",
	                    "Rp 1.234,00",
	                    "caf\xc3\xa9",
	                    "\xe2\x80\x93 dash",
	                    "\xf0\x9f\x98\x80",
	                    "\xef\xbf\xbd",
	                    "\xf4\x8f\xbf\xbf"};
	for (size_t i = 0; i < COUNT(ok); i++)
		assert_true(utf8_check(ok[i], strlen(ok[i]), NULL));
}

static void utf8_rejects_invalid(void **state)
{
	(void)state;
	struct {
		const char *s;
		size_t bad;
	} cases[] = {
	        {"ab\xff", 2},           /* never valid */
	        {"\x93quote\x94", 0},    /* Windows-1252 quotes */
	        {"x\xc0\xaf", 1},        /* overlong '/' */
	        {"\xe0\x80\xaf", 0},     /* overlong, 3 bytes */
	        {"ok\xed\xa0\x80", 2},   /* UTF-16 surrogate */
	        {"\xf4\x90\x80\x80", 0}, /* above U+10FFFF */
	        {"trunc\xe2\x80", 5},    /* truncated sequence */
	        {"\xc3", 0},             /* truncated at end */
	        {"a\x80", 1},            /* lone continuation */
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		size_t bad = 999;
		assert_false(utf8_check(cases[i].s, strlen(cases[i].s), &bad));
		assert_int_equal(bad, cases[i].bad);
	}
	Buf b = BUF_INIT;
	const char *text = "one\ntwo\xff";
	utf8_describe_offset(&b, text, strlen(text), 7);
	assert_string_equal(buf_str(&b), "byte 7 (line 2, column 4)");
	buf_free(&b);
}

static void formats_indonesian(void **state)
{
	(void)state;
	Buf b = BUF_INIT;
	fmt_date_id(&b, "2023-01-02");
	assert_string_equal(buf_str(&b), "02 Januari 2023");
	buf_reset(&b);
	fmt_date_id(&b, "2026-12-25");
	assert_string_equal(buf_str(&b), "25 Desember 2026");
	buf_reset(&b);
	fmt_date_id(&b, "kemarin");
	assert_string_equal(buf_str(&b), "kemarin");
	buf_reset(&b);
	fmt_nip(&b, "196910241998031007");
	assert_string_equal(buf_str(&b), "19691024 199803 1 007");
	buf_reset(&b);
	fmt_rupiah(&b, 1234567.891);
	assert_string_equal(buf_str(&b), "Rp 1.234.567,89");
	buf_reset(&b);
	fmt_rupiah(&b, 0);
	assert_string_equal(buf_str(&b), "Rp 0,00");
	buf_reset(&b);
	fmt_rupiah(&b, 999.995);
	assert_string_equal(buf_str(&b), "Rp 1.000,00");
	buf_reset(&b);
	fmt_rupiah(&b, -1500);
	assert_string_equal(buf_str(&b), "-Rp 1.500,00");
	buf_reset(&b);
	fmt_number_id(&b, 99.8912, 2);
	assert_string_equal(buf_str(&b), "99,89");
	buf_reset(&b);
	fmt_number_id(&b, -12345.5, 1);
	assert_string_equal(buf_str(&b), "-12.345,5");
	buf_reset(&b);
	fmt_number_id(&b, 7, 0);
	assert_string_equal(buf_str(&b), "7");
	buf_free(&b);
}

static void csv_reads_rfc4180(void **state)
{
	(void)state;
	char buf[] = "\xEF\xBB\xBF"
	             "a,b,c\r\n"
	             "1,\"x, y\",\"he said \"\"no\"\"\"\r\n"
	             "\n"
	             "2,\"two\nlines\",\r\n"
	             "3,last,end";
	CsvReader r;
	csv_init(&r, buf, sizeof buf - 1);
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.fields[0], "a");
	assert_string_equal(r.fields[2], "c");
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(r.line, 2);
	assert_string_equal(r.fields[1], "x, y");
	assert_string_equal(r.fields[2], "he said \"no\"");
	assert_int_equal(r.cols[2], 10);
	assert_int_equal(csv_next(&r), 1); /* the empty line is skipped */
	assert_int_equal(r.line, 4);
	assert_string_equal(r.fields[1], "two\nlines");
	assert_string_equal(r.fields[2], "");
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(r.line, 6);
	assert_string_equal(r.fields[2], "end");
	assert_int_equal(csv_next(&r), 0);
	char bad[] = "a,b\n1,\"open\n";
	csv_init(&r, bad, sizeof bad - 1);
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(csv_next(&r), -1);
	assert_string_equal(r.err, "a quoted field is not closed");
	assert_int_equal(r.err_col, 3);
	char junk[] = "\"a\"b,c\n";
	csv_init(&r, junk, sizeof junk - 1);
	assert_int_equal(csv_next(&r), -1);
	assert_string_equal(r.err, "text after a closing quote");
}

static void maps_find_what_was_put(void **state)
{
	(void)state;
	StrMap s = {0};
	IntMap m = {0};
	char key[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "agency-%d", i);
		strmap_put(&s, key, i);
		intmap_put(&m, (uint64_t)i * 7919 + 1, -i);
	}
	assert_int_equal(s.n, 5000);
	assert_int_equal(*strmap_get(&s, "agency-4321"), 4321);
	assert_null(strmap_get(&s, "agency-5000"));
	strmap_put(&s, "agency-1", 99);
	assert_int_equal(*strmap_get(&s, "agency-1"), 99);
	assert_int_equal(*intmap_get(&m, 4321ULL * 7919 + 1), -4321);
	assert_null(intmap_get(&m, 2));
	strmap_free(&s);
	intmap_free(&m);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(buf_grows_and_terminates),
	        cmocka_unit_test(buf_read_file_limits),
	        cmocka_unit_test(arena_alloc_aligned_and_large),
	        cmocka_unit_test(utf8_accepts_valid),
	        cmocka_unit_test(utf8_rejects_invalid),
	        cmocka_unit_test(formats_indonesian),
	        cmocka_unit_test(csv_reads_rfc4180),
	        cmocka_unit_test(maps_find_what_was_put),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
