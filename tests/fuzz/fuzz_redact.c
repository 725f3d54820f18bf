/* Taking an erased person's names out of free text (lib/redact.c), the
 * hostile input being any post. The input is split at its first two
 * newlines: a needle, a second needle, then the text. Properties: valid
 * UTF-8 text always comes back, valid UTF-8, with no needle left where
 * text_mentions would still find one, and unchanged when nothing matched;
 * invalid UTF-8 gets NULL, never a crash or an overread. */
#include <ctype.h>
#include "fuzz.h"
#include "lib/redact.h"
#include "lib/text.h"

/* A needle of words: it starts and ends with a letter or digit and has
 * nothing of the placeholder "[X]" in it, so no match can form again
 * across a placeholder. */
static bool wordy(const char *s) {
    size_t n = strlen(s);
    return n && isalnum((unsigned char)s[0]) && isalnum((unsigned char)s[n - 1]) && !strpbrk(s, "[]xX");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *in = fuzz_cstr(data, size);
    char *a = in, *b = strchr(a, '\n'), *text = b ? strchr(b + 1, '\n') : NULL;
    if (!b || !text) {
        free(in);
        return 0;
    }
    *b++ = '\0';
    *text++ = '\0';
    const char *needles[] = {a, b};
    int count = -1;
    char *out = text_redact(text, needles, 2, "[X]", &count);
    bool valid = text_valid_utf8(text, strlen(text)) && text_valid_utf8(a, strlen(a)) && text_valid_utf8(b, strlen(b));
    if (valid) FUZZ_CHECK(out != NULL);
    if (out) {
        FUZZ_CHECK(text_valid_utf8(out, strlen(out)) || !valid);
        if (count == 0) FUZZ_CHECK(strcmp(out, text) == 0);
        if (valid && wordy(a) && wordy(b)) FUZZ_CHECK(!text_mentions(out, needles, 2));
        free(out);
    }
    free(in);
    return 0;
}
