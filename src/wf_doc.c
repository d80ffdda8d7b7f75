/*
** wf_doc.c: attachments of cases: files stored once, content-addressed by
** SHA-256, with their original name and media type, linked to the task
** that attached them (and marked as the step's output document when they
** came with its completion). Documents that sakip renders itself (LKj,
** Nota Dinas) come later; this file only stores what people upload.
*/
#include "wf.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool ends_with(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcasecmp(name + n - e, ext) == 0;
}

/* The media type from the content's magic bytes, else the name's extension. */
const char *wf_media_type(const char *name, const unsigned char *d, size_t n)
{
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	if (n >= 4 && memcmp(d, "PK\x03\x04", 4) == 0) {
		if (ends_with(name, ".docx"))
			return "application/"
			       "vnd.openxmlformats-officedocument.wordprocessingml.document";
		if (ends_with(name, ".xlsx"))
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		return "application/zip";
	}
	if (ends_with(name, ".csv"))
		return "text/csv";
	if (ends_with(name, ".txt"))
		return "text/plain";
	if (ends_with(name, ".md"))
		return "text/markdown";
	if (ends_with(name, ".doc"))
		return "application/msword";
	if (ends_with(name, ".xls"))
		return "application/vnd.ms-excel";
	return "application/octet-stream";
}

int wf_attach(Wf *wf, int64_t case_id, int64_t task_id, int64_t person_id, int64_t acting_for,
              const WfFile *f, bool is_output, time_t now, char sha_out[65], Buf *err)
{
	Db *db = wf_db(wf);
	size_t name_len = f->name ? strlen(f->name) : 0;
	if (name_len == 0 || name_len > 255 || !utf8_check(f->name, name_len, NULL) ||
	    strchr(f->name, '/')) {
		buf_printf(
		        err,
		        "attachment: the file name must be 1 to 255 bytes of UTF-8 without '/'\n");
		return -1;
	}
	if (f->len > WF_MAX_ATTACHMENT) {
		buf_printf(err, "attachment %s: %zu bytes; the limit is %d bytes\n", f->name,
		           f->len, WF_MAX_ATTACHMENT);
		return -1;
	}
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, f->data, f->len);
	sodium_bin2hex(sha_out, 65, digest, sizeof digest);
	const char *type = f->media_type ? f->media_type : wf_media_type(f->name, f->data, f->len);
	DbStmt *st = db_prepare(db, "INSERT INTO blob(sha256, size, data) VALUES(:h, :n, :d)"
	                            " ON CONFLICT(sha256) DO NOTHING");
	db_bind_text(st, ":h", sha_out);
	db_bind_int(st, ":n", (int64_t)f->len);
	db_bind_blob(st, ":d", f->data, f->len);
	int rc = db_step(st);
	db_finalize(st);
	if (rc != DB_DONE ||
	    db_exec(db,
	            "INSERT INTO wf_attachment(case_id, task_id, sha256, name, media_type, size,"
	            " is_output, person_id, created_at) VALUES(:c, :t, :h, :n, :m, :s, :o, :p, "
	            ":at)",
	            DB_INT(":c", case_id), task_id ? DB_INT(":t", task_id) : DB_NULL(":t"),
	            DB_TEXT(":h", sha_out), DB_TEXT(":n", f->name), DB_TEXT(":m", type),
	            DB_INT(":s", (int64_t)f->len), DB_INT(":o", is_output), DB_INT(":p", person_id),
	            DB_INT(":at", (int64_t)now), DB_END) != DB_OK) {
		buf_printf(err, "cannot store attachment %s: %s\n", f->name, db_errmsg(db));
		return -1;
	}
	Buf detail = BUF_INIT;
	json_t *d = json_pack("{s:s, s:s, s:s, s:I, s:b}", "name", f->name, "sha256", sha_out,
	                      "media_type", type, "size", (json_int_t)f->len, "output", is_output);
	char *text = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	buf_puts(&detail, text);
	free(text);
	json_decref(d);
	WfEvent ev = {case_id,      task_id,          person_id, acting_for,
	              "attach.add", buf_str(&detail), NULL};
	int r = wf_audit_append(wf, &ev, now);
	buf_free(&detail);
	if (r != 0) {
		buf_printf(err, "cannot record the attachment: %s\n", db_errmsg(db));
		return -1;
	}
	return 0;
}
