"""Every text of the user rights pages in nl, fr, de and en (merged into ``idp.i18n.MESSAGES``).

Generated once from a table and kept by hand since; error texts are ``rights.error.<service error code>``.
"""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, dict[str, str]]] = {
    "rights.layout.title": {
        "nl": "Gebruikersbeheer",
        "fr": "Gestion des utilisateurs",
        "de": "Benutzerverwaltung",
        "en": "User management",
    },
    "rights.profile.title": {
        "nl": "Mijn profiel",
        "fr": "Mon profil",
        "de": "Mein Profil",
        "en": "My profile",
    },
    "rights.profile.intro": {
        "nl": "Hier ziet u welke gebruikersrechten u hebt, met hun begin- en einddatum en hun omschrijving.",
        "fr": "Vous voyez ici vos droits d'utilisateur, avec leurs dates de début et de fin et leur description.",
        "de": "Hier sehen Sie Ihre Benutzerrechte mit Beginn- und Enddatum und ihrer Beschreibung.",
        "en": "Here you see your user rights, with their start and end dates and their description.",
    },
    "rights.profile.rights": {
        "nl": "Mijn gebruikersrechten",
        "fr": "Mes droits d'utilisateur",
        "de": "Meine Benutzerrechte",
        "en": "My user rights",
    },
    "rights.profile.administrators": {
        "nl": "Mijn lokale beheerders",
        "fr": "Mes gestionnaires locaux",
        "de": "Meine lokalen Verwalter",
        "en": "My local administrators",
    },
    "rights.profile.administrators_intro": {
        "nl": "Hebt u een recht nodig? Neem dan contact op met uw lokale beheerder.",
        "fr": "Vous avez besoin d'un droit ? Contactez votre gestionnaire local.",
        "de": "Sie brauchen ein Recht? Wenden Sie sich an Ihren lokalen Verwalter.",
        "en": "Do you need a right? Contact your local administrator.",
    },
    "rights.profile.no_administrators": {
        "nl": "Deze organisatie heeft vandaag geen lokale beheerder.",
        "fr": "Cette organisation n'a pas de gestionnaire local aujourd'hui.",
        "de": "Diese Organisation hat heute keinen lokalen Verwalter.",
        "en": "This organisation has no local administrator today.",
    },
    "rights.profile.none": {
        "nl": "U werkt voor geen enkele organisatie en hebt geen gebruikersrechten.",
        "fr": "Vous ne travaillez pour aucune organisation et n'avez aucun droit d'utilisateur.",
        "de": "Sie arbeiten für keine Organisation und haben keine Benutzerrechte.",
        "en": "You work for no organisation and hold no user rights.",
    },
    "rights.profile.no_rights": {
        "nl": "U hebt geen gebruikersrechten bij deze organisatie.",
        "fr": "Vous n'avez aucun droit d'utilisateur dans cette organisation.",
        "de": "Sie haben keine Benutzerrechte bei dieser Organisation.",
        "en": "You hold no user rights at this organisation.",
    },
    "rights.profile.administers": {
        "nl": "U bent lokale beheerder van",
        "fr": "Vous êtes gestionnaire local de",
        "de": "Sie sind lokaler Verwalter von",
        "en": "You are local administrator of",
    },
    "rights.profile.security": {
        "nl": "Uw manieren van aanmelden",
        "fr": "Vos moyens de connexion",
        "de": "Ihre Anmeldemittel",
        "en": "Your ways of logging in",
    },
    "rights.profile.totp": {
        "nl": "Een app voor eenmalige codes instellen",
        "fr": "Configurer une application de codes à usage unique",
        "de": "Eine App für Einmalcodes einrichten",
        "en": "Set up a one-time code app",
    },
    "rights.profile.passkey": {
        "nl": "Een passkey instellen",
        "fr": "Configurer une clé d'accès (passkey)",
        "de": "Einen Passkey einrichten",
        "en": "Set up a passkey",
    },
    "rights.relation": {
        "nl": "Werkrelatie",
        "fr": "Relation de travail",
        "de": "Arbeitsverhältnis",
        "en": "Work relation",
    },
    "rights.valid_from_to": {
        "nl": "Geldig van {start} tot {end}",
        "fr": "Valable du {start} au {end}",
        "de": "Gültig vom {start} bis {end}",
        "en": "Valid from {start} to {end}",
    },
    "rights.valid_from_open": {
        "nl": "Geldig vanaf {start}",
        "fr": "Valable à partir du {start}",
        "de": "Gültig ab {start}",
        "en": "Valid from {start}",
    },
    "rights.col.right": {
        "nl": "Gebruikersrecht",
        "fr": "Droit d'utilisateur",
        "de": "Benutzerrecht",
        "en": "User right",
    },
    "rights.col.from": {
        "nl": "Begindatum",
        "fr": "Date de début",
        "de": "Beginndatum",
        "en": "Start date",
    },
    "rights.col.until": {
        "nl": "Einddatum",
        "fr": "Date de fin",
        "de": "Enddatum",
        "en": "End date",
    },
    "rights.col.status": {
        "nl": "Status",
        "fr": "Statut",
        "de": "Status",
        "en": "Status",
    },
    "rights.col.user": {
        "nl": "Gebruiker",
        "fr": "Utilisateur",
        "de": "Benutzer",
        "en": "User",
    },
    "rights.col.actions": {
        "nl": "Acties",
        "fr": "Actions",
        "de": "Aktionen",
        "en": "Actions",
    },
    "rights.details": {
        "nl": "Details",
        "fr": "Détails",
        "de": "Details",
        "en": "Details",
    },
    "rights.unlimited": {
        "nl": "onbepaald",
        "fr": "indéterminée",
        "de": "unbefristet",
        "en": "no end date",
    },
    "rights.status.active": {
        "nl": "actief",
        "fr": "actif",
        "de": "aktiv",
        "en": "active",
    },
    "rights.status.future": {
        "nl": "gaat later in",
        "fr": "commence plus tard",
        "de": "beginnt später",
        "en": "starts later",
    },
    "rights.status.ended": {
        "nl": "beëindigd",
        "fr": "terminé",
        "de": "beendet",
        "en": "ended",
    },
    "rights.kind.ssm_mandaatbeheerder": {
        "nl": "SSM Mandaatbeheerder",
        "fr": "SSM Gestionnaire de mandats",
        "de": "SSM Mandatsverwalter",
        "en": "SSM Mandate manager",
    },
    "rights.kind.ssm_mandaatuitvoerder": {
        "nl": "SSM Mandaatuitvoerder",
        "fr": "SSM Exécutant de mandats",
        "de": "SSM Mandatsausführender",
        "en": "SSM Mandate executor",
    },
    "rights.description.ssm_mandaatbeheerder": {
        "nl": "Dit gebruikersrecht laat de gebruiker toe om in SSM de mandaten van de organisatie te beheren: "
        "aanmaken, ondertekenen, stopzetten, verlengen en overdragen.",
        "fr": "Ce droit permet à l'utilisateur de gérer dans SSM les mandats de l'organisation : créer, signer, "
        "arrêter, prolonger et transférer.",
        "de": "Dieses Benutzerrecht erlaubt dem Benutzer, in SSM die Mandate der Organisation zu verwalten: "
        "erstellen, unterzeichnen, beenden, verlängern und übertragen.",
        "en": "This right lets the user manage the organisation's mandates in SSM: create, sign, stop, extend "
        "and transfer them.",
    },
    "rights.description.ssm_mandaatuitvoerder": {
        "nl": "Dit gebruikersrecht laat de gebruiker toe om een SSM-mandaat (met bepaald type) uit te voeren in "
        "naam van de organisatie. Let op: er moet een actief mandaat in SSM zijn om met dit recht te "
        "kunnen aanmelden.",
        "fr": "Ce droit permet à l'utilisateur d'exécuter un mandat SSM (d'un type donné) au nom de "
        "l'organisation. Attention : il faut un mandat actif dans SSM pour pouvoir se connecter avec ce "
        "droit.",
        "de": "Dieses Benutzerrecht erlaubt dem Benutzer, ein SSM-Mandat (eines bestimmten Typs) im Namen der "
        "Organisation auszuführen. Achtung: Für die Anmeldung mit diesem Recht muss ein aktives Mandat in "
        "SSM bestehen.",
        "en": "This right lets the user execute an SSM mandate (of given types) on behalf of the organisation. "
        "Note: an active mandate in SSM is needed to log in with this right.",
    },
    "rights.context.mandate_types": {
        "nl": "Mandaattypes",
        "fr": "Types de mandat",
        "de": "Mandatstypen",
        "en": "Mandate types",
    },
    "rights.context.mandators": {
        "nl": "Mandaatgevers",
        "fr": "Mandants",
        "de": "Mandatgeber",
        "en": "Mandators",
    },
    "rights.context.all_mandators": {
        "nl": "alle mandaatgevers",
        "fr": "tous les mandants",
        "de": "alle Mandatgeber",
        "en": "every mandator",
    },
    "rights.granted_by": {
        "nl": "Toegekend door {name}",
        "fr": "Accordé par {name}",
        "de": "Erteilt von {name}",
        "en": "Granted by {name}",
    },
    "rights.organisations.title": {
        "nl": "Gebruikersrechten beheren",
        "fr": "Gérer les droits d'utilisateur",
        "de": "Benutzerrechte verwalten",
        "en": "Manage user rights",
    },
    "rights.organisations.intro": {
        "nl": "U bent lokale beheerder van deze organisaties. Kies er een.",
        "fr": "Vous êtes gestionnaire local de ces organisations. Choisissez-en une.",
        "de": "Sie sind lokaler Verwalter dieser Organisationen. Wählen Sie eine.",
        "en": "You are local administrator of these organisations. Choose one.",
    },
    "rights.organisations.none": {
        "nl": "U bent van geen enkele organisatie lokale beheerder. Uw eigen rechten ziet u op Mijn profiel.",
        "fr": "Vous n'êtes gestionnaire local d'aucune organisation. Vos propres droits figurent dans Mon profil.",
        "de": "Sie sind für keine Organisation lokaler Verwalter. Ihre eigenen Rechte sehen Sie unter Mein Profil.",
        "en": "You are not local administrator of any organisation. Your own rights are on My profile.",
    },
    "rights.organisations.helpdesk": {
        "nl": "Als helpdeskmedewerker bekijkt u de gebruikersrechten van een organisatie; u wijzigt er geen.",
        "fr": "En tant qu'agent du helpdesk, vous consultez les droits d'une organisation ; vous n'en modifiez aucun.",
        "de": "Als Helpdesk-Mitarbeiter sehen Sie die Benutzerrechte einer Organisation ein; Sie ändern keine.",
        "en": "As a helpdesk agent you view an organisation's user rights; you change none.",
    },
    "rights.organisations.number": {
        "nl": "Ondernemingsnummer",
        "fr": "Numéro d'entreprise",
        "de": "Unternehmensnummer",
        "en": "Enterprise number",
    },
    "rights.organisations.open": {
        "nl": "Openen",
        "fr": "Ouvrir",
        "de": "Öffnen",
        "en": "Open",
    },
    "rights.organisations.number_invalid": {
        "nl": "Dit is geen geldig ondernemingsnummer.",
        "fr": "Ce n'est pas un numéro d'entreprise valable.",
        "de": "Dies ist keine gültige Unternehmensnummer.",
        "en": "This is not a valid enterprise number.",
    },
    "rights.organisation.title": {
        "nl": "Gebruikers van {name}",
        "fr": "Utilisateurs de {name}",
        "de": "Benutzer von {name}",
        "en": "Users of {name}",
    },
    "rights.organisation.intro": {
        "nl": "Als lokale beheerder kent u de gebruikers van deze organisatie rechten toe en beëindigt u ze.",
        "fr": "En tant que gestionnaire local, vous accordez et retirez les droits des utilisateurs de cette "
        "organisation.",
        "de": "Als lokaler Verwalter erteilen und beenden Sie die Rechte der Benutzer dieser Organisation.",
        "en": "As local administrator you grant and end the rights of this organisation's users.",
    },
    "rights.organisation.read_only": {
        "nl": "U bekijkt deze gebruikersrechten; wijzigen kan alleen de lokale beheerder.",
        "fr": "Vous consultez ces droits ; seul le gestionnaire local peut les modifier.",
        "de": "Sie sehen diese Rechte ein; nur der lokale Verwalter kann sie ändern.",
        "en": "You are viewing these rights; only the local administrator can change them.",
    },
    "rights.organisation.search": {
        "nl": "Zoeken op naam",
        "fr": "Rechercher par nom",
        "de": "Nach Namen suchen",
        "en": "Search by name",
    },
    "rights.organisation.search_button": {
        "nl": "Zoeken",
        "fr": "Rechercher",
        "de": "Suchen",
        "en": "Search",
    },
    "rights.organisation.no_users": {
        "nl": "Geen gebruikers gevonden.",
        "fr": "Aucun utilisateur trouvé.",
        "de": "Keine Benutzer gefunden.",
        "en": "No users found.",
    },
    "rights.organisation.no_rights": {
        "nl": "Geen gebruikersrechten.",
        "fr": "Aucun droit d'utilisateur.",
        "de": "Keine Benutzerrechte.",
        "en": "No user rights.",
    },
    "rights.organisation.next": {
        "nl": "Volgende gebruikers",
        "fr": "Utilisateurs suivants",
        "de": "Weitere Benutzer",
        "en": "Next users",
    },
    "rights.organisation.first": {
        "nl": "Terug naar het begin",
        "fr": "Retour au début",
        "de": "Zurück zum Anfang",
        "en": "Back to the start",
    },
    "rights.action.grant": {
        "nl": "Recht toekennen aan {name}",
        "fr": "Accorder un droit à {name}",
        "de": "Recht erteilen an {name}",
        "en": "Grant a right to {name}",
    },
    "rights.action.change": {
        "nl": "Wijzigen",
        "fr": "Modifier",
        "de": "Ändern",
        "en": "Change",
    },
    "rights.action.end": {
        "nl": "Beëindigen",
        "fr": "Mettre fin",
        "de": "Beenden",
        "en": "End",
    },
    "rights.action.change_label": {
        "nl": "{right} van {name} wijzigen",
        "fr": "Modifier {right} de {name}",
        "de": "{right} von {name} ändern",
        "en": "Change {right} of {name}",
    },
    "rights.action.end_label": {
        "nl": "{right} van {name} beëindigen",
        "fr": "Mettre fin à {right} de {name}",
        "de": "{right} von {name} beenden",
        "en": "End {right} of {name}",
    },
    "rights.grant.title": {
        "nl": "Gebruikersrecht toekennen",
        "fr": "Accorder un droit d'utilisateur",
        "de": "Benutzerrecht erteilen",
        "en": "Grant a user right",
    },
    "rights.grant.for": {
        "nl": "Aan {name}, bij {organisation}",
        "fr": "À {name}, chez {organisation}",
        "de": "An {name}, bei {organisation}",
        "en": "To {name}, at {organisation}",
    },
    "rights.form.kind": {
        "nl": "Gebruikersrecht",
        "fr": "Droit d'utilisateur",
        "de": "Benutzerrecht",
        "en": "User right",
    },
    "rights.form.valid_from": {
        "nl": "Begindatum",
        "fr": "Date de début",
        "de": "Beginndatum",
        "en": "Start date",
    },
    "rights.form.valid_until": {
        "nl": "Einddatum (optioneel)",
        "fr": "Date de fin (facultative)",
        "de": "Enddatum (optional)",
        "en": "End date (optional)",
    },
    "rights.form.date_hint": {
        "nl": "Bijvoorbeeld 31/12/2026. Leeg: onbepaald.",
        "fr": "Par exemple 31/12/2026. Vide : indéterminée.",
        "de": "Zum Beispiel 31/12/2026. Leer: unbefristet.",
        "en": "For example 31/12/2026. Empty: no end date.",
    },
    "rights.form.start_hint": {
        "nl": "Bijvoorbeeld 31/12/2026; vandaag of later.",
        "fr": "Par exemple 31/12/2026 ; aujourd'hui ou plus tard.",
        "de": "Zum Beispiel 31/12/2026; heute oder später.",
        "en": "For example 31/12/2026; today or later.",
    },
    "rights.form.mandate_types": {
        "nl": "Mandaattypes (verplicht voor SSM Mandaatuitvoerder)",
        "fr": "Types de mandat (obligatoires pour SSM Exécutant de mandats)",
        "de": "Mandatstypen (Pflicht für SSM Mandatsausführender)",
        "en": "Mandate types (required for SSM Mandate executor)",
    },
    "rights.form.mandators": {
        "nl": "Beperken tot deze mandaatgevers (optioneel)",
        "fr": "Limiter à ces mandants (facultatif)",
        "de": "Auf diese Mandatgeber beschränken (optional)",
        "en": "Limit to these mandators (optional)",
    },
    "rights.form.mandators_hint": {
        "nl": "Eén ondernemingsnummer per regel, bijvoorbeeld BE 0411.515.075. Leeg: alle mandaatgevers.",
        "fr": "Un numéro d'entreprise par ligne, par exemple BE 0411.515.075. Vide : tous les mandants.",
        "de": "Eine Unternehmensnummer pro Zeile, zum Beispiel BE 0411.515.075. Leer: alle Mandatgeber.",
        "en": "One enterprise number per line, for example BE 0411.515.075. Empty: every mandator.",
    },
    "rights.form.executor_only": {
        "nl": "Alleen voor SSM Mandaatuitvoerder.",
        "fr": "Uniquement pour SSM Exécutant de mandats.",
        "de": "Nur für SSM Mandatsausführender.",
        "en": "For SSM Mandate executor only.",
    },
    "rights.form.no_types": {
        "nl": "Er zijn geen mandaattypes die een organisatie als mandaatnemer kan gebruiken.",
        "fr": "Aucun type de mandat n'est utilisable par une organisation comme mandataire.",
        "de": "Es gibt keine Mandatstypen, die eine Organisation als Mandatsträger nutzen kann.",
        "en": "There are no mandate types an organisation can use as mandatee.",
    },
    "rights.form.cancel": {
        "nl": "Annuleren",
        "fr": "Annuler",
        "de": "Abbrechen",
        "en": "Cancel",
    },
    "rights.form.errors_title": {
        "nl": "Er is een probleem",
        "fr": "Il y a un problème",
        "de": "Es gibt ein Problem",
        "en": "There is a problem",
    },
    "rights.form.current": {
        "nl": "Huidige rechten van deze gebruiker hier",
        "fr": "Droits actuels de cet utilisateur ici",
        "de": "Aktuelle Rechte dieses Benutzers hier",
        "en": "This user's current rights here",
    },
    "rights.grant.submit": {
        "nl": "Toekennen",
        "fr": "Accorder",
        "de": "Erteilen",
        "en": "Grant",
    },
    "rights.change.title": {
        "nl": "Gebruikersrecht wijzigen",
        "fr": "Modifier un droit d'utilisateur",
        "de": "Benutzerrecht ändern",
        "en": "Change a user right",
    },
    "rights.change.started": {
        "nl": "Dit recht is al ingegaan: de begindatum blijft.",
        "fr": "Ce droit a déjà commencé : la date de début reste.",
        "de": "Dieses Recht hat bereits begonnen: Das Beginndatum bleibt.",
        "en": "This right has started: its start date stays.",
    },
    "rights.change.submit": {
        "nl": "Opslaan",
        "fr": "Enregistrer",
        "de": "Speichern",
        "en": "Save",
    },
    "rights.end.title": {
        "nl": "Gebruikersrecht beëindigen",
        "fr": "Mettre fin à un droit d'utilisateur",
        "de": "Benutzerrecht beenden",
        "en": "End a user right",
    },
    "rights.end.confirm": {
        "nl": "{right} van {name} eindigt onmiddellijk: het geldt vandaag al niet meer. Dit kan niet ongedaan "
        "worden gemaakt; u kunt later een nieuw recht toekennen.",
        "fr": "{right} de {name} prend fin immédiatement : il ne vaut déjà plus aujourd'hui. C'est irréversible "
        "; vous pourrez accorder un nouveau droit plus tard.",
        "de": "{right} von {name} endet sofort: Es gilt schon heute nicht mehr. Dies kann nicht rückgängig "
        "gemacht werden; Sie können später ein neues Recht erteilen.",
        "en": "{right} of {name} ends at once: it no longer counts today. This cannot be undone; you can grant "
        "a new right later.",
    },
    "rights.end.submit": {
        "nl": "Nu beëindigen",
        "fr": "Mettre fin maintenant",
        "de": "Jetzt beenden",
        "en": "End now",
    },
    "rights.done.granted": {
        "nl": "{name} heeft het gebruikersrecht gekregen.",
        "fr": "{name} a reçu le droit d'utilisateur.",
        "de": "{name} hat das Benutzerrecht erhalten.",
        "en": "{name} has been granted the user right.",
    },
    "rights.done.changed": {
        "nl": "Het gebruikersrecht van {name} is gewijzigd.",
        "fr": "Le droit d'utilisateur de {name} a été modifié.",
        "de": "Das Benutzerrecht von {name} wurde geändert.",
        "en": "The user right of {name} has been changed.",
    },
    "rights.done.ended": {
        "nl": "Het gebruikersrecht van {name} is beëindigd; de laatste geldige dag was {day}.",
        "fr": "Le droit d'utilisateur de {name} a pris fin ; le dernier jour valable était le {day}.",
        "de": "Das Benutzerrecht von {name} wurde beendet; der letzte gültige Tag war der {day}.",
        "en": "The user right of {name} has ended; its last valid day was {day}.",
    },
    "rights.done.withdrawn": {
        "nl": "Het gebruikersrecht van {name} is ingetrokken voordat het inging.",
        "fr": "Le droit d'utilisateur de {name} a été retiré avant de commencer.",
        "de": "Das Benutzerrecht von {name} wurde zurückgezogen, bevor es begann.",
        "en": "The user right of {name} has been withdrawn before it started.",
    },
    "rights.error.invalid": {
        "nl": "Deze gegevens zijn niet geldig.",
        "fr": "Ces données ne sont pas valables.",
        "de": "Diese Angaben sind ungültig.",
        "en": "This input is not valid.",
    },
    "rights.error.conflict": {
        "nl": "Dit kan niet meer: de gegevens zijn intussen gewijzigd. Laad de pagina opnieuw.",
        "fr": "Ce n'est plus possible : les données ont changé entre-temps. Rechargez la page.",
        "de": "Das ist nicht mehr möglich: Die Daten wurden inzwischen geändert. Laden Sie die Seite neu.",
        "en": "This is no longer possible: the data changed meanwhile. Reload the page.",
    },
    "rights.error.kind_required": {
        "nl": "Kies een gebruikersrecht.",
        "fr": "Choisissez un droit d'utilisateur.",
        "de": "Wählen Sie ein Benutzerrecht.",
        "en": "Choose a user right.",
    },
    "rights.error.date_required": {
        "nl": "Vul een datum in.",
        "fr": "Indiquez une date.",
        "de": "Geben Sie ein Datum ein.",
        "en": "Enter a date.",
    },
    "rights.error.date_invalid": {
        "nl": "Dit is geen geldige datum. Gebruik dd/mm/jjjj.",
        "fr": "Ce n'est pas une date valable. Utilisez jj/mm/aaaa.",
        "de": "Dies ist kein gültiges Datum. Verwenden Sie TT/MM/JJJJ.",
        "en": "This is not a valid date. Use dd/mm/yyyy.",
    },
    "rights.error.identifier": {
        "nl": "„{value}” is geen geldig ondernemingsnummer.",
        "fr": "« {value} » n'est pas un numéro d'entreprise valable.",
        "de": "„{value}“ ist keine gültige Unternehmensnummer.",
        "en": '"{value}" is not a valid enterprise number.',
    },
    "rights.error.mandate.start_in_past": {
        "nl": "De begindatum ligt in het verleden; kies vandaag of later.",
        "fr": "La date de début est dans le passé ; choisissez aujourd'hui ou plus tard.",
        "de": "Das Beginndatum liegt in der Vergangenheit; wählen Sie heute oder später.",
        "en": "The start date is in the past; choose today or later.",
    },
    "rights.error.mandate.end_before_start": {
        "nl": "De einddatum ligt vóór de begindatum.",
        "fr": "La date de fin précède la date de début.",
        "de": "Das Enddatum liegt vor dem Beginndatum.",
        "en": "The end date is before the start date.",
    },
    "rights.error.rights.end_in_past": {
        "nl": "De einddatum ligt in het verleden. Om het recht nu te beëindigen, gebruikt u Beëindigen.",
        "fr": "La date de fin est dans le passé. Pour mettre fin au droit maintenant, utilisez Mettre fin.",
        "de": "Das Enddatum liegt in der Vergangenheit. Um das Recht jetzt zu beenden, verwenden Sie Beenden.",
        "en": "The end date is in the past. To end the right now, use End.",
    },
    "rights.error.rights.start_fixed": {
        "nl": "Dit recht is al ingegaan; de begindatum kan niet meer wijzigen.",
        "fr": "Ce droit a déjà commencé ; sa date de début ne peut plus changer.",
        "de": "Dieses Recht hat bereits begonnen; das Beginndatum kann sich nicht mehr ändern.",
        "en": "This right has started; its start date can no longer change.",
    },
    "rights.error.rights.kind_unknown": {
        "nl": "Kies SSM Mandaatbeheerder of SSM Mandaatuitvoerder.",
        "fr": "Choisissez SSM Gestionnaire de mandats ou SSM Exécutant de mandats.",
        "de": "Wählen Sie SSM Mandatsverwalter oder SSM Mandatsausführender.",
        "en": "Choose SSM Mandate manager or SSM Mandate executor.",
    },
    "rights.error.rights.mandate_types_required": {
        "nl": "Kies minstens één mandaattype: het is verplicht voor SSM Mandaatuitvoerder.",
        "fr": "Choisissez au moins un type de mandat : il est obligatoire pour SSM Exécutant de mandats.",
        "de": "Wählen Sie mindestens einen Mandatstyp: Er ist für SSM Mandatsausführender Pflicht.",
        "en": "Choose at least one mandate type: it is required for SSM Mandate executor.",
    },
    "rights.error.rights.context_not_allowed": {
        "nl": "SSM Mandaatbeheerder heeft geen mandaattypes of mandaatgevers; laat die leeg.",
        "fr": "SSM Gestionnaire de mandats n'a ni types de mandat ni mandants ; laissez-les vides.",
        "de": "SSM Mandatsverwalter hat keine Mandatstypen oder Mandatgeber; lassen Sie diese leer.",
        "en": "SSM Mandate manager has no mandate types or mandators; leave them empty.",
    },
    "rights.error.mandate_type.unknown": {
        "nl": "Het mandaattype „{mandate_type_code}” bestaat niet.",
        "fr": "Le type de mandat « {mandate_type_code} » n'existe pas.",
        "de": "Der Mandatstyp „{mandate_type_code}“ existiert nicht.",
        "en": 'The mandate type "{mandate_type_code}" does not exist.',
    },
    "rights.error.mandate_type.inactive": {
        "nl": "Het mandaattype „{mandate_type_code}” kan niet meer worden gekozen.",
        "fr": "Le type de mandat « {mandate_type_code} » ne peut plus être choisi.",
        "de": "Der Mandatstyp „{mandate_type_code}“ kann nicht mehr gewählt werden.",
        "en": 'The mandate type "{mandate_type_code}" can no longer be chosen.',
    },
    "rights.error.party.not_found": {
        "nl": "Er is geen organisatie met nummer {identifier} bekend.",
        "fr": "Aucune organisation n'est connue sous le numéro {identifier}.",
        "de": "Es ist keine Organisation mit der Nummer {identifier} bekannt.",
        "en": "No organisation with number {identifier} is known.",
    },
    "rights.error.rights.mandator_is_organisation": {
        "nl": "De organisatie kan niet haar eigen mandaatgever zijn.",
        "fr": "L'organisation ne peut pas être son propre mandant.",
        "de": "Die Organisation kann nicht ihr eigener Mandatgeber sein.",
        "en": "The organisation cannot be its own mandator.",
    },
    "rights.error.rights.too_many_mandators": {
        "nl": "Geef hoogstens {max} mandaatgevers op.",
        "fr": "Indiquez au maximum {max} mandants.",
        "de": "Geben Sie höchstens {max} Mandatgeber an.",
        "en": "Give at most {max} mandators.",
    },
    "rights.error.rights.outside_work_relation": {
        "nl": "Het recht moet binnen de werkrelatie van de gebruiker met deze organisatie vallen: het begint "
        "niet vóór en eindigt niet na die werkrelatie.",
        "fr": "Le droit doit se situer dans la relation de travail de l'utilisateur avec cette organisation : "
        "il ne commence pas avant elle et ne finit pas après elle.",
        "de": "Das Recht muss innerhalb des Arbeitsverhältnisses des Benutzers mit dieser Organisation liegen: "
        "Es beginnt nicht davor und endet nicht danach.",
        "en": "The right must lie within the user's work relation with this organisation: it starts no earlier "
        "and ends no later than that relation.",
    },
    "rights.error.rights.duplicate": {
        "nl": "Deze gebruiker heeft dit recht hier al voor (een deel van) deze periode. Wijzig dat recht in "
        "plaats van een nieuw toe te kennen.",
        "fr": "Cet utilisateur a déjà ce droit ici pour (une partie de) cette période. Modifiez ce droit au "
        "lieu d'en accorder un nouveau.",
        "de": "Dieser Benutzer hat dieses Recht hier bereits für (einen Teil) dieses Zeitraums. Ändern Sie "
        "dieses Recht, statt ein neues zu erteilen.",
        "en": "This user already holds this right here for (part of) this period. Change that right instead of "
        "granting a new one.",
    },
    "rights.error.rights.already_ended": {
        "nl": "Dit recht is al beëindigd.",
        "fr": "Ce droit a déjà pris fin.",
        "de": "Dieses Recht ist bereits beendet.",
        "en": "This right has ended already.",
    },
}
