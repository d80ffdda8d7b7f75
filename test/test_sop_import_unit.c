/*
** test_sop_import_unit.c: the SOP importer's internals (sop_import_int.h):
** Waktu cells, Indonesian dates, layout chunks, markup cleaning, table
** headers, and a few small documents through sop_import() that pin the
** inference rules (hand-over, order, return target, labels, selesai,
** renumbering, the inferred marks in the JSON). The accuracy on the real
** documents is measured by test_sop_import.c and doc/import.md.
*/
#include "testutil.h"

#include "sop_import_int.h"

static void waktu_cells(void **state)
{
	(void)state;
	SopDuration d;
	assert_true(imp_parse_waktu("5 Menit", false, &d));
	assert_int_equal(d.unit, SOP_MINUTE);
	assert_true(d.min == 5 && d.max == 5);
	assert_true(imp_parse_waktu("1 \xe2\x80\x93 20 Hari Kerja", false, &d));
	assert_int_equal(d.unit, SOP_WORKDAY);
	assert_true(d.min == 1 && d.max == 20);
	assert_true(imp_parse_waktu("1-10 Hari", false, &d));
	assert_int_equal(d.unit, SOP_DAY);
	assert_true(d.max == 10);
	assert_true(imp_parse_waktu("6 mingg u", false, &d));
	assert_int_equal(d.unit, SOP_WEEK);
	assert_true(imp_parse_waktu("2 jam", false, &d));
	assert_int_equal(d.unit, SOP_HOUR);
	assert_true(imp_parse_waktu("120", true, &d));
	assert_int_equal(d.unit, SOP_MINUTE);
	assert_false(imp_parse_waktu("120", false, &d)); /* a bare number needs "(menit)" */
	assert_true(imp_parse_waktu("Sesuai dengan waktu yang ditentukan", false, &d));
	assert_int_equal(d.unit, SOP_PER_CASE);
	assert_false(imp_parse_waktu("segera", false, &d));
	assert_false(imp_parse_waktu("1 2 3 hari", false, &d));
	assert_false(imp_parse_waktu("20 - 1 hari", false, &d)); /* min > max */
}

static void dates(void **state)
{
	(void)state;
	char iso[11];
	assert_int_equal(imp_date("02 Januari 2023", iso), 0);
	assert_string_equal(iso, "2023-01-02");
	assert_int_equal(imp_date("4 Januari 2021", iso), 0);
	assert_string_equal(iso, "2021-01-04");
	assert_int_equal(imp_date("26 Juli 2023", iso), 0);
	assert_string_equal(iso, "2023-07-26");
	assert_int_equal(imp_date("05 Februari 2020", iso), 0);
	assert_string_equal(iso, "2020-02-05");
	assert_int_equal(imp_date("2023-12-31", iso), 0);
	assert_int_equal(imp_date("31 Februari 2023", iso), -1);
	assert_int_equal(imp_date("-", iso), -1);
	assert_int_equal(imp_date("kemarin", iso), -1);
}

static void chunks_and_cleaning(void **state)
{
	(void)state;
	ImpChunk c[8];
	int n = imp_chunks("  No.   Uraian kegiatan    Waktu", c, 8, false);
	assert_int_equal(n, 3);
	assert_int_equal(c[0].col, 2);
	assert_int_equal(c[1].col, 8);
	assert_int_equal(c[1].len, 15);
	assert_int_equal(c[2].col, 27);
	/* Columns count code points: the en dash is one. */
	n = imp_chunks("1 \xe2\x80\x93 20  Hari", c, 8, false);
	assert_int_equal(n, 2);
	assert_int_equal(c[1].col, 8);
	n = imp_chunks("a\t\tb", c, 8, true);
	assert_int_equal(n, 3);
	assert_int_equal(c[1].len, 0);
	Arena a = ARENA_INIT;
	assert_string_equal(imp_clean(&a, "<p><b>YOSAFAT</b>  Pembina</p>", 30), "YOSAFAT Pembina");
	assert_string_equal(imp_clean(&a, "**Dasar Hukum**", 15), "Dasar Hukum");
	assert_string_equal(imp_clean(&a, "a < b", 5), "a < b");
	arena_free(&a);
}

static void headers(void **state)
{
	(void)state;
	ImpLine l = {.s = "No.\tAktivitas\tPelaksana\t\tMutu Baku", .tabs = true};
	assert_true(imp_is_header(&l));
	ImpLine m = {.s = "      Pelaksana            Mutu Baku"};
	assert_true(imp_is_header(&m));
	ImpLine o = {.s = "1\tMemerintahkan Sekretaris\t\t5 Menit", .tabs = true};
	assert_false(imp_is_header(&o));
}

static const char small_tsv[] =
        "Nomor SOP\t065/1\n"
        "Tanggal Pembuatan\t02 Januari 2023\n"
        "Disahkan oleh\tKepala Dinas Contoh  Budi, S.T. Pembina NIP. 19691024 199803 1 007\n"
        "Nama SOP\tContoh Impor\n"
        "\n"
        "No.\tKegiatan\tPelaksana\t\t\t\tMutu Baku\t\t\n"
        "\t\tKadis\tSekretaris\tKasubbag Umum\tStaf\tKelengkapan\tWaktu\tOutput\n"
        "1\tMemerintahkan Sekretaris untuk menyiapkan data\t\t\t\t\tSurat\t5 Menit\tDisposisi\n"
        "2\tMeneruskan kepada Kasubbag Umum\t\t\t\t\tDisposisi\t5 Menit\tDisposisi\n"
        "3\tMenyusun konsep, kemudian disampaikan kepada Sekretaris\t\t\t\t\tData\t2 jam\tKonsep\n"
        "3\tMemeriksa konsep, jika tidak setuju dikembalikan kepada Kasubbag Umum, jika setuju "
        "diparaf dan diserahkan kepada Kadis\t\t\t\t\tKonsep\t20 Menit\tKonsep\n"
        "5\tMenandatangani konsep\t\t\t\t\tKonsep\t1 hari kerja\tDokumen\n"
        "6\tselesai\t\t\t\t\t\t\t\n";

static void small_document(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Buf err = BUF_INIT;
	SopImport *res;
	int n = sop_import(&a, "small.txt", small_tsv, sizeof small_tsv - 1, &res, &err);
	assert_int_equal(n, 1);
	Sop *sop = res[0].sop;
	assert_string_equal(sop->number, "065/1");
	assert_string_equal(sop->created, "2023-01-02");
	assert_string_equal(sop->approved_by.title, "Kepala Dinas Contoh");
	assert_string_equal(sop->approved_by.name, "Budi, S.T.");
	assert_string_equal(sop->approved_by.rank, "Pembina");
	assert_string_equal(sop->approved_by.nip, "196910241998031007");
	assert_int_equal(sop->n_actors, 4);
	assert_int_equal(sop->n_steps, 6);
	/* Order, hand-over, the orderer, the review chain, the head's signature. */
	assert_string_equal(sop->steps[0].actor, "kadis");
	assert_string_equal(sop->steps[1].actor, "sekretaris");
	assert_string_equal(sop->steps[2].actor, "kasubbag");
	assert_string_equal(sop->steps[3].actor, "sekretaris");
	assert_int_equal(sop->steps[3].kind, SOP_DECISION);
	assert_int_equal(sop->steps[3].on_reject, 3);
	assert_string_equal(sop->steps[3].action, "paraf");
	assert_string_equal(sop->steps[4].actor, "kadis");
	assert_string_equal(sop->steps[4].action, "sign");
	assert_int_equal(sop->steps[4].duration.unit, SOP_WORKDAY);
	assert_int_equal(sop->steps[5].kind, SOP_END);
	assert_string_equal(sop->steps[5].actor, "kadis");
	/* The duplicate 3 is renumbered with a warning; the definition validates. */
	assert_int_equal(sop->steps[3].no, 4);
	bool renumbered = false;
	for (int i = 0; i < res[0].n_warnings; i++)
		renumbered |= strstr(res[0].warnings[i], "renumbered 4") != NULL;
	assert_true(renumbered);
	Buf problems = BUF_INIT;
	assert_int_equal(sop_validate(sop, &problems), 0);
	/* Every step's actor is a recorded guess, and marked in the JSON. */
	int actor_guesses = 0;
	for (int i = 0; i < res[0].n_guesses; i++)
		actor_guesses += strcmp(res[0].guesses[i].field, "actor") == 0;
	assert_int_equal(actor_guesses, 6);
	Buf json = BUF_INIT;
	sop_write(sop, &json);
	assert_contains(buf_str(&json), "\"inferred\": {");
	assert_contains(buf_str(&json), "the latest earlier step of the actor named");
	buf_free(&json);
	buf_free(&problems);
	buf_free(&err);
	arena_free(&a);
}

static void refuses_bad_input(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Buf err = BUF_INIT;
	SopImport *res;
	assert_int_equal(sop_import(&a, "e.txt", "", 0, &res, &err), -1);
	assert_contains(buf_str(&err), "empty");
	buf_reset(&err);
	assert_int_equal(sop_import(&a, "w.txt", " \n\t\n", 4, &res, &err), -1);
	assert_contains(buf_str(&err), "white space");
	buf_reset(&err);
	assert_int_equal(sop_import(&a, "b.bin", "ab\0cd", 5, &res, &err), -1);
	assert_contains(buf_str(&err), "binary");
	buf_reset(&err);
	const char *plain = "Hanya surat biasa.\nTanpa tabel.\n";
	assert_int_equal(sop_import(&a, "p.txt", plain, strlen(plain), &res, &err), -1);
	assert_contains(buf_str(&err), "no SOP flowchart table");
	buf_reset(&err);
	size_t big = IMP_MAX_LINE + 10;
	char *line = xmalloc(big);
	memset(line, 'x', big);
	assert_int_equal(sop_import(&a, "l.txt", line, big, &res, &err), -1);
	assert_contains(buf_str(&err), "line 1 is");
	free(line);
	buf_reset(&err);
	/* Windows-1252 is converted, with a warning. */
	Buf cp = BUF_INIT;
	buf_puts(&cp, small_tsv);
	char *at = strstr(cp.data, "Contoh Impor");
	at[5] = '\xe9'; /* "Conto\xe9": e acute in Windows-1252 */
	assert_int_equal(sop_import(&a, "c.txt", cp.data, cp.len, &res, &err), 1);
	assert_contains(res[0].sop->name, "Conto\xc3\xa9");
	assert_contains(res[0].warnings[0], "Windows-1252");
	buf_free(&cp);
	buf_free(&err);
	arena_free(&a);
}

/*
** A row continued by 40,000 lines (a hostile or broken export): its text
** stops at IMP_MAX_CELL, marked, instead of every join copying all before it.
*/
static void long_cells_are_capped(void **state)
{
	(void)state;
	Buf doc = BUF_INIT, err = BUF_INIT;
	buf_puts(&doc, "No.\tAktivitas\tPelaksana\t\tMutu Baku\t\t\n"
	               "\t\tKadis\tSekretaris\tKelengkapan\tWaktu\tOutput\n"
	               "1\tMemerintahkan Sekretaris\t\t\tDokumen\t5 Menit\tDisposisi\n");
	for (int i = 0; i < 40000; i++)
		buf_printf(&doc, "\tlanjutan kegiatan nomor %d yang panjang\n", i);
	buf_puts(&doc, "2\tMenyampaikan kepada Kadis\t\t\tDokumen\t5 Menit\tSurat\n");
	Arena a = ARENA_INIT;
	SopImport *im = NULL;
	int n = sop_import(&a, "panjang.txt", buf_str(&doc), doc.len, &im, &err);
	if (n < 1)
		fail_msg("%s", buf_str(&err));
	const char *act = im[0].sop->steps[0].activity;
	assert_true(strlen(act) <= IMP_MAX_CELL + 64);
	assert_true(strcmp(act + strlen(act) - 4, " ...") == 0);
	assert_true(a.total < 64 * 1024 * 1024); /* the arena stays small */
	arena_free(&a);
	buf_free(&doc);
	buf_free(&err);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(waktu_cells),           cmocka_unit_test(dates),
	        cmocka_unit_test(chunks_and_cleaning),   cmocka_unit_test(headers),
	        cmocka_unit_test(small_document),        cmocka_unit_test(refuses_bad_input),
	        cmocka_unit_test(long_cells_are_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
