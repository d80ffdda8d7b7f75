/*
** report_sign.c: electronic paraf and signature. Each person may hold one
** Ed25519 signing key in use (libsodium crypto_sign): the public key in the
** clear, the secret key sealed with crypto_secretbox under a key derived
** from the person's passphrase by argon2id. Approving a paraf or sign step
** signs the hash of each current draft of the case; after each signature
** the issued file (the draft rendered with its seal so far) is attached and
** recorded, so that a file can later be traced to its draft and checked
** (`sakip verify`, /verifikasi). Also the settings table (base-url).
**
** What a signature covers, byte for byte (sign_message()):
**
**   "sakip-doc-v1\n" HASH "\n" ROLE "\n" PERSON "\n" ACTING "\n" TIME "\n"
**
** HASH the draft's SHA-256 in lower-case hex, ROLE "paraf" or "tanda
** tangan", PERSON and ACTING the database ids of the signer and of the
** holder they act for (0: themselves), TIME the UTC seconds of signing.
** doc/signatures.md says what this proves and what it does not.
**
** Not here: when documents are drafted (report.c), how they look (doc_*.c),
** pages (web_sign.c).
*/
#include "report.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- settings ------------------------------------------------------------ */

const char *report_setting(Db *db, Arena *a, const char *key)
{
	return db_text(db, a, "SELECT value FROM setting WHERE key=:k", DB_TEXT(":k", key), DB_END);
}

int report_setting_set(Db *db, const char *key, const char *value, Buf *err)
{
	if (strcmp(key, "base-url") != 0) {
		buf_printf(err, "unknown setting \"%s\" (known: base-url)\n", key);
		return -1;
	}
	size_t n = strlen(value);
	bool ok = (strncmp(value, "http://", 7) == 0 || strncmp(value, "https://", 8) == 0) &&
	          n > 8 && n < 200 && utf8_check(value, n, NULL);
	for (size_t i = 0; ok && i < n; i++)
		ok = (unsigned char)value[i] > ' ' && value[i] != '"' && value[i] != '<' &&
		     value[i] != '>' && value[i] != 0x7f;
	if (!ok) {
		buf_printf(err,
		           "base-url must be an http:// or https:// address without spaces, e.g. "
		           "https://sakip.example.go.id\n");
		return -1;
	}
	while (n > 0 && value[n - 1] == '/')
		n--;
	char *v = xstrndup(value, n);
	int rc = -1;
	if (db_begin_write(db) == DB_OK &&
	    db_exec(db,
	            "INSERT INTO setting(key, value) VALUES(:k, :v)"
	            " ON CONFLICT(key) DO UPDATE SET value=excluded.value",
	            DB_TEXT(":k", key), DB_TEXT(":v", v), DB_END) == DB_OK &&
	    db_commit(db) == DB_OK)
		rc = 0;
	else {
		buf_printf(err, "cannot store the setting: %s\n", db_errmsg(db));
		db_rollback(db);
	}
	free(v);
	return rc;
}

void report_verify_url(Db *db, const char *hash, Buf *out)
{
	Arena a = ARENA_INIT;
	const char *base = report_setting(db, &a, "base-url");
	buf_printf(out, "%s/verifikasi/%s", base ? base : "http://127.0.0.1:8080", hash);
	arena_free(&a);
}

void report_time_id(Wf *wf, int64_t agency_id, time_t t, Buf *out)
{
	/* "23 November 2026 08.05 WIB" */
	const WfCalendar *cal = wf_calendar(wf, agency_id);
	char iso[11];
	int hh, mm;
	wf_cal_local(cal, t, iso, &hh, &mm);
	fmt_date_id(out, iso);
	const char *zone = wf_zone_name(cal->utc_offset_min);
	buf_printf(out, " %02d.%02d", hh, mm);
	if (zone)
		buf_printf(out, " %s", zone);
	else
		buf_printf(out, " UTC%+d", cal->utc_offset_min / 60);
}

/* ---- keys ------------------------------------------------------------------ */

static bool passphrase_ok(const char *p, Buf *err)
{
	size_t n = p ? strlen(p) : 0;
	if (n < REPORT_MIN_PASSPHRASE || n > REPORT_MAX_PASSPHRASE || !utf8_check(p, n, NULL)) {
		buf_printf(err, "Frasa sandi kunci tanda tangan harus %d sampai %d karakter.\n",
		           REPORT_MIN_PASSPHRASE, REPORT_MAX_PASSPHRASE);
		return false;
	}
	return true;
}

static void hex(char *out, size_t cap, const unsigned char *bin, size_t n)
{
	sodium_bin2hex(out, cap, bin, n);
}

static bool unhex(unsigned char *bin, size_t n, const char *text)
{
	size_t got = 0;
	return text && strlen(text) == 2 * n &&
	       sodium_hex2bin(bin, n, text, 2 * n, NULL, &got, NULL) == 0 && got == n;
}

/* The secretbox key of a passphrase and salt (argon2id); 0 or -1 (out of memory). */
static int derive(unsigned char key[crypto_secretbox_KEYBYTES], const char *passphrase,
                  const unsigned char salt[crypto_pwhash_SALTBYTES], unsigned long long ops,
                  size_t mem)
{
	return crypto_pwhash(key, crypto_secretbox_KEYBYTES, passphrase, strlen(passphrase), salt,
	                     ops, mem, crypto_pwhash_ALG_ARGON2ID13);
}

/* The sealed form of sk under passphrase: fresh salt and nonce, hex texts into the buffers. */
typedef struct Sealed {
	char box[2 * (crypto_sign_SECRETKEYBYTES + crypto_secretbox_MACBYTES) + 1];
	char salt[2 * crypto_pwhash_SALTBYTES + 1];
	char nonce[2 * crypto_secretbox_NONCEBYTES + 1];
	unsigned long long ops;
	size_t mem;
} Sealed;

static int seal_secret(Sealed *s, const unsigned char sk[crypto_sign_SECRETKEYBYTES],
                       const char *passphrase)
{
	unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
	unsigned char key[crypto_secretbox_KEYBYTES];
	unsigned char box[crypto_sign_SECRETKEYBYTES + crypto_secretbox_MACBYTES];
	randombytes_buf(salt, sizeof salt);
	randombytes_buf(nonce, sizeof nonce);
	s->ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	s->mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	if (derive(key, passphrase, salt, s->ops, s->mem) != 0)
		return -1;
	crypto_secretbox_easy(box, sk, crypto_sign_SECRETKEYBYTES, nonce, key);
	sodium_memzero(key, sizeof key);
	hex(s->box, sizeof s->box, box, sizeof box);
	hex(s->salt, sizeof s->salt, salt, sizeof salt);
	hex(s->nonce, sizeof s->nonce, nonce, sizeof nonce);
	return 0;
}

/* A key in use, as stored. */
typedef struct KeyRow {
	int64_t id;
	char public_key[2 * crypto_sign_PUBLICKEYBYTES + 1];
	Sealed sealed;
} KeyRow;

/* The person's key in use; false if none. */
static bool key_in_use(Db *db, int64_t person_id, KeyRow *k)
{
	DbStmt *st = db_query(db,
	                      "SELECT id, public_key, sealed_secret, salt, nonce, opslimit,"
	                      " memlimit FROM sign_key WHERE person_id=:p AND revoked_at IS NULL",
	                      DB_INT(":p", person_id), DB_END);
	bool found = db_step(st) == DB_ROW;
	if (found) {
		k->id = db_col_int(st, 0);
		snprintf(k->public_key, sizeof k->public_key, "%s", db_col_text(st, 1));
		snprintf(k->sealed.box, sizeof k->sealed.box, "%s", db_col_text(st, 2));
		snprintf(k->sealed.salt, sizeof k->sealed.salt, "%s", db_col_text(st, 3));
		snprintf(k->sealed.nonce, sizeof k->sealed.nonce, "%s", db_col_text(st, 4));
		k->sealed.ops = (unsigned long long)db_col_int(st, 5);
		k->sealed.mem = (size_t)db_col_int(st, 6);
	}
	db_finalize(st);
	return found;
}

/* Open the sealed secret key with passphrase; 0, or -1 when the passphrase is wrong. */
static int unseal(const KeyRow *k, const char *passphrase,
                  unsigned char sk[crypto_sign_SECRETKEYBYTES])
{
	unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
	unsigned char key[crypto_secretbox_KEYBYTES];
	unsigned char box[crypto_sign_SECRETKEYBYTES + crypto_secretbox_MACBYTES];
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], stored_pk[crypto_sign_PUBLICKEYBYTES];
	if (!unhex(salt, sizeof salt, k->sealed.salt) ||
	    !unhex(nonce, sizeof nonce, k->sealed.nonce) ||
	    !unhex(box, sizeof box, k->sealed.box) ||
	    !unhex(stored_pk, sizeof stored_pk, k->public_key) || k->sealed.ops > 64 ||
	    k->sealed.mem > 1024u * 1024 * 1024)
		return -1;
	if (derive(key, passphrase, salt, k->sealed.ops, k->sealed.mem) != 0)
		return -1;
	int rc = crypto_secretbox_open_easy(sk, box, sizeof box, nonce, key);
	sodium_memzero(key, sizeof key);
	/* The secret key must be the public key's (a row pieced together from two keys is not). */
	if (rc == 0 && (crypto_sign_ed25519_sk_to_pk(pk, sk) != 0 ||
	                sodium_memcmp(pk, stored_pk, sizeof pk) != 0))
		rc = -1;
	if (rc != 0)
		sodium_memzero(sk, crypto_sign_SECRETKEYBYTES);
	return rc;
}

/*
** A key's event in the audit chain, with its public key: replacing the key
** in the database afterwards no longer matches what the chain recorded.
*/
static int key_event(Wf *wf, int64_t person_id, const char *kind, int64_t key_id,
                     const char *reason, time_t now)
{
	char detail[200];
	char *pk = db_text(wf_db(wf), NULL, "SELECT public_key FROM sign_key WHERE id=:k",
	                   DB_INT(":k", key_id), DB_END);
	snprintf(detail, sizeof detail, "{\"key\":%lld,\"public_key\":\"%.64s\"}",
	         (long long)key_id, pk ? pk : "");
	free(pk);
	WfEvent ev = {0, 0, person_id, 0, kind, detail, reason};
	return wf_audit_append(wf, &ev, now);
}

int report_key_create(Wf *wf, int64_t person_id, const char *passphrase, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	if (!passphrase_ok(passphrase, err))
		return -1;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	crypto_sign_keypair(pk, sk);
	Sealed s;
	int sealed = seal_secret(&s, sk, passphrase);
	sodium_memzero(sk, sizeof sk);
	if (sealed != 0) {
		buf_printf(err, "Kunci tidak dapat dibuat (memori tidak cukup).\n");
		return -1;
	}
	char pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
	hex(pk_hex, sizeof pk_hex, pk, sizeof pk);
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "Basis data sedang sibuk; coba lagi.\n");
		return -1;
	}
	KeyRow k;
	if (!db_exists(db, "SELECT 1 FROM person WHERE id=:p AND active=1", DB_INT(":p", person_id),
	               DB_END)) {
		buf_printf(err, "Orang ini tidak ada atau tidak aktif.\n");
		goto refuse;
	}
	if (key_in_use(db, person_id, &k)) {
		buf_printf(err,
		           "Anda sudah memiliki kunci tanda tangan; ganti frasa sandinya, atau "
		           "cabut kunci itu dahulu.\n");
		goto refuse;
	}
	if (db_exec(db,
	            "INSERT INTO sign_key(person_id, public_key, sealed_secret, salt, nonce,"
	            " opslimit, memlimit, created_at) VALUES(:p, :pk, :b, :s, :n, :o, :m, :t)",
	            DB_INT(":p", person_id), DB_TEXT(":pk", pk_hex), DB_TEXT(":b", s.box),
	            DB_TEXT(":s", s.salt), DB_TEXT(":n", s.nonce), DB_INT(":o", (int64_t)s.ops),
	            DB_INT(":m", (int64_t)s.mem), DB_INT(":t", (int64_t)now), DB_END) != DB_OK ||
	    key_event(wf, person_id, "key.create", db_last_insert_id(db), NULL, now) != 0 ||
	    db_commit(db) != DB_OK) {
		buf_printf(err, "Kunci tidak dapat disimpan: %s\n", db_errmsg(db));
		goto refuse;
	}
	return 0;
refuse:
	db_rollback(db);
	return -1;
}

int report_key_passphrase(Wf *wf, int64_t person_id, const char *old_pass, const char *new_pass,
                          time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	if (!passphrase_ok(new_pass, err))
		return -1;
	KeyRow k;
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "Basis data sedang sibuk; coba lagi.\n");
		return -1;
	}
	if (!key_in_use(db, person_id, &k)) {
		buf_printf(err, "Anda belum memiliki kunci tanda tangan.\n");
		goto refuse;
	}
	if (!old_pass || unseal(&k, old_pass, sk) != 0) {
		buf_printf(err, "Frasa sandi lama salah; tidak ada yang diubah.\n");
		goto refuse;
	}
	Sealed s;
	int sealed = seal_secret(&s, sk, new_pass);
	sodium_memzero(sk, sizeof sk);
	if (sealed != 0 ||
	    db_exec(db,
	            "UPDATE sign_key SET sealed_secret=:b, salt=:s, nonce=:n, opslimit=:o,"
	            " memlimit=:m WHERE id=:id",
	            DB_TEXT(":b", s.box), DB_TEXT(":s", s.salt), DB_TEXT(":n", s.nonce),
	            DB_INT(":o", (int64_t)s.ops), DB_INT(":m", (int64_t)s.mem), DB_INT(":id", k.id),
	            DB_END) != DB_OK ||
	    key_event(wf, person_id, "key.passphrase", k.id, NULL, now) != 0 ||
	    db_commit(db) != DB_OK) {
		buf_printf(err, "Frasa sandi tidak dapat disimpan: %s\n", db_errmsg(db));
		goto refuse;
	}
	return 0;
refuse:
	db_rollback(db);
	return -1;
}

int report_key_revoke(Wf *wf, int64_t person_id, const char *reason, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	if (!reason || str_empty_or_blank(reason) || strlen(reason) > 1000 ||
	    !utf8_check(reason, strlen(reason), NULL)) {
		buf_printf(err, "Alasan pencabutan wajib diisi (paling banyak 1000 karakter).\n");
		return -1;
	}
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "Basis data sedang sibuk; coba lagi.\n");
		return -1;
	}
	KeyRow k;
	if (!key_in_use(db, person_id, &k)) {
		buf_printf(err, "Orang ini tidak memiliki kunci tanda tangan yang berlaku.\n");
		goto refuse;
	}
	if (db_exec(db, "UPDATE sign_key SET revoked_at=:t, revoked_reason=:r WHERE id=:id",
	            DB_INT(":t", (int64_t)now), DB_TEXT(":r", reason), DB_INT(":id", k.id),
	            DB_END) != DB_OK ||
	    key_event(wf, person_id, "key.revoke", k.id, reason, now) != 0 ||
	    db_commit(db) != DB_OK) {
		buf_printf(err, "Pencabutan tidak dapat disimpan: %s\n", db_errmsg(db));
		goto refuse;
	}
	return 0;
refuse:
	db_rollback(db);
	return -1;
}

/* ---- signing ------------------------------------------------------------------ */

/* The bytes a signature covers (the file comment above). */
static void sign_message(Buf *m, const char *hash, const char *role, int64_t person,
                         int64_t acting_for, int64_t at)
{
	buf_printf(m, "sakip-doc-v1\n%s\n%s\n%lld\n%lld\n%lld\n", hash, role, (long long)person,
	           (long long)acting_for, (long long)at);
}

/* A signer of a draft as the seal shows them; strings in a. */
static void seal_signer(Wf *wf, Arena *a, int64_t agency_id, DbStmt *q, DocSealSigner *s)
{
	/* q: role, name, rank, golongan, nip, position title, acting kind, signed_at */
	s->role = arena_strdup(a, db_col_text(q, 0));
	s->name = arena_strdup(a, db_col_text(q, 1));
	const char *rank = db_col_text(q, 2), *gol = db_col_text(q, 3);
	s->rank = rank && gol ? arena_printf(a, "%s (%s)", rank, gol)
	          : rank      ? arena_strdup(a, rank)
	          : gol       ? arena_strdup(a, gol)
	                      : NULL;
	s->nip = db_col_text(q, 4) ? arena_strdup(a, db_col_text(q, 4)) : NULL;
	s->position = db_col_text(q, 5) ? arena_strdup(a, db_col_text(q, 5)) : NULL;
	const char *kind = db_col_text(q, 6);
	s->acting = !kind ? NULL : strcmp(kind, "plt") == 0 ? "Plt." : "a.n.";
	Buf t = BUF_INIT;
	report_time_id(wf, agency_id, (time_t)db_col_int(q, 7), &t);
	s->signed_at = arena_strdup(a, buf_str(&t));
	buf_free(&t);
}

/*
** The issued file of draft doc_id carrying its signatures so far: render
** with the seal, attach to the task, record. Inside the caller's write.
*/
static int issue(Wf *wf, int64_t doc_id, const WfHookCtx *h, Buf *err)
{
	Db *db = wf_db(wf);
	Arena a = ARENA_INIT;
	Buf pdf = BUF_INIT, url = BUF_INIT;
	int rc = -1;
	const char *kind = db_text(db, &a, "SELECT kind FROM report_doc WHERE id=:d",
	                           DB_INT(":d", doc_id), DB_END);
	const char *hash = db_text(db, &a, "SELECT hash FROM report_doc WHERE id=:d",
	                           DB_INT(":d", doc_id), DB_END);
	const ReportKind *k = kind ? report_kind(kind) : NULL;
	if (!k || !hash) {
		buf_printf(err, "document %lld: unknown kind %s\n", (long long)doc_id,
		           kind ? kind : "?");
		goto cleanup;
	}
	DocSealSigner signers[64];
	int n = 0;
	DbStmt *q = db_query(
	        db,
	        "SELECT s.role, p.name, p.rank, p.golongan, p.nip, po.title,"
	        " (SELECT a.kind FROM acting a WHERE a.position_id=t.position_id"
	        "   AND a.person_id=s.person_id ORDER BY a.id DESC LIMIT 1),"
	        " s.signed_at, s.acting_for"
	        " FROM report_signature s JOIN person p ON p.id=s.person_id"
	        " JOIN wf_task t ON t.id=s.task_id LEFT JOIN position po ON po.id=t.position_id"
	        " WHERE s.doc_id=:d ORDER BY s.id",
	        DB_INT(":d", doc_id), DB_END);
	while (n < (int)COUNT(signers) && db_step(q) == DB_ROW) {
		seal_signer(wf, &a, h->c->agency_id, q, &signers[n]);
		if (db_col_null(q, 8))
			signers[n].acting = NULL;
		n++;
	}
	db_finalize(q);
	report_verify_url(db, hash, &url);
	DocSeal seal = {hash, buf_str(&url), signers, n};
	Buf rerr = BUF_INIT;
	if (k->render(wf, h->c->id, &seal, &pdf, &rerr) != 0) {
		buf_printf(err, "the sealed %s cannot be rendered: %s", k->title, buf_str(&rerr));
		buf_free(&rerr);
		goto cleanup;
	}
	buf_free(&rerr);
	int version = (int)db_int(db, 0,
	                          "SELECT count(*) FROM report_doc WHERE case_id=:c AND kind=:k"
	                          " AND id<=:d",
	                          DB_INT(":c", h->c->id), DB_TEXT(":k", kind), DB_INT(":d", doc_id),
	                          DB_END);
	char *name = arena_printf(&a, "%s-kasus-%lld-v%d-ttd%d.pdf", k->kind, (long long)h->c->id,
	                          version, n);
	WfFile f = {name, "application/pdf", (const unsigned char *)pdf.data, pdf.len};
	char sha[65];
	if (wf_attach(wf, h->c->id, h->task_id, h->person_id, h->acting_for, &f, true, h->now, sha,
	              err) != 0)
		goto cleanup;
	int64_t att =
	        db_int(db, 0, "SELECT max(id) FROM wf_attachment WHERE case_id=:c AND sha256=:h",
	               DB_INT(":c", h->c->id), DB_TEXT(":h", sha), DB_END);
	if (db_exec(db,
	            "INSERT INTO report_issued(sha256, doc_id, n_signatures, attachment_id,"
	            " created_at) VALUES(:h, :d, :n, :a, :t) ON CONFLICT(sha256) DO NOTHING",
	            DB_TEXT(":h", sha), DB_INT(":d", doc_id), DB_INT(":n", n), DB_INT(":a", att),
	            DB_INT(":t", (int64_t)h->now), DB_END) != DB_OK) {
		buf_printf(err, "cannot record the issued file: %s\n", db_errmsg(db));
		goto cleanup;
	}
	rc = 0;
cleanup:
	buf_free(&pdf);
	buf_free(&url);
	arena_free(&a);
	return rc;
}

/*
** Wrong passphrases per person, in this process (a refused approval rolls back
** everything it wrote, so the count cannot live in its transaction): after
** GUESS_MAX within GUESS_WINDOW seconds the key is not tried until the window
** has passed, whatever the passphrase. Online guessing gets 5 tries a quarter
** of an hour. Forgotten on restart; the oldest entry makes room.
*/
enum { GUESS_MAX = 5, GUESS_WINDOW = 15 * 60, GUESS_SLOTS = 256 };
typedef struct Guesses {
	int64_t person;
	time_t first;
	int n;
} Guesses;
static Guesses guesses[GUESS_SLOTS];
static pthread_mutex_t guesses_lock = PTHREAD_MUTEX_INITIALIZER;

static bool guesses_exceeded(int64_t person, time_t now)
{
	bool over = false;
	pthread_mutex_lock(&guesses_lock);
	for (int i = 0; i < GUESS_SLOTS; i++)
		if (guesses[i].person == person && now >= guesses[i].first &&
		    now - guesses[i].first < GUESS_WINDOW)
			over = guesses[i].n >= GUESS_MAX;
	pthread_mutex_unlock(&guesses_lock);
	return over;
}

static void guess_failed(int64_t person, time_t now)
{
	pthread_mutex_lock(&guesses_lock);
	int slot = 0;
	for (int i = 0; i < GUESS_SLOTS; i++) {
		if (guesses[i].person == person) {
			slot = i;
			break;
		}
		if (guesses[i].first < guesses[slot].first)
			slot = i;
	}
	if (guesses[slot].person != person || now < guesses[slot].first ||
	    now - guesses[slot].first >= GUESS_WINDOW)
		guesses[slot] = (Guesses){person, now, 0};
	guesses[slot].n++;
	pthread_mutex_unlock(&guesses_lock);
}

int report_sign_drafts(Wf *wf, const WfHookCtx *h, const char *role, Buf *err)
{
	Db *db = wf_db(wf);
	int64_t docs[64];
	char hashes[64][65];
	int n = 0;
	DbStmt *q = db_query(db,
	                     "SELECT id, hash FROM report_doc WHERE case_id=:c AND superseded_at"
	                     " IS NULL ORDER BY id",
	                     DB_INT(":c", h->c->id), DB_END);
	while (n < 64 && db_step(q) == DB_ROW) {
		docs[n] = db_col_int(q, 0);
		snprintf(hashes[n], 65, "%s", db_col_text(q, 1));
		n++;
	}
	db_finalize(q);
	if (n == 0)
		return 0; /* nothing drafted in this case: a plain approval */
	Arena a = ARENA_INIT;
	const char *login = db_text(db, &a, "SELECT login FROM person WHERE id=:p",
	                            DB_INT(":p", h->person_id), DB_END);
	KeyRow k;
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	int rc = -1;
	if (!key_in_use(db, h->person_id, &k) &&
	    !db_exists(db, "SELECT 1 FROM sign_key WHERE person_id=:p", DB_INT(":p", h->person_id),
	               DB_END)) {
		/*
		** An official who never made a key approves as before: the workflow
		** records the approval (and the audit chain), the documents stay
		** drafts that this official has not sealed. Whoever has a key must
		** sign with it; a revoked key must be replaced first.
		*/
		rc = 0;
		goto cleanup;
	}
	if (!key_in_use(db, h->person_id, &k)) {
		buf_printf(err,
		           "%s has no signing key to %s the case's documents with; create one "
		           "with 'sakip key create' or on /kunci (belum memiliki kunci tanda "
		           "tangan)\n",
		           login ? login : "?", strcmp(role, "paraf") == 0 ? "initial" : "sign");
		goto cleanup;
	}
	if (!h->passphrase || !*h->passphrase) {
		buf_printf(err,
		           "signing the case's documents needs the passphrase of %s's signing "
		           "key (frasa sandi kunci tanda tangan wajib diisi)\n",
		           login ? login : "?");
		goto cleanup;
	}
	if (guesses_exceeded(h->person_id, h->now)) {
		buf_printf(
		        err,
		        "too many wrong passphrases for %s's signing key; try again in 15 minutes "
		        "(terlalu banyak frasa sandi yang salah; coba lagi dalam 15 menit)\n",
		        login ? login : "?");
		goto cleanup;
	}
	if (unseal(&k, h->passphrase, sk) != 0) {
		guess_failed(h->person_id, h->now);
		buf_printf(err,
		           "wrong passphrase for %s's signing key; nothing was signed (frasa sandi "
		           "kunci tanda tangan salah)\n",
		           login ? login : "?");
		goto cleanup;
	}
	for (int i = 0; i < n; i++) {
		Buf m = BUF_INIT;
		unsigned char sig[crypto_sign_BYTES];
		char sig_hex[2 * crypto_sign_BYTES + 1];
		sign_message(&m, hashes[i], role, h->person_id, h->acting_for, (int64_t)h->now);
		crypto_sign_detached(sig, NULL, (const unsigned char *)m.data, m.len, sk);
		buf_free(&m);
		hex(sig_hex, sizeof sig_hex, sig, sizeof sig);
		/* The signature itself goes into the audit chain too. */
		char detail[400];
		snprintf(detail, sizeof detail,
		         "{\"doc\":%lld,\"hash\":\"%.64s\",\"role\":\"%s\",\"signature\":\"%s\"}",
		         (long long)docs[i], hashes[i], role, sig_hex);
		WfEvent ev = {h->c->id,   h->task_id, h->person_id, h->acting_for,
		              "doc.sign", detail,     NULL};
		if (db_exec(db,
		            "INSERT INTO report_signature(doc_id, key_id, person_id, acting_for,"
		            " task_id, role, signed_at, signature)"
		            " VALUES(:d, :k, :p, :a, :t, :r, :at, :s)",
		            DB_INT(":d", docs[i]), DB_INT(":k", k.id), DB_INT(":p", h->person_id),
		            h->acting_for ? DB_INT(":a", h->acting_for) : DB_NULL(":a"),
		            DB_INT(":t", h->task_id), DB_TEXT(":r", role),
		            DB_INT(":at", (int64_t)h->now), DB_TEXT(":s", sig_hex),
		            DB_END) != DB_OK ||
		    wf_audit_append(wf, &ev, h->now) != 0) {
			buf_printf(err, "cannot record the signature: %s\n", db_errmsg(db));
			goto cleanup;
		}
		if (issue(wf, docs[i], h, err) != 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	sodium_memzero(sk, sizeof sk);
	arena_free(&a);
	return rc;
}

/* ---- verification ------------------------------------------------------------- */

/*
** A draft with its signatures (the first n; all when n < 0), each checked
** again from its stored key: {id, kind, title, hash, case, subject, agency,
** step, drafted_at, superseded_at, signatures: [...]}. *bad gets the worst
** problem found (REPORT_VERIFIED when none).
*/
static json_t *doc_json(Wf *wf, int64_t doc_id, int n, ReportVerdict *bad)
{
	Db *db = wf_db(wf);
	*bad = REPORT_VERIFIED;
	DbStmt *q = db_query(db,
	                     "SELECT d.kind, d.hash, d.case_id, c.subject, ag.name, t.step_no,"
	                     " d.created_at, d.superseded_at, c.agency_id, ag.code"
	                     " FROM report_doc d JOIN wf_case c ON c.id=d.case_id"
	                     " JOIN agency ag ON ag.id=c.agency_id JOIN wf_task t ON t.id=d.task_id"
	                     " WHERE d.id=:d",
	                     DB_INT(":d", doc_id), DB_END);
	if (db_step(q) != DB_ROW) {
		db_finalize(q);
		return json_null();
	}
	const ReportKind *k = report_kind(db_col_text(q, 0));
	int64_t agency = db_col_int(q, 8);
	Buf drafted = BUF_INIT, superseded = BUF_INIT;
	report_time_id(wf, agency, (time_t)db_col_int(q, 6), &drafted);
	if (!db_col_null(q, 7))
		report_time_id(wf, agency, (time_t)db_col_int(q, 7), &superseded);
	char hash[65];
	snprintf(hash, sizeof hash, "%s", db_col_text(q, 1));
	json_t *o = json_pack(
	        "{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:i, s:s, s:o}", "id", (json_int_t)doc_id,
	        "kind", db_col_text(q, 0), "title", k ? k->title : db_col_text(q, 0), "hash", hash,
	        "case", (json_int_t)db_col_int(q, 2), "subject", db_col_text(q, 3), "agency",
	        db_col_text(q, 4), "agency_code", db_col_text(q, 9), "step", (int)db_col_int(q, 5),
	        "drafted_at", buf_str(&drafted), "superseded_at",
	        superseded.len ? json_string(buf_str(&superseded)) : json_null());
	db_finalize(q);
	buf_free(&drafted);
	json_t *sigs = json_array();
	int n_rows = 0;
	bool signed_by_someone = false;
	q = db_query(db,
	             "SELECT s.role, p.name, p.nip, po.title, f.name, t.step_no, s.signed_at,"
	             " s.person_id, coalesce(s.acting_for, 0), s.signature, k.public_key,"
	             " k.revoked_at, k.revoked_reason, p.login, k.person_id, k.created_at"
	             " FROM report_signature s JOIN person p ON p.id=s.person_id"
	             " JOIN sign_key k ON k.id=s.key_id JOIN wf_task t ON t.id=s.task_id"
	             " LEFT JOIN position po ON po.id=t.position_id"
	             " LEFT JOIN person f ON f.id=s.acting_for"
	             " WHERE s.doc_id=:d ORDER BY s.id LIMIT :n",
	             DB_INT(":d", doc_id), DB_INT(":n", n < 0 ? 1000000 : n), DB_END);
	while (db_step(q) == DB_ROW) {
		const char *role = db_col_text(q, 0);
		int64_t at = db_col_int(q, 6);
		Buf m = BUF_INIT, when = BUF_INIT, revoked = BUF_INIT;
		sign_message(&m, hash, role, db_col_int(q, 7), db_col_int(q, 8), at);
		unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
		bool valid = unhex(sig, sizeof sig, db_col_text(q, 9)) &&
		             unhex(pk, sizeof pk, db_col_text(q, 10)) &&
		             crypto_sign_verify_detached(sig, (const unsigned char *)m.data, m.len,
		                                         pk) == 0;
		const char *problem = NULL;
		/* The key must be the signer's own, and older than the signature. */
		if (valid && (db_col_int(q, 14) != db_col_int(q, 7) || at < db_col_int(q, 15)))
			valid = false;
		if (!valid) {
			problem = "tanda tangan elektronik tidak cocok (bad signature)";
			*bad = REPORT_BAD_SIGNATURE;
		}
		n_rows++;
		if (strcmp(role, "tanda tangan") == 0)
			signed_by_someone = true;
		if (!db_col_null(q, 11)) {
			report_time_id(wf, agency, (time_t)db_col_int(q, 11), &revoked);
			if (valid && at >= db_col_int(q, 11)) {
				valid = false;
				problem = "dibuat setelah kuncinya dicabut (key revoked)";
				if (*bad == REPORT_VERIFIED)
					*bad = REPORT_REVOKED;
			}
		}
		report_time_id(wf, agency, (time_t)at, &when);
		json_array_append_new(
		        sigs,
		        json_pack(
		                "{s:s, s:s, s:s, s:o, s:o, s:o, s:i, s:s, s:I, s:b, s:o, s:o, s:o}",
		                "role", role, "name", db_col_text(q, 1), "login",
		                db_col_text(q, 13), "nip",
		                db_col_text(q, 2) ? json_string(db_col_text(q, 2)) : json_null(),
		                "position",
		                db_col_text(q, 3) ? json_string(db_col_text(q, 3)) : json_null(),
		                "acting_for",
		                db_col_text(q, 4) ? json_string(db_col_text(q, 4)) : json_null(),
		                "step", (int)db_col_int(q, 5), "signed_at", buf_str(&when),
		                "signed_at_epoch", (json_int_t)at, "valid", valid, "problem",
		                problem ? json_string(problem) : json_null(), "revoked_at",
		                revoked.len ? json_string(buf_str(&revoked)) : json_null(),
		                "revoked_reason",
		                db_col_text(q, 12) ? json_string(db_col_text(q, 12))
		                                   : json_null()));
		buf_free(&m);
		buf_free(&when);
		buf_free(&revoked);
	}
	db_finalize(q);
	/*
	** An issued file carries exactly the signatures its record counts (rows
	** deleted or a record of none fail), and is final only with a tanda
	** tangan on a draft that was not replaced.
	*/
	if (n >= 0 && *bad == REPORT_VERIFIED) {
		if (n < 1 || n_rows != n)
			*bad = REPORT_BAD_SIGNATURE;
		else if (superseded.len)
			*bad = REPORT_SUPERSEDED;
		else if (!signed_by_someone)
			*bad = REPORT_INCOMPLETE;
	}
	buf_free(&superseded);
	json_object_set_new(o, "signatures", sigs);
	return o;
}

/* The 64-hex-digit words of data that name a known draft; the first such draft's id, or 0. */
static int64_t claimed_doc(Db *db, const unsigned char *d, size_t n)
{
	int tried = 0;
	for (size_t i = 0; i + 64 <= n && tried < 32; i++) {
		if (!isxdigit(d[i]) || (i > 0 && isxdigit(d[i - 1])))
			continue;
		size_t j = i;
		while (j < n && isxdigit(d[j]))
			j++;
		if (j - i == 64) {
			char h[65];
			for (int x = 0; x < 64; x++)
				h[x] = (char)tolower(d[i + (size_t)x]);
			h[64] = 0;
			tried++;
			int64_t id = db_int(db, 0, "SELECT max(id) FROM report_doc WHERE hash=:h",
			                    DB_TEXT(":h", h), DB_END);
			if (id)
				return id;
		}
		i = j;
	}
	return 0;
}

json_t *report_verify_file_json(Wf *wf, const unsigned char *data, size_t n, ReportVerdict *v)
{
	Db *db = wf_db(wf);
	unsigned char digest[crypto_hash_sha256_BYTES];
	char sha[65];
	crypto_hash_sha256(digest, data, n);
	hex(sha, sizeof sha, digest, sizeof digest);
	json_t *o = json_pack("{s:s}", "sha256", sha);
	int64_t doc = 0, sigs = -1;
	DbStmt *q = db_query(db, "SELECT doc_id, n_signatures FROM report_issued WHERE sha256=:h",
	                     DB_TEXT(":h", sha), DB_END);
	if (db_step(q) == DB_ROW) {
		doc = db_col_int(q, 0);
		sigs = db_col_int(q, 1);
	}
	db_finalize(q);
	const char *message;
	ReportVerdict bad = REPORT_VERIFIED;
	if (doc) {
		json_object_set_new(o, "document", doc_json(wf, doc, (int)sigs, &bad));
		*v = bad;
		message = bad == REPORT_VERIFIED ? "verified: the file is the one sakip issued, "
		                                   "unchanged, signed, and every "
		                                   "signature on it verifies"
		          : bad == REPORT_REVOKED
		                  ? "NOT verified: a signature was made after its key was revoked"
		          : bad == REPORT_INCOMPLETE
		                  ? "NOT final: issued with paraf only; it has not been signed "
		                    "(tanda tangan) yet"
		          : bad == REPORT_SUPERSEDED
		                  ? "NOT final: its draft was replaced after a return; a later "
		                    "version is the one that counts"
		                  : "NOT verified: a signature does not verify";
	} else if ((doc = db_int(db, 0, "SELECT max(id) FROM report_doc WHERE hash=:h",
	                         DB_TEXT(":h", sha), DB_END)) != 0) {
		json_object_set_new(o, "document", doc_json(wf, doc, -1, &bad));
		*v = REPORT_DRAFT;
		message = "NOT verified: this is an unsigned draft (KONSEP), not an issued file";
	} else if ((doc = claimed_doc(db, data, n)) != 0) {
		json_object_set_new(o, "document", doc_json(wf, doc, -1, &bad));
		*v = REPORT_ALTERED;
		message =
		        "NOT verified: ALTERED: sakip never issued this file, though it names the "
		        "document below; it was changed after it was issued";
	} else {
		*v = REPORT_UNKNOWN;
		message = "NOT verified: unknown file: sakip never issued it";
	}
	static const char *const names[] = {"verified",      "unknown", "draft",      "altered",
	                                    "bad-signature", "revoked", "incomplete", "superseded"};
	json_object_set_new(o, "verdict", json_string(names[*v]));
	json_object_set_new(o, "message", json_string(message));
	return o;
}

json_t *report_hash_json(Wf *wf, const char *hash)
{
	json_t *docs = json_array();
	size_t n = hash ? strlen(hash) : 0;
	bool ok = n == 64;
	for (size_t i = 0; ok && i < n; i++)
		ok = isxdigit((unsigned char)hash[i]) && !isupper((unsigned char)hash[i]);
	if (!ok)
		return docs;
	Db *db = wf_db(wf);
	int64_t ids[32];
	int k = 0;
	DbStmt *q = db_query(db, "SELECT id FROM report_doc WHERE hash=:h ORDER BY id DESC",
	                     DB_TEXT(":h", hash), DB_END);
	while (k < 32 && db_step(q) == DB_ROW)
		ids[k++] = db_col_int(q, 0);
	db_finalize(q);
	for (int i = 0; i < k; i++) {
		ReportVerdict bad;
		json_t *d = doc_json(wf, ids[i], -1, &bad);
		json_t *issued = json_array();
		q = db_query(db,
		             "SELECT i.sha256, i.n_signatures, a.name FROM report_issued i"
		             " JOIN wf_attachment a ON a.id=i.attachment_id WHERE i.doc_id=:d"
		             " ORDER BY i.n_signatures",
		             DB_INT(":d", ids[i]), DB_END);
		while (db_step(q) == DB_ROW)
			json_array_append_new(issued, json_pack("{s:s, s:I, s:s}", "sha256",
			                                        db_col_text(q, 0), "signatures",
			                                        (json_int_t)db_col_int(q, 1),
			                                        "name", db_col_text(q, 2)));
		db_finalize(q);
		json_object_set_new(d, "issued", issued);
		json_object_set_new(d, "all_valid", json_boolean(bad == REPORT_VERIFIED));
		json_array_append_new(docs, d);
	}
	return docs;
}
