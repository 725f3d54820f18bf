/* retention: on which legal basis the firm keeps a person's data, and until
 * when (GDPR art. 5.1.e and 6; the CNIL's recruitment guide, 2023):
 *   - a candidate's data serves the recruitment process while one is open,
 *     then is kept rejected_months (3) after the process ended;
 *   - unless they consented to the talent pool: then talent_pool_months (24)
 *     after the last contact (a renewal of the consent is a contact);
 *   - a consultant's data serves their employment or mission contract for as
 *     long as they are a consultant (labour law then applies, not this rule).
 * Days are counted since 1970-01-01 (lib/timeutil.h); -1 means none.
 * Pure functions, no I/O. */
#ifndef ALLIANCE_RETENTION_H
#define ALLIANCE_RETENTION_H
#include <stdbool.h>

/* The firm's settings (store/settings.h), with their defaults and bounds. */
typedef struct {
    int rejected_months, talent_pool_months, warning_days;
} RetentionPolicy;

enum {
    RETENTION_REJECTED_MONTHS = 3, RETENTION_REJECTED_MIN = 1, RETENTION_REJECTED_MAX = 24,
    RETENTION_POOL_MONTHS = 24, RETENTION_POOL_MIN = 1, RETENTION_POOL_MAX = 24, /* the CNIL's two years at most */
    RETENTION_WARNING_DAYS = 30, RETENTION_WARNING_MIN = 7, RETENTION_WARNING_MAX = 60,
};

/* NULL-terminated lists. Purposes: recruitment, talent_pool, employment.
 * Bases: consent, pre_contract (art. 6.1.b, steps at the person's request
 * before a contract), contract, legitimate_interest, legal_obligation.
 * Sources (how it was obtained): careers_form, email, phone, recruiter,
 * contract, import, api, renewal_page, legacy (kept before this record
 * existed). LEGAL_SOURCES_INPUT: the ones a user may declare. */
extern const char *const LEGAL_PURPOSES[];
extern const char *const LEGAL_BASES[];
extern const char *const LEGAL_SOURCES[];
extern const char *const LEGAL_SOURCES_INPUT[];

/* Whether basis may carry purpose: the talent pool needs consent, an
 * employment a contract, recruitment pre-contract steps, a legitimate
 * interest (sourcing) or consent. */
bool legal_basis_fits(const char *purpose, const char *basis);
/* Only a consent can be renewed or withdrawn (art. 7.3); the other bases
 * end with their purpose, or by an objection handled as a request. */
bool legal_basis_revocable(const char *basis);
/* The record made when a person comes in (kind "candidate" or
 * "consultant", source as above): its purpose and basis. */
void legal_intake(const char *kind, const char *source, const char **purpose, const char **basis);

/* What the rule needs to know about one person. */
typedef struct {
    bool consultant;    /* kind consultant: kept for the contract */
    bool process_open;  /* a candidacy that is neither rejected nor withdrawn */
    long process_end;   /* the day the last process ended (or the person came in) */
    long last_contact;  /* the day of the last message to them */
    long pool_consent;  /* the day the talent-pool consent was given or renewed; -1: none */
} RetentionFacts;

typedef enum {
    KEPT_CONTRACT,      /* a consultant: no end date */
    KEPT_PROCESS,       /* a process is open: no end date yet */
    KEPT_PROCESS_ENDED, /* rejected_months after the process */
    KEPT_TALENT_POOL,   /* talent_pool_months after the last contact */
} RetentionReason;

typedef struct {
    long until;         /* the last day the data may be kept; -1: no end date */
    RetentionReason reason;
} RetentionEnd;

/* The end of the recruitment purpose (-1 while it runs). */
long retention_recruitment_end(const RetentionPolicy *pol, const RetentionFacts *f);
/* The end of the talent-pool consent (-1 without one). */
long retention_pool_end(const RetentionPolicy *pol, const RetentionFacts *f);
/* The person's end: the later of the purposes that still hold. */
RetentionEnd retention_end(const RetentionPolicy *pol, const RetentionFacts *f);
/* "contract", "process_open", "process_ended" or "talent_pool". */
const char *retention_reason_name(RetentionReason r);

typedef enum { RETAIN_KEEP, RETAIN_WARN, RETAIN_EXPIRED } RetentionState;
/* On day today: expired after until, to be warned within warning_days of it. */
RetentionState retention_state(const RetentionPolicy *pol, RetentionEnd end, long today);

#endif
