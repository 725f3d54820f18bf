/* purge: `alliance purge [--dry-run [--as-of DATE]]` erases the people whose
 * retention ended today, through the one erasure path (privacy/purge.h),
 * each with its event and audit row; --dry-run lists who would go (as of
 * DATE: who will have gone by then) and changes nothing. `serve` does the
 * same once a day (privacy/daily.h). A server running on the same database
 * sees the erasures within a second (its follower). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "../lib/timeutil.h"
#include "../privacy/purge.h"
#include "cli.h"

static void list(const Expired *e, int n, const char *as_of) {
    printf("purge (dry run) as of %s: %d %s would be erased\n", as_of, n, n == 1 ? "person" : "people");
    for (int i = 0; i < n; i++) {
        char until[11];
        time_days_iso(e[i].end.until, until);
        printf("  %lld\t%s\t%s %s\tkept until %s (%s)\n", e[i].person_id, e[i].kind, e[i].first_name, e[i].last_name,
               until, retention_reason_name(e[i].end.reason));
    }
}

int cli_purge(int argc, char **argv) {
    const char *db = NULL, *data_dir = NULL, *as_of = NULL;
    bool dry_run = false;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"data-dir", required_argument, NULL, 'f'},
                                         {"dry-run", no_argument, NULL, 'n'},
                                         {"as-of", required_argument, NULL, 'a'},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') db = optarg;
        else if (c == 'f') data_dir = optarg;
        else if (c == 'n') dry_run = true;
        else if (c == 'a') as_of = optarg;
        else {
            cli_usage(stderr);
            return 2;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "alliance: purge takes no argument ('%s')\n", argv[optind]);
        cli_usage(stderr);
        return 2;
    }
    if (as_of && !dry_run) {
        /* erasing early is not undone: a date other than today only previews */
        fprintf(stderr, "alliance: --as-of goes with --dry-run only\n");
        return 2;
    }
    if (as_of && !time_valid_date(as_of)) {
        fprintf(stderr, "alliance: --as-of wants a date YYYY-MM-DD, not '%s'\n", as_of);
        return 2;
    }
    char today[11];
    time_today_iso(today);
    long day = time_date_days(as_of ? as_of : today);
    Db *h = cli_open(db);
    if (!h) return 1;
    cli_configure_files(data_dir);
    Arena a = {0};
    Expired *e;
    int n;
    int rc = 1;
    PurgeResult pr;
    if (purge_find(h, &a, day, &e, &n) != STORE_OK) {
        fprintf(stderr, "alliance: cannot read the people: %s\n", db_errmsg(h));
    } else if (dry_run) {
        db_reset_all(h);
        list(e, n, as_of ? as_of : today);
        rc = 0;
    } else {
        db_reset_all(h);
        StoreResult r = purge_run(h, day, e, n, NULL, &pr);
        purge_audit(h, arena_printf(&a, "alliance purge: %d erased, %d files deleted", pr.erased, pr.files_deleted));
        printf("purge: %d %s erased, %d files deleted, %d no longer expired, in %lld ms\n", pr.erased,
               pr.erased == 1 ? "person" : "people", pr.files_deleted, pr.skipped, pr.elapsed_us / 1000);
        if (r != STORE_OK) fprintf(stderr, "alliance: the purge stopped: %s\n", db_errmsg(h));
        rc = r == STORE_OK ? 0 : 1;
    }
    arena_free(&a);
    db_thread_close();
    return rc;
}
