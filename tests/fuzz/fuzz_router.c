/* The router over the real route table: any method and path either
 * matches one route with positive ids and a URL-safe token, or none. */
#include "fuzz.h"
#include "http/router.h"

static const char *const METHODS[] = {"GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS", ""};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    const char *method = METHODS[data[0] % (sizeof METHODS / sizeof METHODS[0])];
    char *path = fuzz_cstr(data + 1, size - 1);
    long long ids[MAX_PATH_IDS] = {0};
    int nids = -1;
    char token[MAX_PATH_TOKEN + 1];
    bool known = false;
    const Route *r = router_match(method, path, ids, &nids, token, &known);
    if (r) {
        FUZZ_CHECK(r >= ROUTES && r < ROUTES + NROUTES);
        /* HEAD is answered by the GET route */
        FUZZ_CHECK(strcmp(r->method, method) == 0 || (!strcmp(method, "HEAD") && !strcmp(r->method, "GET")));
        FUZZ_CHECK(nids >= 0 && nids <= MAX_PATH_IDS);
        for (int i = 0; i < nids; i++) FUZZ_CHECK(ids[i] > 0);
        size_t n = strlen(token);
        FUZZ_CHECK(n <= MAX_PATH_TOKEN);
        for (size_t i = 0; i < n; i++) FUZZ_CHECK(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", token[i]));
        FUZZ_CHECK(strstr(r->pattern, "{token}") ? n > 0 : n == 0);
        FUZZ_CHECK(!strncmp(path, "/", 1));
    }
    free(path);
    return 0;
}
