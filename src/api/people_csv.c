/* people_csv: POST /api/v1/import/people.csv and GET /api/v1/export/people.csv.
 *
 * Import: the body is the file (text/csv) or a multipart/form-data upload
 * (the part named "file", else the first file). Headers are matched by
 * name (domain/people_csv.h), unknown columns reported. Every row goes
 * through the validation of POST /api/v1/people (person_read), and the
 * answer lists every problem as {row, field, message}; row counts the lines
 * a spreadsheet shows (the header is row 1). Nothing is written unless every
 * row is valid; with ?dry_run=1 the rows are written, checked for
 * duplicates, reported and rolled back, so a dry run says exactly what the
 * import will do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../domain/people_csv.h"
#include "../domain/visibility.h"
#include "../domain/skills.h"
#include "../http/event_log.h"
#include "../lib/csv_table.h"
#include "../lib/multipart.h"
#include "../lib/text.h"
#include "../store/people.h"
#include "../privacy/intake.h"
#include "api.h"
#include "duplicates.h"

enum { MAX_ROWS = 50000, MAX_CELLS = 64, MAX_REPORTED = 1000, MAX_SKILLS_CELL = 100 };

/* The file in the body, or NULL after answering the error. */
static const char *upload(Request *rq, Response *rs, size_t *len) {
    if (rq->body_too_large) {
        reply_problem(rq, rs, 413, "too-large", "too_large", "max 10 MiB");
        return NULL;
    }
    const char *ct = req_header(rq, "Content-Type");
    const char *boundary = multipart_boundary(&rq->arena, ct);
    const char *data = buf_str(&rq->body);
    *len = rq->body.len;
    if (boundary) {
        MultipartPart parts[MULTIPART_MAX_PARTS];
        int n = multipart_parse(&rq->arena, boundary, data, *len, parts, MULTIPART_MAX_PARTS);
        const MultipartPart *file = n > 0 ? multipart_find(parts, n, "file") : NULL;
        for (int i = 0; !file && i < n; i++)
            if (parts[i].filename) file = &parts[i]; /* else the first file of the form */
        if (!file) {
            reply_problem(rq, rs, 400, "no-file", "csv_no_file", NULL);
            return NULL;
        }
        data = file->data;
        *len = file->len;
    } else if (!ct || !(strncasecmp(ct, "text/csv", 8) == 0 || strncasecmp(ct, "text/plain", 10) == 0 ||
                        strncasecmp(ct, "application/vnd.ms-excel", 24) == 0 ||
                        strncasecmp(ct, "application/octet-stream", 24) == 0)) {
        reply_problem(rq, rs, 415, "unsupported-media-type", "unsupported_media", "text/csv, multipart/form-data");
        return NULL;
    }
    if (!text_valid_utf8(data, *len)) {
        reply_problem(rq, rs, 400, "invalid-utf8", "invalid_utf8", NULL);
        return NULL;
    }
    return data;
}

typedef struct {
    Request *rq;
    json_t *errors;       /* [{row, field, column, message}] */
    int nerrors;          /* all of them, also those past MAX_REPORTED */
    const CsvRow *header; /* the header line as written, once read */
    const int *cols;
} Report;

/* The header cell, as the file writes it, of the column a field comes
 * from ("skills[0].skill" from "Compétences"), or NULL. */
static const char *column_of(const Report *r, const char *field) {
    for (int c = 0; r->header && c < r->header->ncells; c++) {
        if (r->cols[c] < 0) continue;
        const char *name = PEOPLE_CSV_COLUMNS[r->cols[c]];
        size_t n = strlen(name);
        if (strncmp(field, name, n) == 0 && (field[n] == '\0' || field[n] == '[' || field[n] == '.'))
            return r->header->cells[c];
    }
    return NULL;
}

static void report(Report *r, int row, const char *field, const char *message) {
    if (r->nerrors++ >= MAX_REPORTED) return;
    json_t *e = json_pack("{s:i, s:s, s:s}", "row", row, "field", field, "message", message);
    const char *column = row > 1 ? column_of(r, field) : NULL;
    if (column) json_object_set_new(e, "column", json_string(column));
    json_array_append_new(r->errors, e);
}

static void report_key(Report *r, int row, const char *field, const char *key, const char *arg) {
    json_t *tmp = json_array();
    errors_add(r->rq, tmp, field, key, arg);
    report(r, row, field, jstr(json_array_get(tmp, 0), "message"));
    json_decref(tmp);
}

/* The "skills" cell as the JSON array POST /api/v1/people takes. */
static json_t *skills_json(Report *r, int row, const char *cell) {
    SkillCell items[MAX_SKILLS_CELL];
    int n;
    const char *bad;
    SkillsCellResult res = people_csv_skills(cell, items, MAX_SKILLS_CELL, &n, &bad);
    if (res != SKILLS_CELL_OK) {
        const char *key = res == SKILLS_CELL_NO_LEVEL    ? "csv_skill_no_level"
                          : res == SKILLS_CELL_BAD_LEVEL ? "csv_skill_bad_level"
                                                         : "csv_skill_too_many";
        size_t shown = strcspn(bad, " ,;");
        report_key(r, row, "skills", key, arena_strndup(&r->rq->arena, bad, shown > 60 ? 60 : shown));
        return NULL;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s%, s:i}", "skill", items[i].name, items[i].name_len, "level",
                                             items[i].level));
    return arr;
}

/* A whole number cell becomes a JSON integer; anything else stays text, so
 * the shared validation names the problem ("must be a whole number"). */
static json_t *cell_value(int col, const char *cell) {
    if (col == PCOL_DAILY_RATE) {
        char *end;
        long long v = strtoll(cell, &end, 10);
        if (*cell && *end == '\0' && strlen(cell) < 12) return json_integer(v);
    }
    return json_string(cell);
}

/* Row i of the table as a person; false (reported) when invalid. */
static bool read_row(Report *r, const CsvTable *t, const int *cols, int i, Person *p) {
    const CsvRow *row = &t->rows[i];
    int before = r->nerrors;
    json_t *obj = json_object();
    for (int c = 0; c < row->ncells; c++) {
        if (c >= t->rows[0].ncells) {
            if (*row->cells[c]) report_key(r, i + 1, "", "csv_extra_cell", NULL);
            break;
        }
        if (cols[c] < 0 || !*row->cells[c]) continue;
        json_t *v = cols[c] == PCOL_SKILLS ? skills_json(r, i + 1, row->cells[c]) : cell_value(cols[c], row->cells[c]);
        if (v) json_object_set_new(obj, PEOPLE_CSV_COLUMNS[cols[c]], v);
    }
    json_t *errs = json_array();
    *p = (Person){.daily_rate = -1};
    person_read(r->rq, obj, false, p, errs);
    size_t k;
    json_t *e;
    json_array_foreach(errs, k, e) report(r, i + 1, jstr(e, "field"), jstr(e, "message"));
    json_decref(errs);
    json_decref(obj);
    return r->nerrors == before;
}

/* Maps header cells to columns; false (reported) when a needed one is missing or twice. */
static bool read_header(Report *r, const CsvRow *h, int *cols, json_t *unknown) {
    bool seen[PCOL_COUNT] = {false}, ok = true;
    for (int c = 0; c < h->ncells; c++) {
        cols[c] = people_csv_column(h->cells[c]);
        if (cols[c] < 0) {
            if (*h->cells[c]) json_array_append_new(unknown, json_string(h->cells[c]));
            continue;
        }
        if (seen[cols[c]]) {
            report_key(r, 1, PEOPLE_CSV_COLUMNS[cols[c]], "csv_column_twice", NULL);
            ok = false;
        }
        seen[cols[c]] = true;
    }
    for (int c = PCOL_KIND; c <= PCOL_LAST_NAME; c++)
        if (!seen[c]) {
            report_key(r, 1, PEOPLE_CSV_COLUMNS[c], "csv_column_missing", NULL);
            ok = false;
        }
    return ok;
}

void record_imported(Request *rq, const Person *p, const char *source) {
    event_record(rq, "person.created", "person", p->id, (EventRefs){-1, -1, p->id}, NULL,
                 json_pack("{s:s, s:s}", "kind", p->kind, "source", source));
}

/* Answers a dry run's report and undoes whatever it wrote: the dispatcher
 * then finds no transaction left, so nothing is committed or audited. */
static void reply_dry_run(Request *rq, Response *rs, json_t *body) {
    db_reset_all(rq->db);
    db_rollback(rq->db);
    reply_json(rs, 200, body);
}

void import_people_csv(Request *rq, Response *rs) {
    const char *dry = req_query(rq, "dry_run");
    bool dry_run = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0);
    if (dry && !dry_run && strcmp(dry, "0") != 0 && strcmp(dry, "false") != 0)
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "dry_run: 1 | 0");
    size_t len;
    const char *data = upload(rq, rs, &len);
    if (!data) return;
    CsvTable t;
    switch (csv_table_read(&rq->arena, data, len, MAX_ROWS + 1, MAX_CELLS, &t)) {
    case CSV_TABLE_OK: break;
    case CSV_TABLE_MALFORMED: return reply_problem(rq, rs, 400, "malformed-csv", "csv_malformed", NULL);
    case CSV_TABLE_TOO_MANY_ROWS: return reply_problem(rq, rs, 413, "too-many-rows", "csv_too_many_rows", "50000");
    case CSV_TABLE_TOO_MANY_CELLS: return reply_problem(rq, rs, 400, "too-many-columns", "csv_too_many_columns", "64");
    }
    if (t.nrows == 0) return reply_problem(rq, rs, 400, "empty-csv", "csv_empty", NULL);
    Report r = {rq, json_array(), 0, NULL, NULL};
    json_t *unknown = json_array();
    int *cols = arena_alloc(&rq->arena, (size_t)t.rows[0].ncells * sizeof *cols);
    Person *people = arena_alloc(&rq->arena, (size_t)t.nrows * sizeof *people);
    bool header_ok = read_header(&r, &t.rows[0], cols, unknown);
    for (int c = 0; c < t.rows[0].ncells; c++) /* money a role may not see, it may not write (visibility.h) */
        if (cols[c] >= 0 && !visibility_field(rq->user.role, PEOPLE_CSV_COLUMNS[cols[c]])) {
            json_decref(r.errors);
            json_decref(unknown);
            return reply_problem(rq, rs, 403, "forbidden-field", "forbidden", PEOPLE_CSV_COLUMNS[cols[c]]);
        }
    r.header = &t.rows[0];
    r.cols = cols;
    if (header_ok)
        for (int i = 1; i < t.nrows; i++) read_row(&r, &t, cols, i, &people[i]);
    char sep[3] = {t.sep == '\t' ? '\\' : t.sep, t.sep == '\t' ? 't' : '\0', '\0'};
    json_t *body = json_pack("{s:b, s:i, s:s, s:b, s:o}", "dry_run", dry_run, "rows", t.nrows - 1, "separator", sep,
                             "bom", t.bom, "unknown_columns", unknown);
    if (r.nerrors) {
        json_object_set_new(body, "valid", json_false());
        json_object_set_new(body, "error_count", json_integer(r.nerrors));
        json_object_set_new(body, "errors", r.errors);
        json_object_set_new(body, "imported", json_integer(0));
        if (dry_run) return reply_dry_run(rq, rs, body);
        reply_problem(rq, rs, 422, "csv-rows-invalid", "csv_rows_invalid", NULL);
        json_object_update(rs->json, body); /* the report beside the problem's fields */
        json_decref(body);
        return;
    }
    json_decref(r.errors);
    json_t *dups = json_array(), *ids = json_array();
    for (int i = 1; i < t.nrows; i++) {
        DuplicateHit *hits;
        int nhits;
        StoreResult sr = store_person_insert(rq->db, &rq->arena, &people[i]);
        if (sr == STORE_OK) sr = privacy_intake(rq->db, &rq->arena, &people[i], "import", -1, rq->user.id, false);
        if (sr == STORE_OK) sr = duplicates_check(rq->db, &rq->arena, &people[i], &hits, &nhits);
        if (sr != STORE_OK) {
            json_decref(body);
            json_decref(dups);
            json_decref(ids);
            return reply_store_error(rq, rs, sr);
        }
        json_array_append_new(ids, json_integer(people[i].id));
        if (!dry_run) record_imported(rq, &people[i], "csv");
        for (int k = 0; k < nhits; k++) {
            /* a person of this file is named by its row: its id exists only after the import */
            int of_row = 0;
            for (int j = 1; j < i && !of_row; j++)
                if (people[j].id == hits[k].other_id) of_row = j + 1;
            json_t *d = json_pack("{s:i, s:o}", "row", i + 1, "reasons", duplicate_reasons_json(hits[k].reasons));
            if (of_row) json_object_set_new(d, "duplicate_of_row", json_integer(of_row));
            else json_object_set_new(d, "duplicate_of", json_integer(hits[k].other_id));
            json_array_append_new(dups, d);
        }
    }
    json_object_set_new(body, "valid", json_true());
    json_object_set_new(body, "error_count", json_integer(0));
    json_object_set_new(body, "errors", json_array());
    json_object_set_new(body, "duplicates", dups);
    json_object_set_new(body, "imported", json_integer(dry_run ? 0 : t.nrows - 1));
    if (dry_run) {
        json_decref(ids);
        return reply_dry_run(rq, rs, body);
    }
    json_object_set_new(body, "ids", ids);
    if (t.nrows > 1) /* the import as one change too, beside each person created */
        event_record(rq, "people.imported", "person", people[1].id, event_refs_none(), NULL,
                     json_pack("{s:s, s:i, s:I, s:I}", "source", "csv", "count", t.nrows - 1, "first_id", people[1].id,
                               "last_id", people[t.nrows - 1].id));
    rs->audit_type = "people_import";
    rs->audit_id = t.nrows > 1 ? people[1].id : -1;
    reply_json(rs, 200, body);
}

/* Arena copy of a buffer's text, which the response sends without copying. */
static void reply_text(Request *rq, Response *rs, Buf *b, const char *type, const char *filename) {
    char *copy = arena_alloc(&rq->arena, b->len + 1);
    if (!copy) {
        buf_free(b);
        return reply_db_error(rq, rs);
    }
    memcpy(copy, buf_str(b), b->len);
    size_t len = b->len;
    buf_free(b);
    reply_download(rq, rs, copy, len, type, filename, NULL);
}

/* The skills cell: "java:4 kubernetes:3", the way the import reads it. */
static void skills_cell(Buf *b, const Person *p, char sep) {
    Buf cell = BUF_INIT;
    for (int i = 0; i < p->nskills; i++) buf_printf(&cell, "%s%s:%d", i ? " " : "", p->skills[i].skill, p->skills[i].level);
    csv_table_write_cell(b, buf_str(&cell), sep);
    buf_free(&cell);
}

void export_people_csv(Request *rq, Response *rs) {
    const char *sep_q = req_query(rq, "sep"), *bom_q = req_query(rq, "bom"), *kind = req_query(rq, "kind");
    char sep = !sep_q || strcmp(sep_q, ";") == 0 || strcmp(sep_q, "semicolon") == 0 ? ';'
               : strcmp(sep_q, ",") == 0 || strcmp(sep_q, "comma") == 0         ? ','
                                                                                 : 0;
    if (!sep) return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "sep: ; | ,");
    if (bom_q && strcmp(bom_q, "0") != 0 && strcmp(bom_q, "1") != 0)
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "bom: 1 | 0");
    if (kind && strcmp(kind, "candidate") != 0 && strcmp(kind, "consultant") != 0)
        return reply_problem(rq, rs, 400, "bad-filter", "bad_request", "kind: candidate | consultant");
    Buf b = BUF_INIT;
    /* French Excel reads UTF-8 only after a byte order mark */
    if (!bom_q || strcmp(bom_q, "1") == 0) buf_puts(&b, "\xEF\xBB\xBF");
    /* the columns the caller may see: no daily_rate without the right to see money (visibility.h) */
    bool shown[PCOL_COUNT];
    for (int c = 0, first = 1; c < PCOL_COUNT; c++) {
        shown[c] = visibility_field(rq->user.role, PEOPLE_CSV_COLUMNS[c]);
        if (!shown[c]) continue;
        buf_printf(&b, "%s%s", first ? "" : (char[]){sep, 0}, PEOPLE_CSV_COLUMNS[c]);
        first = 0;
    }
    buf_puts(&b, "\r\n");
    PeopleFilter f = {kind, NULL, NULL, 0};
    long long before = 0;
    for (;;) {
        Person *people;
        int n;
        Arena page = {0}; /* one page at a time: the request's arena keeps only the text */
        if (store_people_list(rq->db, &page, &f, before, 200, &people, &n) != STORE_OK) {
            arena_free(&page);
            buf_free(&b);
            return reply_db_error(rq, rs);
        }
        for (int i = 0; i < n; i++) {
            const Person *p = &people[i];
            char rate[24] = "";
            if (p->daily_rate >= 0) snprintf(rate, sizeof rate, "%lld", p->daily_rate);
            const char *cells[] = {p->kind, p->first_name, p->last_name, p->email, p->phone, p->location,
                                   p->available_from, rate};
            for (int c = 0; c < PCOL_SKILLS; c++) {
                if (!shown[c]) continue;
                csv_table_write_cell(&b, cells[c], sep);
                buf_append(&b, &sep, 1);
            }
            skills_cell(&b, p, sep); /* the last column, always shown */
            buf_puts(&b, "\r\n");
        }
        before = n ? people[n - 1].id : 0;
        arena_free(&page);
        if (n < 200) break;
    }
    reply_text(rq, rs, &b, "text/csv; charset=utf-8", "personnes.csv");
}
