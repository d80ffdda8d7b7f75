/*
** sop.h: the SOP model (PermenPANRB 35/2012), its validation, its JSON
** form (sakip.sop/1) and its storage.
**
**   sop.c        the model's enums and names, and sop_validate()
**   sop_json.c   sop_parse() and sop_write(): the canonical JSON format
**   sop_store.c  versions in the database: add, find, list, load
**   sop_lib.c    the built-in library (the curated seed SOPs)
**
** A parsed Sop lives in an Arena: all its strings and arrays are arena
** memory, freed with the arena. Nothing here includes HTTP or HTML.
*/
#ifndef SAKIP_SOP_H
#define SAKIP_SOP_H

#include "store.h"
#include "util.h"

#define SOP_FORMAT "sakip.sop/1"
#define SOP_MAX_TEXT 65536              /* bytes in one text field */
#define SOP_MAX_FILE (16 * 1024 * 1024) /* bytes in one definition */
#define SOP_MAX_STEPS 1000              /* steps in one SOP */
#define SOP_MAX_ACTORS 100              /* actors in one SOP */
#define SOP_MAX_DEPTH 16                /* nesting of extra keys' values */

typedef enum SopKind { SOP_PROCESS, SOP_DECISION, SOP_END } SopKind;

typedef enum SopUnit {
	SOP_MINUTE,
	SOP_HOUR,
	SOP_DAY,
	SOP_WORKDAY,
	SOP_WEEK,
	SOP_MONTH,
	SOP_PER_CASE,
} SopUnit;

typedef struct SopList {
	const char **items;
	int n;
} SopList;

typedef struct SopDuration {
	bool present; /* false: the document gives no Waktu */
	bool has_min, has_max;
	double min, max;
	SopUnit unit;
	const char *text; /* the Waktu cell as printed, or NULL */
} SopDuration;

typedef struct SopActor {
	const char *id;
	const char *label;
	bool group;        /* a set of units, each answering for itself */
	bool team;         /* a team appointed by SK for the job */
	const char *extra; /* unknown keys as a JSON object text, or NULL */
} SopActor;

typedef struct SopStep {
	int no;
	const char *activity;
	const char *actor; /* an actor id */
	SopKind kind;
	const char *inputs;
	SopDuration duration;
	const char *output;
	const char *note;
	int next;      /* 0: the following step in document order */
	int on_reject; /* decisions: the earlier step a "tidak" returns to */
	const char *action;
	SopList participants;
	const char *extra;
} SopStep;

typedef struct Sop {
	const char *code;
	int version; /* 0 until stored */
	const char *number, *name;
	const char *government, *agency, *unit;
	const char *created, *revised, *effective; /* ISO dates or NULL */
	struct {
		const char *title, *name, *rank, *nip;
	} approved_by;
	SopList legal_basis, qualifications, related, equipment;
	const char *warning, *records;
	SopList notes;
	SopActor *actors;
	int n_actors;
	SopStep *steps;
	int n_steps;
	const char *extra;
} Sop;

/* ---- sop.c ------------------------------------------------------------ */
const char *sop_kind_name(SopKind k);
int sop_kind_parse(const char *s, SopKind *out);
const char *sop_unit_name(SopUnit u);
int sop_unit_parse(const char *s, SopUnit *out);
bool sop_action_known(const char *s);
const char *sop_actions_list(void); /* "paraf, sign, ..." for messages */
bool sop_date_valid(const char *iso);
bool sop_code_valid(const char *code);

const SopActor *sop_actor(const Sop *sop, const char *id);
const SopStep *sop_step(const Sop *sop, int no);
int sop_step_next(const Sop *sop, const SopStep *st); /* resolves next=0; 0 at the end */

/*
** Check a parsed SOP against the rules of doc/sop-format.md. Appends one
** line per problem to err ("step 5: ...") and returns the number found.
*/
int sop_validate(const Sop *sop, Buf *err);

/* ---- sop_json.c ------------------------------------------------------- */
/*
** Parse a sakip.sop/1 document of n bytes. name is used in messages. On
** success returns the Sop, allocated in a; on failure NULL with one line
** per problem in err. Checks encoding, syntax, types and sizes, not the
** rules: call sop_validate() for those. A UTF-8 byte order mark is skipped.
*/
Sop *sop_parse(Arena *a, const char *name, const char *text, size_t n, Buf *err);
/*
** Append the canonical JSON form of sop to out (2-space indented, key
** order fixed). Its size is bounded: sop_parse() limits the text, the
** steps, the actors and the nesting of extra values.
*/
void sop_write(const Sop *sop, Buf *out);

/* ---- sop_store.c ------------------------------------------------------ */
typedef struct SopRow {
	int64_t id; /* sop.id */
	const char *code;
	int version, n_versions;
	const char *status, *name, *number, *agency, *unit, *origin, *created_at;
	int n_steps;
} SopRow;

/*
** Store sop as the next version of its code (a new SOP if the code is
** new), in its own write transaction. status is "active" or "draft".
** With if_absent, a code that already exists is left alone and 1 is
** returned; the check is inside the transaction, so two concurrent
** installs cannot both add. On success sets sop->version and returns 0;
** else writes err, returns -1 and the database is unchanged.
*/
int sop_store_add(Db *db, Sop *sop, const char *status, const char *origin, bool if_absent,
                  Buf *err);
/*
** Resolve "ID" or "CODE" (with an optional "@VERSION") to the stored
** definition text, malloc'd (caller frees). version 0 means the latest
** active version. NULL with a message in err when not found.
*/
char *sop_store_definition(Db *db, const char *ref, int version, Buf *err);
/* The same resolution, giving the sop_version row id (0 with err when not found). */
int64_t sop_store_resolve(Db *db, const char *ref, int version, Buf *err);
/*
** Make the draft sop_version row version_id active (imported definitions
** are stored as drafts until a person confirms them), in its own write
** transaction. 0, or -1 with err and nothing changed.
*/
int sop_store_activate(Db *db, int64_t version_id, Buf *err);
/* Whether sop_version row version_id is active (cases start only on those). */
bool sop_store_is_active(Db *db, int64_t version_id);
/* All SOPs, latest version each, ordered by code; rows in a. */
int sop_store_list(Db *db, Arena *a, SopRow **rows);

/* ---- sop_lib.c -------------------------------------------------------- */
/* The lib/sop JSON files, embedded: e.g. "000-perkim-kalbar-perbaikan-data.json". */
extern const EmbedFile sop_lib[];
extern const size_t sop_lib_count;
/*
** Install every built-in SOP whose code is not in the database yet.
** Prints one line per SOP to log (may be NULL). Returns the number added
** or -1 with err set.
*/
int sop_lib_install(Db *db, Buf *log, Buf *err);

#endif
