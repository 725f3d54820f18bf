/* migrate: copy a firm from one database to another (SQLite to PostgreSQL
 * when a firm outgrows one machine, or back), then prove the copy: every
 * table's row count and checksum must be equal on both sides. */
#include <getopt.h>
#include <string.h>
#include "../store/copy.h"
#include "../store/schema.h"
#include "cli.h"

static Db *open_migrated(const char *url) {
    char err[256];
    Db *db = db_open(url, err);
    if (!db) {
        fprintf(stderr, "alliance: %s\n", err);
        return NULL;
    }
    if (schema_migrate(db)) {
        db_close(db);
        return NULL;
    }
    return db;
}

int cli_migrate(int argc, char **argv) {
    const char *from = NULL, *to = NULL;
    static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'f') from = optarg;
        else if (c == 't') to = optarg;
        else {
            cli_usage(stderr);
            return 2;
        }
    }
    if (optind != argc || !from || !to || !*from || !*to || strcmp(from, to) == 0) {
        cli_usage(stderr);
        return 2;
    }
    if (cli_start()) return 1;
    Db *src = open_migrated(from), *dst = src ? open_migrated(to) : NULL;
    int rc = 1;
    char err[256] = "";
    if (src && dst) {
        StoreResult r = store_copy_all(src, dst, err);
        if (r != STORE_OK) {
            fprintf(stderr, "alliance: copy failed: %s\n", *err ? err : db_errmsg(dst));
        } else {
            rc = 0;
            printf("%-24s %10s  %s\n", "table", "rows", "checksum (source = target)");
            for (int i = 0; COPY_TABLES[i]; i++) {
                TableSum a, b;
                if (store_table_sum(src, COPY_TABLES[i], &a) != STORE_OK ||
                    store_table_sum(dst, COPY_TABLES[i], &b) != STORE_OK) {
                    fprintf(stderr, "alliance: cannot check %s\n", COPY_TABLES[i]);
                    rc = 1;
                    continue;
                }
                bool same = a.rows == b.rows && strcmp(a.checksum, b.checksum) == 0;
                printf("%-24s %10lld  %.16s %s\n", a.table, a.rows, a.checksum,
                       same ? "ok" : "MISMATCH");
                if (!same) {
                    fprintf(stderr, "alliance: %s differs: %lld rows %s vs %lld rows %s\n", a.table, a.rows,
                            a.checksum, b.rows, b.checksum);
                    rc = 1;
                }
            }
            printf(rc ? "copy NOT verified\n" : "copy verified\n");
        }
    }
    db_close(dst);
    db_close(src);
    return rc;
}
