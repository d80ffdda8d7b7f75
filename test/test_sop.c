/*
** test_sop.c: the SOP model: parsing sakip.sop/1 with precise messages,
** every validation rule, the lossless round trip (extra keys included),
** and versions in a real database.
*/
#include "testutil.h"

#include "sop.h"

/* A small valid SOP: draft (staf) -> review (kadis, returns to 1) -> archive. */
static const char *base_json =
        "{\"format\":\"sakip.sop/1\",\"code\":\"contoh\",\"name\":\"Contoh\","
        "\"dates\":{\"created\":\"2023-01-02\",\"revised\":null,\"effective\":\"2024-02-29\"},"
        "\"approved_by\":{\"title\":\"Kepala Dinas\",\"name\":\"Budi\",\"rank\":\"Pembina\","
        "\"nip\":\"19691024 199803 1 007\"},"
        "\"legal_basis\":[\"PermenPANRB 35/2012\"],"
        "\"actors\":[{\"id\":\"staf\",\"label\":\"Staf\"},{\"id\":\"kadis\",\"label\":\"Kadis\"}],"
        "\"steps\":["
        "{\"no\":1,\"activity\":\"Menyusun\",\"actor\":\"staf\",\"duration\":{\"min\":1,\"max\":"
        "20,\"unit\":\"workday\",\"text\":\"1 \xe2\x80\x93 20 Hari Kerja\"}},"
        "{\"no\":2,\"activity\":\"Memeriksa\",\"actor\":\"kadis\",\"kind\":\"decision\","
        "\"on_reject\":1,\"action\":\"sign\",\"duration\":{\"min\":0.5,\"max\":0.5,\"unit\":"
        "\"hour\",\"text\":\"0,5 jam\"}},"
        "{\"no\":3,\"activity\":\"Mengarsipkan\",\"actor\":\"staf\",\"kind\":\"end\","
        "\"action\":\"archive\",\"participants\":[\"kadis\"]}]}";

/* Parse base_json after applying a Python-free edit: replace from -> to once. */
static Sop *parse_edit(Arena *a, Buf *err, const char *from, const char *to)
{
	Buf text = BUF_INIT;
	const char *at = from ? strstr(base_json, from) : NULL;
	if (from && !at)
		fail_msg("edit anchor not found: %s", from);
	if (at) {
		buf_append(&text, base_json, (size_t)(at - base_json));
		buf_puts(&text, to);
		buf_puts(&text, at + strlen(from));
	} else {
		buf_puts(&text, base_json);
	}
	Sop *sop = sop_parse(a, "t.json", text.data, text.len, err);
	buf_free(&text);
	return sop;
}

static void parses_base(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Buf err = BUF_INIT;
	Sop *sop = parse_edit(&a, &err, NULL, NULL);
	if (!sop)
		fail_msg("%s", buf_str(&err));
	assert_int_equal(sop_validate(sop, &err), 0);
	assert_string_equal(sop->approved_by.nip, "196910241998031007");
	assert_int_equal(sop->n_steps, 3);
	assert_int_equal(sop->steps[0].duration.unit, SOP_WORKDAY);
	assert_true(sop->steps[0].duration.max == 20);
	assert_int_equal(sop->steps[1].kind, SOP_DECISION);
	assert_int_equal(sop_step_next(sop, &sop->steps[1]), 3);
	assert_int_equal(sop_step_next(sop, &sop->steps[2]), 0);
	assert_string_equal(sop->steps[2].participants.items[0], "kadis");
	arena_free(&a);
	buf_free(&err);
}

/* Expect parsing (or validation, when parsing succeeds) to report msg. */
static void expect_problem(const char *from, const char *to, const char *msg)
{
	Arena a = ARENA_INIT;
	Buf err = BUF_INIT;
	Sop *sop = parse_edit(&a, &err, from, to);
	if (sop)
		assert_true(sop_validate(sop, &err) > 0);
	assert_contains(buf_str(&err), msg);
	arena_free(&a);
	buf_free(&err);
}

static void rejects_bad_syntax_and_types(void **state)
{
	(void)state;
	expect_problem("\"name\":\"Contoh\",", "\"name\":\"Contoh\"", "invalid JSON");
	expect_problem("{\"no\":1,", "{\"no\":\"1\",",
	               "steps[0].no: expected an integer, found a string");
}

static void rejects_wrong_types(void **state)
{
	(void)state;
	expect_problem("\"legal_basis\":[\"PermenPANRB 35/2012\"]", "\"legal_basis\":\"x\"",
	               "legal_basis: expected an array of strings, found a string");
	expect_problem("\"legal_basis\":[\"PermenPANRB 35/2012\"]", "\"legal_basis\":[1]",
	               "legal_basis[0]: expected a string, found an integer");
	expect_problem("{\"id\":\"staf\",\"label\":\"Staf\"}",
	               "{\"id\":\"staf\",\"label\":\"Staf\",\"group\":\"ya\"}",
	               "actors[0].group: expected true or false");
	expect_problem("\"min\":1,", "\"min\":\"1\",", "steps[0].duration.min: expected a number");
	expect_problem("\"unit\":\"workday\"", "\"unit\":\"hari\"", "unknown unit \"hari\"");
	expect_problem("\"kind\":\"end\"", "\"kind\":\"stop\"", "unknown kind \"stop\"");
	expect_problem("\"dates\":{", "\"dates\":{\"tgl\":1,", "dates: unknown key \"tgl\"");
	expect_problem("\"format\":\"sakip.sop/1\"", "\"format\":\"sakip.sop/2\"",
	               "\"sakip.sop/2\" is not \"sakip.sop/1\"");
	expect_problem("\"name\":\"Contoh\",", "", "name: missing");
	expect_problem("\"steps\":[", "\"langkah\":[", "steps: missing");
}

static void rejects_each_rule(void **state)
{
	(void)state;
	expect_problem("\"actor\":\"kadis\",\"kind\"", "\"actor\":\"kabid\",\"kind\"",
	               "step 2: unknown actor \"kabid\"");
	expect_problem("\"participants\":[\"kadis\"]", "\"participants\":[\"tamu\"]",
	               "step 3: participants[0]: unknown actor \"tamu\"");
	expect_problem("\"on_reject\":1", "\"on_reject\":3",
	               "step 2: return target not earlier: on_reject 3");
	expect_problem("\"on_reject\":1", "\"on_reject\":2", "return target not earlier");
	expect_problem("\"on_reject\":1", "\"on_reject\":9", "on_reject 9 is not a step");
	expect_problem("\"kind\":\"decision\",\"on_reject\":1,", "\"kind\":\"decision\",",
	               "step 2: a decision needs on_reject");
	expect_problem("\"kind\":\"decision\",", "", "on_reject is only for decisions");
	expect_problem("{\"no\":3,", "{\"no\":2,", "step 2: duplicate step number");
	expect_problem("\"activity\":\"Memeriksa\"", "\"activity\":\"  \"",
	               "step 2: empty activity");
	expect_problem("\"action\":\"sign\"", "\"action\":\"teken\"", "unknown action \"teken\"");
	expect_problem("\"kind\":\"end\",", "", "no end");
	expect_problem("\"created\":\"2023-01-02\"", "\"created\":\"2023-02-30\"",
	               "dates.created: \"2023-02-30\" is not a date written YYYY-MM-DD");
	expect_problem("\"nip\":\"19691024 199803 1 007\"", "\"nip\":\"1969\"",
	               "approved_by.nip: \"1969\" is not a NIP of 18 digits");
	expect_problem("\"code\":\"contoh\"", "\"code\":\"Contoh SOP\"", "code: \"Contoh SOP\"");
	expect_problem("\"min\":1,\"max\":20", "\"min\":21,\"max\":20",
	               "min 21 is greater than max 20");
	/* Step 1 jumps over step 2: 2 becomes unreachable. */
	expect_problem("\"actor\":\"staf\",\"duration\"",
	               "\"actor\":\"staf\",\"next\":3,\"duration\"", "step 2: unreachable step");
	expect_problem("\"kind\":\"end\",", "\"kind\":\"end\",\"next\":1,",
	               "an end step has no next");
	expect_problem("{\"id\":\"kadis\",\"label\":\"Kadis\"}",
	               "{\"id\":\"staf\",\"label\":\"Kadis\"}", "duplicate actor id \"staf\"");
}

static void rejects_group_decisions(void **state)
{
	(void)state;
	/* kadis becomes a group of units: its decision, and its step without Waktu, are refused. */
	expect_problem("{\"id\":\"kadis\",\"label\":\"Kadis\"}",
	               "{\"id\":\"kadis\",\"label\":\"Bidang-Bidang\",\"group\":true}",
	               "step 2: a decision is made by one official; \"Bidang-Bidang\" is a group");
	expect_problem("{\"id\":\"staf\",\"label\":\"Staf\"}",
	               "{\"id\":\"staf\",\"label\":\"Subbag dan JF\",\"group\":true}",
	               "step 3: a step for a group of units needs a Waktu");
}

static void rejects_out_of_bounds(void **state)
{
	(void)state;
	expect_problem("\"on_reject\":1", "\"on_reject\":0",
	               "steps[1].on_reject: 0 is not a step number");
	expect_problem("{\"no\":1,", "{\"no\":1,\"next\":0,",
	               "steps[0].next: 0 is not a step number");
	expect_problem("\"min\":1,\"max\":20", "\"min\":1,\"max\":1e300",
	               "step 1: duration: more than 260 workday");
	/* Extra values obey the bounds of listed ones. */
	expect_problem("\"code\":\"contoh\",",
	               "\"code\":\"contoh\",\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]],",
	               "x: nested deeper than 16 levels");
	Buf big = BUF_INIT;
	buf_puts(&big, "\"code\":\"contoh\",\"x_blob\":\"");
	for (int i = 0; i < 70000; i++)
		buf_putc(&big, 'a');
	buf_puts(&big, "\",");
	expect_problem("\"code\":\"contoh\",", buf_str(&big), "x_blob: text is 70000 bytes");
	/* More than SOP_MAX_STEPS steps. */
	buf_reset(&big);
	buf_puts(&big, "\"steps\":[");
	for (int i = 1; i <= SOP_MAX_STEPS + 1; i++)
		buf_printf(&big, "{\"no\":%d,\"activity\":\"a\",\"actor\":\"staf\"},", i);
	expect_problem("\"steps\":[", buf_str(&big),
	               "steps: 1004 steps; an SOP may have at most 1000");
	buf_free(&big);
}

static void accepts_byte_order_mark(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Buf err = BUF_INIT, text = BUF_INIT;
	buf_puts(&text, "\xEF\xBB\xBF");
	buf_puts(&text, base_json);
	Sop *sop = sop_parse(&a, "bom.json", text.data, text.len, &err);
	if (!sop)
		fail_msg("%s", buf_str(&err));
	assert_string_equal(sop->code, "contoh");
	arena_free(&a);
	buf_free(&err);
	buf_free(&text);
}

static void rejects_bad_encoding_and_sizes(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Buf err = BUF_INIT;
	assert_null(sop_parse(&a, "e.json", "", 0, &err));
	assert_contains(buf_str(&err), "empty file");
	buf_reset(&err);
	assert_null(parse_edit(&a, &err, "Menyusun", "Menyusun \x93konsep\x94"));
	assert_contains(buf_str(&err), "invalid UTF-8 at byte");
	buf_reset(&err);
	assert_null(sop_parse(&a, "arr.json", "[1,2]", 5, &err));
	assert_contains(buf_str(&err), "expected a JSON object, found an array");
	buf_reset(&err);
	assert_null(parse_edit(&a, &err, "\"code\":\"contoh\",",
	                       "\"code\":\"contoh\",\"code\":\"dua\","));
	assert_contains(buf_str(&err), "duplicate");
	buf_reset(&err);
	/* A 10 MB activity is refused by name, not by crashing or truncating. */
	size_t big = 10 * 1024 * 1024;
	char *huge = xmalloc(big + 1);
	memset(huge, 'a', big);
	huge[big] = 0;
	Buf to = BUF_INIT;
	buf_printf(&to, "\"activity\":\"%s\"", huge);
	assert_null(parse_edit(&a, &err, "\"activity\":\"Menyusun\"", buf_str(&to)));
	assert_contains(buf_str(&err),
	                "steps[0].activity: text is 10485760 bytes; the limit is 65536");
	free(huge);
	buf_free(&to);
	/* Truncated input. */
	buf_reset(&err);
	assert_null(sop_parse(&a, "cut.json", base_json, 200, &err));
	assert_contains(buf_str(&err), "cut.json:1:");
	arena_free(&a);
	buf_free(&err);
}

static void round_trip_is_lossless(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Buf err = BUF_INIT, one = BUF_INIT, two = BUF_INIT;
	Sop *sop =
	        parse_edit(&a, &err, "\"code\":\"contoh\",",
	                   "\"code\":\"contoh\",\"x_local\":{\"kode_unit\":\"A.1\",\"n\":[1,2]},");
	assert_non_null(sop);
	sop_write(sop, &one);
	assert_contains(buf_str(&one), "\"x_local\": {");
	assert_contains(buf_str(&one), "\"min\": 0.5");
	assert_contains(buf_str(&one), "\"max\": 20,");
	assert_contains(buf_str(&one), "\"nip\": \"196910241998031007\"");
	Sop *again = sop_parse(&a, "one.json", one.data, one.len, &err);
	assert_non_null(again);
	sop_write(again, &two);
	assert_string_equal(buf_str(&one), buf_str(&two));
	arena_free(&a);
	buf_free(&err);
	buf_free(&one);
	buf_free(&two);
}

static void store_keeps_versions(void **state)
{
	(void)state;
	const char *p = tu_path(0, "versions.db");
	unlink(p);
	Buf err = BUF_INIT;
	Db *db = db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	assert_non_null(db);
	Arena a = ARENA_INIT;
	Sop *v1 = parse_edit(&a, &err, NULL, NULL);
	assert_int_equal(sop_store_add(db, v1, "active", "file", false, &err), 0);
	assert_int_equal(v1->version, 1);
	Sop *v2 = parse_edit(&a, &err, "\"activity\":\"Menyusun\"",
	                     "\"activity\":\"Menyusun ulang\"");
	assert_int_equal(sop_store_add(db, v2, "active", "file", false, &err), 0);
	assert_int_equal(v2->version, 2);
	char *t1 = sop_store_definition(db, "contoh@1", 0, &err);
	char *t2 = sop_store_definition(db, "contoh", 0, &err);
	char *t1b = sop_store_definition(db, "1", 1, &err);
	assert_non_null(t1);
	assert_contains(t1, "\"activity\": \"Menyusun\"");
	assert_contains(t2, "\"activity\": \"Menyusun ulang\"");
	assert_contains(t2, "\"version\": 2");
	assert_string_equal(t1, t1b);
	free(t1);
	free(t2);
	free(t1b);
	assert_null(sop_store_definition(db, "contoh@7", 0, &err));
	assert_contains(buf_str(&err), "has no version 7");
	buf_reset(&err);
	assert_null(sop_store_definition(db, "lain", 0, &err));
	assert_contains(buf_str(&err), "no SOP with id or code \"lain\"");
	/* An invalid SOP is refused by the store itself and changes nothing. */
	buf_reset(&err);
	Sop *bad = parse_edit(&a, &err, "\"on_reject\":1", "\"on_reject\":3");
	assert_int_equal(sop_store_add(db, bad, "active", "file", false, &err), -1);
	assert_contains(buf_str(&err), "return target not earlier");
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM sop_version", DB_END), 2);
	SopRow *rows;
	assert_int_equal(sop_store_list(db, &a, &rows), 1);
	assert_int_equal(rows[0].version, 2);
	assert_int_equal(rows[0].n_versions, 2);
	arena_free(&a);
	db_close(db);
	buf_free(&err);
}

static void builtin_library_installs_once(void **state)
{
	(void)state;
	const char *p = tu_path(0, "lib.db");
	unlink(p);
	Buf err = BUF_INIT, log = BUF_INIT;
	Db *db = db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	assert_int_equal(sop_lib_install(db, &log, &err), 5);
	assert_int_equal(sop_lib_install(db, &log, &err), 0);
	assert_contains(buf_str(&log), "already present");
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM sop_version", DB_END), 5);
	db_close(db);
	buf_free(&err);
	buf_free(&log);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(parses_base),
	        cmocka_unit_test(rejects_bad_syntax_and_types),
	        cmocka_unit_test(rejects_wrong_types),
	        cmocka_unit_test(rejects_each_rule),
	        cmocka_unit_test(rejects_group_decisions),
	        cmocka_unit_test(rejects_out_of_bounds),
	        cmocka_unit_test(accepts_byte_order_mark),
	        cmocka_unit_test(rejects_bad_encoding_and_sizes),
	        cmocka_unit_test(round_trip_is_lossless),
	        cmocka_unit_test(store_keeps_versions),
	        cmocka_unit_test(builtin_library_installs_once),
	};
	return cmocka_run_group_tests_name("sop", tests, NULL, NULL);
}
