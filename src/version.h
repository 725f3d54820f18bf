/* version: the release of this build. */
#ifndef ALLIANCE_VERSION
#define ALLIANCE_VERSION "0.1.0"
#endif
