/*
** web_admin.c: the administrator's pages. /admin/orang lists everyone who
** may sign in, creates a person (login, name, NIP, agency, first password)
** and resets a password (ending that person's sessions). The router lets
** only administrators in; every form carries the CSRF token.
*/
#include "web.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static void people_page(WebCtx *c, const char *error, const char *notice)
{
	web_page_begin(c, "Pengguna");
	web_admin_nav(c, "/admin/orang");
	Buf *o = &c->rep->body;
	if (error)
		html_printf(o, "<p class=\"galat\" role=\"alert\">%h</p>", error);
	if (notice)
		html_printf(o, "<p role=\"status\">%h</p>", notice);
	html_printf(o, "<h2>Tambah pengguna</h2><form method=\"post\" action=\"/admin/orang\">");
	web_csrf_field(c);
	html_printf(o, "<label>Instansi <select name=\"instansi\">");
	DbStmt *st = db_query(c->db, "SELECT code, name FROM agency ORDER BY name", DB_END);
	while (db_step(st) == DB_ROW)
		html_printf(o, "<option value=\"%h\">%h</option>", db_col_text(st, 0),
		            db_col_text(st, 1));
	db_finalize(st);
	html_printf(o, "</select></label><label>Nama pengguna <input name=\"login\" required "
	               "pattern=\"[a-z0-9._\\-]{2,64}\"></label><label>Nama lengkap <input "
	               "name=\"nama\" required maxlength=\"200\"></label><label>NIP (boleh kosong) "
	               "<input name=\"nip\" inputmode=\"numeric\" maxlength=\"24\"></label>"
	               "<label>Kata sandi awal <input name=\"sandi\" type=\"password\" required "
	               "minlength=\"8\" autocomplete=\"new-password\"></label>"
	               "<button>Tambah</button></form>");
	html_printf(o, "<h2>Daftar pengguna</h2><table><thead><tr><th>Nama</th><th>NIP</th>"
	               "<th>Instansi</th><th>Atur ulang kata sandi</th></tr></thead><tbody>");
	st = db_query(
	        c->db,
	        "SELECT p.id, p.login, p.name, p.nip, a.code, p.admin, p.password_hash IS NULL"
	        " FROM person p LEFT JOIN agency a ON a.id=p.agency_id WHERE p.active"
	        " ORDER BY a.code, p.name",
	        DB_END);
	while (db_step(st) == DB_ROW) {
		Buf nip = BUF_INIT;
		if (!db_col_null(st, 3))
			fmt_nip(&nip, db_col_text(st, 3));
		html_printf(o, "<tr><td>%h<br><small>%h%h%h</small></td><td>%h</td><td>%h</td><td>",
		            db_col_text(st, 2), db_col_text(st, 1),
		            db_col_int(st, 5) ? ", administrator" : "",
		            db_col_int(st, 6) ? ", belum punya kata sandi" : "", buf_str(&nip),
		            db_col_null(st, 4) ? "-" : db_col_text(st, 4));
		buf_free(&nip);
		html_printf(o, "<form method=\"post\" action=\"/admin/orang/%lld/sandi\">",
		            (long long)db_col_int(st, 0));
		web_csrf_field(c);
		html_printf(o, "<input name=\"sandi\" type=\"password\" required minlength=\"8\" "
		               "autocomplete=\"new-password\" aria-label=\"Kata sandi baru\">"
		               "<button>Atur ulang</button></form></td></tr>");
	}
	db_finalize(st);
	html_printf(o, "</tbody></table>");
	web_page_end(c);
}

void page_admin_people(WebCtx *c)
{
	people_page(c, NULL, NULL);
}

static bool login_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) &&
		    !strchr("._-", s[i]))
			return false;
	return true;
}

void page_admin_person_add(WebCtx *c)
{
	const char *agency = web_param(c->req->form, c->req->n_form, "instansi");
	const char *login = web_param(c->req->form, c->req->n_form, "login");
	const char *name = web_param(c->req->form, c->req->n_form, "nama");
	const char *nip = web_param(c->req->form, c->req->n_form, "nip");
	const char *password = web_param(c->req->form, c->req->n_form, "sandi");
	int64_t agency_id = agency ? wf_agency_by_ref(c->db, agency) : 0;
	char digits[32] = "";
	size_t k = 0;
	for (const char *p = nip ? nip : ""; *p && k + 1 < sizeof digits; p++)
		if (*p != ' ')
			digits[k++] = *p;
	digits[k] = 0;
	Buf why = BUF_INIT;
	const char *error = NULL;
	if (!agency_id)
		error = "Pilih instansi.";
	else if (!login_ok(login))
		error = "Nama pengguna 2 sampai 64 huruf kecil, angka, titik, garis bawah atau "
		        "tanda hubung.";
	else if (!name || !*name || strlen(name) > 200 || !utf8_check(name, strlen(name), NULL))
		error = "Nama lengkap wajib diisi (paling banyak 200 karakter).";
	else if (digits[0] && !wf_nip_valid(digits, &why))
		error = "NIP tidak sah.";
	else if (!password || strlen(password) < 8 || strlen(password) > 1024 ||
	         !utf8_check(password, strlen(password), NULL))
		error = "Kata sandi awal 8 sampai 1024 karakter.";
	else if (wf_person_by_login(c->db, login))
		error = "Nama pengguna sudah dipakai.";
	else if (digits[0] && db_exists(c->db, "SELECT 1 FROM person WHERE nip=:n",
	                                DB_TEXT(":n", digits), DB_END))
		error = "NIP sudah terdaftar untuk orang lain.";
	buf_free(&why);
	if (error) {
		c->rep->status = 422;
		people_page(c, error, NULL);
		return;
	}
	Buf err = BUF_INIT;
	bool ok = db_begin_write(c->db) == DB_OK &&
	          db_exec(c->db,
	                  "INSERT INTO person(login, nip, name, agency_id) VALUES(:l, :n, :m, :a)",
	                  DB_TEXT(":l", login), digits[0] ? DB_TEXT(":n", digits) : DB_NULL(":n"),
	                  DB_TEXT(":m", name), DB_INT(":a", agency_id), DB_END) == DB_OK &&
	          db_commit(c->db) == DB_OK;
	if (!ok)
		db_rollback(c->db);
	if (!ok || web_password_set(c->db, login, password, &err) != 0) {
		c->rep->status = 500;
		people_page(c, "Pengguna tidak dapat disimpan.", NULL);
	} else {
		people_page(c, NULL, "Pengguna ditambahkan.");
	}
	buf_free(&err);
}

void page_admin_password_reset(WebCtx *c)
{
	const char *password = web_param(c->req->form, c->req->n_form, "sandi");
	char *login = db_text(c->db, NULL, "SELECT login FROM person WHERE id=:p AND active",
	                      DB_INT(":p", c->id), DB_END);
	Buf err = BUF_INIT;
	if (!login) {
		web_error(c, 404, "Pengguna tidak ditemukan.");
	} else if (!password || strlen(password) < 8) {
		c->rep->status = 422;
		people_page(c, "Kata sandi baru minimal 8 karakter.", NULL);
	} else if (web_password_set(c->db, login, password, &err) != 0) {
		c->rep->status = 422;
		people_page(c, "Kata sandi tidak dapat disimpan.", NULL);
	} else {
		people_page(c, NULL, "Kata sandi diatur ulang; sesi lama pengguna itu berakhir.");
	}
	free(login);
	buf_free(&err);
}
