/* ical_feed: a personal iCalendar feed (RFC 5545) made with libical, for
 * Outlook, Thunderbird and Google Calendar to subscribe to. Times are in
 * Europe/Paris (a VTIMEZONE with the EU summer-time rule, the rule of
 * domain/paris_time.c) or in UTC. The caller gives stable UIDs. */
#ifndef ALLIANCE_ICAL_FEED_H
#define ALLIANCE_ICAL_FEED_H
#include <stdbool.h>
#include <time.h>

typedef struct {
    const char *uid;          /* stable: "ritual-12@alliance" */
    const char *summary, *description, *location, *url;  /* NULL when none */
    long long sequence;       /* bumped on every change (the object's version - 1) */
    bool paris;               /* start is a Paris local time; else UTC */
    int year, month, day, hour, minute;
    int duration_minutes;
    const char *rrule;        /* NULL: a single event */
    time_t stamp;             /* DTSTAMP / LAST-MODIFIED: the last change */
    time_t created;
    bool cancelled;
} IcalEvent;

/* The whole VCALENDAR text, freed with ical_feed_free; NULL on failure. */
char *ical_feed_build(const char *name, const IcalEvent *events, int n);
void ical_feed_free(char *text);

#endif
