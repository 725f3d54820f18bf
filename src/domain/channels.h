/* channels: who sees a channel, and the names channels go by. A member
 * always sees it; a private channel only its members; a public channel
 * everyone who may read the object that owns it (a deal's channel is not
 * for consultants, who do not see deals), or everyone when no object owns
 * it. Pure functions, no I/O. */
#ifndef ALLIANCE_DOMAIN_CHANNELS_H
#define ALLIANCE_DOMAIN_CHANNELS_H
#include <stdbool.h>
#include <stddef.h>

/* NULL-terminated: client, need, deal, incident, ritual. */
extern const char *const CHANNEL_OBJECT_TYPES[];
bool channel_object_type_valid(const char *object_type);
/* The permission (domain/permissions.c) to read such an object; "me.read"
 * (everyone) for a channel no object owns (object_type NULL). */
const char *channel_object_action(const char *object_type);
bool channel_visible(const char *role, const char *visibility, const char *object_type, bool member);
/* The slug of a user's channel from its folded name: [a-z0-9-], words
 * joined by '-', at most size-1 bytes; "" when nothing is left. A slug of
 * the form "<object type>-<digits>" is reserved for objects' channels. */
void channel_slug(const char *folded, char *out, size_t size);
bool channel_slug_reserved(const char *slug);
/* The name of a ritual's own channel: "Rituel : <name>", cut to the 80
 * characters of a channel's name; caller frees (NULL: out of memory). */
char *channel_ritual_name(const char *ritual_name);
/* Who may rename a channel or change its topic: its creator and admins.
 * (An object's channel keeps its object's name: api/channels.c refuses a
 * new name for it whoever asks.) */
bool channel_may_edit(const char *role, long long created_by, long long user_id);

#endif
