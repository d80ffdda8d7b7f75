/*
** test_sign.c: electronic paraf and signature. Keys sealed under a
** passphrase; seed 000 through its paraf and sign steps with a renderer the
** test controls (report_kinds_set), a return that supersedes the first
** draft; verification of the issued file, a flipped byte, a draft, an
** unknown file; tampered and revoked signatures; refusals that change
** nothing (total_changes); the CLI's verify and case documents in-process;
** the web's /kunci, the task page's passphrase and /verifikasi with its
** upload check. Then the real renderers, whichever exist.
*/
#include "testutil.h"

#include "cli.h"
#include "kpi.h"
#include "report.h"
#include "web.h"

#include <sodium.h>
#include <sys/stat.h>

static Db *db;
static Wf *wf;
static WebApp *app;
static const time_t NOW = 1795395600; /* 2026-11-23 08:00 WIB */

/* ---- the test's renderer -------------------------------------------------------- */

/*
** A deterministic stand-in for a PDF: the case, its proposed values (so a
** redraft after a return differs), and with a seal its hash in the
** keywords, the QR text and every signer.
*/
static int test_render(Wf *w, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	(void)err;
	Arena a = ARENA_INIT;
	const char *subject = db_text(wf_db(w), &a, "SELECT subject FROM wf_case WHERE id=:c",
	                              DB_INT(":c", case_id), DB_END);
	int64_t sum = db_int(wf_db(w), 0,
	                     "SELECT coalesce(sum(value * 100), 0) FROM realisasi WHERE case_id=:c"
	                     " AND status='proposed'",
	                     DB_INT(":c", case_id), DB_END);
	buf_printf(pdf, "%%PDF-1.4\n%% test document of case %lld: %s; proposed %lld\n",
	           (long long)case_id, subject ? subject : "?", (long long)sum);
	if (seal) {
		buf_printf(pdf, "/Keywords (sakip:%s)\nQR %s\n", seal->hash, seal->verify_url);
		for (int i = 0; i < seal->n_signers; i++) {
			const DocSealSigner *s = &seal->signers[i];
			buf_printf(pdf, "%s: %s %s, %s, NIP %s, %s\n", s->role,
			           s->acting ? s->acting : "", s->name,
			           s->position ? s->position : "-", s->nip ? s->nip : "-",
			           s->signed_at);
		}
	} else {
		buf_puts(pdf, "KONSEP\n");
	}
	buf_puts(pdf, "%%EOF\n");
	arena_free(&a);
	return 0;
}

static ReportKind test_kinds[8];

static int setup(void **state)
{
	(void)state;
	const char *p = tu_path(0, "sign.db");
	unlink(p);
	Buf err = BUF_INIT, log = BUF_INIT;
	db = db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	assert_non_null(db);
	wf = wf_new(db);
	cli_install_hooks(wf);
	if (sop_lib_install(db, &log, &err) < 0 || wf_holidays_install(db, &err) < 0 ||
	    wf_demo_install(wf, &log, &err) < 0 || kpi_demo_install(db, NOW, &log, &err) < 0)
		fail_msg("%s", buf_str(&err));
	const char *people[] = {"yosafat", "nurhayati", "agustinus", "dewia", "yuliana"};
	for (size_t i = 0; i < COUNT(people); i++)
		assert_int_equal(web_password_set(db, people[i], "kata-sandi-demo", &err), 0);
	int n;
	const ReportKind *k = report_kinds(&n);
	assert_true(n <= (int)COUNT(test_kinds));
	for (int i = 0; i < n; i++) {
		test_kinds[i] = k[i];
		test_kinds[i].render = test_render;
	}
	report_kinds_set(test_kinds, n);
	app = web_app_new(db);
	buf_free(&err);
	buf_free(&log);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	report_kinds_set(NULL, 0);
	web_app_free(app);
	wf_free(wf);
	db_close(db);
	return 0;
}

static int64_t person(const char *login)
{
	return wf_person_by_login(db, login);
}

static int64_t changes(void)
{
	return db_int(db, -1, "SELECT total_changes()", DB_END);
}

static int64_t open_task(int64_t c, int step)
{
	return db_int(db, 0,
	              "SELECT id FROM wf_task WHERE case_id=:c AND step_no=:s AND status='open'",
	              DB_INT(":c", c), DB_INT(":s", step), DB_END);
}

static int act(int64_t c, int step, const char *login, WfOutcome o, const char *reason,
               const char *pass, time_t t, Buf *err)
{
	buf_reset(err);
	WfAct a = {open_task(c, step), person(login), o, reason, NULL, NULL, pass};
	return wf_task_act(wf, &a, t, err);
}

static void ok(int rc, Buf *err)
{
	if (rc != 0)
		fail_msg("%s", buf_str(err));
}

static int correct(int64_t c, const char *value, time_t t, Buf *err)
{
	buf_reset(err);
	WfFile ba = {"ba-koreksi.pdf", NULL, (const unsigned char *)"%PDF-1.4 berita acara", 21};
	KpiEntry e = {c, person("dewia"), "IK-01", value, "Sesuai berita acara", &ba, 0, 0};
	return kpi_correct(wf, &e, 2026, 1, t, err);
}

/* The stored bytes of a blob. */
static void blob(const char *sha, Buf *out)
{
	DbStmt *q =
	        db_query(db, "SELECT data FROM blob WHERE sha256=:h", DB_TEXT(":h", sha), DB_END);
	assert_int_equal(db_step(q), DB_ROW);
	size_t n = 0;
	const void *d = db_col_blob(q, 0, &n);
	buf_reset(out);
	buf_append(out, d, n);
	db_finalize(q);
}

static ReportVerdict verdict_of(const Buf *file, json_t **out)
{
	ReportVerdict v;
	json_t *o = report_verify_file_json(wf, (const unsigned char *)file->data, file->len, &v);
	if (out)
		*out = o;
	else
		json_decref(o);
	return v;
}

/* Run the CLI in-process: sakip --db DB ARGS...; its exit status. */
static int cli(const char *a1, const char *a2, const char *a3, const char *a4)
{
	char *argv[8] = {"sakip",    "--db",     (char *)tu_path(0, "sign.db"),
	                 (char *)a1, (char *)a2, (char *)a3,
	                 (char *)a4, NULL};
	int argc = 3;
	while (argc < 7 && argv[argc])
		argc++;
	fflush(stdout);
	return cli_main(argc, argv);
}

/* ---- keys -------------------------------------------------------------------------- */

static void keys_sealed_and_changed(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	int64_t before = changes();
	assert_int_equal(report_key_create(wf, person("agustinus"), "pendek", NOW, &err), -1);
	assert_contains(buf_str(&err), "8 sampai 1024 karakter");
	assert_int_equal(changes(), before);
	buf_reset(&err);
	ok(report_key_create(wf, person("agustinus"), "paraf kasubbag 1", NOW, &err), &err);
	ok(report_key_create(wf, person("nurhayati"), "paraf sekretaris 2", NOW, &err), &err);
	ok(report_key_create(wf, person("yosafat"), "ttd kepala dinas 3", NOW, &err), &err);
	/* The public key in the clear; the secret never stored in the clear. */
	Arena a = ARENA_INIT;
	const char *pk = db_text(db, &a, "SELECT public_key FROM sign_key WHERE person_id=:p",
	                         DB_INT(":p", person("yosafat")), DB_END);
	assert_int_equal(strlen(pk), 64);
	const char *box = db_text(db, &a, "SELECT sealed_secret FROM sign_key WHERE person_id=:p",
	                          DB_INT(":p", person("yosafat")), DB_END);
	assert_int_equal(strlen(box), 2 * (64 + 16));
	assert_null(strstr(box, pk)); /* the secret key's second half is the public key */
	/* One key in use per person. */
	before = changes();
	assert_int_equal(report_key_create(wf, person("yosafat"), "another phrase", NOW, &err), -1);
	assert_contains(buf_str(&err), "sudah memiliki");
	assert_int_equal(changes(), before);
	/* The passphrase changes only with the old one. */
	buf_reset(&err);
	assert_int_equal(report_key_passphrase(wf, person("yosafat"), "salah sekali", "baru sekali",
	                                       NOW, &err),
	                 -1);
	assert_contains(buf_str(&err), "lama salah");
	assert_int_equal(changes(), before);
	ok(report_key_passphrase(wf, person("yosafat"), "ttd kepala dinas 3", "ttd kadis baru 4",
	                         NOW, &err),
	   &err);
	assert_string_equal(db_text(db, &a, "SELECT public_key FROM sign_key WHERE person_id=:p",
	                            DB_INT(":p", person("yosafat")), DB_END),
	                    pk);
	assert_true(db_exists(db, "SELECT 1 FROM wf_event WHERE kind='key.passphrase'", DB_END));
	arena_free(&a);
	buf_free(&err);
}

/* ---- seed 000 through its paraf and sign steps ---------------------------------------- */

static int64_t case000;
static char issued_sha[65], draft_hash[65];

static void seed000_paraf_and_sign(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	time_t t = NOW + 3600;
	WfStart req = {"perkim-kalbar-perbaikan-data",
	               0,
	               "Perbaikan Data Kinerja TW II 2026",
	               NULL,
	               NULL,
	               0,
	               person("yosafat")};
	ok(wf_case_start(wf, &req, t, &case000, &err), &err);
	ok(act(case000, 1, "yosafat", WF_DONE, NULL, NULL, t, &err), &err);
	ok(act(case000, 2, "nurhayati", WF_DONE, NULL, NULL, t, &err), &err);
	ok(act(case000, 3, "agustinus", WF_DONE, NULL, NULL, t, &err), &err);
	ok(correct(case000, "55", t, &err), &err);
	ok(act(case000, 4, "dewia", WF_DONE, NULL, NULL, t, &err), &err);
	/* Step 4 (data.correct) drafted the correction document as its output. */
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM report_doc WHERE case_id=:c",
	                        DB_INT(":c", case000), DB_END),
	                 1);
	assert_true(
	        db_exists(db,
	                  "SELECT 1 FROM report_doc d JOIN wf_attachment a ON a.id=d.attachment_id"
	                  " WHERE d.case_id=:c AND d.kind='rekap-perbaikan' AND a.is_output=1"
	                  " AND a.sha256=d.hash",
	                  DB_INT(":c", case000), DB_END));
	/* No passphrase, a wrong one: refused, nothing changed. */
	int64_t before = changes();
	t += 600;
	assert_int_equal(act(case000, 5, "agustinus", WF_APPROVE, NULL, NULL, t, &err), -1);
	assert_contains(buf_str(&err), "passphrase");
	assert_int_equal(act(case000, 5, "agustinus", WF_APPROVE, NULL, "bukan frasanya", t, &err),
	                 -1);
	assert_contains(buf_str(&err), "wrong passphrase");
	assert_int_equal(changes(), before);
	assert_true(open_task(case000, 5) > 0);
	/* Another person's passphrase does not open this person's key. */
	assert_int_equal(
	        act(case000, 5, "agustinus", WF_APPROVE, NULL, "paraf sekretaris 2", t, &err), -1);
	assert_int_equal(changes(), before);
	/* Five wrong passphrases in a quarter of an hour: the key is not tried, even the right one. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(act(case000, 5, "agustinus", WF_APPROVE, NULL, "tebakan", t, &err),
		                 -1);
	assert_int_equal(
	        act(case000, 5, "agustinus", WF_APPROVE, NULL, "paraf kasubbag 1", t, &err), -1);
	assert_contains(buf_str(&err), "too many wrong passphrases");
	assert_int_equal(changes(), before);
	t += 15 * 60;
	ok(act(case000, 5, "agustinus", WF_APPROVE, NULL, "paraf kasubbag 1", t, &err), &err);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM report_signature", DB_END), 1);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM report_issued", DB_END), 1);
	/* The Sekretaris returns it to the Kasubbag, who returns it to the analyst. */
	t += 600;
	ok(act(case000, 6, "nurhayati", WF_RETURN, "Periksa lagi", NULL, t, &err), &err);
	ok(act(case000, 5, "agustinus", WF_RETURN, "Lampirkan berita acara", NULL, t, &err), &err);
	ok(correct(case000, "54", t, &err), &err);
	ok(act(case000, 4, "dewia", WF_DONE, NULL, NULL, t, &err), &err);
	/* Drafted again: the first draft superseded, its paraf still recorded. */
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM report_doc WHERE case_id=:c AND superseded_at"
	                        " IS NOT NULL",
	                        DB_INT(":c", case000), DB_END),
	                 1);
	int64_t current = db_int(
	        db, 0, "SELECT id FROM report_doc WHERE case_id=:c AND superseded_at IS NULL",
	        DB_INT(":c", case000), DB_END);
	t += 600;
	ok(act(case000, 5, "agustinus", WF_APPROVE, NULL, "paraf kasubbag 1", t, &err), &err);
	t += 600;
	ok(act(case000, 6, "nurhayati", WF_APPROVE, NULL, "paraf sekretaris 2", t, &err), &err);
	t += 600;
	ok(act(case000, 7, "yosafat", WF_APPROVE, NULL, "ttd kadis baru 4", t, &err), &err);
	/* Two parafs and a signature on the current draft; its last issued file carries all three.
	 */
	assert_int_equal(
	        db_int(db, 0,
	               "SELECT count(*) FROM report_signature WHERE doc_id=:d AND role='paraf'",
	               DB_INT(":d", current), DB_END),
	        2);
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM report_signature WHERE doc_id=:d"
	                        " AND role='tanda tangan'",
	                        DB_INT(":d", current), DB_END),
	                 1);
	Arena a = ARENA_INIT;
	snprintf(issued_sha, sizeof issued_sha, "%s",
	         db_text(db, &a,
	                 "SELECT sha256 FROM report_issued WHERE doc_id=:d AND n_signatures=3",
	                 DB_INT(":d", current), DB_END));
	snprintf(draft_hash, sizeof draft_hash, "%s",
	         db_text(db, &a, "SELECT hash FROM report_doc WHERE id=:d", DB_INT(":d", current),
	                 DB_END));
	assert_int_equal(strlen(issued_sha), 64);
	ok(act(case000, 8, "nurhayati", WF_DONE, NULL, NULL, t, &err), &err);
	ok(act(case000, 9, "agustinus", WF_DONE, NULL, NULL, t, &err), &err);
	ok(act(case000, 10, "yuliana", WF_DONE, NULL, NULL, t, &err), &err);
	/* The issued file verifies; the seal shows the signers in order with their QR address. */
	Buf file = BUF_INIT;
	blob(issued_sha, &file);
	assert_contains(buf_str(&file), "paraf:  Agustinus Lejo");
	assert_contains(buf_str(&file), "tanda tangan:  Yosafat");
	assert_contains(buf_str(&file), "QR http://127.0.0.1:8080/verifikasi/");
	assert_contains(buf_str(&file), draft_hash);
	json_t *o;
	assert_int_equal(verdict_of(&file, &o), REPORT_VERIFIED);
	json_t *sigs = json_object_get(json_object_get(o, "document"), "signatures");
	assert_int_equal(json_array_size(sigs), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(sigs, 2), "role")),
	                    "tanda tangan");
	assert_string_equal(json_string_value(json_object_get(json_array_get(sigs, 2), "nip")),
	                    "196910241998031007");
	json_decref(o);
	/* One flipped byte: altered, and it says which document it claims to be. */
	file.data[20] ^= 1;
	assert_int_equal(verdict_of(&file, &o), REPORT_ALTERED);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(o, "document"), "hash")),
	        draft_hash);
	json_decref(o);
	/* The draft is not an issued document; bytes sakip never saw are unknown. */
	blob(draft_hash, &file);
	assert_int_equal(verdict_of(&file, NULL), REPORT_DRAFT);
	buf_reset(&file);
	buf_puts(&file, "%PDF-1.4 something else");
	assert_int_equal(verdict_of(&file, NULL), REPORT_UNKNOWN);
	/* The CLI: exit 0 only for the issued file. */
	const char *good = tu_path(1, "issued.pdf"), *bad = tu_path(2, "altered.pdf");
	blob(issued_sha, &file);
	tu_write_file(good, file.data, file.len);
	file.data[file.len - 3] ^= 0x20;
	tu_write_file(bad, file.data, file.len);
	assert_int_equal(cli("verify", good, NULL, NULL), 0);
	assert_int_equal(cli("verify", good, "--json", NULL), 0);
	assert_int_equal(cli("verify", bad, NULL, NULL), 2);
	assert_int_equal(cli("verify", tu_path(3, "missing.pdf"), NULL, NULL), 2);
	assert_int_equal(cli("verify", NULL, NULL, NULL), 1);
	/* case documents: both drafts, one superseded, listed and exported. */
	json_t *docs = report_case_documents_json(wf, case000, &err);
	assert_int_equal(json_array_size(docs), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(docs, 0), "status")),
	                    "diganti");
	assert_string_equal(json_string_value(json_object_get(json_array_get(docs, 1), "status")),
	                    "terbit");
	assert_int_equal(json_array_size(json_object_get(json_array_get(docs, 0), "signatures")),
	                 1);
	assert_int_equal(json_array_size(json_object_get(json_array_get(docs, 1), "issued")), 3);
	json_decref(docs);
	char id[32];
	snprintf(id, sizeof id, "%lld", (long long)case000);
	const char *dir = tu_path(3, "export");
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(cli("case", "documents", id, NULL), 0);
	assert_int_equal(cli("case", "documents", id, "--json"), 0);
	assert_int_equal(cli("case", "documents", id, "--export"), 1);
	{
		char *argv[] = {"sakip",    "--db",      (char *)tu_path(0, "sign.db"),
		                "case",     "documents", id,
		                "--export", (char *)dir, NULL};
		assert_int_equal(cli_main(8, argv), 0);
	}
	Buf path = BUF_INIT, exported = BUF_INIT;
	buf_printf(&path, "%s/rekap-perbaikan-kasus-%lld-v2-ttd3.pdf", dir, (long long)case000);
	tu_read_file(&exported, buf_str(&path));
	blob(issued_sha, &file);
	assert_int_equal(exported.len, file.len);
	assert_memory_equal(exported.data, file.data, file.len);
	assert_int_equal(cli("case", "documents", "999999", NULL), 2);
	assert_int_equal(wf_audit_verify(db, &err) > 0, 1);
	buf_free(&path);
	buf_free(&exported);
	buf_free(&file);
	arena_free(&a);
	buf_free(&err);
}

/* ---- tampering and revocation ------------------------------------------------------- */

static void tampered_and_revoked(void **state)
{
	(void)state;
	Buf err = BUF_INIT, file = BUF_INIT;
	blob(issued_sha, &file);
	int64_t doc = db_int(db, 0, "SELECT doc_id FROM report_issued WHERE sha256=:h",
	                     DB_TEXT(":h", issued_sha), DB_END);
	int64_t sig = db_int(
	        db, 0, "SELECT id FROM report_signature WHERE doc_id=:d AND role='tanda tangan'",
	        DB_INT(":d", doc), DB_END);
	int64_t key = db_int(db, 0, "SELECT key_id FROM report_signature WHERE id=:s",
	                     DB_INT(":s", sig), DB_END);
	int64_t other = db_int(db, 0, "SELECT id FROM sign_key WHERE person_id=:p",
	                       DB_INT(":p", person("nurhayati")), DB_END);
	/* Another person's key under the Kadis's signature: it does not verify. */
	assert_int_equal(db_exec(db, "UPDATE report_signature SET key_id=:k WHERE id=:s",
	                         DB_INT(":k", other), DB_INT(":s", sig), DB_END),
	                 DB_OK);
	json_t *o;
	assert_int_equal(verdict_of(&file, &o), REPORT_BAD_SIGNATURE);
	json_decref(o);
	/* The signature claimed for another person: the message differs, it fails. */
	assert_int_equal(db_exec(db,
	                         "UPDATE report_signature SET key_id=:k, person_id=:p WHERE id=:s",
	                         DB_INT(":k", key), DB_INT(":p", person("nurhayati")),
	                         DB_INT(":s", sig), DB_END),
	                 DB_OK);
	assert_int_equal(verdict_of(&file, NULL), REPORT_BAD_SIGNATURE);
	/* Its time moved: fails too. */
	assert_int_equal(db_exec(db,
	                         "UPDATE report_signature SET person_id=:p, signed_at=signed_at-60"
	                         " WHERE id=:s",
	                         DB_INT(":p", person("yosafat")), DB_INT(":s", sig), DB_END),
	                 DB_OK);
	assert_int_equal(verdict_of(&file, NULL), REPORT_BAD_SIGNATURE);
	assert_int_equal(db_exec(db,
	                         "UPDATE report_signature SET signed_at=signed_at+60 WHERE id=:s",
	                         DB_INT(":s", sig), DB_END),
	                 DB_OK);
	assert_int_equal(verdict_of(&file, NULL), REPORT_VERIFIED);
	/* Revoked after signing: the old signature still verifies, the revocation noted. */
	time_t later = NOW + 30 * 86400;
	int64_t before = changes();
	assert_int_equal(report_key_revoke(wf, person("yosafat"), "", later, &err), -1);
	assert_int_equal(changes(), before);
	ok(report_key_revoke(wf, person("yosafat"), "Laptop hilang", later, &err), &err);
	assert_int_equal(verdict_of(&file, &o), REPORT_VERIFIED);
	json_t *s3 =
	        json_array_get(json_object_get(json_object_get(o, "document"), "signatures"), 2);
	assert_true(json_is_true(json_object_get(s3, "valid")));
	assert_string_equal(json_string_value(json_object_get(s3, "revoked_reason")),
	                    "Laptop hilang");
	json_decref(o);
	/* A key revoked before the time it signed at: refused as revoked. */
	int64_t at = db_int(db, 0, "SELECT signed_at FROM report_signature WHERE id=:s",
	                    DB_INT(":s", sig), DB_END);
	assert_int_equal(db_exec(db, "UPDATE sign_key SET revoked_at=:t WHERE id=:k",
	                         DB_INT(":t", at - 1), DB_INT(":k", key), DB_END),
	                 DB_OK);
	assert_int_equal(verdict_of(&file, NULL), REPORT_REVOKED);
	const char *path = tu_path(1, "revoked.pdf");
	tu_write_file(path, file.data, file.len);
	assert_int_equal(cli("verify", path, NULL, NULL), 2);
	assert_int_equal(db_exec(db, "UPDATE sign_key SET revoked_at=:t WHERE id=:k",
	                         DB_INT(":t", (int64_t)later), DB_INT(":k", key), DB_END),
	                 DB_OK);
	/* The revoked Kadis signs nothing new: a new case stops at his step, unchanged. */
	int64_t c;
	WfStart req = {"perkim-kalbar-perbaikan-data",
	               0,
	               "Perbaikan kedua",
	               NULL,
	               NULL,
	               0,
	               person("yosafat")};
	time_t t = later + 3600;
	ok(wf_case_start(wf, &req, t, &c, &err), &err);
	ok(act(c, 1, "yosafat", WF_DONE, NULL, NULL, t, &err), &err);
	ok(act(c, 2, "nurhayati", WF_DONE, NULL, NULL, t, &err), &err);
	ok(act(c, 3, "agustinus", WF_DONE, NULL, NULL, t, &err), &err);
	ok(correct(c, "56", t, &err), &err);
	ok(act(c, 4, "dewia", WF_DONE, NULL, NULL, t, &err), &err);
	ok(act(c, 5, "agustinus", WF_APPROVE, NULL, "paraf kasubbag 1", t, &err), &err);
	ok(act(c, 6, "nurhayati", WF_APPROVE, NULL, "paraf sekretaris 2", t, &err), &err);
	before = changes();
	assert_int_equal(act(c, 7, "yosafat", WF_APPROVE, NULL, "ttd kadis baru 4", t, &err), -1);
	assert_contains(buf_str(&err), "no signing key");
	assert_int_equal(changes(), before);
	/* With a new key he signs again. */
	ok(report_key_create(wf, person("yosafat"), "kunci baru kadis", t, &err), &err);
	ok(act(c, 7, "yosafat", WF_APPROVE, NULL, "kunci baru kadis", t, &err), &err);
	const char *sha = db_text(db, NULL,
	                          "SELECT i.sha256 FROM report_issued i JOIN report_doc d"
	                          " ON d.id=i.doc_id WHERE d.case_id=:c AND i.n_signatures=3",
	                          DB_INT(":c", c), DB_END);
	assert_non_null(sha);
	blob(sha, &file);
	assert_int_equal(verdict_of(&file, NULL), REPORT_VERIFIED);
	free((void *)sha);
	buf_free(&file);
	buf_free(&err);
}

/* ---- the web ---------------------------------------------------------------------- */

typedef struct Resp {
	int status;
	char location[128];
	Buf body;
} Resp;

static void request_files(Resp *out, const char *method, const char *path, const char *cookie,
                          const char *form, const WebFile *files, int n_files, time_t now)
{
	Arena a = ARENA_INIT;
	WebRequest req = {0};
	WebReply rep = {0};
	req.arena = &a;
	req.method = method;
	req.path = arena_strdup(&a, path);
	req.cookie_session = cookie;
	req.remote = "127.0.0.1";
	if (form)
		req.n_form = web_parse_urlencoded(&a, form, strlen(form), req.form, WEB_MAX_PARAMS);
	for (int i = 0; i < n_files; i++)
		req.files[i] = files[i];
	req.n_files = n_files;
	web_handle(app, &req, &rep, now);
	out->status = rep.status;
	snprintf(out->location, sizeof out->location, "%s", rep.location ? rep.location : "");
	buf_reset(&out->body);
	buf_append(&out->body, rep.body.data ? rep.body.data : "", rep.body.len);
	if (rep.set_cookie[0] && strncmp(rep.set_cookie, "sakip=", 6) == 0)
		snprintf(out->location + strlen(out->location),
		         sizeof out->location - strlen(out->location), "|%.64s",
		         rep.set_cookie + 6);
	web_reply_free(&rep);
	arena_free(&a);
}

static void request(Resp *out, const char *method, const char *path, const char *cookie,
                    const char *form, time_t now)
{
	request_files(out, method, path, cookie, form, NULL, 0, now);
}

static void sign_in(const char *login, char session[65], char csrf[65], time_t now)
{
	Resp r = {0};
	char form[128];
	snprintf(form, sizeof form, "login=%s&password=kata-sandi-demo", login);
	request(&r, "POST", "/masuk", NULL, form, now);
	assert_int_equal(r.status, 303);
	const char *bar = strchr(r.location, '|');
	assert_non_null(bar);
	snprintf(session, 65, "%.64s", bar + 1);
	request(&r, "GET", "/kunci", session, NULL, now);
	assert_int_equal(r.status, 200);
	const char *p = strstr(buf_str(&r.body), "name=\"csrf\" value=\"");
	assert_non_null(p);
	snprintf(csrf, 65, "%.64s", p + strlen("name=\"csrf\" value=\""));
	buf_free(&r.body);
}

static WebFile upload(const char *name, const Buf *data)
{
	const char *path = tu_path(3, name);
	tu_write_file(path, data->data, data->len);
	return (WebFile){"berkas", name, "application/pdf", path, data->len};
}

static void web_key_page(void **state)
{
	(void)state;
	time_t t = NOW + 40 * 86400;
	char sess[65], csrf[65], form[300];
	sign_in("dewia", sess, csrf, t);
	Resp r = {0};
	request(&r, "GET", "/kunci", sess, NULL, t);
	assert_contains(buf_str(&r.body), "Buat kunci");
	/* No CSRF token, two different passphrases, a short one: refused, nothing changed. */
	int64_t before = changes();
	request(&r, "POST", "/kunci", sess, "frasa=frasa-dewi-1&ulang=frasa-dewi-1", t);
	assert_int_equal(r.status, 403);
	snprintf(form, sizeof form, "csrf=%s&frasa=frasa-dewi-1&ulang=frasa-dewi-2", csrf);
	request(&r, "POST", "/kunci", sess, form, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "tidak sama");
	snprintf(form, sizeof form, "csrf=%s&frasa=pendek&ulang=pendek", csrf);
	request(&r, "POST", "/kunci", sess, form, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "role=\"alert\"");
	assert_int_equal(changes(), before);
	snprintf(form, sizeof form, "csrf=%s&frasa=frasa-dewi-1&ulang=frasa-dewi-1", csrf);
	request(&r, "POST", "/kunci", sess, form, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "sudah dibuat");
	assert_contains(buf_str(&r.body), "Ganti frasa sandi");
	assert_true(db_exists(db,
	                      "SELECT 1 FROM sign_key WHERE person_id=:p AND revoked_at IS NULL",
	                      DB_INT(":p", person("dewia")), DB_END));
	before = changes();
	snprintf(form, sizeof form,
	         "csrf=%s&lama=salah-salah&frasa=frasa-dewi-2&ulang=frasa-dewi-2", csrf);
	request(&r, "POST", "/kunci/frasa", sess, form, t);
	assert_int_equal(r.status, 422);
	assert_int_equal(changes(), before);
	snprintf(form, sizeof form,
	         "csrf=%s&lama=frasa-dewi-1&frasa=frasa-dewi-2&ulang=frasa-dewi-2", csrf);
	request(&r, "POST", "/kunci/frasa", sess, form, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "sudah diganti");
	/* Anonymous: to the sign-in. */
	request(&r, "GET", "/kunci", NULL, NULL, t);
	assert_int_equal(r.status, 303);
	buf_free(&r.body);
}

static void web_sign_and_verify(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	time_t t = NOW + 41 * 86400;
	/* A hostile name shows escaped wherever it appears. */
	assert_int_equal(db_exec(db, "UPDATE person SET name=:n WHERE login='agustinus'",
	                         DB_TEXT(":n", "Agustinus <script>alert(1)</script>"), DB_END),
	                 DB_OK);
	int64_t c;
	WfStart req = {"perkim-kalbar-perbaikan-data",
	               0,
	               "Perbaikan <b>ketiga</b>",
	               NULL,
	               NULL,
	               0,
	               person("yosafat")};
	ok(wf_case_start(wf, &req, t, &c, &err), &err);
	ok(act(c, 1, "yosafat", WF_DONE, NULL, NULL, t, &err), &err);
	ok(act(c, 2, "nurhayati", WF_DONE, NULL, NULL, t, &err), &err);
	ok(act(c, 3, "agustinus", WF_DONE, NULL, NULL, t, &err), &err);
	ok(correct(c, "57", t, &err), &err);
	ok(act(c, 4, "dewia", WF_DONE, NULL, NULL, t, &err), &err);
	char sess[65], csrf[65], form[300], path[64];
	sign_in("agustinus", sess, csrf, t);
	int64_t task = open_task(c, 5);
	snprintf(path, sizeof path, "/tugas/%lld", (long long)task);
	Resp r = {0};
	request(&r, "GET", path, sess, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "/tanda-tangan\"");
	assert_contains(buf_str(&r.body), "name=\"frasa\"");
	assert_contains(buf_str(&r.body), "Dokumen yang Anda paraf");
	/* A wrong passphrase: 409, the page again, nothing changed. */
	snprintf(path, sizeof path, "/tugas/%lld/tanda-tangan", (long long)task);
	int64_t before = changes();
	snprintf(form, sizeof form, "csrf=%s&aksi=setujui&frasa=bukan-frasanya", csrf);
	request(&r, "POST", path, sess, form, t);
	assert_int_equal(r.status, 409);
	assert_contains(buf_str(&r.body), "frasa sandi kunci tanda tangan salah");
	assert_int_equal(changes(), before);
	snprintf(form, sizeof form, "csrf=%s&aksi=setujui&frasa=paraf+kasubbag+1", csrf);
	request(&r, "POST", path, sess, form, t);
	assert_int_equal(r.status, 303);
	/* Someone else's task through the signing route: 403. */
	char s2[65], c2[65];
	sign_in("dewia", s2, c2, t);
	snprintf(form, sizeof form, "csrf=%s&aksi=setujui&frasa=frasa-dewi-2", c2);
	snprintf(path, sizeof path, "/tugas/%lld/tanda-tangan", (long long)open_task(c, 6));
	request(&r, "POST", path, s2, form, t);
	assert_int_equal(r.status, 403);
	/* The public page of the draft's hash: the paraf, the name escaped. */
	Arena a = ARENA_INIT;
	const char *hash = db_text(db, &a,
	                           "SELECT hash FROM report_doc WHERE case_id=:c AND superseded_at"
	                           " IS NULL",
	                           DB_INT(":c", c), DB_END);
	const char *sha = db_text(db, &a,
	                          "SELECT i.sha256 FROM report_issued i JOIN report_doc d ON"
	                          " d.id=i.doc_id WHERE d.case_id=:c",
	                          DB_INT(":c", c), DB_END);
	char vpath[128];
	snprintf(vpath, sizeof vpath, "/verifikasi/%s", hash);
	request(&r, "GET", vpath, NULL, NULL, t);
	if (r.status != 200)
		fail_msg("%s: %d %s", vpath, r.status, buf_str(&r.body));
	assert_contains(buf_str(&r.body), "Agustinus &lt;script&gt;alert(1)&lt;/script&gt;");
	assert_null(strstr(buf_str(&r.body), "<script>"));
	assert_contains(buf_str(&r.body), "Perbaikan &lt;b&gt;ketiga&lt;/b&gt;");
	assert_contains(buf_str(&r.body), "paraf");
	assert_contains(buf_str(&r.body), "sah");
	assert_contains(buf_str(&r.body), "NIP 19830817 200903 1 005");
	/* The upload check: the issued file is the same; one changed byte is not. */
	Buf file = BUF_INIT;
	blob(sha, &file);
	WebFile f = upload("terbit.pdf", &file);
	request_files(&r, "POST", vpath, NULL, NULL, &f, 1, t);
	assert_int_equal(r.status, 200);
	/* Issued with a paraf only: the same file, but not final. */
	assert_contains(buf_str(&r.body), "SAMA dengan yang diterbitkan sakip dan tidak berubah, "
	                                  "tetapi baru diparaf");
	file.data[30] ^= 4;
	f = upload("ubah.pdf", &file);
	request_files(&r, "POST", vpath, NULL, NULL, &f, 1, t);
	assert_contains(buf_str(&r.body), "TIDAK SAMA");
	request_files(&r, "POST", vpath, NULL, NULL, NULL, 0, t);
	assert_int_equal(r.status, 422);
	/* Unknown and malformed codes: 404. */
	request(&r, "GET",
	        "/verifikasi/00000000000000000000000000000000000000000000000000000000000000ff",
	        NULL, NULL, t);
	assert_int_equal(r.status, 404);
	request(&r, "GET", "/verifikasi/%3Cscript%3E", NULL, NULL, t);
	assert_int_equal(r.status, 404);
	/* The API takes the passphrase in its body. */
	char token[65];
	assert_int_equal(web_token_create(db, "nurhayati", NULL, 0, t, token, &err), 0);
	snprintf(path, sizeof path, "/api/v1/tasks/%lld/approve", (long long)open_task(c, 6));
	Arena ra = ARENA_INIT;
	WebRequest rq = {0};
	WebReply rp = {0};
	rq.arena = &ra;
	rq.method = "POST";
	rq.path = path;
	rq.bearer = token;
	rq.remote = "127.0.0.1";
	rq.body = "{\"passphrase\": \"salah sekali\"}";
	rq.body_len = strlen(rq.body);
	before = changes();
	web_handle(app, &rq, &rp, t);
	assert_int_equal(rp.status, 409);
	assert_int_equal(changes(), before);
	web_reply_free(&rp);
	rp = (WebReply){0};
	rq.body = "{\"passphrase\": \"paraf sekretaris 2\"}";
	rq.body_len = strlen(rq.body);
	web_handle(app, &rq, &rp, t);
	assert_int_equal(rp.status, 200);
	web_reply_free(&rp);
	arena_free(&ra);
	buf_free(&file);
	buf_free(&r.body);
	arena_free(&a);
	buf_free(&err);
}

int main(void)
{
	tu_init();
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(keys_sealed_and_changed), cmocka_unit_test(seed000_paraf_and_sign),
	        cmocka_unit_test(tampered_and_revoked),    cmocka_unit_test(web_key_page),
	        cmocka_unit_test(web_sign_and_verify),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
