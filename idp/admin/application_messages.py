"""The application administration pages' texts, in nl, fr, de and en (merged into ``idp.i18n.MESSAGES``)."""

from __future__ import annotations

from .messages import _m

MESSAGES: dict[str, dict[str, str]] = {
    # --- applications ---
    "admin.applications.title": _m("Toepassingen", "Applications", "Anwendungen", "Applications"),
    "admin.applications.none": _m(
        "Er zijn nog geen toepassingen.",
        "Il n'y a pas encore d'applications.",
        "Es gibt noch keine Anwendungen.",
        "There are no applications yet.",
    ),
    "admin.applications.new_oidc": _m(
        "Nieuwe OIDC-client", "Nouveau client OIDC", "Neuer OIDC-Client", "New OIDC client"
    ),
    "admin.applications.new_saml": _m(
        "Nieuwe SAML-dienstverlener",
        "Nouveau fournisseur SAML",
        "Neuer SAML-Dienstanbieter",
        "New SAML service provider",
    ),
    "admin.applications.name": _m("Naam", "Nom", "Name", "Name"),
    "admin.applications.protocol": _m("Protocol", "Protocole", "Protokoll", "Protocol"),
    "admin.applications.client_id": _m(
        "Client-ID / entityID", "ID client / entityID", "Client-ID / entityID", "Client ID / entityID"
    ),
    "admin.applications.client_id_hint": _m(
        "Leeg laten om er een te laten maken.",
        "Laissez vide pour en générer un.",
        "Leer lassen, um eine erzeugen zu lassen.",
        "Leave empty to have one made.",
    ),
    "admin.applications.client_secret": _m("Clientgeheim", "Secret client", "Client-Geheimnis", "Client secret"),
    "admin.applications.registry_only": _m(
        "enkel in het register, niet geregistreerd",
        "uniquement dans le registre, non enregistrée",
        "nur im Register, nicht registriert",
        "registry only, not registered",
    ),
    "admin.applications.mandate_types": _m(
        "Aanvaarde mandaattypes", "Types de mandat acceptés", "Akzeptierte Mandatstypen", "Accepted mandate types"
    ),
    "admin.applications.legal_representatives": _m(
        "Wettelijke vertegenwoordigers", "Représentants légaux", "Gesetzliche Vertreter", "Legal representatives"
    ),
    "admin.applications.legal_representatives_long": _m(
        "Wettelijke vertegenwoordigers (KBO) mogen mandaten van hun onderneming gebruiken",
        "Les représentants légaux (BCE) peuvent utiliser les mandats de leur entreprise",
        "Gesetzliche Vertreter (ZUD) dürfen Mandate ihres Unternehmens nutzen",
        "Legal representatives (KBO) may use their enterprise's mandates",
    ),
    "admin.applications.allow_citizen": _m(
        "Aanmelden als burger", "Connexion en tant que citoyen", "Anmeldung als Bürger", "Log in as a citizen"
    ),
    "admin.applications.allow_employee": _m(
        "Aanmelden als medewerker",
        "Connexion en tant que collaborateur",
        "Anmeldung als Mitarbeiter",
        "Log in as an employee",
    ),
    "admin.applications.enabled_long": _m(
        "Toepassing ingeschakeld (aanmelden mogelijk)",
        "Application activée (connexion possible)",
        "Anwendung eingeschaltet (Anmeldung möglich)",
        "Application enabled (logins possible)",
    ),
    "admin.applications.encrypt_assertions": _m(
        "Asserties versleutelen", "Chiffrer les assertions", "Assertions verschlüsseln", "Encrypt assertions"
    ),
    "admin.applications.require_signed_requests": _m(
        "Ondertekende AuthnRequests vereisen",
        "Exiger des AuthnRequests signées",
        "Signierte AuthnRequests verlangen",
        "Require signed AuthnRequests",
    ),
    "admin.applications.claim_profile": _m("Claimprofiel", "Profil de claims", "Claim-Profil", "Claim profile"),
    "admin.applications.oidc_profile_hint": _m(
        "Bij een OIDC-client liggen de scopes vast sinds de registratie; registreer een nieuwe client voor een ander "
        "profiel.",
        "Pour un client OIDC, les scopes sont fixés à l'enregistrement ; enregistrez un nouveau client pour un autre "
        "profil.",
        "Bei einem OIDC-Client stehen die Scopes seit der Registrierung fest; registrieren Sie für ein anderes "
        "Profil einen neuen Client.",
        "An OIDC client's scopes were fixed at registration; register a new client for another profile.",
    ),
    "admin.applications.policy": _m("Beleid", "Politique", "Richtlinie", "Policy"),
    "admin.applications.redirect_uris": _m("Redirect-URI's", "URI de redirection", "Redirect-URIs", "Redirect URIs"),
    "admin.applications.post_logout_redirect_uris": _m(
        "URI's na afmelden", "URI après déconnexion", "URIs nach der Abmeldung", "Post-logout redirect URIs"
    ),
    "admin.applications.uris_hint": _m(
        "Eén per regel; https (http enkel voor localhost).",
        "Une par ligne ; https (http uniquement pour localhost).",
        "Eine pro Zeile; https (http nur für localhost).",
        "One per line; https (http only for localhost).",
    ),
    "admin.applications.auth_method": _m(
        "Authenticatiemethode", "Méthode d'authentification", "Authentifizierungsmethode", "Authentication method"
    ),
    "admin.applications.jwks_uri": _m(
        "JWKS-URI (voor private_key_jwt)",
        "URI JWKS (pour private_key_jwt)",
        "JWKS-URI (für private_key_jwt)",
        "JWKS URI (for private_key_jwt)",
    ),
    "admin.applications.register": _m("Registreren", "Enregistrer", "Registrieren", "Register"),
    "admin.applications.metadata_url": _m(
        "Metadata-URL (https)", "URL des métadonnées (https)", "Metadaten-URL (https)", "Metadata URL (https)"
    ),
    "admin.applications.metadata_hint": _m(
        "Geef een URL, of plak de metadata hieronder.",
        "Indiquez une URL, ou collez les métadonnées ci-dessous.",
        "Geben Sie eine URL an oder fügen Sie die Metadaten unten ein.",
        "Give a URL, or paste the metadata below.",
    ),
    "admin.applications.metadata": _m("Metadata (XML)", "Métadonnées (XML)", "Metadaten (XML)", "Metadata (XML)"),
    "admin.applications.created_title": _m(
        "Client geregistreerd", "Client enregistré", "Client registriert", "Client registered"
    ),
    "admin.applications.created": _m(
        "{name} is geregistreerd.", "{name} a été enregistré.", "{name} wurde registriert.", "{name} was registered."
    ),
    "admin.applications.secret_once": _m(
        "Kopieer het clientgeheim nu: het wordt nooit meer getoond (we bewaren enkel een hash).",
        "Copiez le secret client maintenant : il ne sera plus jamais affiché (nous ne gardons qu'un hachage).",
        "Kopieren Sie das Client-Geheimnis jetzt: Es wird nie wieder angezeigt (wir speichern nur einen Hash).",
        "Copy the client secret now: it is never shown again (we keep only a hash).",
    ),
    "admin.applications.no_secret": _m(
        "Deze client gebruikt geen geheim.",
        "Ce client n'utilise pas de secret.",
        "Dieser Client verwendet kein Geheimnis.",
        "This client uses no secret.",
    ),
    "admin.applications.new_secret_title": _m(
        "Nieuw clientgeheim", "Nouveau secret client", "Neues Client-Geheimnis", "New client secret"
    ),
    "admin.applications.new_secret_hint": _m(
        "Het huidige geheim werkt daarna niet meer: de toepassing moet meteen het nieuwe gebruiken.",
        "Le secret actuel ne fonctionnera plus : l'application doit utiliser immédiatement le nouveau.",
        "Das aktuelle Geheimnis funktioniert danach nicht mehr: Die Anwendung muss sofort das neue verwenden.",
        "The current secret stops working at once: the application must use the new one straight away.",
    ),
    "admin.applications.new_secret_confirm": _m(
        "Ik begrijp dat het huidige geheim meteen ongeldig wordt",
        "Je comprends que le secret actuel devient immédiatement invalide",
        "Ich verstehe, dass das aktuelle Geheimnis sofort ungültig wird",
        "I understand that the current secret stops working at once",
    ),
    "admin.applications.new_secret_button": _m(
        "Nieuw geheim maken", "Créer un nouveau secret", "Neues Geheimnis erzeugen", "Create a new secret"
    ),
    "admin.applications.secret_confirm_needed": _m(
        "Bevestig dat het huidige geheim ongeldig mag worden.",
        "Confirmez que le secret actuel peut devenir invalide.",
        "Bestätigen Sie, dass das aktuelle Geheimnis ungültig werden darf.",
        "Confirm that the current secret may stop working.",
    ),
    "admin.applications.secret_replaced": _m(
        "{name} heeft een nieuw clientgeheim.",
        "{name} a un nouveau secret client.",
        "{name} hat ein neues Client-Geheimnis.",
        "{name} has a new client secret.",
    ),
    "admin.applications.back": _m(
        "Terug naar de toepassingen", "Retour aux applications", "Zurück zu den Anwendungen", "Back to the applications"
    ),
    "admin.applications.edit_title": _m(
        "Beleid van {name}", "Politique de {name}", "Richtlinie von {name}", "Policy of {name}"
    ),
    "admin.applications.done.created": _m(
        "De toepassing is geregistreerd.",
        "L'application a été enregistrée.",
        "Die Anwendung wurde registriert.",
        "The application was registered.",
    ),
    "admin.applications.done.updated": _m(
        "Het beleid is bijgewerkt.",
        "La politique a été mise à jour.",
        "Die Richtlinie wurde aktualisiert.",
        "The policy was updated.",
    ),
    "admin.applications.done.enabled": _m(
        "De toepassing is ingeschakeld.",
        "L'application a été activée.",
        "Die Anwendung wurde eingeschaltet.",
        "The application was enabled.",
    ),
    "admin.applications.done.disabled": _m(
        "De toepassing is uitgeschakeld.",
        "L'application a été désactivée.",
        "Die Anwendung wurde ausgeschaltet.",
        "The application was disabled.",
    ),
    "admin.auth_method.client_secret_basic": _m(
        "Clientgeheim (HTTP Basic)",
        "Secret client (HTTP Basic)",
        "Client-Geheimnis (HTTP Basic)",
        "Client secret (HTTP Basic)",
    ),
    "admin.auth_method.client_secret_post": _m(
        "Clientgeheim (in het formulier)",
        "Secret client (dans le formulaire)",
        "Client-Geheimnis (im Formular)",
        "Client secret (in the form)",
    ),
    "admin.auth_method.private_key_jwt": _m(
        "Ondertekende JWT (private_key_jwt)",
        "JWT signé (private_key_jwt)",
        "Signiertes JWT (private_key_jwt)",
        "Signed JWT (private_key_jwt)",
    ),
    "admin.auth_method.none": _m(
        "Geen (publieke client, enkel PKCE)",
        "Aucune (client public, PKCE seul)",
        "Keine (öffentlicher Client, nur PKCE)",
        "None (public client, PKCE only)",
    ),
    # --- application problems ---
    "application.name_required": _m(
        "Geef een naam (maximaal 200 tekens).",
        "Indiquez un nom (200 caractères au maximum).",
        "Geben Sie einen Namen an (höchstens 200 Zeichen).",
        "Give a name (at most 200 characters).",
    ),
    "application.client_id_invalid": _m(
        "De client-ID mag geen spaties bevatten (maximaal 255 tekens).",
        "L'ID client ne peut pas contenir d'espaces (255 caractères au maximum).",
        "Die Client-ID darf keine Leerzeichen enthalten (höchstens 255 Zeichen).",
        "The client ID may not hold spaces (at most 255 characters).",
    ),
    "application.client_id_taken": _m(
        "Deze client-ID is al in gebruik.",
        "Cet ID client est déjà utilisé.",
        "Diese Client-ID wird bereits verwendet.",
        "This client ID is already in use.",
    ),
    "application.redirect_uri_required": _m(
        "Geef minstens één redirect-URI.",
        "Indiquez au moins une URI de redirection.",
        "Geben Sie mindestens eine Redirect-URI an.",
        "Give at least one redirect URI.",
    ),
    "application.uri_invalid": _m(
        "{uri} moet een volledige https-URL zijn zonder fragment (http enkel voor localhost).",
        "{uri} doit être une URL https complète sans fragment (http uniquement pour localhost).",
        "{uri} muss eine vollständige https-URL ohne Fragment sein (http nur für localhost).",
        "{uri} must be a full https URL without a fragment (http only for localhost).",
    ),
    "application.too_many_uris": _m(
        "Maximaal 20 URI's.", "20 URI au maximum.", "Höchstens 20 URIs.", "At most 20 URIs."
    ),
    "application.auth_method_unknown": _m(
        "Kies een authenticatiemethode uit de lijst.",
        "Choisissez une méthode d'authentification dans la liste.",
        "Wählen Sie eine Authentifizierungsmethode aus der Liste.",
        "Choose an authentication method from the list.",
    ),
    "application.jwks_uri_required": _m(
        "private_key_jwt vereist een JWKS-URI.",
        "private_key_jwt exige une URI JWKS.",
        "private_key_jwt erfordert eine JWKS-URI.",
        "private_key_jwt needs a JWKS URI.",
    ),
    "application.profile_unknown": _m(
        "Kies een claimprofiel uit de lijst.",
        "Choisissez un profil de claims dans la liste.",
        "Wählen Sie ein Claim-Profil aus der Liste.",
        "Choose a claim profile from the list.",
    ),
    "application.profile_fixed": _m(
        "Het claimprofiel van een OIDC-client kan niet gewijzigd worden.",
        "Le profil de claims d'un client OIDC ne peut pas être modifié.",
        "Das Claim-Profil eines OIDC-Clients kann nicht geändert werden.",
        "An OIDC client's claim profile cannot be changed.",
    ),
    "application.mandate_type_unknown": _m(
        "Het mandaattype {value} bestaat niet.",
        "Le type de mandat {value} n'existe pas.",
        "Der Mandatstyp {value} existiert nicht.",
        "The mandate type {value} does not exist.",
    ),
    "application.registration_refused": _m(
        "De registratie werd geweigerd: {reason}",
        "L'enregistrement a été refusé : {reason}",
        "Die Registrierung wurde abgelehnt: {reason}",
        "The registration was refused: {reason}",
    ),
    "application.metadata_required": _m(
        "Geef een metadata-URL of plak de metadata.",
        "Indiquez une URL de métadonnées ou collez les métadonnées.",
        "Geben Sie eine Metadaten-URL an oder fügen Sie die Metadaten ein.",
        "Give a metadata URL or paste the metadata.",
    ),
    "application.metadata_invalid": _m(
        "De metadata zijn niet bruikbaar: {reason}",
        "Les métadonnées ne sont pas utilisables : {reason}",
        "Die Metadaten sind nicht verwendbar: {reason}",
        "The metadata cannot be used: {reason}",
    ),
    "application.metadata_url_invalid": _m(
        "De metadata-URL moet een https-URL zijn.",
        "L'URL des métadonnées doit être une URL https.",
        "Die Metadaten-URL muss eine https-URL sein.",
        "The metadata URL must be an https URL.",
    ),
    "application.metadata_unreachable": _m(
        "De metadata konden niet opgehaald worden ({reason}).",
        "Les métadonnées n'ont pas pu être récupérées ({reason}).",
        "Die Metadaten konnten nicht abgerufen werden ({reason}).",
        "The metadata could not be fetched ({reason}).",
    ),
    "application.metadata_too_large": _m(
        "De metadata zijn groter dan 1 MB.",
        "Les métadonnées dépassent 1 Mo.",
        "Die Metadaten sind größer als 1 MB.",
        "The metadata is larger than 1 MB.",
    ),
    "application.entity_taken": _m(
        "{entity_id} is al geregistreerd: wijzig het beleid in de lijst.",
        "{entity_id} est déjà enregistré : modifiez sa politique dans la liste.",
        "{entity_id} ist bereits registriert: Ändern Sie die Richtlinie in der Liste.",
        "{entity_id} is already registered: edit its policy in the list.",
    ),
}
