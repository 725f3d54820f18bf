/* router: pattern matching of paths (see router.h). */
#include "router.h"
#include <string.h>

/* Matches one pattern; fills ids. */
static bool token_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static bool match_path(const char *pattern, const char *path, long long ids[MAX_PATH_IDS], int *nids,
                       char token[MAX_PATH_TOKEN + 1]) {
    *nids = 0;
    token[0] = '\0';
    while (*pattern && *path) {
        if (strncmp(pattern, "{token}", 7) == 0) {
            size_t n = 0;
            while (token_char(path[n])) {
                if (n == MAX_PATH_TOKEN) return false;
                token[n] = path[n];
                n++;
            }
            if (!n) return false;
            token[n] = '\0';
            path += n;
            pattern += 7;
            continue;
        }
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
                          char token[MAX_PATH_TOKEN + 1], bool *path_known) {
    *path_known = false;
    for (int i = 0; i < NROUTES; i++) {
        if (!match_path(ROUTES[i].pattern, path, ids, nids, token)) continue;
        if (strcmp(ROUTES[i].method, method) == 0 ||
            (strcmp(method, "HEAD") == 0 && strcmp(ROUTES[i].method, "GET") == 0))
            return &ROUTES[i];
        *path_known = true;
    }
    return NULL;
}
