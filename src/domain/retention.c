/* retention: legal bases and retention ends (see retention.h). */
#include "retention.h"
#include <string.h>
#include "../lib/timeutil.h"

const char *const LEGAL_PURPOSES[] = {"recruitment", "talent_pool", "employment", NULL};
const char *const LEGAL_BASES[] = {"consent", "pre_contract", "contract", "legitimate_interest", "legal_obligation", NULL};
const char *const LEGAL_SOURCES[] = {"careers_form", "email", "phone", "recruiter", "contract",
                                     "import", "api", "renewal_page", "legacy", NULL};
const char *const LEGAL_SOURCES_INPUT[] = {"email", "phone", "recruiter", "contract", NULL};

static bool is(const char *a, const char *b) { return a && strcmp(a, b) == 0; }

bool legal_basis_fits(const char *purpose, const char *basis) {
    if (is(purpose, "talent_pool")) return is(basis, "consent");
    if (is(purpose, "employment")) return is(basis, "contract") || is(basis, "legal_obligation");
    if (is(purpose, "recruitment"))
        return is(basis, "pre_contract") || is(basis, "legitimate_interest") || is(basis, "consent");
    return false;
}

bool legal_basis_revocable(const char *basis) { return is(basis, "consent"); }

void legal_intake(const char *kind, const char *source, const char **purpose, const char **basis) {
    if (is(kind, "consultant")) {
        *purpose = "employment";
        *basis = "contract";
    } else {
        /* someone who applied asked for it; someone sourced by a recruiter did not */
        *purpose = "recruitment";
        *basis = is(source, "careers_form") ? "pre_contract" : "legitimate_interest";
    }
}

long retention_recruitment_end(const RetentionPolicy *pol, const RetentionFacts *f) {
    if (f->consultant || f->process_open || f->process_end < 0) return -1;
    return time_days_add_months(f->process_end, pol->rejected_months);
}

long retention_pool_end(const RetentionPolicy *pol, const RetentionFacts *f) {
    if (f->pool_consent < 0) return -1;
    long from = f->last_contact > f->pool_consent ? f->last_contact : f->pool_consent;
    return time_days_add_months(from, pol->talent_pool_months);
}

RetentionEnd retention_end(const RetentionPolicy *pol, const RetentionFacts *f) {
    if (f->consultant) return (RetentionEnd){-1, KEPT_CONTRACT};
    if (f->process_open || f->process_end < 0) return (RetentionEnd){-1, KEPT_PROCESS};
    long rec = retention_recruitment_end(pol, f), pool = retention_pool_end(pol, f);
    return pool > rec ? (RetentionEnd){pool, KEPT_TALENT_POOL} : (RetentionEnd){rec, KEPT_PROCESS_ENDED};
}

const char *retention_reason_name(RetentionReason r) {
    static const char *const NAMES[] = {"contract", "process_open", "process_ended", "talent_pool"};
    return NAMES[r];
}

RetentionState retention_state(const RetentionPolicy *pol, RetentionEnd end, long today) {
    if (end.until < 0) return RETAIN_KEEP;
    if (today > end.until) return RETAIN_EXPIRED;
    return today >= end.until - pol->warning_days ? RETAIN_WARN : RETAIN_KEEP;
}
