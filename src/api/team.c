/* team: the firm's enabled accounts as everyone may see them (name, role,
 * handle), to choose an incident's owner and participants or a ritual's
 * participants. The full accounts (e-mail, disabled ones) stay with
 * admins (users.c). */
#include "../domain/permissions.h"
#include "../store/users.h"
#include "api.h"

enum { MAX_TEAM = 200 };

void team_list(Request *rq, Response *rs) {
    User *users;
    int n;
    if (store_users_list(rq->db, &rq->arena, 0, MAX_TEAM, &users, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        if (!users[i].disabled && role_in_firm(users[i].role))
            json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s}", "id", users[i].id, "name", users[i].name,
                                                   "role", users[i].role, "handle", users[i].handle));
    reply_json(rs, 200, json_pack("{s:o}", "items", items));
}
