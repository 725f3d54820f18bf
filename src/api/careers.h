/* careers: what the careers page shares with the rest of the API. */
#ifndef ALLIANCE_API_CAREERS_H
#define ALLIANCE_API_CAREERS_H
#include "../domain/model.h"
#include "../lib/arena.h"

/* "/careers/<slug>": the stable address of an offer, its title in lower
 * case ASCII words joined by '-' (at most 50 characters) then its id
 * ("/careers/developpeur-java-senior-12"). The id alone finds the offer;
 * an address with an old title redirects to the current one. */
const char *careers_path(Arena *a, const Need *n);
/* The need id at the end of a slug, or -1. */
long long careers_slug_id(const char *slug);

#endif
