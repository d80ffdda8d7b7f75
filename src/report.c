/*
** report.c: the kinds of sakip's documents and their life in a case.
**
** A step whose action drafts a kind (the table below) renders the draft
** when it is completed (seal NULL) and attaches it as the step's output;
** the kind's earlier draft in the case, if any, is superseded (kept, with
** whatever was signed on it). A paraf or sign step signs every current
** draft of the case (report_sign.c), which issues the sealed file after
** each signature. These run as engine hooks inside the engine's write
** transaction, next to kpi_flow.c's (report_flow_install).
**
** Also `sakip case documents`: the case's documents as JSON, or as files.
** Keys, signatures and verification are report_sign.c's; how documents
** look is doc_*.c's.
*/
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const ReportKind builtin[] = {
        {"nota-dinas", "Nota Dinas Permintaan Data Kinerja", "data.request", report_nota_dinas},
        {"sk-tim", "Surat Keputusan Tim Penyusunan LKj", "team.form", report_sk_tim},
        {"format-data", "Format Data Kinerja, SK dan Surat Pemberitahuan", "doc.draft",
         report_format_data},
        {"rekap", "Rekapitulasi Data Kinerja", "data.compile", report_recap},
        {"rekap-perbaikan", "Perbaikan Data Kinerja", "data.correct", report_recap},
        {"lkj", "Laporan Kinerja (LKj)", "lkj.draft", report_lkj_case},
};

/* The table in use: the built-in one unless a test replaced it (report_kinds_set). */
typedef struct KindTable {
	const ReportKind *kinds;
	int n;
} KindTable;
static const KindTable builtin_table = {builtin, (int)COUNT(builtin)};
static _Atomic(const KindTable *) table = &builtin_table;
static KindTable test_table;

const ReportKind *report_kinds(int *n)
{
	const KindTable *t = atomic_load(&table);
	*n = t->n;
	return t->kinds;
}

const ReportKind *report_kind(const char *kind)
{
	int n;
	const ReportKind *k = report_kinds(&n);
	for (int i = 0; i < n; i++)
		if (strcmp(k[i].kind, kind) == 0)
			return &k[i];
	return NULL;
}

void report_kinds_set(const ReportKind *kinds, int n)
{
	if (!kinds) {
		atomic_store(&table, &builtin_table);
		return;
	}
	test_table = (KindTable){kinds, n};
	atomic_store(&table, &test_table);
}

/* ---- drafting ------------------------------------------------------------ */

/* Render kind k's draft for h's case and attach it as the step's output. */
static int draft(Wf *wf, const WfHookCtx *h, const ReportKind *k, Buf *err)
{
	Db *db = wf_db(wf);
	Buf pdf = BUF_INIT, rerr = BUF_INIT;
	int rc = -1;
	if (k->render(wf, h->c->id, NULL, &pdf, &rerr) != 0) {
		/*
		** The workflow does not stop because a document cannot be drawn (info: a
		** kind that does not apply to this case would fill stderr on every step).
		** But an earlier draft of the kind no longer says what the case says: it
		** is superseded, so that no one signs old figures.
		*/
		log_info("case %lld step %d: %s not drafted: %s", (long long)h->c->id, h->st->no,
		         k->kind, buf_str(&rerr));
		if (db_exec(db,
		            "UPDATE report_doc SET superseded_at=:t WHERE case_id=:c AND kind=:k"
		            " AND superseded_at IS NULL",
		            DB_INT(":t", (int64_t)h->now), DB_INT(":c", h->c->id),
		            DB_TEXT(":k", k->kind), DB_END) != DB_OK) {
			buf_printf(err, "cannot set aside the old draft of %s: %s\n", k->kind,
			           db_errmsg(db));
			goto cleanup;
		}
		rc = 0;
		goto cleanup;
	}
	char name[128], sha[65];
	int version =
	        1 + (int)db_int(db, 0,
	                        "SELECT count(*) FROM report_doc WHERE case_id=:c AND kind=:k",
	                        DB_INT(":c", h->c->id), DB_TEXT(":k", k->kind), DB_END);
	snprintf(name, sizeof name, "%s-kasus-%lld-v%d-konsep.pdf", k->kind, (long long)h->c->id,
	         version);
	WfFile f = {name, "application/pdf", (const unsigned char *)pdf.data, pdf.len};
	if (wf_attach(wf, h->c->id, h->task_id, h->person_id, h->acting_for, &f, true, h->now, sha,
	              err) != 0)
		goto cleanup;
	int64_t att =
	        db_int(db, 0, "SELECT max(id) FROM wf_attachment WHERE case_id=:c AND sha256=:h",
	               DB_INT(":c", h->c->id), DB_TEXT(":h", sha), DB_END);
	char detail[200];
	snprintf(detail, sizeof detail, "{\"kind\":\"%s\",\"hash\":\"%s\"}", k->kind, sha);
	WfEvent ev = {h->c->id, h->task_id, h->person_id, h->acting_for, "doc.draft", detail, NULL};
	if (db_exec(db,
	            "UPDATE report_doc SET superseded_at=:t WHERE case_id=:c AND kind=:k"
	            " AND superseded_at IS NULL",
	            DB_INT(":t", (int64_t)h->now), DB_INT(":c", h->c->id), DB_TEXT(":k", k->kind),
	            DB_END) != DB_OK ||
	    db_exec(db,
	            "INSERT INTO report_doc(case_id, kind, task_id, hash, attachment_id, "
	            "created_at)"
	            " VALUES(:c, :k, :t, :h, :a, :at)",
	            DB_INT(":c", h->c->id), DB_TEXT(":k", k->kind), DB_INT(":t", h->task_id),
	            DB_TEXT(":h", sha), DB_INT(":a", att), DB_INT(":at", (int64_t)h->now),
	            DB_END) != DB_OK ||
	    wf_audit_append(wf, &ev, h->now) != 0) {
		buf_printf(err, "cannot record the draft of %s: %s\n", k->kind, db_errmsg(db));
		goto cleanup;
	}
	rc = 0;
cleanup:
	buf_free(&pdf);
	buf_free(&rerr);
	return rc;
}

static int step_done(Wf *wf, const WfHookCtx *h, Buf *err)
{
	const char *action = h->st->action;
	if (!action || h->outcome == WF_RETURN)
		return 0;
	if (strcmp(action, "paraf") == 0 || strcmp(action, "sign") == 0)
		return report_sign_drafts(
		        wf, h, strcmp(action, "sign") == 0 ? "tanda tangan" : "paraf", err);
	int n;
	const ReportKind *k = report_kinds(&n);
	for (int i = 0; i < n; i++)
		if (k[i].action && strcmp(k[i].action, action) == 0 &&
		    draft(wf, h, &k[i], err) != 0)
			return -1;
	return 0;
}

static const WfHooks hooks = {step_done, NULL, NULL, NULL};

void report_flow_install(Wf *wf)
{
	wf_add_hooks(wf, &hooks);
}

/* ---- a case's documents ---------------------------------------------------- */

json_t *report_case_documents_json(Wf *wf, int64_t case_id, Buf *err)
{
	Db *db = wf_db(wf);
	if (!db_exists(db, "SELECT 1 FROM wf_case WHERE id=:c", DB_INT(":c", case_id), DB_END)) {
		buf_printf(err, "no case %lld\n", (long long)case_id);
		return NULL;
	}
	json_t *out = json_array();
	DbStmt *q = db_query(db,
	                     "SELECT d.id, d.attachment_id, a.name FROM report_doc d"
	                     " JOIN wf_attachment a ON a.id=d.attachment_id"
	                     " WHERE d.case_id=:c ORDER BY d.id",
	                     DB_INT(":c", case_id), DB_END);
	while (db_step(q) == DB_ROW) {
		int64_t id = db_col_int(q, 0);
		const char *hash = db_text(db, NULL, "SELECT hash FROM report_doc WHERE id=:d",
		                           DB_INT(":d", id), DB_END);
		json_t *docs = report_hash_json(wf, hash);
		free((void *)hash);
		json_t *d = NULL;
		size_t i;
		json_t *x;
		json_array_foreach (docs, i, x)
			if (json_integer_value(json_object_get(x, "id")) == id)
				d = json_incref(x);
		json_decref(docs);
		if (!d)
			continue;
		/* issued files of this draft only (report_hash_json lists per draft already) */
		bool superseded = !json_is_null(json_object_get(d, "superseded_at"));
		bool issued = json_array_size(json_object_get(d, "issued")) > 0;
		json_object_set_new(d, "status",
		                    json_string(superseded ? "diganti"
		                                : issued   ? "terbit"
		                                           : "konsep"));
		json_object_set_new(d, "draft",
		                    json_pack("{s:I, s:s}", "attachment",
		                              (json_int_t)db_col_int(q, 1), "name",
		                              db_col_text(q, 2)));
		json_array_append_new(out, d);
	}
	db_finalize(q);
	return out;
}

/* Write one stored blob to dir/name; 0 or -1 with err. */
static int export_blob(Db *db, const char *sha, const char *dir, const char *name, Buf *log,
                       Buf *err)
{
	DbStmt *q =
	        db_query(db, "SELECT data FROM blob WHERE sha256=:h", DB_TEXT(":h", sha), DB_END);
	int rc = -1;
	if (db_step(q) == DB_ROW) {
		size_t n = 0;
		const void *data = db_col_blob(q, 0, &n);
		Buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", dir, name);
		int fd = open(buf_str(&path), O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write(fd, data, n) != (ssize_t)n || close(fd) != 0) {
			buf_printf(err, "%s: %s\n", buf_str(&path), strerror(errno));
			if (fd >= 0)
				close(fd);
		} else {
			buf_printf(log, "%s\n", buf_str(&path));
			rc = 0;
		}
		buf_free(&path);
	} else {
		buf_printf(err, "file %s is not stored\n", sha);
	}
	db_finalize(q);
	return rc;
}

int report_case_export(Wf *wf, int64_t case_id, const char *dir, Buf *log, Buf *err)
{
	json_t *docs = report_case_documents_json(wf, case_id, err);
	if (!docs)
		return -1;
	/* The directory is made if it is not there (its parent must be). */
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		buf_printf(err, "%s: %s\n", dir, strerror(errno));
		json_decref(docs);
		return -1;
	}
	int rc = 0;
	size_t i, j;
	json_t *d, *f;
	json_array_foreach (docs, i, d) {
		json_t *draft_o = json_object_get(d, "draft");
		if (export_blob(wf_db(wf), json_string_value(json_object_get(d, "hash")), dir,
		                json_string_value(json_object_get(draft_o, "name")), log, err) != 0)
			rc = -1;
		json_array_foreach (json_object_get(d, "issued"), j, f)
			if (export_blob(wf_db(wf), json_string_value(json_object_get(f, "sha256")),
			                dir, json_string_value(json_object_get(f, "name")), log,
			                err) != 0)
				rc = -1;
	}
	json_decref(docs);
	return rc;
}
