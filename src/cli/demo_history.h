/* demo_history: a year of the demo firm's past, written as it would have
 * happened: needs opened and staffed or closed, candidacies moving through
 * the pipeline, deals reviewed then won or lost, surveys answered, each
 * change an event with its past time (store_event_add), so the KPI
 * dashboard shows believable figures. Deterministic (its own seed). */
#ifndef ALLIANCE_DEMO_HISTORY_H
#define ALLIANCE_DEMO_HISTORY_H
#include <stdbool.h>
#include "../lib/arena.h"
#include "../store/db.h"

typedef struct {
    const long long *clients;
    int nclients;
    const long long *people;     /* ids */
    const int *stacks;           /* each person's stack (index in skills) */
    const bool *consultant;      /* each person's kind */
    int npeople;
    const char *const (*skills)[7]; /* per stack, strongest first */
    int nstacks;
    const long long *contacts;   /* contacts who agreed to be asked */
    const long long *contact_clients;
    int ncontacts;
    long long sales, tech, recruiter, manager; /* user ids */
} DemoRefs;

/* The past year: needs now staffed or closed, deals decided, surveys
 * answered. 0 on success, inside the caller's write transaction. */
int demo_history_past(Db *db, Arena *a, const DemoRefs *r);
/* The recent past of the candidacies already on the boards. */
int demo_history_present(Db *db, Arena *a, const DemoRefs *r);

#endif
