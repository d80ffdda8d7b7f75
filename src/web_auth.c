/*
** web_auth.c: passwords, sessions and login throttling for the web.
**
** Passwords are stored as libsodium argon2id strings (crypto_pwhash_str:
** algorithm, salt and cost inside). Sessions live in the database as the hash
** of a random id, with a CSRF token, and expire after 12 hours. Five failed
** logins for one login in 15 minutes refuse further tries until the
** window passes, whatever the password. Nothing here writes HTML.
*/
#include "web.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

enum { SESSION_HOURS = 12, MAX_FAILURES = 5, FAILURE_WINDOW = 15 * 60 };

/*
** argon2id cost of new password hashes: OWASP's m=19 MiB, t=2. libsodium's
** "interactive" preset takes 64 MiB per hash, and a district server signs
** in many officials at 07:30 at once. Hashes made with other costs still
** verify (the cost is in the string).
*/
#define PW_OPSLIMIT 2ULL
#define PW_MEMLIMIT ((size_t)19 * 1024 * 1024)

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t login_lock = PTHREAD_MUTEX_INITIALIZER;

static void dummy_make(void)
{
	if (crypto_pwhash_str(dummy_hash, "sakip-dummy", 11, PW_OPSLIMIT, PW_MEMLIMIT) != 0)
		fatal("out of memory hashing a password");
}

int web_password_set(Db *db, const char *login, const char *password, Buf *err)
{
	if (sodium_init() < 0)
		fatal("libsodium cannot initialise");
	size_t n = password ? strlen(password) : 0;
	if (n < 8 || n > 1024 || !utf8_check(password, n, NULL)) {
		buf_printf(err, "a password has 8 to 1024 characters of UTF-8\n");
		return -1;
	}
	char hash[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(hash, password, n, PW_OPSLIMIT, PW_MEMLIMIT) != 0)
		fatal("out of memory hashing a password");
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "cannot write: %s\n", db_errmsg(db));
		return -1;
	}
	if (db_exec(db, "UPDATE person SET password_hash=:h WHERE login=:l AND active",
	            DB_TEXT(":h", hash), DB_TEXT(":l", login), DB_END) != DB_OK ||
	    db_changes(db) != 1) {
		buf_printf(err, "no person with login \"%s\"\n", login);
		db_rollback(db);
		return -1;
	}
	/* A new password ends the person's sessions and revokes their API tokens. */
	db_exec(db,
	        "DELETE FROM web_session WHERE person_id=(SELECT id FROM person WHERE login=:l)",
	        DB_TEXT(":l", login), DB_END);
	db_exec(db,
	        "UPDATE api_token SET revoked_at=:t WHERE revoked_at IS NULL"
	        " AND person_id=(SELECT id FROM person WHERE login=:l)",
	        DB_INT(":t", (int64_t)time(NULL)), DB_TEXT(":l", login), DB_END);
	return db_commit(db) == DB_OK ? 0 : -1;
}

static void random_hex(char out[65])
{
	unsigned char b[32];
	randombytes_buf(b, sizeof b);
	sodium_bin2hex(out, 65, b, sizeof b);
}

/*
** The database keeps only a BLAKE2b hash of a session id, so that a copy
** of the database (a backup, a stolen disk) does not let anyone sign in.
*/
void web_session_key(const char *session, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)session, strlen(session), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

int web_login(Db *db, const char *login, const char *password, const char *remote, time_t now,
              WebUser *user, Buf *err)
{
	if (sodium_init() < 0)
		fatal("libsodium cannot initialise");
	if (!login || !*login || !password || strlen(login) > 64 || strlen(password) > 1024) {
		buf_puts(err, "Nama pengguna atau kata sandi salah.");
		return -1;
	}
	/*
	 * Login by name, or by NIP: 18 digits, spaces allowed as it is printed,
	 * nothing else. Failures count against the person found (their login),
	 * so no spelling of a NIP gets a counter of its own.
	 */
	char nip[19] = "";
	size_t k = 0;
	bool digits_only = true;
	for (const char *c = login; *c; c++) {
		if (*c >= '0' && *c <= '9') {
			if (k < 18)
				nip[k] = *c;
			k++;
		} else if (*c != ' ') {
			digits_only = false;
		}
	}
	nip[k == 18 && digits_only ? 18 : 0] = 0;
	char hash[crypto_pwhash_STRBYTES] = "";
	DbStmt *st = db_query(db,
	                      "SELECT id, login, name, password_hash, admin FROM person"
	                      " WHERE active AND (login=:l OR (length(:n)=18 AND nip=:n))",
	                      DB_TEXT(":l", login), DB_TEXT(":n", nip), DB_END);
	int64_t id = 0;
	if (db_step(st) == DB_ROW) {
		id = db_col_int(st, 0);
		snprintf(user->login, sizeof user->login, "%s", db_col_text(st, 1));
		snprintf(user->name, sizeof user->name, "%s", db_col_text(st, 2));
		if (!db_col_null(st, 3))
			snprintf(hash, sizeof hash, "%s", db_col_text(st, 3));
		user->admin = db_col_int(st, 4) != 0;
	}
	db_finalize(st);
	const char *key_login = id ? user->login : login;
	/*
	** Count, verify and record one sign-in at a time in this process: tries in
	** parallel would all read the count below the limit before any failure is
	** written. (Hashing is CPU work on a few cores anyway.)
	*/
	pthread_mutex_lock(&login_lock);
	int64_t failures = db_int(
	        db, 0, "SELECT count(*) FROM login_failure WHERE login=:l AND at>:t",
	        DB_TEXT(":l", key_login), DB_INT(":t", (int64_t)now - FAILURE_WINDOW), DB_END);
	if (failures >= MAX_FAILURES) {
		buf_puts(err,
		         "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit.");
		pthread_mutex_unlock(&login_lock);
		return -1;
	}
	/* An unknown login costs the same argon2id as a known one: no timing oracle. */
	if (!hash[0]) {
		pthread_once(&dummy_once, dummy_make); /* the server's threads share one */
		if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
			log_debug("a password matched the dummy hash");
	}
	bool ok = hash[0] && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	int rc = -1;
	if (db_begin_write(db) != DB_OK) {
		buf_puts(err, "Basis data sedang sibuk. Coba lagi.");
		goto done;
	}
	if (!ok) {
		/* Old failures and expired sessions go, so anonymous tries cannot grow the file. */
		db_exec(db, "DELETE FROM login_failure WHERE at<=:t",
		        DB_INT(":t", (int64_t)now - FAILURE_WINDOW), DB_END);
		db_exec(db, "DELETE FROM web_session WHERE expires_at<=:t",
		        DB_INT(":t", (int64_t)now), DB_END);
		db_exec(db, "INSERT INTO login_failure(login, remote, at) VALUES(:l, :r, :t)",
		        DB_TEXT(":l", key_login), DB_TEXT(":r", remote), DB_INT(":t", (int64_t)now),
		        DB_END);
		db_commit(db);
		buf_puts(err, "Nama pengguna atau kata sandi salah.");
		goto done;
	}
	random_hex(user->session);
	random_hex(user->csrf);
	user->person_id = id;
	char key[65];
	web_session_key(user->session, key);
	if (db_exec(db,
	            "INSERT INTO web_session(id, person_id, csrf, created_at, expires_at)"
	            " VALUES(:id, :p, :c, :now, :exp)",
	            DB_TEXT(":id", key), DB_INT(":p", id), DB_TEXT(":c", user->csrf),
	            DB_INT(":now", (int64_t)now),
	            DB_INT(":exp", (int64_t)now + SESSION_HOURS * 3600), DB_END) != DB_OK ||
	    db_exec(db, "DELETE FROM login_failure WHERE login=:l", DB_TEXT(":l", key_login),
	            DB_END) != DB_OK ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		buf_puts(err, "Sesi tidak dapat dibuat.");
		goto done;
	}
	rc = 0;
done:
	pthread_mutex_unlock(&login_lock);
	return rc;
}

/* Step st; its first columns are person id, login, name, admin. */
static bool user_from_row(DbStmt *st, WebUser *user)
{
	if (db_step(st) != DB_ROW)
		return false;
	user->person_id = db_col_int(st, 0);
	snprintf(user->login, sizeof user->login, "%s", db_col_text(st, 1));
	snprintf(user->name, sizeof user->name, "%s", db_col_text(st, 2));
	user->admin = db_col_int(st, 3) != 0;
	return true;
}

bool web_session_user(Db *db, const char *session, time_t now, WebUser *user)
{
	memset(user, 0, sizeof *user);
	if (!session || strlen(session) != 64)
		return false;
	char key[65];
	web_session_key(session, key);
	DbStmt *st =
	        db_query(db,
	                 "SELECT p.id, p.login, p.name, p.admin, s.csrf FROM web_session s"
	                 " JOIN person p ON p.id=s.person_id WHERE s.id=:s AND s.expires_at>:now"
	                 " AND p.active",
	                 DB_TEXT(":s", key), DB_INT(":now", (int64_t)now), DB_END);
	bool ok = user_from_row(st, user);
	if (ok) {
		snprintf(user->csrf, sizeof user->csrf, "%s", db_col_text(st, 4));
		snprintf(user->session, sizeof user->session, "%s", session);
	}
	db_finalize(st);
	return ok;
}

void web_logout(Db *db, const char *session)
{
	char key[65];
	web_session_key(session, key);
	if (db_begin_write(db) != DB_OK)
		return;
	db_exec(db, "DELETE FROM web_session WHERE id=:s", DB_TEXT(":s", key), DB_END);
	db_commit(db);
}

int web_token_create(Db *db, const char *login, const char *label, int days, time_t now,
                     char token[65], Buf *err)
{
	if (days < 0 || days > 3660) {
		buf_printf(err, "a token is valid for 1 to 3660 days, not %d\n", days);
		return -1;
	}
	int64_t expires = (int64_t)now + (int64_t)(days ? days : WEB_TOKEN_DAYS) * 86400;
	if (sodium_init() < 0)
		fatal("libsodium cannot initialise");
	int64_t person = wf_person_by_login(db, login);
	if (!person) {
		buf_printf(err, "no person with login \"%s\"\n", login);
		return -1;
	}
	random_hex(token);
	char key[65];
	web_session_key(token, key);
	if (db_begin_write(db) != DB_OK ||
	    db_exec(db,
	            "INSERT INTO api_token(hash, person_id, label, created_at, expires_at)"
	            " VALUES(:h, :p, :l, :t, :e)",
	            DB_TEXT(":h", key), DB_INT(":p", person),
	            label ? DB_TEXT(":l", label) : DB_NULL(":l"), DB_INT(":t", (int64_t)now),
	            DB_INT(":e", expires), DB_END) != DB_OK ||
	    db_commit(db) != DB_OK) {
		buf_printf(err, "cannot store the token: %s\n", db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return 0;
}

bool web_token_user(Db *db, const char *token, time_t now, WebUser *user)
{
	memset(user, 0, sizeof *user);
	if (!token || strlen(token) != 64)
		return false;
	char key[65];
	web_session_key(token, key);
	DbStmt *st = db_query(db,
	                      "SELECT p.id, p.login, p.name, p.admin FROM api_token k"
	                      " JOIN person p ON p.id=k.person_id WHERE k.hash=:h"
	                      " AND k.revoked_at IS NULL AND p.active"
	                      " AND (k.expires_at IS NULL OR k.expires_at > :now)",
	                      DB_TEXT(":h", key), DB_INT(":now", (int64_t)now), DB_END);
	bool ok = user_from_row(st, user);
	db_finalize(st);
	return ok;
}

json_t *web_token_list_json(Db *db, const char *login, Buf *err)
{
	int64_t person = wf_person_by_login(db, login);
	if (!person) {
		buf_printf(err, "no person with login \"%s\"\n", login);
		return NULL;
	}
	json_t *list = json_array();
	DbStmt *st = db_query(db,
	                      "SELECT id, label, created_at, expires_at, revoked_at FROM api_token"
	                      " WHERE person_id=:p ORDER BY id",
	                      DB_INT(":p", person), DB_END);
	while (db_step(st) == DB_ROW) {
		json_t *o = json_pack("{s:I, s:I}", "id", (json_int_t)db_col_int(st, 0),
		                      "created_at", (json_int_t)db_col_int(st, 2));
		json_object_set_new(o, "label",
		                    db_col_null(st, 1) ? json_null()
		                                       : json_string(db_col_text(st, 1)));
		json_object_set_new(o, "expires_at",
		                    db_col_null(st, 3) ? json_null()
		                                       : json_integer(db_col_int(st, 3)));
		json_object_set_new(o, "revoked_at",
		                    db_col_null(st, 4) ? json_null()
		                                       : json_integer(db_col_int(st, 4)));
		json_array_append_new(list, o);
	}
	db_finalize(st);
	return list;
}

int web_token_revoke(Db *db, int64_t id, time_t now, Buf *err)
{
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "cannot start a write: %s\n", db_errmsg(db));
		return -1;
	}
	if (db_exec(db, "UPDATE api_token SET revoked_at=:t WHERE id=:id AND revoked_at IS NULL",
	            DB_INT(":t", (int64_t)now), DB_INT(":id", id), DB_END) != DB_OK ||
	    db_changes(db) != 1) {
		db_rollback(db);
		buf_printf(err, "no API token %lld that is not revoked already\n", (long long)id);
		return -1;
	}
	if (db_commit(db) != DB_OK) {
		buf_printf(err, "cannot revoke the token: %s\n", db_errmsg(db));
		return -1;
	}
	return 0;
}

int web_password_change(Db *db, int64_t person_id, const char *old_pw, const char *new_pw, Buf *err)
{
	if (sodium_init() < 0)
		fatal("libsodium cannot initialise");
	char hash[crypto_pwhash_STRBYTES] = "", login[65] = "";
	DbStmt *st = db_query(db, "SELECT password_hash, login FROM person WHERE id=:p AND active",
	                      DB_INT(":p", person_id), DB_END);
	if (db_step(st) == DB_ROW && !db_col_null(st, 0)) {
		snprintf(hash, sizeof hash, "%s", db_col_text(st, 0));
		snprintf(login, sizeof login, "%s", db_col_text(st, 1));
	}
	db_finalize(st);
	size_t n = new_pw ? strlen(new_pw) : 0;
	if (!hash[0] || !old_pw || crypto_pwhash_str_verify(hash, old_pw, strlen(old_pw)) != 0) {
		buf_puts(err, "Kata sandi lama salah.");
		return -1;
	}
	if (n < 8 || n > 1024 || !utf8_check(new_pw, n, NULL)) {
		buf_puts(err, "Kata sandi baru harus 8 sampai 1024 karakter.");
		return -1;
	}
	if (strcmp(old_pw, new_pw) == 0) {
		buf_puts(err, "Kata sandi baru harus berbeda dari yang lama.");
		return -1;
	}
	Buf e = BUF_INIT;
	int rc = web_password_set(db, login, new_pw, &e);
	if (rc != 0)
		buf_puts(err, "Kata sandi tidak dapat disimpan. Coba lagi.");
	buf_free(&e);
	return rc;
}
