/* ritual_hooks: a ritual's channel (its own, or a team channel chosen for
 * it: store_ritual_channel), told when the ritual is made, moved or sent
 * to another channel, and where the notes and decisions of a meeting are
 * posted. */
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

/* Where a ritual's channel changed (before: its earlier channel), both
 * threads say so; the new channel is not named in the old one, which may
 * be read by people who do not see it. */
static StoreResult post_channel_change(Request *rq, const Ritual *r, long long before, long long now) {
    Buf b = BUF_INIT;
    buf_puts(&b, "**Rituel « ");
    md_name(&b, r->name);
    buf_puts(&b, " »** : ses comptes rendus seront désormais publiés dans ce fil.");
    StoreResult res = channel_system_post(rq, now, buf_str(&b));
    buf_reset(&b);
    buf_puts(&b, "**Rituel « ");
    md_name(&b, r->name);
    buf_puts(&b, " »** : ses comptes rendus ne seront plus publiés ici (voir la page du rituel).");
    if (res == STORE_OK && before > 0) res = channel_system_post(rq, before, buf_str(&b));
    buf_free(&b);
    return res;
}

bool ritual_after_change(Request *rq, long long id, const Ritual *before) {
    Ritual r;
    if (store_ritual_get(rq->db, &rq->arena, id, &r) != STORE_OK) return false;
    long long cid;
    if (store_ritual_channel(rq->db, &rq->arena, &r, &cid) != STORE_OK) return false;
    if (before && before->channel_id != cid && post_channel_change(rq, &r, before->channel_id, cid) != STORE_OK)
        return false;
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
    return store_ritual_channel(rq->db, &rq->arena, r, &cid) == STORE_OK &&
           channel_system_post(rq, cid, markdown) == STORE_OK;
}

void ritual_event_record(Request *rq, const char *type, long long ritual_id, json_t *after) {
    event_record(rq, type, "ritual", ritual_id, event_refs_none(), NULL, after);
}
