/* visibility: row and field rules (see visibility.h). */
#include "visibility.h"
#include <string.h>
#include "channels.h"

Viewer viewer_of(const User *u) {
    return (Viewer){.user_id = u->id, .role = u->role ? u->role : "", .person_id = u->person_id > 0 ? u->person_id : -1,
                    .client_id = u->client_id > 0 ? u->client_id : -1};
}

static bool is(const Viewer *v, const char *role) { return v->role && strcmp(v->role, role) == 0; }

Scope visibility_scope(const Viewer *v, RowKind kind) {
    if (kind == ROW_NONE) return SCOPE_ALL;
    if (kind == ROW_CHANNEL || kind == ROW_POST) return is(v, "client") ? SCOPE_NONE : SCOPE_OWN; /* each its own rule */
    if (is(v, "consultant"))
        return kind == ROW_INCIDENT ? SCOPE_ALL : SCOPE_OWN; /* incidents: everyone concerned (DESIGN.md) */
    if (is(v, "client")) return kind == ROW_INCIDENT ? SCOPE_OWN : SCOPE_NONE;
    return SCOPE_ALL;
}

static bool own_person(const Viewer *v, const RowFacts *row) {
    return v->person_id > 0 && row->person_id == v->person_id;
}

/* A consultant's mission: a candidacy of theirs that reached "hired" (the
 * other stages are the recruiters' business, with internal reasons). */
static bool own_mission(const Viewer *v, const RowFacts *row) {
    return own_person(v, row) && row->stage && strcmp(row->stage, "hired") == 0;
}

Access visibility_row(const Viewer *v, RowKind kind, const RowFacts *row) {
    switch (visibility_scope(v, kind)) {
    case SCOPE_ALL: return ACCESS_OK;
    case SCOPE_NONE: return ACCESS_FORBIDDEN;
    case SCOPE_OWN: break;
    }
    bool own = false;
    switch (kind) {
    case ROW_PERSON:
    case ROW_DOCUMENT: own = own_person(v, row); break;
    case ROW_CANDIDACY:
    case ROW_INTERVIEW: own = own_mission(v, row); break;
    case ROW_INCIDENT: own = v->client_id > 0 && row->client_id == v->client_id; break;
    case ROW_CHANNEL:
    case ROW_POST: own = channel_visible(v->role, row->visibility, row->object_type, row->member); break;
    case ROW_NONE: own = true; break;
    }
    return own ? ACCESS_OK : ACCESS_HIDDEN;
}

bool visibility_sees_money(const char *role) {
    static const char *const ROLES_WITH_MONEY[] = {"admin", "manager", "sales"};
    for (size_t i = 0; role && i < sizeof ROLES_WITH_MONEY / sizeof ROLES_WITH_MONEY[0]; i++)
        if (strcmp(role, ROLES_WITH_MONEY[i]) == 0) return true;
    return false;
}

bool visibility_money_field(const char *name) {
    static const char *const PREFIXES[] = {"daily_rate", "salary", "rate_"};
    for (size_t i = 0; name && i < sizeof PREFIXES / sizeof PREFIXES[0]; i++)
        if (strncmp(name, PREFIXES[i], strlen(PREFIXES[i])) == 0) return true;
    return false;
}

bool visibility_field(const char *role, const char *name) {
    return visibility_sees_money(role) || !visibility_money_field(name);
}

void visibility_mask_person(const char *role, Person *p) {
    if (!visibility_sees_money(role)) p->daily_rate = -1;
}

void visibility_mask_need(const char *role, Need *n) {
    if (visibility_sees_money(role)) return;
    n->daily_rate_max = -1;
    n->salary_min = -1;
    n->salary_max = -1;
}
