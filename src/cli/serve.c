/* serve: run the HTTP server. */
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include "../http/follower.h"
#include "../http/server.h"
#include "../api/match_sync.h"
#include "cli.h"

int cli_serve(int argc, char **argv) {
    const char *addr = getenv("ALLIANCE_ADDR"), *db = NULL;
    static const struct option opts[] = {{"addr", required_argument, NULL, 'a'},
                                         {"db", required_argument, NULL, 'd'},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'a') addr = optarg;
        else if (c == 'd') db = optarg;
        else {
            cli_usage(stderr);
            return 2;
        }
    }
    if (optind != argc) {
        cli_usage(stderr);
        return 2;
    }
    Db *conn = cli_open(db);
    if (!conn) return 1;
    match_sync_subscribe(); /* matching engine: subscribes before the follower starts */
    /* in-memory state subscribes to the event log before it is followed */
    if (!follower_start()) {
        fprintf(stderr, "alliance: cannot read the event log\n");
        return 1;
    }
    if (match_sync_build(conn)) { /* matching engine: the index, then the writes made meanwhile */
        follower_stop();
        return 1;
    }
    int rc = server_run(addr && *addr ? addr : "127.0.0.1:8080");
    follower_stop();
    match_sync_stop();
    db_thread_close();
    return rc;
}
