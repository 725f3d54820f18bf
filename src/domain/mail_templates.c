/* mail_templates: default texts, placeholder checks and rendering (see .h). */
#include "mail_templates.h"
#include <stdlib.h>
#include <string.h>
#include "../lib/buf.h"

const char *const MAIL_PLACEHOLDERS[] = {"first_name", "last_name", "need_title", "status_link", "stage",
                                         "candidate_message", "interview_start", "interview_duration",
                                         "interview_place", "interview_video", "privacy_link", "retention_end", NULL};

#define SIGN_FR "\n\nBien cordialement,\nL'équipe recrutement\n"
#define SIGN_EN "\n\nKind regards,\nThe recruitment team\n"
#define LINK_FR "\n\nVous pouvez suivre votre candidature à tout moment : {{status_link}}"
#define LINK_EN "\n\nYou can follow your application at any time: {{status_link}}"
#define STAGE(kind, sfr, bfr, sen, ben) \
    {kind, sfr, "Bonjour {{first_name}},\n\n" bfr LINK_FR SIGN_FR, sen, "Hello {{first_name}},\n\n" ben LINK_EN SIGN_EN}

const MailTemplate MAIL_TEMPLATE_DEFAULTS[] = {
    STAGE("application_received", "Nous avons bien reçu votre candidature : {{need_title}}",
          "Merci pour votre candidature au poste « {{need_title}} ». Nous l'avons bien reçue et nous vous "
          "répondrons dans les prochains jours ouvrés, quelle que soit notre décision.",
          "We have received your application: {{need_title}}",
          "Thank you for applying for \"{{need_title}}\". We have received your application and will answer "
          "within a few working days, whatever our decision."),
    STAGE("stage_sourced", "Votre candidature : {{need_title}}",
          "Votre candidature au poste « {{need_title}} » est à l'étude.",
          "Your application: {{need_title}}",
          "Your application for \"{{need_title}}\" is being reviewed."),
    STAGE("stage_contacted", "Votre candidature : {{need_title}}",
          "Votre profil a retenu notre attention pour le poste « {{need_title}} ». Un membre de l'équipe va "
          "prendre contact avec vous.",
          "Your application: {{need_title}}",
          "Your profile caught our attention for \"{{need_title}}\". A member of the team will get in touch "
          "with you."),
    STAGE("stage_interview", "Entretien pour le poste : {{need_title}}",
          "Nous souhaitons vous rencontrer pour le poste « {{need_title}} ». Vous recevrez une invitation avec "
          "la date et le lieu de l'entretien.",
          "Interview for: {{need_title}}",
          "We would like to meet you for \"{{need_title}}\". You will receive an invitation with the date and "
          "place of the interview."),
    STAGE("stage_client_interview", "Rencontre avec notre client : {{need_title}}",
          "Bonne nouvelle : votre candidature au poste « {{need_title}} » passe à l'étape de l'entretien avec "
          "notre client.",
          "Meeting our client: {{need_title}}",
          "Good news: your application for \"{{need_title}}\" moves on to an interview with our client."),
    STAGE("stage_offer", "Une proposition pour vous : {{need_title}}",
          "Nous avons le plaisir de vous faire une proposition pour le poste « {{need_title}} ». Nous "
          "revenons vers vous très vite avec les détails.",
          "An offer for you: {{need_title}}",
          "We are pleased to make you an offer for \"{{need_title}}\". We will be back to you very soon with "
          "the details."),
    STAGE("stage_hired", "Bienvenue : {{need_title}}",
          "Toutes nos félicitations : votre arrivée sur le poste « {{need_title}} » est confirmée. Bienvenue !",
          "Welcome: {{need_title}}",
          "Congratulations: your start on \"{{need_title}}\" is confirmed. Welcome!"),
    STAGE("stage_rejected", "Votre candidature : {{need_title}}",
          "Merci pour le temps que vous nous avez consacré pour le poste « {{need_title}} ». Après réflexion, "
          "nous ne donnerons pas suite à votre candidature pour ce poste.\n\n{{candidate_message}}\n\n"
          "Cette décision ne remet pas en cause vos qualités ; nous serions heureux de vous recontacter si un "
          "autre poste correspond à votre profil.",
          "Your application: {{need_title}}",
          "Thank you for the time you gave us for \"{{need_title}}\". After careful thought, we will not take "
          "your application for this position further.\n\n{{candidate_message}}\n\nThis decision says nothing "
          "against your qualities; we would be glad to contact you again if another position fits your profile."),
    STAGE("stage_withdrawn", "Votre retrait : {{need_title}}",
          "Nous avons bien noté le retrait de votre candidature au poste « {{need_title}} ». Merci de nous "
          "avoir tenus informés, et à bientôt peut-être.",
          "Your withdrawal: {{need_title}}",
          "We have noted that you withdrew your application for \"{{need_title}}\". Thank you for letting us "
          "know, and perhaps see you soon."),
    STAGE("interview_invitation", "Invitation à un entretien : {{need_title}}",
          "Nous vous invitons à un entretien pour le poste « {{need_title}} ».\n\nDate : {{interview_start}} "
          "({{interview_duration}} minutes)\nLieu : {{interview_place}}\nVisioconférence : {{interview_video}}"
          "\n\nL'invitation jointe s'ajoute à votre agenda.",
          "Interview invitation: {{need_title}}",
          "We invite you to an interview for \"{{need_title}}\".\n\nDate: {{interview_start}} "
          "({{interview_duration}} minutes)\nPlace: {{interview_place}}\nVideo: {{interview_video}}\n\n"
          "The attached invitation adds it to your calendar."),
    STAGE("interview_updated", "Entretien déplacé : {{need_title}}",
          "Votre entretien pour le poste « {{need_title}} » a changé.\n\nNouvelle date : {{interview_start}} "
          "({{interview_duration}} minutes)\nLieu : {{interview_place}}\nVisioconférence : {{interview_video}}",
          "Interview moved: {{need_title}}",
          "Your interview for \"{{need_title}}\" has changed.\n\nNew date: {{interview_start}} "
          "({{interview_duration}} minutes)\nPlace: {{interview_place}}\nVideo: {{interview_video}}"),
    STAGE("interview_cancelled", "Entretien annulé : {{need_title}}",
          "L'entretien prévu le {{interview_start}} pour le poste « {{need_title}} » est annulé. Nous revenons "
          "vers vous rapidement.",
          "Interview cancelled: {{need_title}}",
          "The interview planned on {{interview_start}} for \"{{need_title}}\" is cancelled. We will be back "
          "to you shortly."),
    /* privacy: the warning before a person's data is erased (privacy/notice.c) */
    {"retention_notice", "Vos données chez nous : souhaitez-vous que nous les gardions ?",
     "Bonjour {{first_name}},\n\nNous conservons les informations que vous nous avez confiées : votre profil, votre "
     "CV et vos candidatures. Sans nouvelle de votre part, elles seront effacées le {{retention_end}}, comme le "
     "prévoit notre politique de conservation des données.\n\nSi vous souhaitez que nous gardions votre profil pour "
     "de prochaines offres, dites-le nous ici (vous pourrez changer d'avis à tout moment) : {{privacy_link}}\n\n"
     "Si vous ne faites rien, vos données seront effacées à cette date." SIGN_FR,
     "Your data with us: would you like us to keep it?",
     "Hello {{first_name}},\n\nWe keep the information you gave us: your profile, your CV and your applications. "
     "Unless we hear from you, it will be erased on {{retention_end}}, as our data retention policy says.\n\nIf you "
     "would like us to keep your profile for future openings, tell us here (you can change your mind at any time): "
     "{{privacy_link}}\n\nIf you do nothing, your data will be erased on that date." SIGN_EN},
    {NULL, NULL, NULL, NULL, NULL},
};

const MailTemplate *mail_template_default(const char *kind) {
    for (int i = 0; kind && MAIL_TEMPLATE_DEFAULTS[i].kind; i++)
        if (strcmp(MAIL_TEMPLATE_DEFAULTS[i].kind, kind) == 0) return &MAIL_TEMPLATE_DEFAULTS[i];
    return NULL;
}

const char *mail_kind_for_stage(const char *stage) {
    for (int i = 0; MAIL_TEMPLATE_DEFAULTS[i].kind; i++) {
        const char *k = MAIL_TEMPLATE_DEFAULTS[i].kind;
        if (strncmp(k, "stage_", 6) == 0 && strcmp(k + 6, stage) == 0) return k;
    }
    return NULL;
}

static bool known(const char *name, size_t len) {
    for (int i = 0; MAIL_PLACEHOLDERS[i]; i++)
        if (strlen(MAIL_PLACEHOLDERS[i]) == len && strncmp(MAIL_PLACEHOLDERS[i], name, len) == 0) return true;
    return false;
}

static void copy_name(char *out, size_t n, const char *s, size_t len) {
    if (!n) return;
    if (len >= n) len = n - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

TemplateCheck mail_template_check(const char *text, char *bad, size_t n) {
    for (const char *p = strstr(text, "{{"); p; p = strstr(p, "{{")) {
        const char *name = p + 2, *end = strstr(name, "}}");
        if (!end) {
            copy_name(bad, n, p, strlen(p) > 20 ? 20 : strlen(p));
            return TPL_UNCLOSED;
        }
        size_t len = (size_t)(end - name);
        while (len && name[0] == ' ') name++, len--;
        while (len && name[len - 1] == ' ') len--;
        if (!known(name, len)) {
            copy_name(bad, n, name, len);
            return TPL_UNKNOWN_PLACEHOLDER;
        }
        p = end + 2;
    }
    return TPL_OK;
}

char *mail_template_render(const char *text, const TemplateVar *vars, int nvars) {
    Buf out = BUF_INIT;
    const char *p = text;
    for (const char *open; (open = strstr(p, "{{"));) {
        const char *end = strstr(open + 2, "}}");
        if (!end) break;
        buf_append(&out, p, (size_t)(open - p));
        const char *name = open + 2;
        size_t len = (size_t)(end - name);
        while (len && name[0] == ' ') name++, len--;
        while (len && name[len - 1] == ' ') len--;
        for (int i = 0; i < nvars; i++)
            if (strlen(vars[i].name) == len && strncmp(vars[i].name, name, len) == 0 && vars[i].value)
                buf_puts(&out, vars[i].value);
        p = end + 2;
    }
    buf_puts(&out, p);
    /* an empty value must not leave a hole of blank lines */
    Buf tidy = BUF_INIT;
    int newlines = 0;
    for (const char *c = buf_str(&out); *c; c++) {
        newlines = *c == '\n' ? newlines + 1 : 0;
        if (newlines <= 2) buf_append(&tidy, c, 1);
    }
    buf_free(&out);
    if (!tidy.data) buf_puts(&tidy, "");
    return buf_take(&tidy);
}
