/* store/rituals: team rituals, their participants, the points added to an
 * occurrence's agenda, and the interviews of the personal calendar feed. */
#ifndef ALLIANCE_STORE_RITUALS_H
#define ALLIANCE_STORE_RITUALS_H
#include "store.h"

StoreResult store_ritual_get(Db *db, Arena *a, long long id, Ritual *r);
/* Newest first; participant >= 0: only rituals that user takes part in or created. */
StoreResult store_rituals_list(Db *db, Arena *a, long long participant, long long before_id, int limit, Ritual **out,
                               int *n);
/* Insert and update write channel_id as given (-1: none, see store_ritual_channel). */
StoreResult store_ritual_insert(Db *db, Arena *a, Ritual *r);
StoreResult store_ritual_update(Db *db, Arena *a, Ritual *r, long long expected_version);
/* Sets the ritual's channel (-1: none yet) without a new version. */
StoreResult store_ritual_set_channel(Db *db, long long id, long long channel_id);
/* Makes ready the channel a ritual posts in and gives its id. A team
 * channel chosen for it (channel_id, not channel_own) gains the author and
 * participants as members when public; a private one keeps its members (a
 * ritual never widens who reads it). Otherwise its own channel
 * (channel_ritual_name, public like the ritual) is found or made, renamed
 * after the ritual, gains them (one who left stays out), and becomes the
 * ritual's channel. */
StoreResult store_ritual_channel(Db *db, Arena *a, const Ritual *r, long long *channel_id);
/* Gives every ritual without a channel its own: for rituals written
 * outside a request (demo data). Migration 63 did the same in SQL for the
 * rituals made before a ritual always had one. */
StoreResult store_rituals_own_channels(Db *db, Arena *a);

/* Points of one occurrence (local date), oldest first. */
StoreResult store_ritual_points(Db *db, Arena *a, long long ritual_id, const char *occurrence, RitualPoint **out,
                                int *n);
StoreResult store_ritual_point_insert(Db *db, Arena *a, RitualPoint *p);

/* An interview as the calendar feed shows it (mail's interviews table):
 * its UID and SEQUENCE are those of the invitations sent by e-mail. */
typedef struct {
    const char *uid, *status, *starts_at, *place, *video_url, *person_name, *need_title, *created_at, *updated_at;
    long long sequence, duration_minutes;
} CalendarInterview;
/* The interviews a user conducts or planned, oldest first (at most 500). */
StoreResult store_calendar_interviews(Db *db, Arena *a, long long user_id, CalendarInterview **out, int *n);

#endif
