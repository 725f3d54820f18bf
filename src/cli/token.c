/* token: API tokens for integrations. The token is printed once; only its
 * hash is stored. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/arena.h"
#include "../lib/secret.h"
#include "../lib/text.h"
#include "../lib/timeutil.h"
#include "../store/sessions.h"
#include "../store/users.h"
#include "cli.h"

typedef struct {
    const char *email, *label, *db;
    long long id;
} TokenArgs;

static int parse(int argc, char **argv, TokenArgs *t) {
    static const struct option opts[] = {{"email", required_argument, NULL, 'e'}, {"label", required_argument, NULL, 'l'},
                                         {"id", required_argument, NULL, 'i'},    {"db", required_argument, NULL, 'd'},
                                         {NULL, 0, NULL, 0}};
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'e': t->email = optarg; break;
        case 'l': t->label = optarg; break;
        case 'd': t->db = optarg; break;
        case 'i':
            t->id = strtoll(optarg, &end, 10);
            if (*end || t->id < 1) return -1;
            break;
        default: return -1;
        }
    }
    return optind == argc ? 0 : -1;
}

static int with_user(Db *h, Arena *a, const char *email, User *u) {
    StoreResult r = store_user_by_email(h, a, text_ascii_lower(arena_strdup(a, email)), u, NULL);
    if (r != STORE_OK) fprintf(stderr, "alliance: no account with e-mail %s\n", email);
    return r == STORE_OK ? 0 : -1;
}

int cli_token(int argc, char **argv) {
    const char *verb = argc >= 2 ? argv[1] : "";
    TokenArgs t = {0};
    bool create = strcmp(verb, "create") == 0, list = strcmp(verb, "list") == 0, revoke = strcmp(verb, "revoke") == 0;
    if ((!create && !list && !revoke) || parse(argc - 1, argv + 1, &t) || ((create || list) && !t.email) ||
        (revoke && !t.id)) {
        cli_usage(stderr);
        return 2;
    }
    Db *h = cli_open(t.db);
    if (!h) return 1;
    Arena a = {0};
    User u;
    int rc = 1;
    if (create && !with_user(h, &a, t.email, &u)) {
        char token[SECRET_TOKEN_LEN], hash[SECRET_HASH_LEN];
        secret_token(token);
        secret_token_hash(token, hash);
        long long id;
        db_begin_write(h);
        if (store_token_create(h, hash, u.id, t.label, &id) == STORE_OK && db_commit(h) == DB_OK) {
            printf("%s\n", token);
            fprintf(stderr, "token %lld for %s: keep it secret, it is shown only once\n", id, t.email);
            rc = 0;
        } else {
            db_rollback(h);
        }
    } else if (list && !with_user(h, &a, t.email, &u)) {
        ApiToken *tokens;
        int n;
        if (store_tokens_list(h, &a, u.id, &tokens, &n) == STORE_OK) {
            for (int i = 0; i < n; i++)
                printf("%lld\t%s\t%s\t%s\n", tokens[i].id, tokens[i].created_at,
                       tokens[i].revoked_at ? tokens[i].revoked_at : "active", tokens[i].label ? tokens[i].label : "");
            rc = 0;
        }
    } else if (revoke) {
        char now[21];
        time_now_iso(now);
        db_begin_write(h);
        StoreResult r = store_token_revoke(h, t.id, now);
        if (r == STORE_OK && db_commit(h) == DB_OK) {
            printf("token %lld revoked\n", t.id);
            rc = 0;
        } else {
            db_rollback(h);
            fprintf(stderr, "alliance: no active token %lld\n", t.id);
        }
    }
    arena_free(&a);
    db_thread_close();
    return rc;
}
