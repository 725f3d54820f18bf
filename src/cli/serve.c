/* serve: run the HTTP server. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../http/server.h"
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
    if (!cli_open(db)) return 1;
    /* says "in use" to `alliance restore` for as long as we run */
    int hold = db_file_hold(db_url(), false);
    if (hold == -1) {
        fprintf(stderr, "alliance: %s is being restored (%s)\n", db_url(),
                errno == EWOULDBLOCK ? "locked" : strerror(errno));
        db_thread_close();
        return 1;
    }
    int rc = server_run(addr && *addr ? addr : "127.0.0.1:8080");
    db_thread_close();
    if (hold >= 0) close(hold);
    return rc;
}
