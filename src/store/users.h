/* store/users: accounts. */
#ifndef ALLIANCE_STORE_USERS_H
#define ALLIANCE_STORE_USERS_H
#include "store.h"

/* The columns store_read_user() reads, first in a SELECT, plain or for alias u. */
#define USER_COLS "id, version, email, name, handle, role, disabled, person_id, client_id"
#define USER_COLS_U "u.id, u.version, u.email, u.name, u.handle, u.role, u.disabled, u.person_id, u.client_id"
enum { USER_NCOLS = 9 }; /* the first column after them */
void store_read_user(Arena *a, DbStmt *st, User *u);

StoreResult store_user_get(Db *db, Arena *a, long long id, User *u);
/* Also returns the password hash (arena copy) when hash is not NULL. */
StoreResult store_user_by_email(Db *db, Arena *a, const char *email, User *u, const char **hash);
/* Inserts; u->id receives the new id. CONFLICT when the e-mail or handle is taken. */
StoreResult store_user_insert(Db *db, User *u, const char *password_hash);
StoreResult store_users_list(Db *db, Arena *a, long long before_id, int limit, User **out, int *n);
/* Every enabled account, by name (the firm's people: what "@" completes). */
StoreResult store_users_enabled(Db *db, Arena *a, User **out, int *n);
/* Updates name, role, disabled, person_id, client_id when the version
 * matches; bumps it. CONFLICT when the person has another account. */
StoreResult store_user_update(Db *db, const User *u, long long expected_version);
StoreResult store_user_set_password(Db *db, long long id, const char *password_hash);
/* Whether another account than except_id stands for person_id. */
StoreResult store_user_person_taken(Db *db, long long person_id, long long except_id, bool *taken);
/* The account whose handle is handle (lower case), for "@handle". */
StoreResult store_user_by_handle(Db *db, Arena *a, const char *handle, User *u);
/* A handle "prenom.nom" derived from the name, unique among users. */
const char *store_user_free_handle(Db *db, Arena *a, const char *name);

#endif
