/* sales: rules of clients, deals and feasibility reviews, and the
 * qualification of needs (no I/O).
 *   deal stages: lead -> qualified -> proposal -> negotiation -> won | lost
 *   a deal is won only after a latest review "go" or "go_with_conditions";
 *   lost carries a reason.
 *   a need is qualified with >= 1 skill with a level, a start date, a
 *   location (or remote full) and a client; open with all of that plus a
 *   positive latest review on a deal it belongs to, when it belongs to one. */
#ifndef ALLIANCE_SALES_H
#define ALLIANCE_SALES_H
#include <stdbool.h>
#include <stddef.h>
#include "model.h"

extern const char *const DEAL_STAGES[];    /* NULL-terminated, in board order */
extern const char *const REVIEW_VERDICTS[]; /* go go_with_conditions no_go */

bool deal_stage_valid(const char *stage);

/* A SIRET: exactly 14 ASCII digits passing the Luhn check (La Poste's
 * establishments, SIREN 356000000, use a sum of digits divisible by 5). */
bool siret_valid(const char *s);
/* The Luhn check digit that completes 13 digits (for demo data). */
int siret_check_digit(const char *thirteen_digits);

/* The key two client names share when they name the same firm: folded
 * (case, accents), punctuation dropped, spaces collapsed, legal forms
 * ("SA", "SAS", "SARL", "S.A."...) left out. Caller frees; NULL on invalid UTF-8. */
char *client_name_key(const char *name);

typedef enum {
    WON_OK = 0,
    WON_REVIEW_REQUIRED,  /* no review, or none positive */
    WON_NO_GO,            /* the latest review says no */
} WonCheck;

/* latest_verdict: the verdict of the deal's latest review, NULL when none. */
WonCheck deal_check_won(const char *latest_verdict);
bool verdict_positive(const char *verdict);

enum { QUAL_MAX_MISSING = 5 };

/* What a need still lacks to enter `target` ("qualified" or "open"):
 * fields among skills, start_date, location, client_id, review, written to
 * missing (at most QUAL_MAX_MISSING). in_deal: the need belongs to at least
 * one deal; deal_reviewed: one of those deals has a positive latest review.
 * Other targets lack nothing. Returns how many are missing. */
int need_qualification_missing(const Need *n, const char *target, bool in_deal, bool deal_reviewed,
                               const char *missing[QUAL_MAX_MISSING]);
/* The status the qualification checklist aims at next: "qualified" from
 * draft, "open" from qualified, NULL otherwise. */
const char *need_next_gate(const char *status);

#endif
