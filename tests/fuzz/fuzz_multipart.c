/* libFuzzer target for the multipart reader (lib/multipart.c): the first
 * line of the input is the Content-Type, the rest the body. Any input must
 * be answered (parts or -1) without reading outside it: built with ASan.
 *   make fuzz && build/fuzz/fuzz_multipart -max_total_time=60 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "lib/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *nl = memchr(data, '\n', size);
    if (!nl) return 0;
    Arena a = {0};
    char *ct = arena_strndup(&a, (const char *)data, (size_t)(nl - (const char *)data));
    size_t blen = size - (size_t)(nl - (const char *)data) - 1;
    char *body = arena_alloc(&a, blen ? blen : 1); /* exactly blen bytes: no NUL to lean on */
    memcpy(body, nl + 1, blen);
    const char *boundary = multipart_boundary(&a, ct);
    if (boundary) {
        MultipartPart parts[MULTIPART_MAX_PARTS];
        int n = multipart_parse(&a, boundary, body, blen, parts, MULTIPART_MAX_PARTS);
        for (int i = 0; i < n; i++) {
            bool bad;
            multipart_text(&a, parts, n, parts[i].name, &bad);
            if (parts[i].data < body || parts[i].data + parts[i].len > body + blen) __builtin_trap();
        }
    }
    arena_free(&a);
    return 0;
}
