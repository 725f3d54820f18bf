/* store/agenda: what a ritual's agenda gathers from the data by itself
 * (api/agenda.c); deals waiting for review and incidents come from their
 * own store files. At most 100 rows per section, the most urgent first. */
#ifndef ALLIANCE_STORE_AGENDA_H
#define ALLIANCE_STORE_AGENDA_H
#include "store.h"

typedef struct {
    long long id;               /* the need or the candidacy */
    long long need_id, person_id, client_id;  /* -1 when n/a */
    const char *title;          /* the need's title */
    const char *client_name, *person_name, *stage;  /* NULL when n/a */
    const char *date;           /* need: start date; candidacy: last change (or the need's start for hires) */
} AgendaRow;

/* Open needs with no candidacy at all, oldest first. */
StoreResult store_agenda_needs_without_candidacy(Db *db, Arena *a, AgendaRow **out, int *n);
/* Candidacies still in flight (not hired, rejected or withdrawn) whose
 * last change is before `before`, longest waiting first. */
StoreResult store_agenda_candidacies_waiting(Db *db, Arena *a, const char *before, AgendaRow **out, int *n);
/* Hired candidacies whose need starts between from and to (dates). */
StoreResult store_agenda_new_hires(Db *db, Arena *a, const char *from, const char *to, AgendaRow **out, int *n);

#endif
