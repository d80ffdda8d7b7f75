/*
** web_admin_org.c: the administrator's pages for the organisation the
** engine routes by, per agency: /admin/jabatan (units, positions, holders,
** adding a position, changing a holder), /admin/plt (Plt and delegates:
** current, upcoming, past; adding one, ending one early), /admin/aktor
** (which positions play each actor of an SOP) and /admin/libur (national
** and the agency's own holidays by year, office hours).
**
** Pages only: validation and writes are wf_org.c's (wf_position_add,
** wf_acting_add, wf_actor_map_set, wf_holiday_add, ...), each one write
** transaction with its audit event. The router lets only administrators
** in and checks every form's CSRF token; an administrator manages every
** agency (person.admin is global). A refused change re-renders the page
** with the message, status 422, nothing changed.
*/
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void web_admin_nav(WebCtx *c, const char *current)
{
	static const char *const links[][2] = {{"/admin/orang", "Pengguna"},
	                                       {"/admin/jabatan", "Jabatan"},
	                                       {"/admin/plt", "Plt / delegasi"},
	                                       {"/admin/aktor", "Peta aktor SOP"},
	                                       {"/admin/libur", "Kalender libur"}};
	Buf *o = &c->rep->body;
	html_printf(o, "<nav class=\"subnav\" aria-label=\"Administrasi\">");
	for (size_t i = 0; i < COUNT(links); i++)
		html_printf(o,
		            strcmp(links[i][0], current) == 0
		                    ? "<a href=\"%h\" aria-current=\"page\">%h</a>"
		                    : "<a href=\"%h\">%h</a>",
		            links[i][0], links[i][1]);
	html_printf(o, "</nav>");
}

/* ---- shared pieces ---------------------------------------------------- */

static const char *form(WebCtx *c, const char *name)
{
	return web_param(c->req->form, c->req->n_form, name);
}

static const char *query(WebCtx *c, const char *name)
{
	return web_param(c->req->query, c->req->n_query, name);
}

/* A positive id written in decimal, else 0. */
static int64_t parse_id(const char *s)
{
	if (!s || !*s || strlen(s) > 15 || !str_is_digits(s))
		return 0;
	return (int64_t)strtoll(s, NULL, 10);
}

/*
** The agency a page is about: ref (a code or id) when it names one, else
** the administrator's own, else the first by name; 0 when there is none.
*/
static int64_t pick_agency(WebCtx *c, const char *ref)
{
	int64_t id = ref && *ref ? wf_agency_by_ref(c->db, ref) : 0;
	if (!id)
		id = db_int(c->db, 0,
		            "SELECT a.id FROM person p JOIN agency a ON a.id=p.agency_id"
		            " WHERE p.id=:p",
		            DB_INT(":p", c->user.person_id), DB_END);
	if (!id)
		id = db_int(c->db, 0, "SELECT id FROM agency ORDER BY name LIMIT 1", DB_END);
	return id;
}

static const char *agency_code(WebCtx *c, int64_t agency)
{
	char *s = db_text(c->db, NULL, "SELECT code FROM agency WHERE id=:a", DB_INT(":a", agency),
	                  DB_END);
	const char *r = arena_strdup(c->req->arena, s ? s : "");
	free(s);
	return r;
}

/* The page frame, the sub-navigation, the message, and the agency chooser (a GET form). */
static void admin_begin(WebCtx *c, const char *title, const char *path, int64_t agency,
                        const char *error, const char *notice)
{
	web_page_begin(c, title);
	web_admin_nav(c, path);
	Buf *o = &c->rep->body;
	if (error)
		html_printf(o, "<p class=\"galat\" role=\"alert\">%h</p>", error);
	if (notice)
		html_printf(o, "<p role=\"status\">%h</p>", notice);
	html_printf(o,
	            "<form method=\"get\" action=\"%h\"><label>Instansi <select "
	            "name=\"instansi\">",
	            path);
	DbStmt *st = db_query(c->db, "SELECT id, code, name FROM agency ORDER BY name", DB_END);
	while (db_step(st) == DB_ROW)
		html_printf(o, "<option value=\"%h\"%h>%h</option>", db_col_text(st, 1),
		            db_col_int(st, 0) == agency ? " selected" : "", db_col_text(st, 2));
	db_finalize(st);
	html_printf(o, "</select></label>");
}

/* Close the chooser form the caller may have added fields to. */
static void chooser_end(WebCtx *c)
{
	html_printf(&c->rep->body, "<button>Tampilkan</button></form>");
}

/* "Name (NIP 19691024 199803 1 007)". */
static void person_text(Buf *o, const char *name, const char *nip)
{
	Buf n = BUF_INIT;
	if (nip && *nip)
		fmt_nip(&n, nip);
	html_printf(o, "%h", name);
	if (n.len)
		html_printf(o, "<br><small>NIP %h</small>", buf_str(&n));
	buf_free(&n);
}

static void date_text(Buf *o, const char *iso)
{
	Buf d = BUF_INIT;
	fmt_date_id(&d, iso);
	html_printf(o, "%h", buf_str(&d));
	buf_free(&d);
}

/* The agency's active people as <option>s, selected marking one. */
static void people_options(WebCtx *c, int64_t agency, int64_t selected)
{
	DbStmt *st = db_query(c->db,
	                      "SELECT id, name, nip FROM person WHERE agency_id=:a AND active"
	                      " ORDER BY name",
	                      DB_INT(":a", agency), DB_END);
	while (db_step(st) == DB_ROW) {
		Buf n = BUF_INIT;
		if (!db_col_null(st, 2))
			fmt_nip(&n, db_col_text(st, 2));
		html_printf(&c->rep->body, "<option value=\"%lld\"%h>%h%h%h</option>",
		            (long long)db_col_int(st, 0),
		            db_col_int(st, 0) == selected ? " selected" : "", db_col_text(st, 1),
		            n.len ? " - " : "", buf_str(&n));
		buf_free(&n);
	}
	db_finalize(st);
}

/* ---- Jabatan ----------------------------------------------------------- */

static void positions_page(WebCtx *c, int64_t agency, const char *error, const char *notice)
{
	admin_begin(c, "Jabatan", "/admin/jabatan", agency, error, notice);
	chooser_end(c);
	Buf *o = &c->rep->body;
	if (!agency) {
		html_printf(o, "<p>Belum ada instansi; muat organisasi dengan sakip org load.</p>");
		web_page_end(c);
		return;
	}
	const char *code = agency_code(c, agency);
	char today[11];
	wf_local_today(c->wf, agency, c->now, today);
	DbStmt *units = db_query(c->db,
	                         "SELECT u.id, u.name, pu.name FROM unit u"
	                         " LEFT JOIN unit pu ON pu.id=u.parent_id"
	                         " WHERE u.agency_id=:a ORDER BY u.id",
	                         DB_INT(":a", agency), DB_END);
	while (db_step(units) == DB_ROW) {
		html_printf(o, "<h2>%h</h2>", db_col_text(units, 1));
		if (!db_col_null(units, 2))
			html_printf(o, "<p><small>di bawah %h</small></p>", db_col_text(units, 2));
		DbStmt *pos = db_query(c->db,
		                       "SELECT p.id, p.code, p.title, p.is_head, p.holder_id,"
		                       " pe.name, pe.nip FROM position p"
		                       " LEFT JOIN person pe ON pe.id=p.holder_id"
		                       " WHERE p.unit_id=:u ORDER BY p.is_head DESC, p.id",
		                       DB_INT(":u", db_col_int(units, 0)), DB_END);
		bool any = false;
		while (db_step(pos) == DB_ROW) {
			if (!any)
				html_printf(
				        o, "<table class=\"isian\"><thead><tr><th scope=\"col\">"
				           "Jabatan</th><th scope=\"col\">Pemangku</th><th "
				           "scope=\"col\">Plt / delegasi</th></tr></thead><tbody>");
			any = true;
			int64_t pid = db_col_int(pos, 0);
			html_printf(o, "<tr><th scope=\"row\">%h<br><small>%h%h</small></th><td>",
			            db_col_text(pos, 2), db_col_text(pos, 1),
			            db_col_int(pos, 3) ? ", kepala unit" : "");
			if (db_col_null(pos, 4))
				html_printf(o, "<strong>Kosong</strong>");
			else
				person_text(o, db_col_text(pos, 5),
				            db_col_null(pos, 6) ? NULL : db_col_text(pos, 6));
			html_printf(
			        o, "<form method=\"post\" action=\"/admin/jabatan/%lld/pemangku\">",
			        (long long)pid);
			web_csrf_field(c);
			html_printf(o, "<label>Ganti pemangku <select name=\"pemangku\"><option "
			               "value=\"0\">(kosongkan jabatan)</option>");
			people_options(c, agency, db_col_int(pos, 4));
			html_printf(o, "</select></label><button>Simpan</button></form></td><td>");
			DbStmt *act = db_query(c->db,
			                       "SELECT x.kind, x.starts, x.ends, pe.name, pe.nip"
			                       " FROM acting x JOIN person pe ON pe.id=x.person_id"
			                       " WHERE x.position_id=:p AND x.ends >= :d"
			                       " AND x.starts <= x.ends ORDER BY x.starts",
			                       DB_INT(":p", pid), DB_TEXT(":d", today), DB_END);
			bool none = true;
			while (db_step(act) == DB_ROW) {
				none = false;
				bool now_on = strcmp(db_col_text(act, 1), today) <= 0;
				html_printf(o, "<p><span class=\"plt\">%h%h</span> ",
				            strcmp(db_col_text(act, 0), "plt") == 0 ? "Plt"
				                                                    : "Delegasi",
				            now_on ? "" : " (akan datang)");
				person_text(o, db_col_text(act, 3),
				            db_col_null(act, 4) ? NULL : db_col_text(act, 4));
				html_printf(o, "<br><small>");
				date_text(o, db_col_text(act, 1));
				html_printf(o, " s.d. ");
				date_text(o, db_col_text(act, 2));
				html_printf(o, "</small></p>");
			}
			db_finalize(act);
			if (none)
				html_printf(o, "-");
			html_printf(o, "</td></tr>");
		}
		db_finalize(pos);
		if (any)
			html_printf(o, "</tbody></table>");
		else
			html_printf(o, "<p>Belum ada jabatan di unit ini.</p>");
	}
	db_finalize(units);
	html_printf(o, "<p><a href=\"/admin/plt?instansi=%u\">Atur Plt dan delegasi</a></p>", code);
	html_printf(o, "<h2>Tambah jabatan</h2><form method=\"post\" action=\"/admin/jabatan\">");
	web_csrf_field(c);
	html_printf(o,
	            "<input type=\"hidden\" name=\"instansi\" value=\"%h\"><label>Unit kerja "
	            "<select name=\"unit\" required>",
	            code);
	DbStmt *st = db_query(c->db, "SELECT id, name FROM unit WHERE agency_id=:a ORDER BY id",
	                      DB_INT(":a", agency), DB_END);
	while (db_step(st) == DB_ROW)
		html_printf(o, "<option value=\"%lld\">%h</option>", (long long)db_col_int(st, 0),
		            db_col_text(st, 1));
	db_finalize(st);
	html_printf(o, "</select></label><label>Kode jabatan <input name=\"kode\" required "
	               "maxlength=\"64\" pattern=\"[a-z0-9._\\-]+\"></label><label>Nama jabatan "
	               "<input name=\"nama\" required maxlength=\"200\"></label><label><input "
	               "type=\"checkbox\" name=\"kepala\" value=\"1\"> Kepala unit</label>"
	               "<button>Tambah jabatan</button></form>");
	web_page_end(c);
}

void page_admin_positions(WebCtx *c)
{
	positions_page(c, pick_agency(c, query(c, "instansi")), NULL, NULL);
}

void page_admin_position_add(WebCtx *c)
{
	int64_t unit = parse_id(form(c, "unit"));
	int64_t agency = db_int(c->db, 0, "SELECT agency_id FROM unit WHERE id=:u",
	                        DB_INT(":u", unit), DB_END);
	if (!agency)
		agency = pick_agency(c, form(c, "instansi"));
	Buf err = BUF_INIT;
	if (wf_position_add(c->wf, unit, form(c, "kode"), form(c, "nama"),
	                    form(c, "kepala") != NULL, c->user.person_id, c->now, NULL,
	                    &err) != 0) {
		c->rep->status = 422;
		positions_page(c, agency, buf_str(&err), NULL);
	} else {
		positions_page(c, agency, NULL, "Jabatan ditambahkan.");
	}
	buf_free(&err);
}

void page_admin_position_holder(WebCtx *c)
{
	int64_t agency = db_int(c->db, 0, "SELECT agency_id FROM position WHERE id=:p",
	                        DB_INT(":p", c->id), DB_END);
	if (!agency) {
		web_error(c, 404, "Jabatan tidak ditemukan.");
		return;
	}
	const char *who = form(c, "pemangku");
	int64_t person = parse_id(who);
	Buf err = BUF_INIT;
	if (!who || (!person && strcmp(who, "0") != 0)) {
		c->rep->status = 422;
		positions_page(c, agency, "Pilih pemangku dari daftar pegawai.", NULL);
	} else if (wf_position_set_holder(c->wf, c->id, person, c->user.person_id, c->now, &err) !=
	           0) {
		c->rep->status = 422;
		positions_page(c, agency, buf_str(&err), NULL);
	} else {
		positions_page(c, agency, NULL,
		               person ? "Pemangku jabatan disimpan." : "Jabatan dikosongkan.");
	}
	buf_free(&err);
}

/* ---- Plt / delegasi ---------------------------------------------------- */

static void acting_page(WebCtx *c, int64_t agency, const char *error, const char *notice)
{
	admin_begin(c, "Plt dan delegasi", "/admin/plt", agency, error, notice);
	chooser_end(c);
	Buf *o = &c->rep->body;
	if (!agency) {
		web_page_end(c);
		return;
	}
	const char *code = agency_code(c, agency);
	char today[11];
	wf_local_today(c->wf, agency, c->now, today);
	static const char *const heads[] = {"Berlaku sekarang", "Akan datang", "Selesai"};
	for (int part = 0; part < 3; part++) {
		/* part 0: covers today; 1: starts later; 2: over (or ended before it began) */
		DbStmt *st = db_query(
		        c->db,
		        "SELECT x.id, x.kind, x.starts, x.ends, x.reason, p.title, pe.name, pe.nip"
		        " FROM acting x JOIN position p ON p.id=x.position_id"
		        " JOIN person pe ON pe.id=x.person_id WHERE p.agency_id=:a AND"
		        " CASE WHEN x.ends < :d OR x.ends < x.starts THEN 2"
		        " WHEN x.starts > :d THEN 1 ELSE 0 END = :part"
		        " ORDER BY x.starts DESC, x.id DESC",
		        DB_INT(":a", agency), DB_TEXT(":d", today), DB_INT(":part", part), DB_END);
		html_printf(o, "<h2>%h</h2>", heads[part]);
		bool any = false;
		while (db_step(st) == DB_ROW) {
			if (!any)
				html_printf(
				        o,
				        "<table class=\"isian\"><thead><tr><th scope=\"col\">"
				        "Jabatan</th><th scope=\"col\">Pegawai</th><th "
				        "scope=\"col\">Masa dan alasan</th></tr></thead><tbody>");
			any = true;
			bool cancelled = strcmp(db_col_text(st, 3), db_col_text(st, 2)) < 0;
			html_printf(o, "<tr><td>%h<br><span class=\"plt\">%h</span></td><td>",
			            db_col_text(st, 5),
			            strcmp(db_col_text(st, 1), "plt") == 0 ? "Plt" : "Delegasi");
			person_text(o, db_col_text(st, 6),
			            db_col_null(st, 7) ? NULL : db_col_text(st, 7));
			html_printf(o, "</td><td>");
			date_text(o, db_col_text(st, 2));
			html_printf(o, " s.d. ");
			if (cancelled)
				html_printf(o, "dibatalkan sebelum berlaku (");
			date_text(o, db_col_text(st, 3));
			html_printf(o, "%h<br><small>%h</small>", cancelled ? ")" : "",
			            db_col_null(st, 4) ? "" : db_col_text(st, 4));
			if (part < 2) {
				html_printf(
				        o,
				        "<form method=\"post\" action=\"/admin/plt/%lld/akhiri\">",
				        (long long)db_col_int(st, 0));
				web_csrf_field(c);
				html_printf(o, "<button>Akhiri hari ini</button></form>");
			}
			html_printf(o, "</td></tr>");
		}
		db_finalize(st);
		html_printf(o, any ? "</tbody></table>" : "<p>Tidak ada.</p>");
	}
	html_printf(o, "<h2>Tambah Plt atau delegasi</h2><form method=\"post\" "
	               "action=\"/admin/plt\">");
	web_csrf_field(c);
	html_printf(o,
	            "<input type=\"hidden\" name=\"instansi\" value=\"%h\"><label>Jabatan "
	            "<select name=\"jabatan\" required>",
	            code);
	DbStmt *st = db_query(c->db,
	                      "SELECT p.id, p.title, pe.name FROM position p"
	                      " LEFT JOIN person pe ON pe.id=p.holder_id WHERE p.agency_id=:a"
	                      " ORDER BY p.unit_id, p.is_head DESC, p.id",
	                      DB_INT(":a", agency), DB_END);
	while (db_step(st) == DB_ROW)
		html_printf(o, "<option value=\"%lld\">%h (%h)</option>",
		            (long long)db_col_int(st, 0), db_col_text(st, 1),
		            db_col_null(st, 2) ? "kosong" : db_col_text(st, 2));
	db_finalize(st);
	html_printf(o, "</select></label><label>Pegawai <select name=\"pegawai\" required>");
	people_options(c, agency, 0);
	html_printf(o, "</select></label><label>Jenis <select name=\"jenis\"><option "
	               "value=\"plt\">Plt (pelaksana tugas)</option><option "
	               "value=\"delegate\">Delegasi</option></select></label>"
	               "<label>Mulai <input type=\"date\" name=\"mulai\" required></label>"
	               "<label>Selesai (termasuk) <input type=\"date\" name=\"selesai\" "
	               "required></label><label>Alasan <input name=\"alasan\" required "
	               "maxlength=\"500\" placeholder=\"mis. cuti tahunan pemangku, Sprint "
	               "nomor ...\"></label><button>Simpan</button></form>");
	web_page_end(c);
}

void page_admin_acting(WebCtx *c)
{
	acting_page(c, pick_agency(c, query(c, "instansi")), NULL, NULL);
}

void page_admin_acting_add(WebCtx *c)
{
	WfActing r = {parse_id(form(c, "jabatan")),
	              parse_id(form(c, "pegawai")),
	              form(c, "jenis"),
	              form(c, "mulai"),
	              form(c, "selesai"),
	              form(c, "alasan")};
	int64_t agency = db_int(c->db, 0, "SELECT agency_id FROM position WHERE id=:p",
	                        DB_INT(":p", r.position_id), DB_END);
	if (!agency)
		agency = pick_agency(c, form(c, "instansi"));
	Buf err = BUF_INIT;
	if (wf_acting_add(c->wf, &r, c->user.person_id, c->now, NULL, &err) != 0) {
		c->rep->status = 422;
		acting_page(c, agency, buf_str(&err), NULL);
	} else {
		acting_page(c, agency, NULL, "Plt/delegasi disimpan.");
	}
	buf_free(&err);
}

void page_admin_acting_end(WebCtx *c)
{
	int64_t agency = db_int(c->db, 0,
	                        "SELECT p.agency_id FROM acting x JOIN position p"
	                        " ON p.id=x.position_id WHERE x.id=:x",
	                        DB_INT(":x", c->id), DB_END);
	if (!agency) {
		web_error(c, 404, "Plt/delegasi tidak ditemukan.");
		return;
	}
	Buf err = BUF_INIT;
	if (wf_acting_end(c->wf, c->id, c->user.person_id, c->now, &err) != 0) {
		c->rep->status = 422;
		acting_page(c, agency, buf_str(&err), NULL);
	} else {
		acting_page(c, agency, NULL,
		            "Plt/delegasi diakhiri hari ini; riwayatnya tetap ada.");
	}
	buf_free(&err);
}

/* ---- Peta aktor SOP ------------------------------------------------------ */

static void actors_page(WebCtx *c, int64_t agency, const char *sop_code, const char *error,
                        const char *notice)
{
	admin_begin(c, "Peta aktor SOP", "/admin/aktor", agency, error, notice);
	Buf *o = &c->rep->body;
	SopRow *rows = NULL;
	int n = sop_store_list(c->db, c->req->arena, &rows);
	if (!sop_code || !*sop_code) {
		char *m = db_text(c->db, NULL,
		                  "SELECT sop_code FROM actor_map WHERE agency_id=:a"
		                  " ORDER BY sop_code LIMIT 1",
		                  DB_INT(":a", agency), DB_END);
		sop_code = arena_strdup(c->req->arena, m ? m : n > 0 ? rows[0].code : "");
		free(m);
	}
	html_printf(o, "<label>SOP <select name=\"sop\">");
	for (int i = 0; i < n; i++)
		html_printf(o, "<option value=\"%h\"%h>%h</option>", rows[i].code,
		            strcmp(rows[i].code, sop_code) == 0 ? " selected" : "", rows[i].name);
	html_printf(o, "</select></label>");
	chooser_end(c);
	Buf err = BUF_INIT;
	int64_t vid = agency && *sop_code ? sop_store_resolve(c->db, sop_code, 0, &err) : 0;
	const Sop *sop = vid ? wf_sop(c->wf, vid, &err) : NULL;
	buf_free(&err);
	if (!sop) {
		html_printf(o, "<p>Pilih instansi dan SOP.</p>");
		web_page_end(c);
		return;
	}
	const char *code = agency_code(c, agency);
	int unmapped = 0;
	for (int i = 0; i < sop->n_actors; i++)
		unmapped += !db_exists(c->db,
		                       "SELECT 1 FROM actor_map WHERE agency_id=:a AND sop_code=:s"
		                       " AND actor=:x",
		                       DB_INT(":a", agency), DB_TEXT(":s", sop->code),
		                       DB_TEXT(":x", sop->actors[i].id), DB_END);
	html_printf(o, "<h2>%h</h2>", sop->name);
	if (unmapped)
		html_printf(o,
		            "<p class=\"galat\" role=\"alert\">%d pelaksana belum punya jabatan di "
		            "instansi ini: kasus SOP ini tidak dapat dimulai, dan tidak dapat "
		            "diteruskan ke langkah pelaksana itu.</p>",
		            unmapped);
	html_printf(o, "<table class=\"isian\"><thead><tr><th scope=\"col\">Pelaksana</th><th "
	               "scope=\"col\">Jabatan</th></tr></thead><tbody>");
	for (int i = 0; i < sop->n_actors; i++) {
		const SopActor *a = &sop->actors[i];
		html_printf(o, "<tr><th scope=\"row\">%h<br><small>%h</small></th><td>", a->label,
		            a->group ? "kelompok unit: satu jabatan per unit" : "satu pejabat");
		DbStmt *st =
		        db_query(c->db,
		                 "SELECT m.position_id, p.title, u.name, pe.name FROM actor_map m"
		                 " JOIN position p ON p.id=m.position_id"
		                 " JOIN unit u ON u.id=p.unit_id"
		                 " LEFT JOIN person pe ON pe.id=p.holder_id"
		                 " WHERE m.agency_id=:a AND m.sop_code=:s AND m.actor=:x"
		                 " ORDER BY m.id",
		                 DB_INT(":a", agency), DB_TEXT(":s", sop->code),
		                 DB_TEXT(":x", a->id), DB_END);
		int64_t mapped[256];
		int n_mapped = 0;
		while (db_step(st) == DB_ROW) {
			if (n_mapped < 256)
				mapped[n_mapped++] = db_col_int(st, 0);
			html_printf(o, "<p>%h <small>(%h; %h)</small></p>", db_col_text(st, 1),
			            db_col_text(st, 2),
			            db_col_null(st, 3) ? "kosong" : db_col_text(st, 3));
		}
		db_finalize(st);
		if (!n_mapped)
			html_printf(
			        o, "<p><strong class=\"terlambat\">Belum ada jabatan</strong></p>");
		html_printf(o, "<form method=\"post\" action=\"/admin/aktor\">");
		web_csrf_field(c);
		html_printf(o,
		            "<input type=\"hidden\" name=\"instansi\" value=\"%h\"><input "
		            "type=\"hidden\" name=\"sop\" value=\"%h\"><input type=\"hidden\" "
		            "name=\"aktor\" value=\"%h\">",
		            code, sop->code, a->id);
		if (!a->group)
			html_printf(o, "<label>Jabatan <select name=\"jabatan\" required><option "
			               "value=\"\">(pilih)</option>");
		else
			html_printf(o, "<fieldset><legend>Jabatan per unit</legend>");
		st = db_query(c->db,
		              "SELECT p.id, p.title, u.name FROM position p JOIN unit u"
		              " ON u.id=p.unit_id WHERE p.agency_id=:a"
		              " ORDER BY u.id, p.is_head DESC, p.id",
		              DB_INT(":a", agency), DB_END);
		while (db_step(st) == DB_ROW) {
			int64_t pid = db_col_int(st, 0);
			bool on = false;
			for (int k = 0; k < n_mapped; k++)
				on |= mapped[k] == pid;
			if (!a->group)
				html_printf(o, "<option value=\"%lld\"%h>%h (%h)</option>",
				            (long long)pid, on ? " selected" : "",
				            db_col_text(st, 1), db_col_text(st, 2));
			else
				html_printf(o,
				            "<label><input type=\"checkbox\" name=\"jabatan\" "
				            "value=\"%lld\"%h> %h (%h)</label>",
				            (long long)pid, on ? " checked" : "",
				            db_col_text(st, 1), db_col_text(st, 2));
		}
		db_finalize(st);
		html_printf(o, a->group ? "</fieldset>" : "</select></label>");
		html_printf(o, "<button>Simpan</button></form></td></tr>");
	}
	html_printf(o, "</tbody></table>");
	web_page_end(c);
}

void page_admin_actors(WebCtx *c)
{
	actors_page(c, pick_agency(c, query(c, "instansi")), query(c, "sop"), NULL, NULL);
}

void page_admin_actor_set(WebCtx *c)
{
	const char *ref = form(c, "instansi");
	int64_t agency = ref ? wf_agency_by_ref(c->db, ref) : 0;
	const char *sop = form(c, "sop");
	if (!agency) {
		c->rep->status = 422;
		actors_page(c, pick_agency(c, NULL), sop, "Pilih instansi.", NULL);
		return;
	}
	int64_t positions[64];
	int n = 0;
	bool bad = false;
	for (int i = 0; i < c->req->n_form; i++) {
		if (strcmp(c->req->form[i].name, "jabatan") != 0 || !*c->req->form[i].value)
			continue;
		int64_t id = parse_id(c->req->form[i].value);
		if (!id || n == (int)COUNT(positions))
			bad = true;
		else
			positions[n++] = id;
	}
	Buf err = BUF_INIT;
	if (bad) {
		c->rep->status = 422;
		actors_page(c, agency, sop, "Pilihan jabatan tidak sah.", NULL);
	} else if (wf_actor_map_set(c->wf, agency, sop, form(c, "aktor"), positions, n,
	                            c->user.person_id, c->now, &err) != 0) {
		c->rep->status = 422;
		actors_page(c, agency, sop, buf_str(&err), NULL);
	} else {
		actors_page(c, agency, sop, NULL,
		            "Peta aktor disimpan; berlaku untuk langkah yang dibuka setelah ini.");
	}
	buf_free(&err);
}

/* ---- Kalender libur ---------------------------------------------------- */

static const char *const weekday_names[7] = {"Minggu", "Senin", "Selasa", "Rabu",
                                             "Kamis",  "Jumat", "Sabtu"};

static void hhmm(Buf *o, int min)
{
	char s[8];
	snprintf(s, sizeof s, "%02d.%02d", min / 60 % 100, min % 60);
	html_printf(o, "%h", s);
}

static void holidays_page(WebCtx *c, int64_t agency, int year, const char *error,
                          const char *notice)
{
	admin_begin(c, "Kalender libur", "/admin/libur", agency, error, notice);
	Buf *o = &c->rep->body;
	char today[11];
	wf_local_today(c->wf, agency, c->now, today);
	if (year < 2000 || year > 2100)
		year = atoi(today);
	html_printf(o,
	            "<label>Tahun <input name=\"tahun\" type=\"number\" min=\"2000\" "
	            "max=\"2100\" value=\"%d\"></label>",
	            year);
	chooser_end(c);
	if (!agency) {
		web_page_end(c);
		return;
	}
	const char *code = agency_code(c, agency);
	/* Office hours: the agency's own rows, else the ASN schedule. */
	const WfCalendar *cal = wf_calendar(c->wf, agency);
	bool own = db_exists(c->db, "SELECT 1 FROM agency_hours WHERE agency_id=:a",
	                     DB_INT(":a", agency), DB_END);
	html_printf(o,
	            "<h2>Jam kerja</h2><p>%h</p><table class=\"isian\"><thead><tr><th "
	            "scope=\"col\">Hari</th><th scope=\"col\">Jam kerja</th></tr></thead>"
	            "<tbody>",
	            own ? "Jam kerja instansi ini sendiri (dari berkas organisasi)."
	                : "Jam kerja ASN (Perpres 21/2023).");
	for (int k = 1; k <= 7; k++) {
		const WfHours *h = &cal->week[k % 7];
		html_printf(o, "<tr><th scope=\"row\">%h</th><td>", weekday_names[k % 7]);
		if (h->open == h->close) {
			html_printf(o, "libur");
		} else {
			hhmm(o, h->open);
			html_printf(o, "-");
			hhmm(o, h->close);
			if (h->break_start != h->break_end) {
				html_printf(o, ", istirahat ");
				hhmm(o, h->break_start);
				html_printf(o, "-");
				hhmm(o, h->break_end);
			}
		}
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "</tbody></table><h2>Hari libur %d</h2>", year);
	char y[8];
	snprintf(y, sizeof y, "%04d", year);
	DbStmt *st = db_query(c->db,
	                      "SELECT id, agency_id, date, kind, name FROM holiday"
	                      " WHERE (agency_id=0 OR agency_id=:a) AND substr(date, 1, 4)=:y"
	                      " ORDER BY date, agency_id",
	                      DB_INT(":a", agency), DB_TEXT(":y", y), DB_END);
	bool any = false;
	while (db_step(st) == DB_ROW) {
		if (!any)
			html_printf(o,
			            "<table class=\"isian\"><thead><tr><th scope=\"col\">Tanggal"
			            "</th><th scope=\"col\">Keterangan</th></tr></thead><tbody>");
		any = true;
		const char *date = db_col_text(st, 2), *kind = db_col_text(st, 3);
		int dy = 0, dm = 0, dd = 0;
		sscanf(date, "%4d-%2d-%2d", &dy, &dm, &dd);
		html_printf(o, "<tr><td>%h, ",
		            weekday_names[wf_weekday(wf_days_from_civil(dy, dm, dd))]);
		date_text(o, date);
		html_printf(o, "</td><td>%h<br><small>%h</small>", db_col_text(st, 4),
		            db_col_int(st, 1) == 0
		                    ? (strcmp(kind, "cuti_bersama") == 0 ? "Cuti bersama (nasional)"
		                                                         : "Libur nasional")
		                    : "Libur instansi ini");
		html_printf(o, "<form method=\"post\" action=\"/admin/libur/%lld/hapus\">",
		            (long long)db_col_int(st, 0));
		web_csrf_field(c);
		html_printf(o,
		            "<input type=\"hidden\" name=\"instansi\" value=\"%h\"><button>"
		            "Hapus%h</button></form></td></tr>",
		            code, db_col_int(st, 1) == 0 ? " (untuk semua instansi)" : "");
	}
	db_finalize(st);
	html_printf(o, any ? "</tbody></table>" : "<p>Belum ada hari libur tahun ini.</p>");
	html_printf(o, "<h2>Tambah hari libur</h2><form method=\"post\" action=\"/admin/libur\">");
	web_csrf_field(c);
	html_printf(o,
	            "<input type=\"hidden\" name=\"instansi\" value=\"%h\"><label>Tanggal "
	            "<input type=\"date\" name=\"tanggal\" required></label><label>Jenis "
	            "<select name=\"jenis\"><option value=\"instansi\">Libur instansi ini"
	            "</option><option value=\"libur\">Libur nasional (semua instansi)"
	            "</option><option value=\"cuti_bersama\">Cuti bersama (semua instansi)"
	            "</option></select></label><label>Keterangan <input name=\"nama\" "
	            "required maxlength=\"200\"></label><button>Tambah</button></form>",
	            code);
	web_page_end(c);
}

void page_admin_holidays(WebCtx *c)
{
	const char *y = query(c, "tahun");
	holidays_page(c, pick_agency(c, query(c, "instansi")),
	              y && str_is_digits(y) && strlen(y) == 4 ? atoi(y) : 0, NULL, NULL);
}

/* The year of an ISO date (after wf_date_parse), for showing the page of the change. */
static int year_of(const char *date)
{
	char iso[11];
	return wf_date_parse(date, iso) ? atoi(iso) : 0;
}

void page_admin_holiday_add(WebCtx *c)
{
	const char *ref = form(c, "instansi");
	int64_t agency = ref ? wf_agency_by_ref(c->db, ref) : 0;
	const char *jenis = form(c, "jenis"), *date = form(c, "tanggal");
	if (!agency) {
		c->rep->status = 422;
		holidays_page(c, pick_agency(c, NULL), 0, "Pilih instansi.", NULL);
		return;
	}
	/* "instansi": the agency's own day; "libur" / "cuti_bersama": the national calendar. */
	bool own = jenis && strcmp(jenis, "instansi") == 0;
	Buf err = BUF_INIT;
	if (wf_holiday_add(c->wf, own ? agency : 0, date, own ? "agency" : jenis, form(c, "nama"),
	                   c->user.person_id, c->now, &err) != 0) {
		c->rep->status = 422;
		holidays_page(c, agency, year_of(date), buf_str(&err), NULL);
	} else {
		holidays_page(c, agency, year_of(date), NULL,
		              "Hari libur ditambahkan; batas waktu tugas yang dihitung sesudah "
		              "ini memperhitungkannya.");
	}
	buf_free(&err);
}

void page_admin_holiday_remove(WebCtx *c)
{
	char *date = db_text(c->db, NULL, "SELECT date FROM holiday WHERE id=:h",
	                     DB_INT(":h", c->id), DB_END);
	if (!date) {
		web_error(c, 404, "Hari libur tidak ditemukan.");
		return;
	}
	int year = atoi(date);
	free(date);
	int64_t agency = pick_agency(c, form(c, "instansi"));
	Buf err = BUF_INIT;
	if (wf_holiday_remove(c->wf, c->id, c->user.person_id, c->now, &err) != 0) {
		c->rep->status = 422;
		holidays_page(c, agency, year, buf_str(&err), NULL);
	} else {
		holidays_page(c, agency, year, NULL, "Hari libur dihapus.");
	}
	buf_free(&err);
}
