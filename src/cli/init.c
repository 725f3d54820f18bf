/* init: create (or upgrade) the database, optionally with the demo firm. */
#include <getopt.h>
#include <stdbool.h>
#include "cli.h"

int cli_init(int argc, char **argv) {
    const char *db = NULL;
    bool demo = false;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"demo", no_argument, NULL, 'x'},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') db = optarg;
        else if (c == 'x') demo = true;
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
    int rc = 0;
    if (demo) {
        rc = demo_create(h) ? 1 : 0;
        if (!rc)
            printf("Demo firm created. Accounts (password alliance-demo):\n"
                   "  admin@demo.alliance.example, manager@…, sales@…, recruiter@…, tech@…, consultant@…,\n"
                   "  client@… (a contact of Banque Horizon: role client)\n");
    } else {
        printf("Database ready: %s\n", db_url());
    }
    db_thread_close();
    return rc;
}
