/* channels: visibility and slugs (see .h). */
#include "channels.h"
#include <ctype.h>
#include <string.h>
#include "permissions.h"
#include "../lib/text.h"

const char *const CHANNEL_OBJECT_TYPES[] = {"client", "need", "deal", "incident", "ritual", NULL};
static const char *const ACTIONS[] = {"clients.read", "needs.read", "deals.read", "incidents.read", "rituals.read"};

bool channel_object_type_valid(const char *object_type) {
    for (int i = 0; object_type && CHANNEL_OBJECT_TYPES[i]; i++)
        if (strcmp(CHANNEL_OBJECT_TYPES[i], object_type) == 0) return true;
    return false;
}

const char *channel_object_action(const char *object_type) {
    if (!object_type) return "me.read";
    for (int i = 0; CHANNEL_OBJECT_TYPES[i]; i++)
        if (strcmp(CHANNEL_OBJECT_TYPES[i], object_type) == 0) return ACTIONS[i];
    return NULL; /* unknown owner: members only */
}

bool channel_visible(const char *role, const char *visibility, const char *object_type, bool member) {
    if (!permission_allows(role, "channels.read")) return false; /* a client contact: no channel at all */
    if (member) return true;
    if (!visibility || strcmp(visibility, "public") != 0) return false;
    const char *action = channel_object_action(object_type);
    return action && permission_allows(role, action);
}

void channel_slug(const char *folded, char *out, size_t size) {
    size_t n = 0;
    bool dash = false;
    for (const char *p = folded ? folded : ""; *p && n + 1 < size; p++) {
        if (isalnum((unsigned char)*p) && (unsigned char)*p < 0x80) {
            if (dash && n) {
                if (n + 2 >= size) break; /* no room for "-x": the slug ends at a whole word */
                out[n++] = '-';
            }
            dash = false;
            out[n++] = (char)tolower((unsigned char)*p);
        } else {
            dash = true;
        }
    }
    out[n] = '\0';
}

bool channel_slug_reserved(const char *slug) {
    for (int i = 0; CHANNEL_OBJECT_TYPES[i]; i++) {
        size_t n = strlen(CHANNEL_OBJECT_TYPES[i]);
        if (strncmp(slug, CHANNEL_OBJECT_TYPES[i], n) == 0 && slug[n] == '-' && slug[n + 1] &&
            strspn(slug + n + 1, "0123456789") == strlen(slug + n + 1))
            return true;
    }
    return false;
}

bool channel_may_edit(const char *role, long long created_by, long long user_id) {
    return (role && strcmp(role, "admin") == 0) || (created_by > 0 && created_by == user_id);
}

char *channel_ritual_name(const char *ritual_name) { return text_cut("Rituel : ", ritual_name, 80); }
