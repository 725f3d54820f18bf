/* erase: the right to erasure, one path for the API and the purge (see erase.h). */
#include "erase.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/files.h"
#include "../lib/markdown.h"
#include "../lib/redact.h"
#include "../lib/text.h"
#include "../lib/timeutil.h"
#include "../store/events.h"
#include "../store/people.h"
#include "../store/people_index.h"
#include "../store/privacy.h"
#include "../store/privacy_requests.h"
#include "../store/scrub.h"

enum { EVENTS_MAX = 10000, NEEDLES = 8 };

/* What an event may keep once its person is erased: the facts the KPIs
 * count (stages, statuses, kinds), never free text. */
static const char *const FACT_KEYS[] = {"stage", "status", "kind", NULL};

/* The same JSON object with only FACT_KEYS; NULL stays NULL. Arena copy. */
static const char *facts_only(Arena *a, const char *text) {
    if (!text) return NULL;
    json_t *in = json_loads(text, 0, NULL), *out = json_object();
    for (int i = 0; in && FACT_KEYS[i]; i++) {
        json_t *v = json_object_get(in, FACT_KEYS[i]);
        if (v && !json_is_object(v) && !json_is_array(v)) json_object_set(out, FACT_KEYS[i], v);
    }
    char *dumped = json_dumps(out, JSON_COMPACT | JSON_SORT_KEYS);
    const char *copy = arena_strdup(a, dumped ? dumped : "{}");
    free(dumped);
    json_decref(in);
    json_decref(out);
    return copy;
}

static StoreResult redact_events(Db *db, Arena *a, long long id, int *n) {
    Event *ev;
    StoreResult r = store_events_of_person(db, a, id, EVENTS_MAX, &ev, n);
    for (int i = 0; r == STORE_OK && i < *n; i++)
        r = store_event_redact(db, ev[i].id, facts_only(a, ev[i].before), facts_only(a, ev[i].after));
    return r;
}

/* How free text names the person. A row is theirs when it holds a sign:
 * the full name either way round, the e-mail address, the phone number,
 * a link to their page, or the last name alone when no one else in the
 * firm bears it (an "Entretien de Martin" may be someone else), or the
 * @mention of their account. In their rows every word that names them
 * goes, the first name alone included. */
typedef struct {
    const char *signs[NEEDLES], *words[NEEDLES], *keys[REDACT_KEYS];
    int nsigns, nwords;
    long long id;
    const char *last; /* a sign too if unique: checked once, when a row has only it */
    int unique;       /* -1 not known yet */
} Mentions;

static void add(const char **list, int *n, const char *s) {
    if (s && *s) list[(*n)++] = s;
}

static void mentions_of(Arena *a, const Person *p, const char *handle, Mentions *m) {
    *m = (Mentions){.id = p->id, .unique = -1};
    bool both = p->first_name && *p->first_name && p->last_name && *p->last_name;
    const char *full = both ? arena_printf(a, "%s %s", p->first_name, p->last_name) : NULL;
    const char *reversed = both ? arena_printf(a, "%s %s", p->last_name, p->first_name) : NULL;
    const char *link = arena_printf(a, "#/people/%lld", p->id);
    m->last = p->last_name && strlen(p->last_name) >= 2 ? p->last_name : NULL;
    add(m->signs, &m->nsigns, full);
    add(m->signs, &m->nsigns, reversed);
    add(m->signs, &m->nsigns, p->email);
    add(m->signs, &m->nsigns, p->phone);
    add(m->signs, &m->nsigns, link);
    /* the @mention of their account, if they had one */
    const char *mention = handle ? arena_printf(a, "@%s", handle) : NULL;
    add(m->signs, &m->nsigns, mention);
    add(m->words, &m->nwords, mention);
    add(m->words, &m->nwords, full);
    add(m->words, &m->nwords, reversed);
    add(m->words, &m->nwords, p->last_name);
    add(m->words, &m->nwords, p->first_name);
    add(m->words, &m->nwords, p->email);
    add(m->words, &m->nwords, p->phone);
    /* what rows are looked up by (a LIKE each): the last name is in every full name */
    m->keys[0] = m->last;
    m->keys[1] = p->email;
    m->keys[2] = p->phone;
    m->keys[3] = link;
    m->keys[4] = mention;
}

/* Whether a row of text is about the person (see Mentions). */
static StoreResult is_theirs(Db *db, Mentions *m, const char *text, bool *yes) {
    *yes = text_mentions(text, m->signs, m->nsigns);
    if (*yes || !m->last || !text_mentions(text, &m->last, 1)) return STORE_OK;
    if (m->unique < 0) {
        long long others;
        StoreResult r = store_people_named(db, m->last, m->id, &others);
        if (r != STORE_OK) return r;
        m->unique = others == 0;
    }
    *yes = m->unique;
    return STORE_OK;
}

/* The text rows of one target that name the person, redacted. */
static StoreResult redact_target(Db *db, Arena *a, RedactTarget t, Mentions *m, int *count) {
    const char *patterns[REDACT_KEYS];
    for (int k = 0; k < REDACT_KEYS; k++) /* posts keep a folded copy; the other texts are compared in lower case */
        patterns[k] = !m->keys[k] || !*m->keys[k] ? NULL
                      : t == REDACT_POSTS ? store_search_pattern(a, m->keys[k])
                                          : store_like_pattern(a, text_ascii_lower(arena_strdup(a, m->keys[k])));
    TextRow *rows;
    int n;
    StoreResult r = store_redact_candidates(db, a, t, patterns, &rows, &n);
    for (int i = 0; r == STORE_OK && i < n; i++) {
        bool theirs;
        if ((r = is_theirs(db, m, rows[i].text, &theirs)) != STORE_OK || !theirs) continue;
        int replaced = 0;
        char *text = text_redact(rows[i].text, m->words, m->nwords, ERASED_PLACEHOLDER, &replaced);
        if (!text) return STORE_ERROR;
        char *html = NULL, *search = NULL;
        if (replaced && t == REDACT_POSTS) {
            html = markdown_to_html(text, strlen(text));
            search = text_fold(text);
            if (!html || !search) r = STORE_ERROR;
        }
        if (replaced && r == STORE_OK) {
            r = store_redact_write(db, t, rows[i].id, text, html, search);
            (*count)++;
        }
        free(text);
        free(html);
        free(search);
    }
    return r;
}

StoreResult erase_person(Db *db, Arena *a, long long id, long long actor_id, const char *reason, ErasureReport *out) {
    *out = (ErasureReport){0};
    Person p;
    StoreResult r = store_person_get(db, a, id, &p);
    if (r != STORE_OK) return r;
    const char *handle;
    r = store_person_account_handle(db, a, id, &handle);
    if (r != STORE_OK) return r;
    Mentions m;
    mentions_of(a, &p, handle, &m);
    const char **hashes; /* their files, unless someone else's document or attachment is the same file */
    int nhashes;
    char now[21];
    time_now_iso(now);
    r = store_person_file_hashes(db, a, id, &hashes, &nhashes);
    if (r == STORE_OK) r = store_person_erase(db, id, actor_id, reason, now);
    if (r != STORE_OK) return r; /* CONFLICT: already erased */
    /* the full-text index forgets them at once */
    r = store_person_index(db, a, id);
    if (r == STORE_OK) r = redact_events(db, a, id, &out->events_redacted);
    for (int t = 0; r == STORE_OK && t < REDACT_TARGETS; t++)
        r = redact_target(db, a, (RedactTarget)t, &m, &out->texts_redacted);
    char day[11];
    time_today_iso(day);
    if (r == STORE_OK)
        r = store_privacy_requests_answer(db, id, "erasure", day, "effacement effectué", &out->requests_answered);
    return r == STORE_OK ? erase_orphans(db, a, hashes, nhashes, out) : r;
}

StoreResult erase_orphans(Db *db, Arena *a, const char *const *hashes, int n, ErasureReport *out) {
    out->orphan_files = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *out->orphan_files);
    out->norphans = 0;
    for (int i = 0; i < n; i++) {
        bool used;
        StoreResult r = store_file_in_use(db, hashes[i], &used);
        if (r != STORE_OK) return r;
        if (!used) out->orphan_files[out->norphans++] = hashes[i];
    }
    return STORE_OK;
}

void erase_compact(Db *db) { store_scrub(db, SCRUB_PEOPLE | SCRUB_POSTS); }

int erase_after_commit(Db *db, const ErasureReport *r, bool compact) {
    int removed = 0;
    for (int i = 0; i < r->norphans; i++) removed += files_remove(r->orphan_files[i]) == 0;
    if (compact) erase_compact(db);
    return removed;
}
