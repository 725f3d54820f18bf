/* ritual_hooks: a ritual's channel (found or made with channel_for_object;
 * members: the author and the participants), told when the ritual is made
 * or moved, and where the notes and decisions of a meeting are posted. */
#include <string.h>
#include "../domain/paris_time.h"
#include "../lib/timeutil.h"
#include "../store/rituals.h"
#include "../http/event_log.h"
#include "channels.h"
#include "ritual_util.h"
#include "thread_text.h"

static const char *frequency_label(const Ritual *r) {
    static const char *const DAYS[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
    if (!strcmp(r->frequency, "daily")) return "chaque jour ouvré";
    if (!strcmp(r->frequency, "weekly") && r->weekday >= 1 && r->weekday <= 7) return DAYS[r->weekday - 1];
    return "chaque mois";
}

static StoreResult ritual_channel(Request *rq, const Ritual *r, long long *cid) {
    long long *members = arena_alloc(&rq->arena, (size_t)(r->participants.n + 1) * sizeof *members);
    int n = 0;
    if (r->created_by > 0) members[n++] = r->created_by;
    for (int k = 0; k < r->participants.n; k++) members[n++] = r->participants.ids[k];
    const char *name = thread_name(rq, "Rituel : ", r->name, 80);
    StoreResult res = channel_for_object(rq, "ritual", r->id, name, members, n, cid);
    if (res == STORE_OK && *cid != r->channel_id) res = store_ritual_set_channel(rq->db, r->id, *cid);
    return res;
}

bool ritual_after_change(Request *rq, long long id, const Ritual *before) {
    Ritual r;
    if (store_ritual_get(rq->db, &rq->arena, id, &r) != STORE_OK) return false;
    long long cid;
    if (ritual_channel(rq, &r, &cid) != STORE_OK) return false;
    bool moved = !before || strcmp(before->frequency, r.frequency) || strcmp(before->time, r.time) ||
                 before->weekday != r.weekday || before->month_day != r.month_day ||
                 before->duration_minutes != r.duration_minutes;
    if (!moved) return true;
    Buf b = BUF_INIT;
    buf_printf(&b, "**%s** : %s à %s (heure de Paris), %lld minutes", before ? "Rituel déplacé" : "Rituel créé",
               frequency_label(&r), r.time, r.duration_minutes);
    if (!strcmp(r.frequency, "monthly")) buf_printf(&b, ", le %lld", r.month_day);
    Occurrence o;
    if (ritual_next_occurrence(&r, time(NULL), &o)) {
        buf_puts(&b, ". Prochaine séance le ");
        md_date(&b, o.days);
    }
    buf_puts(&b, ".");
    StoreResult res = channel_system_post(rq, cid, buf_str(&b));
    buf_free(&b);
    return res == STORE_OK;
}

bool ritual_post_notes(Request *rq, const Ritual *r, const char *markdown) {
    long long cid;
    return ritual_channel(rq, r, &cid) == STORE_OK && channel_system_post(rq, cid, markdown) == STORE_OK;
}

void ritual_event_record(Request *rq, const char *type, long long ritual_id, json_t *after) {
    event_record(rq, type, "ritual", ritual_id, event_refs_none(), NULL, after);
}
