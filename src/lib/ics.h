/* ics: RFC 5545 invitations made with libical. Times are written in UTC
 * (DTSTART:20261203T130000Z), which every calendar reads without a
 * VTIMEZONE. An update keeps the UID and raises SEQUENCE; a cancellation
 * is METHOD:CANCEL with STATUS:CANCELLED. */
#ifndef ALLIANCE_ICS_H
#define ALLIANCE_ICS_H
#include <time.h>

typedef struct {
    const char *uid;
    int sequence;
    const char *method;          /* "REQUEST" or "CANCEL" */
    time_t start, end, stamp;
    const char *summary, *location, *description, *url;   /* UTF-8; NULL skipped */
    const char *organizer;       /* address */
    const char *const *attendees;/* addresses */
    int nattendees;
} IcsEvent;

/* The VCALENDAR text, CRLF lines folded at 75 octets; caller frees. NULL
 * on failure. */
char *ics_build(const IcsEvent *e);

#endif
