/* people_retention: a stored person's retention end under the firm's
 * policy: the facts of store/legal_bases.h read as domain/retention.h
 * wants them. The one place the API, the warnings and the purge agree on. */
#ifndef ALLIANCE_PEOPLE_RETENTION_H
#define ALLIANCE_PEOPLE_RETENTION_H
#include "../domain/retention.h"
#include "../store/legal_bases.h"

RetentionFacts person_retention_facts(const RetentionRow *r);
RetentionEnd person_retention(const RetentionPolicy *pol, const RetentionRow *r);
/* The end of one record (a purpose), -1 when it has none: a recruitment
 * basis ends with its process, a talent-pool consent after the last
 * contact, a contract or a withdrawn consent never by this rule. */
long legal_basis_end(const RetentionPolicy *pol, const RetentionRow *r, const LegalBasis *b);

#endif
