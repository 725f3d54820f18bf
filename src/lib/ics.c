/* ics: iCalendar invitations (see ics.h). */
#include "ics.h"
#include <libical/ical.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static icaltimetype utc(time_t t) { return icaltime_from_timet_with_zone(t, 0, icaltimezone_get_utc_timezone()); }

static void add_text(icalcomponent *ev, icalproperty *(*make)(const char *), const char *v) {
    if (v && *v) icalcomponent_add_property(ev, make(v));
}

char *ics_build(const IcsEvent *e) {
    bool cancel = strcmp(e->method, "CANCEL") == 0;
    icalcomponent *cal = icalcomponent_vanew(
        ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"), icalproperty_new_prodid("-//Alliance//Interviews//FR"),
        icalproperty_new_method(cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST), (void *)0);
    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
    icalcomponent_add_property(ev, icalproperty_new_sequence(e->sequence));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc(e->stamp)));
    icalcomponent_add_property(ev, icalproperty_new_dtstart(utc(e->start)));
    icalcomponent_add_property(ev, icalproperty_new_dtend(utc(e->end)));
    icalcomponent_add_property(ev, icalproperty_new_status(cancel ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    add_text(ev, icalproperty_new_summary, e->summary);
    add_text(ev, icalproperty_new_location, e->location);
    add_text(ev, icalproperty_new_description, e->description);
    add_text(ev, icalproperty_new_url, e->url);
    char who[320];
    if (e->organizer) {
        snprintf(who, sizeof who, "mailto:%s", e->organizer);
        icalcomponent_add_property(ev, icalproperty_new_organizer(who));
    }
    for (int i = 0; i < e->nattendees; i++) {
        snprintf(who, sizeof who, "mailto:%s", e->attendees[i]);
        icalproperty *a = icalproperty_new_attendee(who);
        icalproperty_add_parameter(a, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
        icalproperty_add_parameter(a, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
        icalproperty_add_parameter(a, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
        icalcomponent_add_property(ev, a);
    }
    icalcomponent_add_component(cal, ev);
    char *text = icalcomponent_as_ical_string_r(cal); /* malloc'd by libical */
    icalcomponent_free(cal);
    return text;
}
