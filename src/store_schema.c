/*
** store_schema.c: the numbered schema migrations, embedded in the binary.
**
** Migration N takes a database from schema version N-1 to N. They run in
** one write transaction at open time, each recorded in schema_migration,
** and the version is stored in the database (PRAGMA user_version on
** SQLite, next to the application id). Migrations are append-only: a
** released migration is never edited; a change is a new migration.
** The SQL is kept portable (no SQLite-only types) except where a comment
** says so, so that a PostgreSQL backend can run the same list.
*/
#include "store.h"

#include <stdio.h>

typedef struct Migration {
	int64_t version;
	const char *description;
	const char *sql;
} Migration;

static const Migration migrations[] = {
        {1, "migration history and the SOP library",
         /*
         ** schema_migration: one row per applied migration, for the record.
         ** (Allowed values are checked with OR chains, not IN lists: SQLite
         ** builds a temporary index for an IN list on every insert.)
         */
         "CREATE TABLE schema_migration("
         "  version INTEGER PRIMARY KEY,"
         "  description TEXT NOT NULL,"
         "  applied_at TEXT NOT NULL"
         ");"
         /*
         ** sop: an SOP as the agency knows it, identified by its code across
         ** revisions. Nothing about its content lives here.
         */
         "CREATE TABLE sop("
         "  id INTEGER PRIMARY KEY,"
         "  code TEXT NOT NULL UNIQUE,"
         "  created_at TEXT NOT NULL"
         ");"
         /*
         ** sop_version: every revision of an SOP, immutable once written.
         ** definition is the canonical sakip.sop/1 JSON as sop_write()
         ** emits it; the other columns are copies of identity fields for
         ** listing without parsing. status is 'active' for a version that can
         ** run, 'draft' for one awaiting a person's confirmation (importer).
         ** origin says where it came from: 'builtin', 'file', 'import'.
         */
         "CREATE TABLE sop_version("
         "  id INTEGER PRIMARY KEY,"
         "  sop_id INTEGER NOT NULL REFERENCES sop(id),"
         "  version INTEGER NOT NULL CHECK(version >= 1),"
         "  status TEXT NOT NULL CHECK(status = 'draft' OR status = 'active'),"
         "  name TEXT NOT NULL,"
         "  number TEXT,"
         "  agency TEXT,"
         "  unit TEXT,"
         "  n_steps INTEGER NOT NULL,"
         "  definition TEXT NOT NULL,"
         "  origin TEXT NOT NULL,"
         "  created_at TEXT NOT NULL,"
         "  UNIQUE(sop_id, version)"
         ");"
         /*
         ** Versions are history: running cases pin them. The only change
         ** allowed is confirming a draft (status draft -> active); an SOP's
         ** code never changes.
         */
         "CREATE TRIGGER sop_version_no_update BEFORE UPDATE ON sop_version"
         " WHEN OLD.status = 'active' OR NEW.status <> 'active'"
         "   OR NEW.definition IS NOT OLD.definition OR NEW.version IS NOT OLD.version"
         "   OR NEW.sop_id IS NOT OLD.sop_id OR NEW.name IS NOT OLD.name"
         "   OR NEW.number IS NOT OLD.number OR NEW.agency IS NOT OLD.agency"
         "   OR NEW.unit IS NOT OLD.unit OR NEW.n_steps IS NOT OLD.n_steps"
         "   OR NEW.origin IS NOT OLD.origin OR NEW.created_at IS NOT OLD.created_at"
         " BEGIN SELECT RAISE(ABORT, 'sop_version rows are immutable; only a draft may be"
         " confirmed'); END;"
         "CREATE TRIGGER sop_no_update BEFORE UPDATE ON sop"
         " BEGIN SELECT RAISE(ABORT, 'an SOP code never changes'); END;"
         "CREATE TRIGGER sop_version_no_delete BEFORE DELETE ON sop_version"
         " WHEN OLD.status = 'active'"
         " BEGIN SELECT RAISE(ABORT, 'active sop_version rows cannot be deleted'); END;"},
        {2, "organisation, cases, tasks, documents and the audit trail",
         /*
         ** The organisation: a Pemda has agencies (instansi); an agency has a
         ** tree of units; positions (jabatan) sit in units and have at most
         ** one holder; people are pegawai, identified by NIP and login.
         */
         "CREATE TABLE pemda("
         "  id INTEGER PRIMARY KEY,"
         "  code TEXT NOT NULL UNIQUE,"
         "  name TEXT NOT NULL"
         ");"
         "CREATE TABLE agency("
         "  id INTEGER PRIMARY KEY,"
         "  pemda_id INTEGER NOT NULL REFERENCES pemda(id),"
         "  code TEXT NOT NULL UNIQUE,"
         "  name TEXT NOT NULL,"
         "  utc_offset_min INTEGER NOT NULL DEFAULT 420"
         ");"
         "CREATE TABLE unit("
         "  id INTEGER PRIMARY KEY,"
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  parent_id INTEGER REFERENCES unit(id),"
         "  code TEXT NOT NULL,"
         "  name TEXT NOT NULL,"
         "  UNIQUE(agency_id, code)"
         ");"
         "CREATE TABLE person("
         "  id INTEGER PRIMARY KEY,"
         "  login TEXT NOT NULL UNIQUE,"
         "  nip TEXT UNIQUE,"
         "  name TEXT NOT NULL,"
         "  rank TEXT,"
         "  golongan TEXT,"
         "  agency_id INTEGER REFERENCES agency(id),"
         "  password_hash TEXT,"
         "  active INTEGER NOT NULL DEFAULT 1"
         ");"
         "CREATE TABLE position("
         "  id INTEGER PRIMARY KEY,"
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  unit_id INTEGER NOT NULL REFERENCES unit(id),"
         "  code TEXT NOT NULL,"
         "  title TEXT NOT NULL,"
         "  holder_id INTEGER REFERENCES person(id),"
         "  is_head INTEGER NOT NULL DEFAULT 0,"
         "  UNIQUE(agency_id, code)"
         ");"
         /*
         ** acting: a Plt (pelaksana tugas) or a delegate who may act for a
         ** position's holder between two local dates, both inclusive.
         */
         "CREATE TABLE acting("
         "  id INTEGER PRIMARY KEY,"
         "  position_id INTEGER NOT NULL REFERENCES position(id),"
         "  person_id INTEGER NOT NULL REFERENCES person(id),"
         "  kind TEXT NOT NULL CHECK(kind = 'plt' OR kind = 'delegate'),"
         "  starts TEXT NOT NULL,"
         "  ends TEXT NOT NULL,"
         "  reason TEXT,"
         "  UNIQUE(position_id, person_id, kind, starts)"
         ");"
         /*
         ** actor_map: per agency, the positions that play an SOP actor. One
         ** row for an official; one row per unit for a group actor.
         */
         "CREATE TABLE actor_map("
         "  id INTEGER PRIMARY KEY,"
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  sop_code TEXT NOT NULL,"
         "  actor TEXT NOT NULL,"
         "  position_id INTEGER NOT NULL REFERENCES position(id),"
         "  UNIQUE(agency_id, sop_code, actor, position_id)"
         ");"
         /*
         ** holiday: non-working dates. agency_id 0: the national calendar
         ** (libur nasional and cuti bersama); otherwise the agency's own.
         */
         "CREATE TABLE holiday("
         "  id INTEGER PRIMARY KEY,"
         "  agency_id INTEGER NOT NULL DEFAULT 0,"
         "  date TEXT NOT NULL,"
         "  kind TEXT NOT NULL,"
         "  name TEXT NOT NULL,"
         "  UNIQUE(agency_id, date)"
         ");"
         /*
         ** agency_hours: an agency's own office hours, in minutes after local
         ** midnight, weekday 0 = Sunday. When an agency has rows they are its
         ** whole week (a missing weekday is closed); without rows it keeps the
         ** ASN schedule of Perpres 21/2023.
         */
         "CREATE TABLE agency_hours("
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  weekday INTEGER NOT NULL CHECK(weekday BETWEEN 0 AND 6),"
         "  open_min INTEGER NOT NULL,"
         "  close_min INTEGER NOT NULL,"
         "  break_start INTEGER NOT NULL,"
         "  break_end INTEGER NOT NULL,"
         "  PRIMARY KEY(agency_id, weekday)"
         ");"
         /*
         ** wf_case: one run of an SOP version for an agency. Times are UTC
         ** seconds. A closed or cancelled case is read-only (triggers below).
         */
         "CREATE TABLE wf_case("
         "  id INTEGER PRIMARY KEY,"
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  sop_version_id INTEGER NOT NULL REFERENCES sop_version(id),"
         "  subject TEXT NOT NULL,"
         "  period TEXT,"
         "  status TEXT NOT NULL CHECK(status = 'open' OR status = 'closed'"
         " OR status = 'cancelled'),"
         "  started_by INTEGER NOT NULL REFERENCES person(id),"
         "  started_at INTEGER NOT NULL,"
         "  closed_at INTEGER,"
         "  cancel_reason TEXT"
         ");"
         "CREATE TABLE wf_deadline("
         "  case_id INTEGER NOT NULL REFERENCES wf_case(id),"
         "  step_no INTEGER NOT NULL,"
         "  due_at INTEGER NOT NULL,"
         "  PRIMARY KEY(case_id, step_no)"
         ");"
         /*
         ** wf_task: a step of a case for one position. round counts how
         ** often the step was entered (returns enter it again); a group step
         ** has one task per unit in the same round and joins when none of
         ** them is open. done_by acted; acting_for is the holder they acted
         ** for (NULL when the holder acted). return_reason is why this task
         ** exists again (a reviewer's return).
         */
         "CREATE TABLE wf_task("
         "  id INTEGER PRIMARY KEY,"
         "  case_id INTEGER NOT NULL REFERENCES wf_case(id),"
         "  step_no INTEGER NOT NULL,"
         "  round INTEGER NOT NULL,"
         "  position_id INTEGER NOT NULL REFERENCES position(id),"
         "  unit_id INTEGER REFERENCES unit(id),"
         "  status TEXT NOT NULL CHECK(status = 'open' OR status = 'done'"
         " OR status = 'approved' OR status = 'returned' OR status = 'unanswered'"
         " OR status = 'cancelled'),"
         "  created_at INTEGER NOT NULL,"
         "  due_at INTEGER,"
         "  done_at INTEGER,"
         "  done_by INTEGER REFERENCES person(id),"
         "  acting_for INTEGER REFERENCES person(id),"
         "  reason TEXT,"
         "  return_reason TEXT,"
         "  returned_by_task INTEGER REFERENCES wf_task(id)"
         ");"
         "CREATE INDEX wf_task_open ON wf_task(status, position_id);"
         "CREATE INDEX wf_task_case ON wf_task(case_id, step_no, round);"
         /* A finished task is history. */
         "CREATE TRIGGER wf_task_final BEFORE UPDATE ON wf_task WHEN OLD.status <> 'open'"
         " BEGIN SELECT RAISE(ABORT, 'a finished task cannot change'); END;"
         "CREATE TRIGGER wf_case_final BEFORE UPDATE ON wf_case WHEN OLD.status <> 'open'"
         " BEGIN SELECT RAISE(ABORT, 'a closed or cancelled case cannot change'); END;"
         "CREATE TABLE wf_note("
         "  id INTEGER PRIMARY KEY,"
         "  case_id INTEGER NOT NULL REFERENCES wf_case(id),"
         "  task_id INTEGER REFERENCES wf_task(id),"
         "  person_id INTEGER NOT NULL REFERENCES person(id),"
         "  acting_for INTEGER REFERENCES person(id),"
         "  text TEXT NOT NULL,"
         "  created_at INTEGER NOT NULL"
         ");"
         /*
         ** blob: file contents, content-addressed by SHA-256 (hex), stored
         ** once however often attached. wf_attachment names a blob in a case.
         */
         "CREATE TABLE blob("
         "  sha256 TEXT PRIMARY KEY,"
         "  size INTEGER NOT NULL,"
         "  data BLOB NOT NULL"
         ");"
         "CREATE TABLE wf_attachment("
         "  id INTEGER PRIMARY KEY,"
         "  case_id INTEGER NOT NULL REFERENCES wf_case(id),"
         "  task_id INTEGER REFERENCES wf_task(id),"
         "  sha256 TEXT NOT NULL REFERENCES blob(sha256),"
         "  name TEXT NOT NULL,"
         "  media_type TEXT NOT NULL,"
         "  size INTEGER NOT NULL,"
         "  is_output INTEGER NOT NULL DEFAULT 0,"
         "  person_id INTEGER NOT NULL REFERENCES person(id),"
         "  created_at INTEGER NOT NULL"
         ");"
         /*
         ** wf_event: the append-only audit trail. Each row's hash is the
         ** SHA-256 of its content and the previous row's hash, so an edit,
         ** a removal or a reordering breaks the chain (sakip audit verify).
         ** audit_head keeps the last id and hash, so removing the newest
         ** rows is noticed too.
         */
         "CREATE TABLE wf_event("
         "  id INTEGER PRIMARY KEY,"
         "  at INTEGER NOT NULL,"
         "  case_id INTEGER,"
         "  task_id INTEGER,"
         "  person_id INTEGER,"
         "  acting_for INTEGER,"
         "  kind TEXT NOT NULL,"
         "  detail TEXT NOT NULL,"
         "  reason TEXT,"
         "  prev_hash TEXT NOT NULL,"
         "  hash TEXT NOT NULL"
         ");"
         "CREATE INDEX wf_event_case ON wf_event(case_id);"
         "CREATE TABLE audit_head("
         "  one INTEGER PRIMARY KEY CHECK(one = 1),"
         "  last_id INTEGER NOT NULL,"
         "  last_hash TEXT NOT NULL"
         ");"
         "CREATE TRIGGER wf_event_no_update BEFORE UPDATE ON wf_event"
         " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
         "CREATE TRIGGER wf_event_no_delete BEFORE DELETE ON wf_event"
         " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"},
        {3, "data kinerja: indicators, Perjanjian Kinerja, realisations and their versions",
         /*
         ** Qualitative scales (Opini BPK: WTP=4 ...) and the category scale of
         ** capaian (Permendagri 86/2017 by default). Configuration data: rows
         ** may be added or changed by an administrator.
         */
         "CREATE TABLE kpi_scale("
         "  id INTEGER PRIMARY KEY,"
         "  code TEXT NOT NULL UNIQUE,"
         "  name TEXT NOT NULL"
         ");"
         "CREATE TABLE kpi_scale_level("
         "  scale_id INTEGER NOT NULL REFERENCES kpi_scale(id),"
         "  label TEXT NOT NULL,"
         "  value REAL NOT NULL,"
         "  PRIMARY KEY(scale_id, label)"
         ");"
         "INSERT INTO kpi_scale(id, code, name) VALUES"
         "  (1, 'opini-bpk', 'Opini BPK atas laporan keuangan'),"
         "  (2, 'predikat-sakip', 'Predikat evaluasi SAKIP');"
         "INSERT INTO kpi_scale_level(scale_id, label, value) VALUES"
         "  (1, 'WTP', 4), (1, 'WDP', 3), (1, 'TW', 2), (1, 'TMP', 1),"
         "  (2, 'AA', 7), (2, 'A', 6), (2, 'BB', 5), (2, 'B', 4), (2, 'CC', 3), (2, 'C', 2),"
         "  (2, 'D', 1);"
         "CREATE TABLE kpi_category("
         "  id INTEGER PRIMARY KEY,"
         "  scheme TEXT NOT NULL,"
         "  min_capaian REAL NOT NULL,"
         "  label TEXT NOT NULL,"
         "  color TEXT NOT NULL,"
         "  UNIQUE(scheme, min_capaian)"
         ");"
         "INSERT INTO kpi_category(scheme, min_capaian, label, color) VALUES"
         "  ('permendagri-86-2017', 91, 'Sangat Tinggi', '#1b5e20'),"
         "  ('permendagri-86-2017', 76, 'Tinggi', '#43a047'),"
         "  ('permendagri-86-2017', 66, 'Sedang', '#f9a825'),"
         "  ('permendagri-86-2017', 51, 'Rendah', '#ef6c00'),"
         "  ('permendagri-86-2017', -1e308, 'Sangat Rendah', '#c62828');"
         "CREATE TABLE sasaran("
         "  id INTEGER PRIMARY KEY,"
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  code TEXT NOT NULL,"
         "  name TEXT NOT NULL,"
         "  UNIQUE(agency_id, code)"
         ");"
         /*
         ** indicator: an indikator kinerja with its explicit settings: the
         ** capaian formula, how quarters combine, an optional cap, the valid
         ** range of values, a qualitative scale, whether evidence is needed.
         */
         "CREATE TABLE indicator("
         "  id INTEGER PRIMARY KEY,"
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  sasaran_id INTEGER REFERENCES sasaran(id),"
         "  code TEXT NOT NULL,"
         "  name TEXT NOT NULL,"
         "  satuan TEXT NOT NULL,"
         "  unit_id INTEGER REFERENCES unit(id),"
         "  iku INTEGER NOT NULL DEFAULT 0,"
         "  polarity TEXT NOT NULL CHECK(polarity = 'higher' OR polarity = 'lower'"
         " OR polarity = 'range'),"
         "  formula TEXT NOT NULL CHECK(formula = 'R/T' OR formula = '(2T-R)/T'"
         " OR formula = 'T/R' OR formula = 'range'),"
         "  aggregation TEXT NOT NULL CHECK(aggregation = 'sum'"
         " OR aggregation = 'last' OR aggregation = 'avg'),"
         "  cap REAL,"
         "  scale_id INTEGER REFERENCES kpi_scale(id),"
         "  min_value REAL,"
         "  max_value REAL,"
         "  range_max REAL," /* formula 'range': the upper end of the good range */
         "  evidence_required INTEGER NOT NULL DEFAULT 0,"
         "  UNIQUE(agency_id, code)"
         ");"
         "CREATE TABLE renstra_target("
         "  indicator_id INTEGER NOT NULL REFERENCES indicator(id),"
         "  start_year INTEGER NOT NULL,"
         "  end_year INTEGER NOT NULL,"
         "  target REAL NOT NULL,"
         "  PRIMARY KEY(indicator_id, end_year)"
         ");"
         /*
         ** pk: the Perjanjian Kinerja of an agency for a year, versioned: the
         ** PK awal, then each PK perubahan with its reason. A version is
         ** complete (targets are copied forward) and never changes.
         */
         "CREATE TABLE pk("
         "  id INTEGER PRIMARY KEY,"
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  year INTEGER NOT NULL,"
         "  version INTEGER NOT NULL,"
         "  kind TEXT NOT NULL CHECK(kind = 'awal' OR kind = 'perubahan'),"
         "  reason TEXT,"
         "  created_at INTEGER NOT NULL,"
         "  created_by INTEGER REFERENCES person(id),"
         "  UNIQUE(agency_id, year, version)"
         ");"
         "CREATE TABLE pk_target("
         "  pk_id INTEGER NOT NULL REFERENCES pk(id),"
         "  indicator_id INTEGER NOT NULL REFERENCES indicator(id),"
         "  period TEXT NOT NULL CHECK(period = 'TW1' OR period = 'TW2'"
         " OR period = 'TW3' OR period = 'TW4' OR period = 'Y'),"
         "  target REAL NOT NULL,"
         "  PRIMARY KEY(pk_id, indicator_id, period)"
         ");"
         "CREATE TABLE pk_budget("
         "  pk_id INTEGER NOT NULL REFERENCES pk(id),"
         "  code TEXT NOT NULL,"
         "  name TEXT NOT NULL,"
         "  pagu REAL NOT NULL,"
         "  PRIMARY KEY(pk_id, code)"
         ");"
         /*
         ** realisasi: every version of every value. A new value is a new row;
         ** only the status of a row changes, along these paths:
         **   draft -> submitted -> verified -> superseded (by a correction)
         **   draft -> superseded (a newer draft), proposed -> verified | rejected
         ** value_text holds a qualitative label; value its number on the scale.
         */
         "CREATE TABLE realisasi("
         "  id INTEGER PRIMARY KEY,"
         "  indicator_id INTEGER NOT NULL REFERENCES indicator(id),"
         "  year INTEGER NOT NULL,"
         "  period TEXT NOT NULL CHECK(period = 'TW1' OR period = 'TW2'"
         " OR period = 'TW3' OR period = 'TW4' OR period = 'Y'),"
         "  version INTEGER NOT NULL,"
         "  value REAL NOT NULL,"
         "  value_text TEXT,"
         "  status TEXT NOT NULL CHECK(status = 'draft' OR status = 'submitted'"
         " OR status = 'verified' OR status = 'proposed' OR status = 'superseded'"
         " OR status = 'rejected'),"
         "  unit_id INTEGER REFERENCES unit(id),"
         "  person_id INTEGER REFERENCES person(id),"
         "  case_id INTEGER REFERENCES wf_case(id),"
         "  reason TEXT,"
         "  evidence_sha256 TEXT,"
         "  base_version INTEGER," /* a proposal: the verified version it corrects */
         "  created_at INTEGER NOT NULL,"
         "  UNIQUE(indicator_id, year, period, version)"
         ");"
         "CREATE INDEX realisasi_case ON realisasi(case_id) WHERE case_id IS NOT NULL;"
         /* At most one current (verified) value per indicator and period. */
         "CREATE TRIGGER realisasi_one_verified_insert BEFORE INSERT ON realisasi"
         " WHEN NEW.status = 'verified' AND EXISTS (SELECT 1 FROM realisasi v"
         "   WHERE v.indicator_id = NEW.indicator_id AND v.year = NEW.year"
         "   AND v.period = NEW.period AND v.status = 'verified')"
         " BEGIN SELECT RAISE(ABORT, 'a value is verified already for this indicator and period');"
         " END;"
         "CREATE TRIGGER realisasi_one_verified_update BEFORE UPDATE OF status ON realisasi"
         " WHEN NEW.status = 'verified' AND OLD.status <> 'verified' AND EXISTS (SELECT 1"
         "   FROM realisasi v WHERE v.indicator_id = NEW.indicator_id AND v.year = NEW.year"
         "   AND v.period = NEW.period AND v.status = 'verified')"
         " BEGIN SELECT RAISE(ABORT, 'a value is verified already for this indicator and period');"
         " END;"
         "CREATE TRIGGER realisasi_keep BEFORE UPDATE ON realisasi"
         " WHEN NEW.value IS NOT OLD.value OR NEW.value_text IS NOT OLD.value_text"
         "   OR NEW.indicator_id IS NOT OLD.indicator_id OR NEW.year IS NOT OLD.year"
         "   OR NEW.period IS NOT OLD.period OR NEW.version IS NOT OLD.version"
         "   OR NEW.created_at IS NOT OLD.created_at OR NEW.reason IS NOT OLD.reason"
         "   OR NOT ((OLD.status = 'draft' AND NEW.status IN ('submitted','superseded'))"
         "        OR (OLD.status = 'submitted' AND NEW.status IN ('verified','draft'))"
         "        OR (OLD.status = 'verified' AND NEW.status = 'superseded')"
         "        OR (OLD.status = 'proposed' AND NEW.status IN ('verified','rejected')))"
         " BEGIN SELECT RAISE(ABORT, 'a realisation value never changes; add a version'); END;"
         "CREATE TRIGGER realisasi_no_delete BEFORE DELETE ON realisasi"
         " BEGIN SELECT RAISE(ABORT, 'realisation history is never deleted'); END;"
         "CREATE TABLE budget_realisasi("
         "  id INTEGER PRIMARY KEY,"
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  year INTEGER NOT NULL,"
         "  period TEXT NOT NULL CHECK(period = 'TW1' OR period = 'TW2'"
         " OR period = 'TW3' OR period = 'TW4' OR period = 'Y'),"
         "  code TEXT NOT NULL,"
         "  amount REAL NOT NULL,"
         "  created_at INTEGER NOT NULL,"
         "  UNIQUE(agency_id, year, period, code)"
         ");"
         /*
         ** collection: the data request of a collection case (data.request):
         ** its period, deadline and state; period_lock: periods whose data
         ** was verified by an archived collection.
         */
         "CREATE TABLE collection("
         "  id INTEGER PRIMARY KEY,"
         "  case_id INTEGER NOT NULL UNIQUE REFERENCES wf_case(id),"
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  year INTEGER NOT NULL,"
         "  period TEXT NOT NULL CHECK(period = 'TW1' OR period = 'TW2'"
         " OR period = 'TW3' OR period = 'TW4' OR period = 'Y'),"
         "  status TEXT NOT NULL CHECK(status = 'open' OR status = 'compiled'"
         " OR status = 'locked' OR status = 'cancelled')"
         ");"
         "CREATE TABLE period_lock("
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  year INTEGER NOT NULL,"
         "  period TEXT NOT NULL,"
         "  case_id INTEGER REFERENCES wf_case(id),"
         "  locked_at INTEGER NOT NULL,"
         "  PRIMARY KEY(agency_id, year, period)"
         ");"},
        {4, "web sign-in: sessions, failed logins, administrators",
         /*
         ** web_session: a signed-in browser. The cookie holds 32 random bytes
         ** (hex); id is their BLAKE2b hash, so a copy of the database gives no
         ** sessions. csrf is the token every form of the session carries. Kept
         ** in the database so several server processes share them.
         */
         "CREATE TABLE web_session("
         "  id TEXT PRIMARY KEY,"
         "  person_id INTEGER NOT NULL REFERENCES person(id),"
         "  csrf TEXT NOT NULL,"
         "  created_at INTEGER NOT NULL,"
         "  expires_at INTEGER NOT NULL"
         ");"
         "CREATE TABLE login_failure("
         "  login TEXT NOT NULL,"
         "  remote TEXT,"
         "  at INTEGER NOT NULL"
         ");"
         "CREATE INDEX login_failure_login ON login_failure(login, at);"
         "ALTER TABLE person ADD COLUMN admin INTEGER NOT NULL DEFAULT 0;"},
        {5, "API bearer tokens",
         /*
         ** api_token: a program acting as a person through /api/v1. Like
         ** sessions, only the BLAKE2b hash of the token is kept; the token
         ** itself is shown once, by "sakip token create".
         */
         "CREATE TABLE api_token("
         "  id INTEGER PRIMARY KEY,"
         "  hash TEXT NOT NULL UNIQUE,"
         "  person_id INTEGER NOT NULL REFERENCES person(id),"
         "  label TEXT,"
         "  created_at INTEGER NOT NULL,"
         "  revoked_at INTEGER"
         ");"},
        {6, "one-time keys of web forms",
         /*
         ** web_once: the one-time key a form carries (random, made when the
         ** form is drawn), so that a form sent twice (a double click, a
         ** resent request) acts once. The first request claims the key
         ** (case_id NULL while it works) and records what it made; a later
         ** one with the same key finds that case instead of starting
         ** another. Rows are only needed for a while: the web purges those
         ** older than a day as new keys come.
         */
         "CREATE TABLE web_once("
         "  key TEXT PRIMARY KEY,"
         "  person_id INTEGER NOT NULL REFERENCES person(id),"
         "  case_id INTEGER REFERENCES wf_case(id),"
         "  created_at INTEGER NOT NULL"
         ");"
         "CREATE INDEX web_once_created ON web_once(created_at);"},
        {7, "the LKj's narrative texts, every version kept",
         /*
         ** lkj_text: the texts the Tim LKj writes for an agency's LKj of a
         ** year, per bab (Kata Pengantar, Ikhtisar Eksekutif, Pendahuluan,
         ** the analysis of Bab III, Penutup). Every save is a new version
         ** with who (and for whom, as Plt) and when, in the LKj case and at
         ** the drafting task it was written in; the LKj shows the newest.
         ** Rows never change and are never deleted.
         */
         "CREATE TABLE lkj_text("
         "  id INTEGER PRIMARY KEY,"
         "  agency_id INTEGER NOT NULL REFERENCES agency(id),"
         "  year INTEGER NOT NULL,"
         "  bab TEXT NOT NULL CHECK(bab = 'pengantar' OR bab = 'ikhtisar'"
         " OR bab = 'pendahuluan' OR bab = 'analisis' OR bab = 'penutup'),"
         "  version INTEGER NOT NULL,"
         "  text TEXT NOT NULL,"
         "  case_id INTEGER REFERENCES wf_case(id),"
         "  task_id INTEGER REFERENCES wf_task(id),"
         "  person_id INTEGER NOT NULL REFERENCES person(id),"
         "  acting_for INTEGER REFERENCES person(id),"
         "  created_at INTEGER NOT NULL,"
         "  UNIQUE(agency_id, year, bab, version)"
         ");"
         "CREATE TRIGGER lkj_text_no_update BEFORE UPDATE ON lkj_text"
         " BEGIN SELECT RAISE(ABORT, 'an LKj text never changes; save a new version'); END;"
         "CREATE TRIGGER lkj_text_no_delete BEFORE DELETE ON lkj_text"
         " BEGIN SELECT RAISE(ABORT, 'LKj text history is never deleted'); END;"},
        {8, "signing keys, case documents, their signatures and issued files, settings",
         /*
         ** setting: a few values an operator sets (sakip config set), e.g.
         ** base-url, the address the verification QR codes point to.
         */
         "CREATE TABLE setting("
         "  key TEXT PRIMARY KEY,"
         "  value TEXT NOT NULL"
         ");"
         /*
         ** sign_key: a person's Ed25519 key (libsodium crypto_sign). The public
         ** key is kept in the clear (hex); the secret key only sealed with
         ** crypto_secretbox under a key derived from the person's passphrase
         ** by argon2id (salt, nonce, limits stored). At most one key in use
         ** per person; a revoked key stays, so that what it signed before
         ** its revocation can still be checked.
         */
         "CREATE TABLE sign_key("
         "  id INTEGER PRIMARY KEY,"
         "  person_id INTEGER NOT NULL REFERENCES person(id),"
         "  public_key TEXT NOT NULL UNIQUE,"
         "  sealed_secret TEXT NOT NULL,"
         "  salt TEXT NOT NULL,"
         "  nonce TEXT NOT NULL,"
         "  opslimit INTEGER NOT NULL,"
         "  memlimit INTEGER NOT NULL,"
         "  created_at INTEGER NOT NULL,"
         "  revoked_at INTEGER,"
         "  revoked_reason TEXT"
         ");"
         "CREATE UNIQUE INDEX sign_key_in_use ON sign_key(person_id) WHERE revoked_at IS NULL;"
         /*
         ** report_doc: a draft of one of a case's documents (report.h's
         ** kinds), rendered when the step that drafts it is completed and
         ** attached as that step's output. hash is the draft file's SHA-256
         ** (its blob). Drafted again after a return, the older draft is
         ** superseded (kept, with whatever was signed on it).
         */
         "CREATE TABLE report_doc("
         "  id INTEGER PRIMARY KEY,"
         "  case_id INTEGER NOT NULL REFERENCES wf_case(id),"
         "  kind TEXT NOT NULL,"
         "  task_id INTEGER NOT NULL REFERENCES wf_task(id),"
         "  hash TEXT NOT NULL REFERENCES blob(sha256),"
         "  attachment_id INTEGER NOT NULL REFERENCES wf_attachment(id),"
         "  created_at INTEGER NOT NULL,"
         "  superseded_at INTEGER"
         ");"
         "CREATE INDEX report_doc_case ON report_doc(case_id, kind);"
         "CREATE INDEX report_doc_hash ON report_doc(hash);"
         /*
         ** report_signature: a paraf or a signature of a draft: the Ed25519
         ** signature (hex) of "sakip-doc-v1\n" + hash, role, person, acting
         ** for and time (report_sign.c says exactly), by the key in use then.
         */
         "CREATE TABLE report_signature("
         "  id INTEGER PRIMARY KEY,"
         "  doc_id INTEGER NOT NULL REFERENCES report_doc(id),"
         "  key_id INTEGER NOT NULL REFERENCES sign_key(id),"
         "  person_id INTEGER NOT NULL REFERENCES person(id),"
         "  acting_for INTEGER REFERENCES person(id),"
         "  task_id INTEGER NOT NULL REFERENCES wf_task(id),"
         "  role TEXT NOT NULL CHECK(role = 'paraf' OR role = 'tanda tangan'),"
         "  signed_at INTEGER NOT NULL,"
         "  signature TEXT NOT NULL"
         ");"
         "CREATE INDEX report_signature_doc ON report_signature(doc_id);"
         /*
         ** report_issued: a file sakip issued: the draft rendered with its
         ** seal after a signature, carrying the first n_signatures
         ** signatures of the draft. sha256 is the issued file's hash.
         */
         "CREATE TABLE report_issued("
         "  sha256 TEXT PRIMARY KEY REFERENCES blob(sha256),"
         "  doc_id INTEGER NOT NULL REFERENCES report_doc(id),"
         "  n_signatures INTEGER NOT NULL,"
         "  attachment_id INTEGER NOT NULL REFERENCES wf_attachment(id),"
         "  created_at INTEGER NOT NULL"
         ");"
         "CREATE INDEX report_issued_doc ON report_issued(doc_id);"},
        {9, "API tokens expire",
         /*
         ** api_token.expires_at: a token stops working then (a program's access
         ** is renewed on purpose, not kept forever). NULL for the tokens made
         ** before this migration: they keep working until revoked.
         */
         "ALTER TABLE api_token ADD COLUMN expires_at INTEGER;"},
};

int64_t db_schema_latest(void)
{
	return migrations[COUNT(migrations) - 1].version;
}

/*
** Bring the database to the latest schema, all or nothing. Called by
** db_open() when the stored version is older than db_schema_latest().
*/
int db_migrate(Db *db, Buf *err)
{
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start the schema upgrade: %s", db_path(db),
		           db_errmsg(db));
		return -1;
	}
	int64_t current = db_schema_version(db);
	char now[32];
	time_now_iso(now);
	for (size_t i = 0; i < COUNT(migrations); i++) {
		const Migration *m = &migrations[i];
		if (m->version <= current)
			continue;
		if (db->be->exec_script(db, m->sql) != DB_OK ||
		    db_exec(db,
		            "INSERT INTO schema_migration(version, description, applied_at)"
		            " VALUES(:v, :d, :t)",
		            DB_INT(":v", m->version), DB_TEXT(":d", m->description),
		            DB_TEXT(":t", now), DB_END) != DB_OK) {
			buf_printf(err, "%s: schema migration %lld (%s) failed: %s", db_path(db),
			           (long long)m->version, m->description, db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		log_info("applied schema migration %lld: %s", (long long)m->version,
		         m->description);
	}
	if (db->be->set_version(db, DB_APPLICATION_ID, db_schema_latest()) != 0 ||
	    db_commit(db) != DB_OK) {
		buf_printf(err, "%s: cannot record the schema version: %s", db_path(db),
		           db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return 0;
}
