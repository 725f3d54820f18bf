/* i18n: server message catalog (see i18n.h). Kept sorted by key. */
#include "i18n.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const char *key, *fr, *en;
} Message;

static const Message messages[] = {
    {"bad_request", "Requête invalide", "Bad request"},
    {"channel_name_letters", "doit contenir au moins une lettre ou un chiffre", "must contain at least one letter or digit"},
    {"channel_name_reserved", "ce nom est réservé aux fils des clients, besoins, affaires, incidents et rituels", "this name is kept for the channels of clients, needs, deals, incidents and rituals"},
    {"conditions_required", "les conditions sont requises pour un avis « go sous conditions »", "conditions are required for a \"go with conditions\" verdict"},
    {"conflict", "Conflit", "Conflict"},
    {"contact_no_consent", "ce contact n'a pas accepté d'être contacté", "this contact has not agreed to be contacted"},
    {"csrf", "Jeton CSRF absent ou invalide", "Missing or invalid CSRF token"},
    {"deal_closed", "Cette affaire est close (gagnée ou perdue) : plus de revue ni de demande", "This deal is closed (won or lost): no more reviews or requests"},
    {"duplicate_candidacy", "Cette personne est déjà dans le pipeline de ce besoin",
     "This person is already in this need's pipeline"},
    {"duplicate_channel", "Un fil porte déjà ce nom", "A channel with this name already exists"},
    {"duplicate_client", "Ce client existe déjà", "This client already exists"},
    {"duplicate_email", "Cette adresse e-mail est déjà utilisée", "This e-mail address is already in use"},
    {"feasibility_no_go", "La dernière revue de faisabilité est négative (no go) : l'affaire ne peut pas être gagnée", "The latest feasibility review is a no-go: the deal cannot be won"},
    {"feasibility_review_required", "Une revue de faisabilité favorable (go ou go sous conditions) est requise avant de gagner l'affaire", "A favourable feasibility review (go or go with conditions) is required before the deal is won"},
    {"file_name", "doit être un nom de fichier (1 à 200 caractères, sans / ni \\ ni guillemet)", "must be a file name (1 to 200 characters, no / or \\ or quote)"},
    {"forbidden", "Action non autorisée pour votre rôle", "Your role may not do this"},
    {"incident_closed", "Cet incident est clos : il ne change plus", "This incident is closed: it no longer changes"},
    {"incident_not_involved", "Seuls le responsable, les participants et l'auteur de cet incident (ou un manager) peuvent le modifier", "Only this incident's owner, participants and author (or a manager) may change it"},
    {"incident_not_owner", "Seul le responsable de l'incident peut l'accepter", "Only the incident's owner may accept it"},
    {"incident_status_move", "Ce changement de statut n'est pas permis (ouvert → en cours → résolu → clos ; un incident résolu peut être rouvert)", "This status change is not allowed (open → in progress → resolved → closed; a resolved incident may be reopened)"},
    {"invalid_utf8", "Le texte n'est pas de l'UTF-8 valide", "The text is not valid UTF-8"},
    {"malformed_json", "JSON mal formé", "Malformed JSON"},
    {"method_not_allowed", "Méthode non autorisée sur cette adresse", "Method not allowed on this address"},
    {"mission_mismatch", "ne correspond pas à la mission indiquée", "does not match the mission given"},
    {"mission_other_client", "cette mission concerne un autre client", "this mission is for another client"},
    {"must_be_array", "doit être une liste", "must be a list"},
    {"must_be_between", "doit être compris entre %lld et %lld", "must be between %lld and %lld"},
    {"must_be_boolean", "doit être vrai ou faux", "must be true or false"},
    {"must_be_date", "doit être une date AAAA-MM-JJ", "must be a date YYYY-MM-DD"},
    {"must_be_email", "doit être une adresse e-mail", "must be an e-mail address"},
    {"must_be_emoji", "doit être un emoji (quelques caractères, sans espace)", "must be an emoji (a few characters, no space)"},
    {"must_be_id_list", "doit être une liste d'identifiants", "must be a list of ids"},
    {"must_be_integer", "doit être un nombre entier", "must be a whole number"},
    {"must_be_object", "doit être un objet", "must be an object"},
    {"must_be_one_of", "doit valoir l'une de ces valeurs : %s", "must be one of: %s"},
    {"must_be_string", "doit être du texte", "must be text"},
    {"must_be_time", "doit être une heure HH:MM (00:00 à 23:59)", "must be a time HH:MM (00:00 to 23:59)"},
    {"need_of_other_client", "le besoin %lld appartient à un autre client", "need %lld belongs to another client"},
    {"need_other_client", "ce besoin appartient à un autre client", "this need belongs to another client"},
    {"no_such_attachment", "cette pièce jointe n'existe pas ou est déjà publiée", "this attachment does not exist or is already posted"},
    {"no_such_client", "ce client n'existe pas", "this client does not exist"},
    {"no_such_contact", "ce contact n'existe pas", "this contact does not exist"},
    {"no_such_mission", "cette mission n'existe pas (une mission est une candidature embauchée)", "this mission does not exist (a mission is a hired candidacy)"},
    {"no_such_need", "ce besoin n'existe pas", "this need does not exist"},
    {"no_such_need_id", "le besoin %lld n'existe pas", "need %lld does not exist"},
    {"no_such_person", "cette personne n'existe pas", "this person does not exist"},
    {"no_such_post", "ce message n'existe pas dans ce fil", "this post does not exist in this channel"},
    {"no_such_user", "ce compte n'existe pas ou est désactivé", "this account does not exist or is disabled"},
    {"no_such_user_id", "le compte %lld n'existe pas ou est désactivé", "account %lld does not exist or is disabled"},
    {"not_a_member", "Vous n'êtes pas membre de ce fil", "You are not a member of this channel"},
    {"not_found", "Introuvable", "Not found"},
    {"not_signed_in", "Connexion requise", "Sign-in required"},
    {"not_the_author", "Seul l'auteur peut modifier ou supprimer ce message", "Only the author may change or delete this post"},
    {"owner_not_sales", "doit désigner un compte commercial ou manager actif", "must name an active sales or manager account"},
    {"password_too_short", "doit compter au moins %d caractères", "must be at least %d characters long"},
    {"post_deleted", "Ce message a été supprimé", "This post was deleted"},
    {"precondition_failed", "Quelqu'un a modifié cet élément avant vous : rechargez-le",
     "Someone changed this item before you: reload it"},
    {"precondition_required", "En-tête If-Match requis pour une modification",
     "An If-Match header is required to change this item"},
    {"qualification_client_id", "un client est requis pour qualifier le besoin", "a client is required to qualify the need"},
    {"qualification_location", "un lieu est requis (ou télétravail complet)", "a location is required (or full remote)"},
    {"qualification_review", "une revue de faisabilité favorable de l'affaire liée est requise pour ouvrir le besoin", "a favourable feasibility review of the linked deal is required to open the need"},
    {"qualification_skills", "au moins une compétence avec un niveau est requise", "at least one skill with a level is required"},
    {"qualification_start_date", "une date de démarrage est requise", "a start date is required"},
    {"reason_required", "une raison est requise pour cette étape", "a reason is required for this stage"},
    {"required", "est obligatoire", "is required"},
    {"resolution_required", "un résumé de la résolution est requis pour résoudre l'incident", "a resolution summary is required to resolve the incident"},
    {"ritual_no_occurrence", "Ce rituel n'a pas de prochaine occurrence", "This ritual has no next occurrence"},
    {"ritual_not_involved", "Seuls l'auteur et les participants de ce rituel (ou un manager) peuvent le modifier", "Only this ritual's author and participants (or a manager) may change it"},
    {"siret_checksum", "SIRET invalide : la clé de contrôle ne correspond pas", "invalid SIRET: the check digit does not match"},
    {"siret_format", "doit compter exactement 14 chiffres", "must be exactly 14 digits"},
    {"skill_twice", "compétence présente deux fois", "skill listed twice"},
    {"stage_closed", "Cette candidature est close (embauche)", "This candidacy is closed (hired)"},
    {"storage_unavailable", "Base de données momentanément indisponible", "Database temporarily unavailable"},
    {"survey_bad_encoding", "Le formulaire est mal encodé : réessayez depuis la page de l'enquête.", "The form was badly encoded: try again from the survey page."},
    {"survey_comment", "Un commentaire ? (facultatif)", "Any comment? (optional)"},
    {"survey_comment_too_long", "Le commentaire ne doit pas dépasser 2 000 caractères.", "The comment must be at most 2,000 characters."},
    {"survey_done", "Vous avez déjà répondu à cette enquête. Merci !", "You have already answered this survey. Thank you!"},
    {"survey_expired", "Ce lien a expiré. Contactez votre interlocuteur si vous souhaitez donner votre avis.", "This link has expired. Contact your account manager if you wish to give your opinion."},
    {"survey_intro", "Votre réponse nous aide à mieux travailler ensemble. Elle ne prend qu'une minute.", "Your answer helps us work better together. It takes one minute."},
    {"survey_invalid", "Ce lien n'est pas valide.", "This link is not valid."},
    {"survey_likely_high", "10 : très probable", "10: extremely likely"},
    {"survey_likely_low", "0 : pas du tout probable", "0: not at all likely"},
    {"survey_question", "Sur une échelle de 0 à 10, recommanderiez-vous nos équipes à un collègue ?", "On a scale of 0 to 10, how likely are you to recommend our teams to a colleague?"},
    {"survey_score_required", "Choisissez une note de 0 à 10.", "Choose a score from 0 to 10."},
    {"survey_send", "Envoyer ma réponse", "Send my answer"},
    {"survey_thanks", "Merci ! Votre réponse est enregistrée.", "Thank you! Your answer has been recorded."},
    {"survey_title", "Votre avis sur notre collaboration", "Your opinion of our work together"},
    {"too_large", "Corps de requête trop volumineux", "Request body too large"},
    {"too_long", "ne doit pas dépasser %d caractères", "must be at most %d characters"},
    {"too_many_attempts", "Trop de tentatives : réessayez plus tard", "Too many attempts: try again later"},
    {"unknown_field", "champ inconnu", "unknown field"},
    {"unknown_skill", "compétence inconnue", "unknown skill"},
    {"unknown_skill_filter", "compétence inconnue", "unknown skill"},
    {"unknown_skill_suggest", "compétence inconnue ; proches : %s", "unknown skill; closest: %s"},
    {"unsupported_media", "Type de contenu non pris en charge : envoyez du JSON",
     "Unsupported media type: send JSON"},
    {"validation", "Certains champs sont invalides", "Some fields are invalid"},
    {"wrong_credentials", "E-mail ou mot de passe incorrect", "Wrong e-mail or password"},
};

Lang i18n_lang_from_header(const char *al) {
    /* The first supported language in the list wins ("de-DE,en;q=0.8" is
     * English); browsers list languages in the user's order. French is the
     * default for anything else. */
    for (const char *p = al; p && *p;) {
        while (*p == ' ' || *p == ',') p++;
        if (strncasecmp(p, "en", 2) == 0 && !isalpha((unsigned char)p[2])) return LANG_EN;
        if (strncasecmp(p, "fr", 2) == 0 && !isalpha((unsigned char)p[2])) return LANG_FR;
        p = strchr(p, ',');
    }
    return LANG_FR;
}

const char *i18n(Lang lang, const char *key) {
    for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
        if (strcmp(messages[i].key, key) == 0) return lang == LANG_EN ? messages[i].en : messages[i].fr;
    return key;
}
