/* Markdown to HTML (lib/markdown.c), the one place user text becomes
 * markup. Properties, whatever the input: an answer always comes back;
 * every tag is one md4c writes for Markdown (never script, style, iframe,
 * a raw tag typed by the user); attributes are only those md4c writes, so
 * no event handler (onerror=...) can appear; every link carries
 * rel="noopener noreferrer" and every href or src passes the URL check. */
#include <ctype.h>
#include <stdbool.h>
#include "fuzz.h"
#include "lib/markdown.h"

static const char *const TAGS[] = {"a", "p", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li",
                                   "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "img", "table", "thead", "tbody",
                                   "tr", "th", "td", "input", "u", NULL};
static const char *const ATTRS[] = {"href", "src", "alt", "title", "class", "rel", "type", "checked", "disabled",
                                    "start", "align", NULL};

static bool listed(const char *const *list, const char *s, size_t n) {
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncmp(list[i], s, n) == 0) return true;
    return false;
}

/* Checks the tag starting at p (after '<'); returns where it ends. */
static const char *check_tag(const char *p) {
    if (*p == '/') p++;
    const char *name = p;
    while (isalnum((unsigned char)*p)) p++;
    FUZZ_CHECK(listed(TAGS, name, (size_t)(p - name)));
    bool link = p - name == 1 && *name == 'a' && name[-1] != '/';
    if (link) FUZZ_CHECK(strncmp(p, " rel=\"noopener noreferrer\"", 26) == 0);
    while (*p && *p != '>') {
        while (*p == ' ' || *p == '/') p++;
        const char *attr = p;
        while (isalnum((unsigned char)*p)) p++;
        if (p == attr) break;
        FUZZ_CHECK(listed(ATTRS, attr, (size_t)(p - attr)));
        if (*p != '=') continue;
        FUZZ_CHECK(p[1] == '"');
        const char *v = p + 2, *end = strchr(v, '"');
        FUZZ_CHECK(end != NULL);
        if ((p - attr == 4 && !strncmp(attr, "href", 4)) || (p - attr == 3 && !strncmp(attr, "src", 3)))
            FUZZ_CHECK(markdown_url_safe(v, (size_t)(end - v), p - attr == 3));
        p = end + 1;
    }
    FUZZ_CHECK(*p == '>');
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *md = fuzz_cstr(data, size);
    char *html = markdown_to_html(md, strlen(md));
    FUZZ_CHECK(html != NULL);
    for (const char *p = html; (p = strchr(p, '<')) != NULL; p++) p = check_tag(p + 1);
    free(html);
    free(md);
    return 0;
}
