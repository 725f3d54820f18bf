/* store/agenda: the queries of a ritual's agenda (see agenda.h). */
#include "agenda.h"

static StoreResult read_rows(Arena *a, DbStmt *st, AgendaRow **out, int *n) {
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    DbStatus s;
    while ((s = db_step(st)) == DB_ROW) {
        *out = arena_grow(a, *out, (size_t)*n, &cap, sizeof **out);
        (*out)[(*n)++] = (AgendaRow){db_col_int(st, 0),    store_opt_int(st, 1), store_opt_int(st, 2),
                                     store_opt_int(st, 3), store_text(a, st, 4), store_text(a, st, 5),
                                     store_text(a, st, 6), store_text(a, st, 7), store_text(a, st, 8)};
    }
    return s == DB_DONE ? STORE_OK : STORE_ERROR;
}

StoreResult store_agenda_needs_without_candidacy(Db *db, Arena *a, AgendaRow **out, int *n) {
    DbStmt *st = db_prepare(db, "SELECT n.id, n.id, NULL, n.client_id, n.title, c.name, NULL, NULL, n.start_date "
                                "FROM needs n LEFT JOIN clients c ON c.id = n.client_id WHERE n.status = 'open' "
                                "AND NOT EXISTS (SELECT 1 FROM candidacies x WHERE x.need_id = n.id) "
                                "ORDER BY n.id LIMIT 100");
    if (!st) return STORE_ERROR;
    return read_rows(a, st, out, n);
}

#define CAND_ROW \
    "SELECT k.id, k.need_id, k.person_id, n.client_id, n.title, c.name, p.first_name || ' ' || p.last_name, " \
    "k.stage, "
#define CAND_FROM \
    " FROM candidacies k JOIN needs n ON n.id = k.need_id JOIN people p ON p.id = k.person_id " \
    "LEFT JOIN clients c ON c.id = n.client_id "

StoreResult store_agenda_candidacies_waiting(Db *db, Arena *a, const char *before, AgendaRow **out, int *n) {
    DbStmt *st = db_prepare(db, CAND_ROW "k.updated_at" CAND_FROM "WHERE k.stage NOT IN ('hired','rejected','withdrawn') "
                                "AND k.updated_at < $1 ORDER BY k.updated_at, k.id LIMIT 100");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, before);
    return read_rows(a, st, out, n);
}

StoreResult store_agenda_new_hires(Db *db, Arena *a, const char *from, const char *to, AgendaRow **out, int *n) {
    DbStmt *st = db_prepare(db, CAND_ROW "n.start_date" CAND_FROM "WHERE k.stage = 'hired' AND n.start_date >= $1 "
                                "AND n.start_date <= $2 ORDER BY n.start_date, k.id LIMIT 100");
    if (!st) return STORE_ERROR;
    db_bind_text(st, 1, from);
    db_bind_text(st, 2, to);
    return read_rows(a, st, out, n);
}
