/* kpis: `alliance kpis rebuild` makes the KPI rows again from the whole
 * event log (store/kpis.h), e.g. after events were written by another tool
 * or a log was restored. One write transaction; servers may keep running. */
#include <getopt.h>
#include <string.h>
#include "../lib/timeutil.h"
#include "../store/kpis.h"
#include "cli.h"

static int rebuild(int argc, char **argv) {
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    const char *db_flag = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 'd') {
            cli_usage(stderr);
            return 2;
        }
        db_flag = optarg;
    }
    if (optind != argc) {
        cli_usage(stderr);
        return 2;
    }
    Db *db = cli_open(db_flag);
    if (!db) return 1;
    long long t0 = time_monotonic_us();
    if (db_begin_write(db) != DB_OK || store_kpi_rebuild(db) != STORE_OK || db_commit(db) != DB_OK) {
        fprintf(stderr, "alliance: rebuilding the KPI rows failed: %s\n", db_errmsg(db));
        db_rollback(db);
        db_thread_close();
        return 1;
    }
    printf("KPI rows rebuilt from the event log in %.1f s\n", (double)(time_monotonic_us() - t0) / 1e6);
    db_thread_close();
    return 0;
}

int cli_kpis(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "rebuild") == 0) return rebuild(argc - 1, argv + 1);
    cli_usage(stderr);
    return 2;
}
