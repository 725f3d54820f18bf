/* urlencoded form bodies (the public survey page): a value is NULL or
 * valid UTF-8 without NUL, and bad encodings are told apart from absence. */
#include "fuzz.h"
#include "lib/form.h"
#include "lib/text.h"

static const char *const KEYS[] = {"answer", "score", "comment", "a", ""};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    const char *key = KEYS[data[0] % (sizeof KEYS / sizeof KEYS[0])];
    /* the body is not NUL-terminated: form_value must respect len */
    char *body = malloc(size - 1 ? size - 1 : 1);
    if (!body) abort();
    memcpy(body, data + 1, size - 1);
    Arena a = {0};
    bool bad = false;
    char *v = form_value(&a, body, size - 1, key, &bad);
    if (v) {
        FUZZ_CHECK(!bad);
        FUZZ_CHECK(text_valid_utf8(v, strlen(v)));
        FUZZ_CHECK(strlen(v) <= size - 1);
    }
    arena_free(&a);
    free(body);
    return 0;
}
