/* store/people_scan: one ordered join of people and their skills (see
 * people_scan.h); one arena per person keeps memory flat however many
 * people there are. */
#include "people_scan.h"

static StoreResult flush(Arena *a, Person *p, int (*fn)(const Person *, void *), void *arg) {
    StoreResult r = p->id && fn(p, arg) ? STORE_ERROR : STORE_OK;
    arena_free(a);
    *p = (Person){0};
    return r;
}

StoreResult store_people_each(Db *db, int (*fn)(const Person *p, void *arg), void *arg) {
    DbStmt *st = db_prepare(db, "SELECT p.id, p.kind, p.first_name, p.last_name, p.location, p.available_from, "
                                "p.daily_rate, s.skill, s.level, s.years FROM people p "
                                "LEFT JOIN person_skills s ON s.person_id = p.id ORDER BY p.id, s.level DESC, s.skill");
    if (!st) return STORE_ERROR;
    Arena a = {0};
    Person p = {0};
    size_t cap = 0;
    StoreResult r = STORE_OK;
    DbStatus s = DB_DONE;
    while (r == STORE_OK && (s = db_step(st)) == DB_ROW) {
        long long id = db_col_int(st, 0);
        if (id != p.id) {
            r = flush(&a, &p, fn, arg);
            cap = 0;
            p = (Person){.id = id, .kind = store_text(&a, st, 1), .first_name = store_text(&a, st, 2),
                         .last_name = store_text(&a, st, 3), .location = store_text(&a, st, 4),
                         .available_from = store_text(&a, st, 5), .daily_rate = store_opt_int(st, 6)};
        }
        if (!db_col_is_null(st, 7)) {
            p.skills = arena_grow(&a, p.skills, (size_t)p.nskills, &cap, sizeof *p.skills);
            p.skills[p.nskills++] = (PersonSkill){store_text(&a, st, 7), (int)db_col_int(st, 8), (int)store_opt_int(st, 9)};
        }
    }
    if (r == STORE_OK && s != DB_DONE) r = STORE_ERROR;
    if (r == STORE_OK) r = flush(&a, &p, fn, arg);
    else arena_free(&a);
    db_reset_all(db);
    return r;
}
