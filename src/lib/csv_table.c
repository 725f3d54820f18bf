/* csv_table: CSV files through libcsv (see csv_table.h). */
#include "csv_table.h"
#include <csv.h>
#include <stdlib.h>
#include <string.h>

char csv_table_detect_sep(const char *buf, size_t len) {
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int semi = 0, comma = 0, tab = 0;
    bool quoted = false;
    for (; i < len; i++) {
        char c = buf[i];
        if (c == '"') quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r')) break;
        else if (!quoted && c == ';') semi++;
        else if (!quoted && c == ',') comma++;
        else if (!quoted && c == '\t') tab++;
    }
    if (semi > comma && semi >= tab) return ';';
    if (tab > comma && tab > semi) return '\t';
    return ',';
}

typedef struct {
    Arena *a;
    CsvTable *t;
    size_t rows_cap, cells_cap;
    int max_rows, max_cells;
    CsvRow row;            /* the row being read */
    CsvTableResult result;
} Reader;

static void on_cell(void *s, size_t len, void *data) {
    Reader *r = data;
    if (r->result != CSV_TABLE_OK) return;
    if (memchr(s, '\0', len)) {
        r->result = CSV_TABLE_MALFORMED;
        return;
    }
    if (r->row.ncells == r->max_cells) {
        r->result = CSV_TABLE_TOO_MANY_CELLS;
        return;
    }
    r->row.cells = arena_grow(r->a, r->row.cells, (size_t)r->row.ncells, &r->cells_cap, sizeof *r->row.cells);
    r->row.cells[r->row.ncells++] = arena_strndup(r->a, s, len);
}

static void on_row(int c, void *data) {
    (void)c;
    Reader *r = data;
    if (r->result != CSV_TABLE_OK) return;
    /* a line holding only separators or spaces is blank too */
    bool blank = true;
    for (int i = 0; i < r->row.ncells && blank; i++) blank = r->row.cells[i][0] == '\0';
    if (!blank) {
        if (r->t->nrows == r->max_rows) {
            r->result = CSV_TABLE_TOO_MANY_ROWS;
            return;
        }
        r->t->rows = arena_grow(r->a, r->t->rows, (size_t)r->t->nrows, &r->rows_cap, sizeof *r->t->rows);
        r->t->rows[r->t->nrows++] = r->row;
    }
    r->row = (CsvRow){NULL, 0};
    r->cells_cap = 0;
}

static int is_space(unsigned char c) { return c == ' '; }

CsvTableResult csv_table_read(Arena *a, const char *buf, size_t len, int max_rows, int max_cells, CsvTable *out) {
    *out = (CsvTable){NULL, 0, ',', false};
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        out->bom = true;
        buf += 3;
        len -= 3;
    }
    out->sep = csv_table_detect_sep(buf, len);
    /* Excel's own hint, a first line "sep=;", names the separator */
    if (len >= 5 && memcmp(buf, "sep=", 4) == 0 && (len == 5 || buf[5] == '\r' || buf[5] == '\n')) {
        out->sep = buf[4];
        size_t skip = 5;
        while (skip < len && (buf[skip] == '\r' || buf[skip] == '\n') && skip < 7) skip++;
        buf += skip;
        len -= skip;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) return CSV_TABLE_MALFORMED;
    csv_set_delim(&p, (unsigned char)out->sep);
    csv_set_space_func(&p, is_space); /* a tab may be the separator */
    Reader r = {a, out, 0, 0, max_rows, max_cells, {NULL, 0}, CSV_TABLE_OK};
    if (csv_parse(&p, buf, len, on_cell, on_row, &r) != len || csv_fini(&p, on_cell, on_row, &r) != 0)
        if (r.result == CSV_TABLE_OK) r.result = CSV_TABLE_MALFORMED;
    csv_free(&p);
    return r.result;
}

static bool needs_quotes(const char *s, char sep) {
    size_t n = strlen(s);
    if (n && (s[0] == ' ' || s[n - 1] == ' ')) return true;
    for (; *s; s++)
        if (*s == sep || *s == '"' || *s == '\n' || *s == '\r' || *s == '\t') return true;
    return false;
}

static bool looks_like_formula(const char *s) {
    if (s[0] == '=' || s[0] == '@') return true;
    return (s[0] == '+' || s[0] == '-') && s[1] && !(s[1] >= '0' && s[1] <= '9') && s[1] != ' ';
}

void csv_table_write_cell(Buf *b, const char *cell, char sep) {
    if (!cell) return;
    Buf tmp = BUF_INIT;
    if (looks_like_formula(cell)) {
        buf_printf(&tmp, "'%s", cell);
        cell = buf_str(&tmp);
    }
    if (!needs_quotes(cell, sep)) {
        buf_puts(b, cell);
    } else {
        size_t n = strlen(cell), room = 2 * n + 3;
        char *q = malloc(room);
        if (q) buf_append(b, q, csv_write2(q, room, cell, n, '"'));
        free(q);
    }
    buf_free(&tmp);
}
