/*
** report.h: sakip's own documents, what each says, drawn with doc.h. A
** case's documents are rendered from the case and the data (never typed
** in Word), stored as the case's attachments, and sealed by the officials'
** electronic paraf and signature.
**
**   report.c      the kinds of document, their life in a case (drafted when
**                 their step is done, sealed at paraf and sign steps, drafted
**                 again after a return), `sakip case documents`
**   report_sign.c signing keys, signatures of a document's hash, the issued
**                 file's record, verification (`sakip verify`, /verifikasi)
**   doc_case.c    Nota Dinas / surat permintaan data, SK Tim, the format and
**                 surat pemberitahuan of seed 003, the recap of a collection
**                 or a correction (before and after)
**   doc_lkj.c     the LKj (PermenPANRB 53/2014) of an agency and year
**   doc_sop.c     the SOP document (PermenPANRB 35/2012) of an SOP version
**
** Nothing here includes HTTP or HTML.
*/
#ifndef SAKIP_REPORT_H
#define SAKIP_REPORT_H

#include "doc.h"
#include "wf.h"

#include <jansson.h>

/*
** A seal: the electronic paraf and signature of a document. The signers
** signed hash, the SHA-256 (hex) of the document's draft (rendered with
** seal NULL); the issued file is the same document rendered with its seal:
** the signature block carries the QR code of verify_url, the paraf list
** the initials with their times.
*/
typedef struct DocSealSigner {
	const char *role;      /* "paraf" or "tanda tangan" */
	const char *name;      /* "Ir. Yosafat Triadhi Andjioe, M.T." */
	const char *position;  /* "Kepala Dinas ..." */
	const char *rank;      /* "Pembina Utama Muda (IV/c)", or NULL */
	const char *nip;       /* as stored (18 digits); formatted by the renderer */
	const char *acting;    /* "Plt." when signing as Plt, or NULL */
	const char *signed_at; /* "02 Januari 2023 14.05 WIB" */
} DocSealSigner;

typedef struct DocSeal {
	const char *hash;       /* hex SHA-256 of the draft */
	const char *verify_url; /* BASE/verifikasi/HASH: the QR code's text */
	const DocSealSigner *signers;
	int n_signers;
} DocSeal;

/*
** Render one document of a case into pdf: a draft when seal is NULL, the
** issued document when sealed. The same case and data give the same
** draft bytes (no creation time in it), so a draft's hash can be checked
** again. Returns 0, or -1 with err (in English, for logs and the CLI).
*/
typedef int (*ReportRenderFn)(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err);

typedef struct ReportKind {
	const char *kind;   /* "nota-dinas", "sk-tim", "format-data", "rekap", "lkj" */
	const char *title;  /* "Nota Dinas Permintaan Data Kinerja" */
	const char *action; /* the SOP step action whose completion drafts it */
	ReportRenderFn render;
} ReportKind;

/* The kinds of document (report.c). */
const ReportKind *report_kinds(int *n);
const ReportKind *report_kind(const char *kind);
/*
** A test seam: use kinds[0..n) instead of the built-in table (NULL puts
** it back). Only before the table is used by other threads.
*/
void report_kinds_set(const ReportKind *kinds, int n);

/* ---- the life of a case's documents (report.c) ---------------------------- */
/*
** Add report's hooks to the engine context, after those installed already
** (call it after kpi_flow_install): a step whose action drafts a kind
** renders the draft (seal NULL) and attaches it as the step's output,
** superseding the kind's earlier draft in the case; a paraf or sign step
** signs every current draft of the case (report_sign_drafts). A renderer
** that fails is logged and its document left out: the step still completes.
*/
void report_flow_install(Wf *wf);
/*
** The case's documents, oldest first: [{id, kind, title, status ("konsep",
** "terbit" or "diganti"), hash, step, drafted_at, draft: {attachment, name},
** issued: [{sha256, attachment, name, signatures}], signers: [...]}].
** NULL with err if there is no such case. The caller json_decref()s.
*/
json_t *report_case_documents_json(Wf *wf, int64_t case_id, Buf *err);
/* Write the case's drafts and issued files into dir (names as attached); 0 or -1. */
int report_case_export(Wf *wf, int64_t case_id, const char *dir, Buf *log, Buf *err);

/* ---- keys, signatures, verification (report_sign.c) ------------------------ */
enum { REPORT_MIN_PASSPHRASE = 8, REPORT_MAX_PASSPHRASE = 1024 };
/*
** A person's signing key: Ed25519, the secret key sealed under their
** passphrase (argon2id + secretbox). Each is one write transaction with
** its audit event (key.create, key.passphrase, key.revoke); on refusal
** -1 with an Indonesian message in err (for the page and the CLI) and
** nothing changed. Create refuses a person who has a key in use;
** revoking leaves the key for checking what it signed before.
*/
int report_key_create(Wf *wf, int64_t person_id, const char *passphrase, time_t now, Buf *err);
int report_key_passphrase(Wf *wf, int64_t person_id, const char *old_pass, const char *new_pass,
                          time_t now, Buf *err);
int report_key_revoke(Wf *wf, int64_t person_id, const char *reason, time_t now, Buf *err);
/*
** Inside the engine's write (a paraf or sign step being completed): sign
** every current draft of h's case as role ("paraf" or "tanda tangan") with
** h's person's key unlocked by h->passphrase, record each signature and
** issue the sealed file (rendered, attached, recorded). Nothing to sign:
** 0. No key, no or a wrong passphrase, a renderer failing: -1 with err.
*/
int report_sign_drafts(Wf *wf, const WfHookCtx *h, const char *role, Buf *err);

/* Settings (table setting): NULL when unset; the string in a. */
const char *report_setting(Db *db, Arena *a, const char *key);
/* base-url: an http(s) address without spaces; 0, or -1 with err. Its own write. */
int report_setting_set(Db *db, const char *key, const char *value, Buf *err);
/* BASE/verifikasi/HASH, BASE the base-url setting (default http://127.0.0.1:8080). */
void report_verify_url(Db *db, const char *hash, Buf *out);
/* "02 Januari 2023 14.05 WIB": t in the agency's local time. */
void report_time_id(Wf *wf, int64_t agency_id, time_t t, Buf *out);

/*
** Verification. The verdict of a file: an issued file unchanged whose
** every signature verifies with a key not revoked when it signed
** (REPORT_VERIFIED) or what is wrong.
*/
typedef enum ReportVerdict {
	REPORT_VERIFIED,
	REPORT_UNKNOWN,       /* sakip never issued it and it names no document */
	REPORT_DRAFT,         /* an unsigned draft (KONSEP), not an issued file */
	REPORT_ALTERED,       /* not an issued file, but it names a document sakip knows */
	REPORT_BAD_SIGNATURE, /* a signature does not verify */
	REPORT_REVOKED,       /* a signature made after its key was revoked */
	REPORT_INCOMPLETE,    /* issued with paraf only: not signed (tanda tangan) yet */
	REPORT_SUPERSEDED,    /* its draft was replaced after a return: not the final one */
} ReportVerdict;
/*
** The verdict of a file's bytes and what sakip knows of it: {verdict,
** sha256, message, document: {... signatures: [{role, name, nip, position,
** acting_for, step, signed_at, valid, problem, revoked_at, revoked_reason}]}}.
** The caller json_decref()s.
*/
json_t *report_verify_file_json(Wf *wf, const unsigned char *data, size_t n, ReportVerdict *v);
/*
** What the address BASE/verifikasi/HASH shows: the documents whose draft
** hash is hash (newest first; each with its signatures and issued files),
** or an empty array.
*/
json_t *report_hash_json(Wf *wf, const char *hash);

/*
** The place of a document's place-and-date line ("Pontianak, 02 Januari
** 2023"): the seat of the pemda named "Pemerintah Provinsi Kalimantan
** Barat" (a province's capital, a few kabupaten seats, else the name of the
** kota or kabupaten itself). The schema keeps no city. In the arena, or static.
*/
const char *report_place(Arena *a, const char *pemda);

/* doc_case.c */
int report_nota_dinas(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err);
int report_sk_tim(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err);
int report_format_data(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err);
int report_recap(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err);
/* doc_lkj.c: the LKj case's document (its agency; the year of its period) */
int report_lkj_case(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err);
/* The LKj of an agency and year, outside any case (sakip report lkj). */
int report_lkj(Wf *wf, int64_t agency_id, int year, const DocSeal *seal, Buf *pdf, Buf *err);

/*
** The LKj's narrative texts (doc_lkj.c, table lkj_text): what the Tim LKj
** writes per bab, every save a new version with who and when, never
** overwritten. A bab without a text renders a default paragraph made
** from the data, marked as such in the draft.
*/
typedef enum LkjBab {
	LKJ_PENGANTAR,   /* "pengantar": Kata Pengantar */
	LKJ_IKHTISAR,    /* "ikhtisar": Ikhtisar Eksekutif */
	LKJ_PENDAHULUAN, /* "pendahuluan": Bab I */
	LKJ_ANALISIS,    /* "analisis": the analysis of capaian in Bab III */
	LKJ_PENUTUP,     /* "penutup": Bab IV */
	LKJ_BABS,
} LkjBab;
enum { LKJ_TEXT_MAX = 20000 };       /* bytes of one text */
const char *lkj_bab_code(LkjBab b);  /* "pengantar" */
const char *lkj_bab_title(LkjBab b); /* "Kata Pengantar" */
int lkj_bab_parse(const char *s);    /* the code; -1 if not one */

/* The agency and year an LKj case reports on: its period text, else its subject. */
int lkj_case_year(Db *db, int64_t case_id, int64_t *agency_id, int *year, Buf *err);
/*
** Whether task_id is the open drafting task (action lkj.draft) of an open
** case; fills the case's agency and year. A return to the drafting step
** opens a new task there, so "open at that step or returned to it" is
** "has an open drafting task".
*/
bool lkj_draft_task(Wf *wf, int64_t task_id, int64_t *agency_id, int *year);

typedef struct LkjTextSave {
	int64_t agency_id;
	int year;
	LkjBab bab;
	const char *text; /* UTF-8, at most LKJ_TEXT_MAX bytes, not blank */
	int64_t person_id;
	int64_t task_id; /* the drafting task written at; 0: the open one person may act on */
} LkjTextSave;
/*
** Save a new version of a bab's text, with an audit event in the case.
** Only whoever may act on an open drafting task of an LKj case of that
** agency and year (its holder, Plt or delegate) may. One write
** transaction; on refusal an Indonesian message in err, -1, nothing
** changed. *version gets the new version's number.
*/
int lkj_text_save(Wf *wf, const LkjTextSave *s, time_t now, int *version, Buf *err);
/* The newest text of a bab (the caller frees it), or NULL; *version its number (0: none). */
char *lkj_text_get(Db *db, int64_t agency_id, int year, LkjBab bab, int *version);
/* Every version of a bab, oldest first: version, text, by, by_name, acting_for_name, at, case. */
json_t *lkj_text_history_json(Db *db, int64_t agency_id, int year, LkjBab bab);

/* doc_sop.c: the SOP document of a version, PDF or SVG (fmt). */
int report_sop(Wf *wf, int64_t sop_version_id, DocFormat fmt, Buf *out, Buf *err);

#endif
