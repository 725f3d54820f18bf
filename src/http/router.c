/* router: pattern matching of paths (see router.h). */
#include "router.h"
#include <string.h>

/* Matches one pattern; fills ids. */
static bool match_path(const char *pattern, const char *path, long long ids[MAX_PATH_IDS], int *nids) {
    *nids = 0;
    while (*pattern && *path) {
        if (strncmp(pattern, "{id}", 4) == 0) {
            long long v = 0;
            int digits = 0;
            while (*path >= '0' && *path <= '9') {
                if (++digits > 18) return false;
                v = v * 10 + (*path++ - '0');
            }
            if (!digits || v == 0 || *nids == MAX_PATH_IDS) return false;
            ids[(*nids)++] = v;
            pattern += 4;
            continue;
        }
        if (*pattern++ != *path++) return false;
    }
    return *pattern == '\0' && *path == '\0';
}

const Route *router_match(const char *method, const char *path, long long ids[MAX_PATH_IDS], int *nids,
                          bool *path_known) {
    *path_known = false;
    for (int i = 0; i < NROUTES; i++) {
        if (!match_path(ROUTES[i].pattern, path, ids, nids)) continue;
        if (strcmp(ROUTES[i].method, method) == 0 ||
            (strcmp(method, "HEAD") == 0 && strcmp(ROUTES[i].method, "GET") == 0))
            return &ROUTES[i];
        *path_known = true;
    }
    return NULL;
}
