/* matches: helpers of api/matches.c shared with other handlers and the CLI. */
#ifndef ALLIANCE_API_MATCHES_H
#define ALLIANCE_API_MATCHES_H
#include "../match/rank.h"
#include "api.h"

/* ?limit= of a ranking: 20 by default, 1..200, else a 400. */
bool req_match_limit(Request *rq, Response *rs, int *limit);
/* One match as API.md "Match" describes it, with factors. */
json_t *match_hit_json(Request *rq, const Need *n, const MatchHit *h);
/* GET /api/v1/people?skills=... : people meeting every listed skill, ranked. */
void people_search_ranked(Request *rq, Response *rs, const char *skills, const char *q, const char *kind);

#endif
