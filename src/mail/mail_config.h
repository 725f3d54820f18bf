/* mail_config: where and how mail goes, read once from the environment.
 *   ALLIANCE_SMTP_URL        smtp://host:port or smtps://host:port; unset: mail
 *                            waits in the outbox (nothing is sent)
 *   ALLIANCE_SMTP_TLS        none | try | required: STARTTLS on smtp:// (default
 *                            try; "required" refuses to send in clear)
 *   ALLIANCE_SMTP_USER, ALLIANCE_SMTP_PASSWORD   authentication (or user:password
 *                            in the url)
 *   ALLIANCE_SMTP_CA_FILE    PEM file of the authority that signed the SMTP server's
 *                            certificate (an internal relay); default: the system's
 *   ALLIANCE_MAIL_FROM       "Recrutement <recrutement@example.org>"
 *   ALLIANCE_PUBLIC_URL      the address candidates' links start with
 *                            (default http://127.0.0.1:8080)
 *   ALLIANCE_MAIL_BACKOFF_MS first retry delay, doubled per attempt (30000), capped
 *                            at one hour; ALLIANCE_MAIL_MAX_ATTEMPTS (12)
 *   ALLIANCE_MAIL_LEASE_S    how long a claim holds before another sender may
 *                            take the mail (120; an SMTP transaction is cut at
 *                            60 s, or just under a shorter lease, so a claim never
 *                            outlives its delivery); ALLIANCE_MAIL_POLL_MS (1000)
 *   ALLIANCE_DIGEST_HOUR     UTC hour from which the daily digest goes out (7);
 *                            "off": only `alliance digest` sends it */
#ifndef ALLIANCE_MAIL_CONFIG_H
#define ALLIANCE_MAIL_CONFIG_H

typedef struct {
    const char *smtp_url;      /* NULL: no delivery */
    const char *smtp_user, *smtp_password;
    const char *smtp_ca_file;  /* NULL: the system's authorities */
    int tls;                   /* 0 none, 1 try, 2 required */
    const char *from;
    char from_address[256];
    const char *public_url;    /* without a trailing slash */
    long long backoff_ms;
    int max_attempts, lease_s, poll_ms;
    int digest_hour;           /* -1: no daily digest from serve */
} MailConfig;

/* The configuration (read from the environment on first call). */
const MailConfig *mail_config(void);

#endif
