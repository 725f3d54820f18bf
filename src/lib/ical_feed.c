/* ical_feed: the calendar feed with libical (see ical_feed.h). */
#include "ical_feed.h"
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

/* Europe/Paris since 1996: the EU rule (last Sunday of March 02:00 local
 * to the last Sunday of October 03:00 local), as in domain/paris_time.c. */
static const char PARIS_VTIMEZONE[] =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Paris\r\n"
    "X-LIC-LOCATION:Europe/Paris\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

static icalproperty *x_prop(const char *name, const char *value) {
    icalproperty *p = icalproperty_new_x(value);
    icalproperty_set_x_name(p, name);
    return p;
}

static struct icaltimetype utc_time(time_t t) { return icaltime_from_timet_with_zone(t, 0, icaltimezone_get_utc_timezone()); }

static icalcomponent *event_component(const IcalEvent *e) {
    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(e->stamp)));
    icalcomponent_add_property(ev, icalproperty_new_created(utc_time(e->created)));
    icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(e->stamp)));
    icalcomponent_add_property(ev, icalproperty_new_sequence((int)e->sequence));
    struct icaltimetype start = icaltime_null_time();
    start.year = e->year;
    start.month = e->month;
    start.day = e->day;
    start.hour = e->hour;
    start.minute = e->minute;
    start.is_date = 0;
    icalproperty *dtstart;
    if (e->paris) {
        dtstart = icalproperty_new_dtstart(start); /* a local time with its TZID */
        icalproperty_add_parameter(dtstart, icalparameter_new_tzid("Europe/Paris"));
    } else {
        start.zone = icaltimezone_get_utc_timezone();
        dtstart = icalproperty_new_dtstart(start);
    }
    icalcomponent_add_property(ev, dtstart);
    icalcomponent_add_property(ev, icalproperty_new_duration(icaldurationtype_from_int(e->duration_minutes * 60)));
    if (e->rrule) icalcomponent_add_property(ev, icalproperty_new_rrule(icalrecurrencetype_from_string(e->rrule)));
    icalcomponent_add_property(ev, icalproperty_new_summary(e->summary ? e->summary : ""));
    if (e->description && *e->description) icalcomponent_add_property(ev, icalproperty_new_description(e->description));
    if (e->location && *e->location) icalcomponent_add_property(ev, icalproperty_new_location(e->location));
    if (e->url) icalcomponent_add_property(ev, icalproperty_new_url(e->url));
    icalcomponent_add_property(ev, icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
    return ev;
}

char *ical_feed_build(const char *name, const IcalEvent *events, int n) {
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    if (!cal) return NULL;
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//Alliance//Calendrier//FR"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalcomponent_add_property(cal, x_prop("X-WR-CALNAME", name));
    icalcomponent_add_property(cal, x_prop("X-WR-TIMEZONE", "Europe/Paris"));
    icalcomponent *tz = icalparser_parse_string(PARIS_VTIMEZONE);
    if (!tz) {
        icalcomponent_free(cal);
        return NULL;
    }
    icalcomponent_add_component(cal, tz);
    for (int i = 0; i < n; i++) icalcomponent_add_component(cal, event_component(&events[i]));
    char *text = icalcomponent_as_ical_string_r(cal); /* the caller's copy */
    icalcomponent_free(cal);
    return text;
}

void ical_feed_free(char *text) { icalmemory_free_buffer(text); }
