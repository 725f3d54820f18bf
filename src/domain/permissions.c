/* permissions: the one permission table. A row per action; a column per
 * role. Reading it top to bottom answers "who may do what". */
#include "permissions.h"
#include <string.h>

const char *const ROLES[] = {"admin", "manager", "sales", "recruiter", "tech", "consultant", "client", NULL};

/* A client contact (CLIENT) is outside the firm: only the rows granted
 * below, each limited to their own client by domain/visibility.c. Rows a
 * role sees beyond this table (a consultant's own profile and missions)
 * are visibility.c's too. */
enum { ADMIN = 1, MANAGER = 2, SALES = 4, RECRUITER = 8, TECH = 16, CONSULTANT = 32, CLIENT = 64 };
enum { EVERYONE = ADMIN | MANAGER | SALES | RECRUITER | TECH | CONSULTANT }; /* everyone in the firm */
enum { STAFF = ADMIN | MANAGER | SALES | RECRUITER | TECH }; /* everyone but consultants */

static const struct {
    const char *action;
    int roles;
} table[] = {
    {"me.read", EVERYONE | CLIENT},
    /* trust: sign out everywhere */
    {"me.write", EVERYONE | CLIENT},
    /* trust: the rights of access and erasure */
    {"people.export", ADMIN | MANAGER | RECRUITER},
    {"people.erase", ADMIN | MANAGER},
    {"privacy.read", ADMIN | MANAGER},
    {"privacy.write", ADMIN | MANAGER},
    /* a person's legal bases: read by the staff, recorded by those who bring people in */
    {"legal_bases.read", STAFF},
    {"legal_bases.write", ADMIN | MANAGER | RECRUITER},
    {"skills.read", EVERYONE},
    {"clients.read", EVERYONE},
    {"clients.write", ADMIN | MANAGER | SALES},
    {"deals.read", STAFF},
    {"deals.write", ADMIN | MANAGER | SALES},
    /* The feasibility gate: only delivery (tech leads) and managers judge. */
    /* the feasibility gate: only delivery judges (the issue says tech or manager only) */
    {"reviews.write", MANAGER | TECH},
    {"capabilities.read", STAFF},
    {"surveys.read", STAFF},
    {"surveys.write", ADMIN | MANAGER | SALES},
    {"needs.read", EVERYONE},
    {"needs.write", ADMIN | MANAGER | SALES},
    {"matches.read", STAFF},
    /* People hold candidates' personal data: consultants do not see them. */
    {"people.read", STAFF},
    {"people.write", ADMIN | MANAGER | RECRUITER | TECH},
    {"people.delete", ADMIN | MANAGER},
    /* imports, exports, duplicates: recruiters clean up the people they source */
    {"people.merge", ADMIN | MANAGER | RECRUITER},
    {"people.import", ADMIN | MANAGER | RECRUITER},
    {"people.export", ADMIN | MANAGER | RECRUITER},
    {"candidacies.read", STAFF},
    {"candidacies.write", ADMIN | MANAGER | SALES | RECRUITER},
    {"users.read", ADMIN},
    {"users.write", ADMIN},
    {"audit.read", ADMIN},
    /* incidents and rituals: anyone may open an incident (changing one
     * needs to be involved: permission_involved); the agenda names
     * candidates, so consultants do not read it */
    {"incidents.read", EVERYONE | CLIENT}, /* a client contact: their client's (visibility.c) */
    {"incidents.write", EVERYONE},
    {"incidents.sla", ADMIN | MANAGER},
    {"rituals.read", EVERYONE},
    {"rituals.write", STAFF},
    {"agenda.read", STAFF},
    {"agenda.write", STAFF},
    {"calendar.write", EVERYONE}, /* one's own calendar feed address */
    {"team.read", EVERYONE},      /* names and roles, to choose owners and participants */
    /* channels and notifications: everyone; each channel's own visibility
     * is domain/channels.c */
    {"channels.read", EVERYONE},
    {"channels.write", EVERYONE},
    {"notifications.read", EVERYONE | CLIENT}, /* and the live stream, filtered the same way */
    {"notifications.write", EVERYONE | CLIENT},
    /* KPIs and shared objectives: one set of figures for everyone (each KPI
     * also needs the read permission of its sources, domain/kpi.c);
     * managers set the objectives */
    {"kpis.read", EVERYONE},
    {"objectives.read", EVERYONE},
    {"objectives.write", ADMIN | MANAGER},
    /* mail to candidates and no ghosting: managers word the messages and
     * set the delay; the outbox shows addresses, so admins only */
    {"outbox.read", ADMIN},
    {"mail_templates.read", ADMIN | MANAGER | RECRUITER},
    {"mail_templates.write", ADMIN | MANAGER},
    {"settings.read", STAFF},
    {"settings.write", ADMIN | MANAGER},
};

static int role_bit(const char *role) {
    for (int i = 0; ROLES[i]; i++)
        if (strcmp(ROLES[i], role) == 0) return 1 << i;
    return 0;
}

bool role_valid(const char *role) { return role && role_bit(role) != 0; }

bool role_in_firm(const char *role) { return role && (role_bit(role) & EVERYONE) != 0; }

bool permission_allows(const char *role, const char *action) {
    if (!role || !action) return false;
    int bit = role_bit(role);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].action, action) == 0) return (table[i].roles & bit) != 0;
    return false;
}

bool permission_involved(const char *role, bool involved) {
    if (!role_in_firm(role)) return false; /* a client contact is never involved in the firm's work */
    return involved || strcmp(role, "admin") == 0 || strcmp(role, "manager") == 0;
}
