/* skills_find: `alliance skills-find [--split]` reads text on stdin and
 * prints the skills the CV reader would propose (domain/skill_finder.h):
 * one line per skill "id<TAB>mentions<TAB>evidence", or with --split one
 * line per document (documents separated by form feeds) listing the ids,
 * and the time spent on stderr. For checking the reader on real CVs and
 * for bench/cv/. */
#include <stdlib.h>
#include <string.h>
#include "../domain/skill_finder.h"
#include "../lib/buf.h"
#include "../lib/timeutil.h"
#include "cli.h"

enum { MAX_FOUND = 500 };

int cli_skills_find(int argc, char **argv) {
    bool split = argc == 2 && strcmp(argv[1], "--split") == 0;
    if (argc > 2 || (argc == 2 && !split)) {
        cli_usage(stderr);
        return 2;
    }
    if (cli_start()) return 1;
    Buf in = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) buf_append(&in, chunk, n);
    SkillFound *found = malloc(MAX_FOUND * sizeof *found);
    if (!found) return 1;
    const char *p = buf_str(&in), *end = p + in.len;
    long long t0 = time_monotonic_us(), docs = 0, total = 0;
    while (p < end || (!docs && p == end)) {
        const char *ff = split ? memchr(p, '\f', (size_t)(end - p)) : NULL;
        size_t len = ff ? (size_t)(ff - p) : (size_t)(end - p);
        int k = skills_find(p, len, found, MAX_FOUND);
        for (int i = 0; i < k; i++) {
            if (split) printf("%s%s", i ? "," : "", found[i].skill->id);
            else {
                char *ev = skills_evidence(p, len, found[i].at);
                printf("%s\t%d\t%s\n", found[i].skill->id, found[i].count, ev ? ev : "");
                free(ev);
            }
        }
        if (split) printf("\n");
        docs++;
        total += k;
        p += len + (ff ? 1 : 0);
        if (!ff) break;
    }
    double s = (double)(time_monotonic_us() - t0) / 1e6;
    fprintf(stderr, "%lld documents, %lld skills proposed in %.3f s: %.0f documents/s, %.0f skills/s\n", docs, total, s,
            s > 0 ? (double)docs / s : 0, s > 0 ? (double)total / s : 0);
    free(found);
    buf_free(&in);
    return 0;
}
