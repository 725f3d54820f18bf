/* incident_hooks: an incident's thread. Its channel (found or made with
 * channel_for_object; members: the owner, the author and the participants)
 * receives a system post for every change, written in French like the
 * rest of the product's own messages; a new owner is notified to accept
 * it, new participants are notified that they are on it. */
#include "incident_hooks.h"
#include <string.h>
#include <time.h>
#include "../domain/paris_time.h"
#include "../lib/timeutil.h"
#include "../store/incidents.h"
#include "../store/users.h"
#include "channels.h"
#include "thread_text.h"

enum { MAX_CHANNEL_NAME = 80 };

static const char *status_label(const char *s) {
    if (!strcmp(s, "open")) return "ouvert";
    if (!strcmp(s, "in_progress")) return "en cours";
    if (!strcmp(s, "resolved")) return "résolu";
    return "clos";
}

static const char *severity_label(const char *s) {
    if (!strcmp(s, "low")) return "basse";
    if (!strcmp(s, "medium")) return "moyenne";
    if (!strcmp(s, "high")) return "haute";
    return "critique";
}

/* "02/12/2026 à 21:02" in Paris time. */
static void md_due(Buf *b, const char *iso) {
    long days;
    int minute, y, m, d;
    paris_local(time_instant(iso), &days, &minute);
    time_days_civil(days, &y, &m, &d);
    buf_printf(b, "%02d/%02d/%04d à %02d:%02d", d, m, y, minute / 60, minute % 60);
}

static void describe_creation(Request *rq, Buf *b, const Incident *i) {
    buf_puts(b, "**Incident ouvert** par ");
    md_text(b, rq->user.name);
    buf_printf(b, " — sévérité **%s**, à résoudre avant le ", severity_label(i->severity));
    md_due(b, i->due_at);
    buf_puts(b, " (heure de Paris).\n\n**");
    md_text(b, i->title);
    buf_puts(b, "**");
    if (i->description) {
        buf_puts(b, "\n\n");
        md_text(b, i->description);
    }
    buf_puts(b, "\n\nResponsable : ");
    md_user(rq, b, i->owner_id);
    buf_puts(b, i->accepted_at ? "." : ", merci d'accepter l'incident.");
}

static void describe_change(Request *rq, Buf *b, const Incident *old, const Incident *i) {
    buf_puts(b, "Incident mis à jour par ");
    md_text(b, rq->user.name);
    buf_puts(b, " :");
    if (!old->accepted_at && i->accepted_at && old->owner_id == i->owner_id) {
        buf_puts(b, "\n- accepté par ");
        md_user(rq, b, i->owner_id);
    }
    if (strcmp(old->status, i->status))
        buf_printf(b, "\n- statut : %s → **%s**", status_label(old->status), status_label(i->status));
    if (strcmp(i->status, "resolved") == 0 && i->resolution &&
        (strcmp(old->status, "resolved") || !old->resolution || strcmp(old->resolution, i->resolution))) {
        buf_puts(b, "\n- résolution : ");
        md_text(b, i->resolution);
    }
    if (strcmp(old->severity, i->severity)) {
        buf_printf(b, "\n- sévérité : %s → **%s**, nouvelle échéance le ", severity_label(old->severity),
                   severity_label(i->severity));
        md_due(b, i->due_at);
    }
    if (old->owner_id != i->owner_id) {
        buf_puts(b, "\n- responsable : ");
        md_user(rq, b, old->owner_id);
        buf_puts(b, " → ");
        md_user(rq, b, i->owner_id);
        if (!i->accepted_at) buf_puts(b, ", merci d'accepter l'incident");
    }
    if (strcmp(old->title, i->title)) {
        buf_puts(b, "\n- titre : ");
        md_text(b, i->title);
    }
    bool same = old->participants.n == i->participants.n;
    for (int k = 0; same && k < i->participants.n; k++) same = old->participants.ids[k] == i->participants.ids[k];
    if (!same) {
        buf_puts(b, "\n- participants :");
        for (int k = 0; k < i->participants.n; k++) {
            buf_puts(b, k ? ", " : " ");
            md_user(rq, b, i->participants.ids[k]);
        }
        if (!i->participants.n) buf_puts(b, " aucun");
    }
    bool desc = (old->description == NULL) != (i->description == NULL) ||
                (old->description && strcmp(old->description, i->description));
    if (desc) buf_puts(b, "\n- description modifiée");
}

static bool was_participant(const Incident *old, long long id) {
    if (!old) return false;
    for (int k = 0; k < old->participants.n; k++)
        if (old->participants.ids[k] == id) return true;
    return false;
}

bool incident_after_change(Request *rq, long long id, const Incident *before) {
    Incident i;
    if (store_incident_get(rq->db, &rq->arena, id, &i) != STORE_OK) return false;
    long long *members = arena_alloc(&rq->arena, (size_t)(i.participants.n + 2) * sizeof *members);
    int n = 0;
    members[n++] = i.owner_id;
    if (i.created_by > 0 && i.created_by != i.owner_id) members[n++] = i.created_by;
    for (int k = 0; k < i.participants.n; k++) members[n++] = i.participants.ids[k];
    long long cid = -1;
    if (channel_for_object(rq, "incident", i.id, thread_name(rq, "Incident : ", i.title, MAX_CHANNEL_NAME), members, n, &cid) != STORE_OK) return false;
    if (cid != i.channel_id && store_incident_set_channel(rq->db, i.id, cid) != STORE_OK) return false;

    Buf b = BUF_INIT;
    if (before) describe_change(rq, &b, before, &i);
    else describe_creation(rq, &b, &i);
    StoreResult r = strchr(buf_str(&b), '\n') || !before ? channel_system_post(rq, cid, buf_str(&b)) : STORE_OK;
    buf_free(&b);
    if (r != STORE_OK) return false;
    /* the owner is asked to accept; participants learn they are on it */
    if (!i.accepted_at && (!before || before->owner_id != i.owner_id) &&
        notify_user(rq, i.owner_id, "assignment", "incident", i.id, cid, -1, i.title) != STORE_OK)
        return false;
    for (int k = 0; k < i.participants.n; k++)
        if (!was_participant(before, i.participants.ids[k]) &&
            notify_user(rq, i.participants.ids[k], "assignment", "incident", i.id, cid, -1, i.title) != STORE_OK)
            return false;
    return true;
}
