/* Query-string and header values: decoded as libmicrohttpd decodes them,
 * then read as ids (?cursor=, ?client_id=), If-Match versions and searches
 * (?q=, ?skill=). */
#include <microhttpd.h>
#include "fuzz.h"
#include "http/params.h"
#include "lib/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *v = fuzz_cstr(data, size);
    MHD_http_unescape(v);
    long long id = -1;
    if (param_id(v, &id)) {
        /* exactly the digits given: no sign, space or overflow */
        FUZZ_CHECK(*v && strlen(v) <= 18 && strspn(v, "0123456789") == strlen(v));
        FUZZ_CHECK(id >= 0 && id == strtoll(v, NULL, 10));
    }
    long long version;
    if (param_etag(v, &version)) FUZZ_CHECK(version >= 0);
    Arena a = {0};
    for (int max = 1; max <= 200; max *= 14) {
        const char *out = (const char *)1;
        ParamStatus s = param_search(&a, v, max, &out);
        if (s == PARAM_OK && out) {
            FUZZ_CHECK(*out && text_valid_utf8(out, strlen(out)) && text_utf8_length(out) <= (size_t)max);
            FUZZ_CHECK(*out != ' ' && out[strlen(out) - 1] != ' ');
        } else {
            FUZZ_CHECK(out == NULL);
        }
        if (s == PARAM_BAD_UTF8) FUZZ_CHECK(!text_valid_utf8(v, strlen(v)));
    }
    arena_free(&a);
    free(v);
    return 0;
}
