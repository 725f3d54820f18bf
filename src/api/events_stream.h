/* events_stream: the live stream GET /api/v1/events (events_stream.c). */
#ifndef ALLIANCE_EVENTS_STREAM_H
#define ALLIANCE_EVENTS_STREAM_H

/* Subscribes the stream to the event log; before follower_start. */
void events_stream_init(void);

#endif
