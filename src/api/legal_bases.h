/* legal_bases: what the API and the public renewal page share about a
 * person's legal bases (legal_bases.c). */
#ifndef ALLIANCE_API_LEGAL_BASES_H
#define ALLIANCE_API_LEGAL_BASES_H
#include "../store/legal_bases.h"
#include "api.h"

/* The event of a change of b ("recorded", "renewed", "withdrawn"): facts
 * only, the purpose, the basis and what happened to it. */
void legal_basis_record(Request *rq, const LegalBasis *b, const char *action);

#endif
