/* digest: `alliance digest` queues today's digest to candidacy owners now
 * (the server also does it once a day); `alliance serve` delivers it. */
#include <getopt.h>
#include "../mail/digest.h"
#include "cli.h"

int cli_digest(int argc, char **argv) {
    const char *db = NULL;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') db = optarg;
        else {
            cli_usage(stderr);
            return 2;
        }
    }
    if (optind != argc) {
        cli_usage(stderr);
        return 2;
    }
    Db *h = cli_open(db);
    if (!h) return 1;
    Arena a = {0};
    int mails = 0, overdue = 0, unowned = 0;
    StoreResult r = STORE_ERROR;
    if (db_begin_write(h) == DB_OK) {
        r = mail_digest_queue(h, &a, &mails, &overdue, &unowned);
        db_reset_all(h);
        if (r != STORE_OK || db_commit(h) != DB_OK) {
            db_rollback(h);
            r = STORE_ERROR;
        }
    }
    arena_free(&a);
    if (r == STORE_OK)
        printf("digest: %d mails queued, %d overdue candidacies (%d without an owner)\n", mails, overdue, unowned);
    else
        fprintf(stderr, "alliance: digest failed: %s\n", db_errmsg(h));
    db_thread_close();
    return r == STORE_OK ? 0 : 1;
}
