/* members_input: a list of user ids in a request body (participants of an
 * incident or a ritual): positive integers, duplicates dropped, each an
 * enabled account; json for the answer. */
#include "../store/members.h"
#include "api.h"

bool read_member_ids(Request *rq, json_t *arr, const char *field, Members *m, json_t *errs) {
    size_t n = json_array_size(arr);
    m->ids = arena_alloc(&rq->arena, (n + 1) * sizeof *m->ids);
    m->names = NULL;
    m->n = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(arr, i);
        if (!json_is_integer(v) || json_integer_value(v) < 1) {
            errors_add(rq, errs, field, "must_be_id_list");
            return false;
        }
        long long id = json_integer_value(v);
        bool twice = false;
        for (int k = 0; k < m->n; k++) twice |= m->ids[k] == id;
        if (!twice) m->ids[m->n++] = id;
    }
    long long bad = 0;
    StoreResult r = store_users_exist(rq->db, m->ids, m->n, &bad);
    if (r == STORE_NOT_FOUND) errors_add(rq, errs, field, "no_such_user_id", bad);
    return r == STORE_OK;
}

bool members_contain(const Members *m, long long user_id) {
    for (int i = 0; i < m->n; i++)
        if (m->ids[i] == user_id) return true;
    return false;
}

json_t *members_json(const Members *m) {
    json_t *arr = json_array();
    for (int i = 0; i < m->n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:o}", "id", m->ids[i],
                                             "name", json_str_or_null(m->names ? m->names[i] : NULL)));
    return arr;
}

json_t *member_ids_json(const Members *m) {
    json_t *arr = json_array();
    for (int i = 0; i < m->n; i++) json_array_append_new(arr, json_integer(m->ids[i]));
    return arr;
}
