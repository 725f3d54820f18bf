/* clients: the firm's clients and their contacts. A client is created
 * once: the same SIRET or the same name (case, accents, punctuation and
 * legal form aside) answers 409 duplicate-client with the existing id. */
#include <stdlib.h>
#include <string.h>
#include "../domain/sales.h"
#include "../store/clients.h"
#include "../store/users.h"
#include "../http/event_log.h"
#include "api.h"

static const FieldSpec CLIENT[] = {
    {"name", F_STRING, true, 0, 200, NULL},
    {"siret", F_STRING, false, 0, 20, NULL},
    {"sector", F_STRING, false, 0, 100, NULL},
    {"address", F_TEXT, false, 0, 500, NULL},
    {"owner_id", F_ID, false, 1, 1LL << 53, NULL},
    {"notes", F_TEXT, false, 0, 10000, NULL},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"owner_name", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static const FieldSpec CONTACT[] = {
    {"name", F_STRING, true, 0, 200, NULL},
    {"role", F_STRING, false, 0, 100, NULL},
    {"email", F_EMAIL, false, 0, 254, NULL},
    {"phone", F_STRING, false, 0, 40, NULL},
    {"consent", F_BOOL, false, 0, 0, NULL, .not_null = true},
    {"id", F_IGNORED, false, 0, 0, NULL},
    {"version", F_IGNORED, false, 0, 0, NULL},
    {"client_id", F_IGNORED, false, 0, 0, NULL},
    {"created_at", F_IGNORED, false, 0, 0, NULL},
    {"updated_at", F_IGNORED, false, 0, 0, NULL},
    {NULL, 0, false, 0, 0, NULL},
};

static json_t *client_json(const Client *c) {
    return json_pack("{s:I, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s}", "id", c->id, "version", c->version,
                     "name", c->name, "siret", json_str_or_null(c->siret), "sector", json_str_or_null(c->sector),
                     "address", json_str_or_null(c->address), "owner_id", json_int_or_null(c->owner_id), "owner_name",
                     json_str_or_null(c->owner_name), "notes", json_str_or_null(c->notes), "created_at", c->created_at,
                     "updated_at", c->updated_at);
}

static json_t *contact_json(const Contact *c) {
    return json_pack("{s:I, s:I, s:I, s:s, s:o, s:o, s:o, s:b, s:s, s:s}", "id", c->id, "version", c->version,
                     "client_id", c->client_id, "name", c->name, "role", json_str_or_null(c->role), "email",
                     json_str_or_null(c->email), "phone", json_str_or_null(c->phone), "consent", c->consent,
                     "created_at", c->created_at, "updated_at", c->updated_at);
}

/* A SIRET is often written in groups ("552 100 554 00011"): spaces go. */
static const char *siret_compact(Request *rq, const char *s) {
    if (!s) return NULL;
    char *out = arena_alloc(&rq->arena, strlen(s) + 1), *w = out;
    for (; *s; s++)
        if (*s != ' ') *w++ = *s;
    *w = '\0';
    return *out ? out : NULL;
}

/* owner_id names an account that may own a client: sales or manager. */
bool check_owner(Request *rq, long long owner_id, json_t *errs) {
    if (owner_id < 1) return true;
    User u;
    if (store_user_get(rq->db, &rq->arena, owner_id, &u) != STORE_OK || u.disabled ||
        (strcmp(u.role, "sales") && strcmp(u.role, "manager"))) {
        errors_add(rq, errs, "owner_id", "owner_not_sales");
        return false;
    }
    return true;
}

/* Overlays j on c; answers 422 (fields) or 409 (duplicate) and returns
 * false when c cannot be written. *key receives the name key. */
static bool read_client(Request *rq, Response *rs, json_t *j, bool partial, Client *c, const char **key) {
    json_t *errs = json_array();
    validate_object(rq, j, CLIENT, partial, errs);
    jset_str(rq, j, "name", &c->name);
    jset_str(rq, j, "siret", &c->siret);
    jset_str(rq, j, "sector", &c->sector);
    jset_str(rq, j, "address", &c->address);
    jset_int(j, "owner_id", &c->owner_id);
    jset_str(rq, j, "notes", &c->notes);
    if (json_is_string(json_object_get(j, "siret"))) {
        c->siret = siret_compact(rq, c->siret);
        if (c->siret) {
            bool digits = strlen(c->siret) == 14 && strspn(c->siret, "0123456789") == 14;
            if (!digits) errors_add(rq, errs, "siret", "siret_format");
            else if (!siret_valid(c->siret)) errors_add(rq, errs, "siret", "siret_checksum");
        }
    }
    if (json_is_integer(json_object_get(j, "owner_id"))) check_owner(rq, c->owner_id, errs);
    if (json_array_size(errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    char *k = client_name_key(c->name);
    *key = arena_strdup(&rq->arena, k ? k : "");
    free(k);
    long long existing;
    StoreResult r = store_client_find_duplicate(rq->db, c->siret, *key, c->id > 0 ? c->id : 0, &existing);
    if (r == STORE_OK) {
        Client other;
        const char *name = store_client_get(rq->db, &rq->arena, existing, &other) == STORE_OK ? other.name : "";
        reply_problem(rq, rs, 409, "duplicate-client", "duplicate_client", name);
        json_object_set_new(rs->json, "existing_id", json_integer(existing));
        return false;
    }
    if (r != STORE_NOT_FOUND) {
        reply_db_error(rq, rs);
        return false;
    }
    return true;
}

void clients_list(Request *rq, Response *rs) {
    int limit;
    long long before;
    if (!req_page(rq, rs, &limit, &before)) return;
    ClientsFilter f = {NULL, -1};
    if (!req_search(rq, rs, "q", 200, &f.q)) return;
    if (!req_filter_id(rq, rs, "owner_id", &f.owner_id)) return;
    Client *clients;
    int n;
    if (store_clients_list(rq->db, &rq->arena, &f, before, limit, &clients, &n) != STORE_OK)
        return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, client_json(&clients[i]));
    reply_json(rs, 200, page_body(items, limit, n ? clients[n - 1].id : 0));
}

void clients_create(Request *rq, Response *rs) {
    Client c = {.owner_id = -1};
    const char *key;
    if (!read_client(rq, rs, rq->json, false, &c, &key)) return;
    StoreResult r = store_client_insert(rq->db, &rq->arena, &c, key);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    store_client_get(rq->db, &rq->arena, c.id, &c); /* for the owner's name */
    event_record(rq, "client.created", "client", c.id, (EventRefs){c.id, -1, -1}, NULL, NULL);
    rs->audit_type = "client";
    rs->audit_id = c.id;
    reply_versioned(rq, rs, c.version, client_json(&c));
    rs->status = 201;
    reply_header(rq, rs, "Location", arena_printf(&rq->arena, "/api/v1/clients/%lld", c.id));
}

void clients_get(Request *rq, Response *rs) {
    Client c;
    StoreResult r = store_client_get(rq->db, &rq->arena, rq->ids[0], &c);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    reply_versioned(rq, rs, c.version, client_json(&c));
}

void clients_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    Client c;
    StoreResult r = store_client_get(rq->db, &rq->arena, rq->ids[0], &c);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (c.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    const char *key;
    if (!read_client(rq, rs, rq->json, true, &c, &key)) return;
    r = store_client_update(rq->db, &rq->arena, &c, key, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    store_client_get(rq->db, &rq->arena, c.id, &c);
    event_record(rq, "client.updated", "client", c.id, (EventRefs){c.id, -1, -1}, NULL, NULL);
    rs->audit_type = "client";
    reply_versioned(rq, rs, c.version, client_json(&c));
}

void contacts_list(Request *rq, Response *rs) {
    Client c;
    StoreResult r = store_client_get(rq->db, &rq->arena, rq->ids[0], &c);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    Contact *contacts;
    int n;
    if (store_contacts_list(rq->db, &rq->arena, c.id, &contacts, &n) != STORE_OK) return reply_db_error(rq, rs);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(items, contact_json(&contacts[i]));
    reply_json(rs, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

static bool read_contact(Request *rq, Response *rs, json_t *j, bool partial, Contact *c) {
    json_t *errs = json_array();
    if (validate_object(rq, j, CONTACT, partial, errs)) {
        reply_invalid(rq, rs, errs);
        return false;
    }
    json_decref(errs);
    jset_str(rq, j, "name", &c->name);
    jset_str(rq, j, "role", &c->role);
    jset_str(rq, j, "email", &c->email);
    jset_str(rq, j, "phone", &c->phone);
    if (jhas(j, "consent")) c->consent = jbool(j, "consent");
    return true;
}

void contacts_create(Request *rq, Response *rs) {
    Client cl;
    StoreResult r = store_client_get(rq->db, &rq->arena, rq->ids[0], &cl);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    Contact c = {.client_id = cl.id};
    if (!read_contact(rq, rs, rq->json, false, &c)) return;
    r = store_contact_insert(rq->db, &rq->arena, &c);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "contact";
    rs->audit_id = c.id;
    reply_versioned(rq, rs, c.version, contact_json(&c));
    rs->status = 201;
}

void contacts_update(Request *rq, Response *rs) {
    long long expected;
    if (!req_if_match(rq, rs, &expected)) return;
    Contact c;
    StoreResult r = store_contact_get(rq->db, &rq->arena, rq->ids[0], &c);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    if (c.version != expected) return reply_store_error(rq, rs, STORE_STALE);
    if (!read_contact(rq, rs, rq->json, true, &c)) return;
    r = store_contact_update(rq->db, &rq->arena, &c, expected);
    if (r != STORE_OK) return reply_store_error(rq, rs, r);
    rs->audit_type = "contact";
    reply_versioned(rq, rs, c.version, contact_json(&c));
}
