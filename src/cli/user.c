/* user: add an account from the command line (password on stdin, so it
 * stays out of the shell history and the process list). */
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "../domain/password.h"
#include "../domain/permissions.h"
#include "../lib/arena.h"
#include "../lib/i18n.h"
#include "../lib/secret.h"
#include "../lib/text.h"
#include "../store/password_resets.h"
#include "../store/users.h"
#include "cli.h"


/* A positive id from an option, or -1 (then *ok is false). */
static long long id_arg(const char *s, bool *ok) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < 1) *ok = false;
    return v < 1 ? -1 : v;
}

static int user_add(int argc, char **argv) {
    const char *email = NULL, *role = NULL, *name = NULL, *db = NULL;
    long long client_id = -1, person_id = -1; /* row-level access: domain/visibility.h */
    bool ids_ok = true;
    static const struct option opts[] = {{"email", required_argument, NULL, 'e'}, {"role", required_argument, NULL, 'r'},
                                         {"name", required_argument, NULL, 'n'},  {"db", required_argument, NULL, 'd'},
                                         {"client", required_argument, NULL, 'c'}, {"person", required_argument, NULL, 'p'},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'e': email = optarg; break;
        case 'r': role = optarg; break;
        case 'n': name = optarg; break;
        case 'd': db = optarg; break;
        case 'c': client_id = id_arg(optarg, &ids_ok); break;
        case 'p': person_id = id_arg(optarg, &ids_ok); break;
        default: cli_usage(stderr); return 2;
        }
    }
    if (optind != argc || !email || !role || !name || !strchr(email, '@') || !*name) {
        cli_usage(stderr);
        return 2;
    }
    if (!role_valid(role)) {
        fprintf(stderr, "alliance: unknown role '%s'\n", role);
        cli_usage(stderr);
        return 2;
    }
    /* a client contact's account belongs to a client, and only theirs does */
    if (!ids_ok || (strcmp(role, "client") == 0) != (client_id > 0) || (client_id > 0 && person_id > 0)) {
        fprintf(stderr, "alliance: --client ID is required for the role client, and only for it\n");
        return 2;
    }
    char password[1026];
    if (!fgets(password, sizeof password, stdin)) {
        fprintf(stderr, "alliance: no password on stdin\n");
        return 1;
    }
    password[strcspn(password, "\r\n")] = '\0';
    Db *h = cli_open(db); /* loads the list of common passwords too */
    if (!h) return 1;
    const char *weak = password_problem(password);
    if (weak) {
        fprintf(stderr, "alliance: the password ");
        fprintf(stderr, i18n(LANG_EN, weak), PASSWORD_MIN);
        fprintf(stderr, "\n");
        return 1;
    }
    char hash[128];
    if (secret_password_hash(password, hash)) return 1;
    Arena a = {0};
    User u = {.email = text_ascii_lower(arena_strdup(&a, email)), .name = name, .role = role, .person_id = person_id,
              .client_id = client_id};
    db_begin_write(h);
    u.handle = store_user_free_handle(h, &a, name);
    StoreResult r = store_user_insert(h, &u, hash);
    if (r == STORE_OK && db_commit(h) == DB_OK) {
        printf("user %lld added: %s (%s, @%s)\n", u.id, email, role, u.handle);
    } else {
        db_rollback(h);
        fprintf(stderr, "alliance: %s\n", r == STORE_CONFLICT ? "this e-mail is already used" : "cannot add the user");
    }
    arena_free(&a);
    db_thread_close();
    return r == STORE_OK ? 0 : 1;
}

/* A reset link for an account, printed for an admin to hand over (when the
 * person cannot receive the e-mail); the same kind of link the e-mail has. */
static int user_reset_link(int argc, char **argv) {
    const char *email = NULL, *db = NULL, *base = "http://127.0.0.1:8080";
    static const struct option opts[] = {{"email", required_argument, NULL, 'e'}, {"base", required_argument, NULL, 'b'},
                                         {"db", required_argument, NULL, 'd'},    {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'e') email = optarg;
        else if (c == 'b') base = optarg;
        else if (c == 'd') db = optarg;
        else {
            cli_usage(stderr);
            return 2;
        }
    }
    if (optind != argc || !email || !strchr(email, '@')) {
        cli_usage(stderr);
        return 2;
    }
    Db *h = cli_open(db);
    if (!h) return 1;
    Arena a = {0};
    User u;
    char token[SECRET_TOKEN_LEN];
    int rc = 1;
    StoreResult r = store_user_by_email(h, &a, text_ascii_lower(arena_strdup(&a, email)), &u, NULL);
    if (r == STORE_NOT_FOUND || (r == STORE_OK && u.disabled)) {
        fprintf(stderr, "alliance: no active account for %s\n", email);
    } else if (r != STORE_OK || db_begin_write(h) != DB_OK || store_reset_issue(h, u.id, token) != STORE_OK ||
               db_commit(h) != DB_OK) {
        db_rollback(h);
        fprintf(stderr, "alliance: cannot make the link: %s\n", db_errmsg(h));
    } else {
        printf("%s/#/reset/%s\n", base, token);
        fprintf(stderr, "alliance: valid %d minutes, once; an earlier link of %s stops working\n", RESET_MINUTES, email);
        rc = 0;
    }
    arena_free(&a);
    db_thread_close();
    return rc;
}

int cli_user(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "add") == 0) return user_add(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "reset-link") == 0) return user_reset_link(argc - 1, argv + 1);
    cli_usage(stderr);
    return 2;
}
