/* csv_table: a whole CSV file read into rows of cells with libcsv (RFC 4180
 * quoting, embedded newlines and quotes), and cells written back out.
 * Pure functions over a buffer (no I/O), so they can be fuzzed as they are.
 *
 * Reading accepts what spreadsheets write: a UTF-8 byte order mark or none,
 * ';' (French Excel), ',' or tab separators, detected from the header line
 * (the one of the three that occurs most there outside quotes; ',' when none),
 * CRLF or LF line ends, and Excel's first line "sep=;" when present.
 * Blank lines are skipped. */
#ifndef ALLIANCE_CSV_TABLE_H
#define ALLIANCE_CSV_TABLE_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "buf.h"

typedef struct {
    char **cells;   /* NUL-terminated copies in the arena */
    int ncells;
} CsvRow;

typedef struct {
    CsvRow *rows;   /* rows[0] is the header when the file has one */
    int nrows;
    char sep;
    bool bom;       /* the file began with a UTF-8 byte order mark */
} CsvTable;

typedef enum { CSV_TABLE_OK = 0, CSV_TABLE_MALFORMED, CSV_TABLE_TOO_MANY_ROWS, CSV_TABLE_TOO_MANY_CELLS } CsvTableResult;

/* Reads buf (len bytes, need not be NUL-terminated) into out, every string
 * from a. At most max_rows rows and max_cells cells per row. A cell holding
 * a NUL byte or a quote left open is MALFORMED. */
CsvTableResult csv_table_read(Arena *a, const char *buf, size_t len, int max_rows, int max_cells, CsvTable *out);
/* The separator the header line of buf uses (after any BOM). */
char csv_table_detect_sep(const char *buf, size_t len);
/* Appends one cell to b, quoted when it holds sep, a quote, a line break or
 * surrounding spaces; a cell a spreadsheet would run as a formula (=, @, or
 * + and - not followed by a digit or space) is written with a leading '. */
void csv_table_write_cell(Buf *b, const char *cell, char sep);

#endif
