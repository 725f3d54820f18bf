/* clients: the firm's clients (name only for now). */
#include "../store/clients.h"
#include "api.h"

static const FieldSpec CLIENT[] = {
    {"name", F_STRING, true, 0, 200, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *client_json(const Client *c) {
    return json_pack("{s:I, s:I, s:s}", "id", c->id, "version", c->version, "name", c->name);
}

void clients_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    Client *clients;
    int n;
    if (store_clients_list(rq->db, &rq->arena, before, limit, &clients, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, client_json(&clients[i]));
    reply_json(rs, 200, page_body(items, limit, n ? clients[n - 1].id : 0));
}

void clients_create(Request *rq, Response *rs) {
    json_t *errs = json_array();
    if (validate_object(rq, rq->json, CLIENT, false, errs)) return reply_invalid(rq, rs, errs);
    json_decref(errs);
    Client c = {.name = jstr(rq->json, "name")};
    StoreResult r = store_client_insert(rq->db, &c);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "client";
    rs->audit_id = c.id;
    reply_versioned(rq, rs, c.version, client_json(&c));
    rs->status = 201;
}

void clients_get(Request *rq, Response *rs) {
    Client c;
    StoreResult r = store_client_get(rq->db, &rq->arena, rq->ids[0], &c);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_versioned(rq, rs, c.version, client_json(&c));
}
