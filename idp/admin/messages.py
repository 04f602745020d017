"""The administration pages' texts, in nl, fr, de and en (merged into ``idp.i18n.MESSAGES`` at start-up)."""

from __future__ import annotations


def _m(nl: str, fr: str, de: str, en: str) -> dict[str, str]:
    return {"nl": nl, "fr": fr, "de": de, "en": en}


MESSAGES: dict[str, dict[str, str]] = {
    "admin.title": _m("Beheer", "Administration", "Verwaltung", "Administration"),
    "admin.intro": _m(
        "Beheer de mandaattypes, de toepassingen, de ondertekeningssleutels en bekijk het auditlogboek.",
        "Gérez les types de mandat, les applications, les clés de signature et consultez le journal d'audit.",
        "Verwalten Sie Mandatstypen, Anwendungen und Signaturschlüssel und sehen Sie das Prüfprotokoll ein.",
        "Manage mandate types, applications and signing keys, and read the audit log.",
    ),
    "admin.nav.home": _m("Overzicht", "Aperçu", "Übersicht", "Overview"),
    "admin.nav.mandate_types": _m("Mandaattypes", "Types de mandat", "Mandatstypen", "Mandate types"),
    "admin.nav.applications": _m("Toepassingen", "Applications", "Anwendungen", "Applications"),
    "admin.nav.keys": _m("Sleutels", "Clés", "Schlüssel", "Keys"),
    "admin.nav.audit": _m("Auditlogboek", "Journal d'audit", "Prüfprotokoll", "Audit log"),
    "admin.index.mandate_types": _m(
        "Namen en contractteksten in vier talen, toegelaten soorten partijen.",
        "Noms et textes de contrat en quatre langues, types de parties admis.",
        "Namen und Vertragstexte in vier Sprachen, zugelassene Parteiarten.",
        "Names and contract texts in four languages, allowed kinds of party.",
    ),
    "admin.index.applications": _m(
        "OIDC-clients en SAML-dienstverleners met hun mandaatbeleid.",
        "Clients OIDC et fournisseurs de services SAML avec leur politique de mandats.",
        "OIDC-Clients und SAML-Dienstanbieter mit ihrer Mandatsrichtlinie.",
        "OIDC clients and SAML service providers with their mandate policy.",
    ),
    "admin.index.keys": _m(
        "De ondertekeningssleutels bekijken en vervangen.",
        "Consulter et remplacer les clés de signature.",
        "Die Signaturschlüssel ansehen und ersetzen.",
        "View and rotate the signing keys.",
    ),
    "admin.index.audit": _m(
        "Wie wat wijzigde, en wanneer.",
        "Qui a modifié quoi, et quand.",
        "Wer was wann geändert hat.",
        "Who changed what, and when.",
    ),
    "admin.errors_title": _m(
        "Controleer de volgende gegevens",
        "Vérifiez les données suivantes",
        "Prüfen Sie folgende Angaben",
        "Please check the following",
    ),
    "admin.confirm_required": _m(
        "Vink het bevestigingsvakje aan om verder te gaan.",
        "Cochez la case de confirmation pour continuer.",
        "Kreuzen Sie das Bestätigungsfeld an, um fortzufahren.",
        "Tick the confirmation box to continue.",
    ),
    "admin.save": _m("Opslaan", "Enregistrer", "Speichern", "Save"),
    "admin.cancel": _m("Annuleren", "Annuler", "Abbrechen", "Cancel"),
    "admin.delete": _m("Verwijderen", "Supprimer", "Löschen", "Delete"),
    "admin.activate": _m("Activeren", "Activer", "Aktivieren", "Activate"),
    "admin.deactivate": _m("Deactiveren", "Désactiver", "Deaktivieren", "Deactivate"),
    "admin.enable": _m("Inschakelen", "Activer", "Einschalten", "Enable"),
    "admin.disable": _m("Uitschakelen", "Désactiver", "Ausschalten", "Disable"),
    "admin.active": _m("Actief", "Actif", "Aktiv", "Active"),
    "admin.inactive": _m("Niet actief", "Inactif", "Inaktiv", "Inactive"),
    "admin.enabled": _m("Ingeschakeld", "Activée", "Eingeschaltet", "Enabled"),
    "admin.disabled": _m("Uitgeschakeld", "Désactivée", "Ausgeschaltet", "Disabled"),
    "admin.status": _m("Status", "Statut", "Status", "Status"),
    "admin.yes": _m("ja", "oui", "ja", "yes"),
    "admin.no": _m("nee", "non", "nein", "no"),
    "admin.none": _m("geen", "aucun", "keine", "none"),
    "admin.kind.person": _m("persoon", "personne", "Person", "person"),
    "admin.kind.organisation": _m("organisatie", "organisation", "Organisation", "organisation"),
    # --- mandate types ---
    "admin.mandate_types.title": _m("Mandaattypes", "Types de mandat", "Mandatstypen", "Mandate types"),
    "admin.mandate_types.new": _m(
        "Nieuw mandaattype", "Nouveau type de mandat", "Neuer Mandatstyp", "New mandate type"
    ),
    "admin.mandate_types.none": _m(
        "Er zijn nog geen mandaattypes.",
        "Il n'y a pas encore de types de mandat.",
        "Es gibt noch keine Mandatstypen.",
        "There are no mandate types yet.",
    ),
    "admin.mandate_types.edit_title": _m(
        "Mandaattype {code}", "Type de mandat {code}", "Mandatstyp {code}", "Mandate type {code}"
    ),
    "admin.mandate_types.code": _m("Code", "Code", "Code", "Code"),
    "admin.mandate_types.code_hint": _m(
        "Letters, cijfers, _ . en -; kan later niet meer gewijzigd worden.",
        "Lettres, chiffres, _ . et - ; ne peut plus être modifié ensuite.",
        "Buchstaben, Ziffern, _ . und -; kann später nicht geändert werden.",
        "Letters, digits, _ . and -; cannot be changed later.",
    ),
    "admin.mandate_types.code_fixed": _m(
        "(vast: toepassingen en mandaten gebruiken deze code)",
        "(fixe : les applications et les mandats utilisent ce code)",
        "(fest: Anwendungen und Mandate verwenden diesen Code)",
        "(fixed: applications and mandates use this code)",
    ),
    "admin.mandate_types.number": _m(
        "SSM-nummer (optioneel)", "Numéro SSM (facultatif)", "SSM-Nummer (optional)", "SSM number (optional)"
    ),
    "admin.mandate_types.name": _m("Naam", "Nom", "Name", "Name"),
    "admin.mandate_types.description": _m("Omschrijving", "Description", "Beschreibung", "Description"),
    "admin.mandate_types.creation_text": _m(
        "Contracttekst bij het aanmaken",
        "Texte du contrat à la création",
        "Vertragstext bei der Erstellung",
        "Contract text at creation",
    ),
    "admin.mandate_types.stop_text": _m(
        "Tekst bij het stopzetten", "Texte à l'arrêt", "Text bei der Beendigung", "Text when stopping"
    ),
    "admin.mandate_types.texts_in": _m(
        "Teksten in het {language}", "Textes en {language}", "Texte auf {language}", "Texts in {language}"
    ),
    "admin.mandate_types.mandator_kinds": _m(
        "Mandaatgever mag zijn", "Le mandant peut être", "Mandatsgeber darf sein", "Mandator may be"
    ),
    "admin.mandate_types.mandatee_kinds": _m(
        "Mandaatnemer mag zijn", "Le mandataire peut être", "Mandatsträger darf sein", "Mandatee may be"
    ),
    "admin.mandate_types.usage": _m("Gebruik", "Utilisation", "Verwendung", "Use"),
    "admin.mandate_types.usage_counts": _m(
        "mandaten: {mandates}, rechten: {rights}, toepassingen: {applications}",
        "mandats : {mandates}, droits : {rights}, applications : {applications}",
        "Mandate: {mandates}, Rechte: {rights}, Anwendungen: {applications}",
        "mandates: {mandates}, rights: {rights}, applications: {applications}",
    ),
    "admin.mandate_types.delete_title": _m("Verwijderen", "Supprimer", "Löschen", "Delete"),
    "admin.mandate_types.delete_in_use": _m(
        "Dit type is in gebruik en kan niet verwijderd worden; deactiveer het in de lijst.",
        "Ce type est utilisé et ne peut pas être supprimé ; désactivez-le dans la liste.",
        "Dieser Typ wird verwendet und kann nicht gelöscht werden; deaktivieren Sie ihn in der Liste.",
        "This type is in use and cannot be deleted; deactivate it in the list.",
    ),
    "admin.mandate_types.delete_confirm": _m(
        "Ja, verwijder mandaattype {code} definitief.",
        "Oui, supprimer définitivement le type de mandat {code}.",
        "Ja, Mandatstyp {code} endgültig löschen.",
        "Yes, delete mandate type {code} for good.",
    ),
    "admin.mandate_types.done.created": _m(
        "Het mandaattype is aangemaakt.",
        "Le type de mandat a été créé.",
        "Der Mandatstyp wurde erstellt.",
        "The mandate type was created.",
    ),
    "admin.mandate_types.done.updated": _m(
        "Het mandaattype is bijgewerkt.",
        "Le type de mandat a été mis à jour.",
        "Der Mandatstyp wurde aktualisiert.",
        "The mandate type was updated.",
    ),
    "admin.mandate_types.done.activated": _m(
        "Het mandaattype is actief.",
        "Le type de mandat est actif.",
        "Der Mandatstyp ist aktiv.",
        "The mandate type is active.",
    ),
    "admin.mandate_types.done.deactivated": _m(
        "Het mandaattype is gedeactiveerd: geen nieuwe mandaten meer.",
        "Le type de mandat est désactivé : plus de nouveaux mandats.",
        "Der Mandatstyp ist deaktiviert: keine neuen Mandate mehr.",
        "The mandate type is deactivated: no new mandates.",
    ),
    "admin.mandate_types.done.deleted": _m(
        "Het mandaattype is verwijderd.",
        "Le type de mandat a été supprimé.",
        "Der Mandatstyp wurde gelöscht.",
        "The mandate type was deleted.",
    ),
    # --- mandate type problems (codes of mandate_resolver.registry.mandate_types) ---
    "mandate_type.code_invalid": _m(
        "De code mag enkel letters, cijfers, _ . en - bevatten (maximaal 64 tekens).",
        "Le code ne peut contenir que des lettres, chiffres, _ . et - (64 caractères au maximum).",
        "Der Code darf nur Buchstaben, Ziffern, _ . und - enthalten (höchstens 64 Zeichen).",
        "The code may hold only letters, digits, _ . and - (at most 64 characters).",
    ),
    "mandate_type.code_taken": _m(
        "De code {value} bestaat al.",
        "Le code {value} existe déjà.",
        "Der Code {value} existiert bereits.",
        "The code {value} already exists.",
    ),
    "mandate_type.code_immutable": _m(
        "De code kan niet gewijzigd worden.",
        "Le code ne peut pas être modifié.",
        "Der Code kann nicht geändert werden.",
        "The code cannot be changed.",
    ),
    "mandate_type.number_invalid": _m(
        "Het nummer moet een positief geheel getal zijn.",
        "Le numéro doit être un nombre entier positif.",
        "Die Nummer muss eine positive ganze Zahl sein.",
        "The number must be a positive whole number.",
    ),
    "mandate_type.number_taken": _m(
        "Het nummer {number} is al in gebruik.",
        "Le numéro {number} est déjà utilisé.",
        "Die Nummer {number} wird bereits verwendet.",
        "The number {number} is already in use.",
    ),
    "mandate_type.name_required": _m(
        "Geef een naam in elke taal.",
        "Indiquez un nom dans chaque langue.",
        "Geben Sie in jeder Sprache einen Namen an.",
        "Give a name in every language.",
    ),
    "mandate_type.name_invalid": _m(
        "De naam is te lang of bevat ongeldige tekens.",
        "Le nom est trop long ou contient des caractères non valides.",
        "Der Name ist zu lang oder enthält ungültige Zeichen.",
        "The name is too long or holds invalid characters.",
    ),
    "mandate_type.creation_text_required": _m(
        "Geef de contracttekst in elke taal.",
        "Indiquez le texte du contrat dans chaque langue.",
        "Geben Sie den Vertragstext in jeder Sprache an.",
        "Give the contract text in every language.",
    ),
    "mandate_type.stop_text_required": _m(
        "Geef de tekst bij het stopzetten in elke taal.",
        "Indiquez le texte d'arrêt dans chaque langue.",
        "Geben Sie den Text bei der Beendigung in jeder Sprache an.",
        "Give the text for stopping in every language.",
    ),
    "mandate_type.text_invalid": _m(
        "De tekst is te lang of bevat ongeldige tekens.",
        "Le texte est trop long ou contient des caractères non valides.",
        "Der Text ist zu lang oder enthält ungültige Zeichen.",
        "The text is too long or holds invalid characters.",
    ),
    "mandate_type.language_unknown": _m(
        "Onbekende taal.", "Langue inconnue.", "Unbekannte Sprache.", "Unknown language."
    ),
    "mandate_type.mandator_kinds_required": _m(
        "Kies minstens één soort mandaatgever.",
        "Choisissez au moins un type de mandant.",
        "Wählen Sie mindestens eine Art Mandatsgeber.",
        "Choose at least one kind of mandator.",
    ),
    "mandate_type.mandatee_kinds_required": _m(
        "Kies minstens één soort mandaatnemer.",
        "Choisissez au moins un type de mandataire.",
        "Wählen Sie mindestens eine Art Mandatsträger.",
        "Choose at least one kind of mandatee.",
    ),
    "mandate_type.kind_in_use": _m(
        "Er bestaan mandaten van dit type met zo'n partij aan deze kant; die soort kan niet weg.",
        "Des mandats de ce type ont une telle partie de ce côté ; ce type de partie ne peut pas être retiré.",
        "Es gibt Mandate dieses Typs mit einer solchen Partei auf dieser Seite; diese Art kann nicht entfernt werden.",
        "Mandates of this type have such a party on this side; that kind cannot be removed.",
    ),
    "mandate_type.in_use": _m(
        "Dit type is in gebruik ({mandates} mandaten, {rights} rechten, {applications} toepassingen): deactiveer het "
        "in plaats van het te verwijderen.",
        "Ce type est utilisé ({mandates} mandats, {rights} droits, {applications} applications) : désactivez-le au "
        "lieu de le supprimer.",
        "Dieser Typ wird verwendet ({mandates} Mandate, {rights} Rechte, {applications} Anwendungen): deaktivieren "
        "Sie ihn, statt ihn zu löschen.",
        "This type is in use ({mandates} mandates, {rights} rights, {applications} applications): deactivate it "
        "instead of deleting it.",
    ),
    # --- keys ---
    "admin.keys.title": _m("Ondertekeningssleutels", "Clés de signature", "Signaturschlüssel", "Signing keys"),
    "admin.keys.jwt": _m(
        "Sleutels voor tokens (JWT)", "Clés des jetons (JWT)", "Schlüssel für Token (JWT)", "Token keys (JWT)"
    ),
    "admin.keys.kid": _m("Sleutel-ID", "ID de clé", "Schlüssel-ID", "Key ID"),
    "admin.keys.alg": _m("Algoritme", "Algorithme", "Algorithmus", "Algorithm"),
    "admin.keys.created": _m("Gemaakt", "Créée", "Erstellt", "Created"),
    "admin.keys.active": _m("actief", "active", "aktiv", "active"),
    "admin.keys.retired": _m(
        "vervangen op {at} UTC", "remplacée le {at} UTC", "ersetzt am {at} UTC", "retired {at} UTC"
    ),
    "admin.keys.published": _m(
        "nog gepubliceerd voor lopende tokens",
        "encore publiée pour les jetons en cours",
        "noch veröffentlicht für laufende Token",
        "still published for tokens in use",
    ),
    "admin.keys.saml": _m(
        "SAML-sleutel {kid}, gemaakt op {created} (vervangen met 'idp keys rotate --include-saml' en een herstart, "
        "na verwittiging van de dienstverleners).",
        "Clé SAML {kid}, créée le {created} (remplacée avec « idp keys rotate --include-saml » et un redémarrage, "
        "après avoir prévenu les fournisseurs).",
        "SAML-Schlüssel {kid}, erstellt am {created} (ersetzt mit „idp keys rotate --include-saml“ und einem "
        "Neustart, nach Benachrichtigung der Dienstanbieter).",
        "SAML key {kid}, created {created} (replaced with 'idp keys rotate --include-saml' and a restart, after "
        "telling the service providers).",
    ),
    "admin.keys.rotate_title": _m("Sleutels vervangen", "Remplacer les clés", "Schlüssel ersetzen", "Rotate the keys"),
    "admin.keys.rotate_intro": _m(
        "Maakt nieuwe RS256- en ES256-sleutels; de oude blijven gepubliceerd tot hun tokens verlopen zijn.",
        "Crée de nouvelles clés RS256 et ES256 ; les anciennes restent publiées jusqu'à l'expiration de leurs jetons.",
        "Erstellt neue RS256- und ES256-Schlüssel; die alten bleiben veröffentlicht, bis ihre Token abgelaufen sind.",
        "Makes new RS256 and ES256 keys; the old ones stay published until their tokens have expired.",
    ),
    "admin.keys.rotate_confirm": _m(
        "Ja, vervang de tokensleutels nu.",
        "Oui, remplacer maintenant les clés des jetons.",
        "Ja, die Token-Schlüssel jetzt ersetzen.",
        "Yes, rotate the token keys now.",
    ),
    "admin.keys.rotate": _m("Sleutels vervangen", "Remplacer les clés", "Schlüssel ersetzen", "Rotate keys"),
    "admin.keys.rotation_failed": _m(
        "De sleutels konden niet vervangen worden; er is niets gewijzigd. Zie het serverlogboek.",
        "Les clés n'ont pas pu être remplacées ; rien n'a changé. Voir le journal du serveur.",
        "Die Schlüssel konnten nicht ersetzt werden; nichts wurde geändert. Siehe Serverprotokoll.",
        "The keys could not be rotated; nothing changed. See the server log.",
    ),
    "admin.keys.done.rotated": _m(
        "Nieuwe sleutels zijn actief.",
        "De nouvelles clés sont actives.",
        "Neue Schlüssel sind aktiv.",
        "New keys are active.",
    ),
    # --- audit ---
    "admin.audit.title": _m("Auditlogboek", "Journal d'audit", "Prüfprotokoll", "Audit log"),
    "admin.audit.filter": _m("Handeling", "Action", "Aktion", "Action"),
    "admin.audit.filter_hint": _m(
        "Precies, of een begin gevolgd door * (bijvoorbeeld admin.* of login.*).",
        "Exacte, ou un début suivi de * (par exemple admin.* ou login.*).",
        "Genau, oder ein Anfang gefolgt von * (zum Beispiel admin.* oder login.*).",
        "Exact, or a beginning followed by * (for example admin.* or login.*).",
    ),
    "admin.audit.apply": _m("Filteren", "Filtrer", "Filtern", "Filter"),
    "admin.audit.none": _m("Geen vermeldingen.", "Aucune entrée.", "Keine Einträge.", "No entries."),
    "admin.audit.at": _m("Tijdstip (UTC)", "Moment (UTC)", "Zeitpunkt (UTC)", "Time (UTC)"),
    "admin.audit.action": _m("Handeling", "Action", "Aktion", "Action"),
    "admin.audit.actor": _m("Door", "Par", "Durch", "By"),
    "admin.audit.target": _m("Onderwerp", "Objet", "Gegenstand", "Target"),
    "admin.audit.detail": _m("Details", "Détails", "Details", "Details"),
    "admin.audit.newest": _m("Nieuwste", "Les plus récentes", "Neueste", "Newest"),
    "admin.audit.older": _m("Oudere vermeldingen", "Entrées plus anciennes", "Ältere Einträge", "Older entries"),
}
