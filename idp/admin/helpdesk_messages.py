"""The helpdesk pages' texts, in nl, fr, de and en (merged into ``idp.i18n.MESSAGES`` at start-up)."""

from __future__ import annotations

from .messages import _m

MESSAGES: dict[str, dict[str, str]] = {
    "helpdesk.title": _m("Helpdesk", "Helpdesk", "Helpdesk", "Helpdesk"),
    "helpdesk.read_only": _m(
        "U kijkt mee: op deze pagina's kan niets gewijzigd worden.",
        "Consultation seule : rien ne peut être modifié sur ces pages.",
        "Nur Lesezugriff: Auf diesen Seiten kann nichts geändert werden.",
        "Read only: nothing can be changed on these pages.",
    ),
    "helpdesk.nav.search": _m(
        "Personen en ondernemingen", "Personnes et entreprises", "Personen und Unternehmen", "People and enterprises"
    ),
    "helpdesk.nav.mandates": _m("Alle mandaten", "Tous les mandats", "Alle Mandate", "All mandates"),
    "helpdesk.search.label": _m(
        "Zoek een persoon of onderneming",
        "Chercher une personne ou une entreprise",
        "Person oder Unternehmen suchen",
        "Find a person or an enterprise",
    ),
    "helpdesk.search.hint": _m(
        "Naam, rijksregisternummer, KBO-nummer of gebruikersnaam.",
        "Nom, numéro de registre national, numéro BCE ou nom d'utilisateur.",
        "Name, Nationalregisternummer, ZUD-Nummer oder Benutzername.",
        "Name, national register number, KBO number or username.",
    ),
    "helpdesk.search.button": _m("Zoeken", "Chercher", "Suchen", "Search"),
    "helpdesk.search.results": _m("Resultaten", "Résultats", "Ergebnisse", "Results"),
    "helpdesk.search.none": _m("Niets gevonden.", "Rien trouvé.", "Nichts gefunden.", "Nothing found."),
    "helpdesk.kind.person": _m("persoon", "personne", "Person", "person"),
    "helpdesk.kind.organisation": _m("organisatie", "organisation", "Organisation", "organisation"),
    "helpdesk.more": _m("Volgende pagina", "Page suivante", "Nächste Seite", "Next page"),
    "helpdesk.party.identifier": _m("Nummer", "Numéro", "Nummer", "Number"),
    "helpdesk.party.kind": _m("Soort", "Type", "Art", "Kind"),
    "helpdesk.party.username": _m("Gebruiker", "Utilisateur", "Benutzer", "User"),
    "helpdesk.party.no_user": _m("geen gebruiker", "pas d'utilisateur", "kein Benutzer", "no user"),
    "helpdesk.party.disabled": _m("uitgeschakeld", "désactivé", "gesperrt", "disabled"),
    "helpdesk.party.roles": _m("Rollen", "Rôles", "Rollen", "Roles"),
    "helpdesk.mandates.title": _m("Mandaten", "Mandats", "Mandate", "Mandates"),
    "helpdesk.mandates.none": _m("Geen mandaten.", "Aucun mandat.", "Keine Mandate.", "No mandates."),
    "helpdesk.mandates.search": _m(
        "Nummer, naam, KBO-nummer, rijksregisternummer of referentie",
        "Numéro, nom, numéro BCE, numéro de registre national ou référence",
        "Nummer, Name, ZUD-Nummer, Nationalregisternummer oder Referenz",
        "Number, name, KBO number, national register number or reference",
    ),
    "helpdesk.mandates.count": _m("{count} mandaten", "{count} mandats", "{count} Mandate", "{count} mandates"),
    "helpdesk.mandate.title": _m("Mandaat {number}", "Mandat {number}", "Mandat {number}", "Mandate {number}"),
    "helpdesk.mandate.number": _m("Nr.", "N°", "Nr.", "No."),
    "helpdesk.mandate.type": _m("Mandaattype", "Type de mandat", "Mandatstyp", "Mandate type"),
    "helpdesk.mandate.mandator": _m("Mandaatgever", "Mandant", "Mandatsgeber", "Mandator"),
    "helpdesk.mandate.mandatee": _m("Mandaatnemer", "Mandataire", "Mandatsträger", "Mandatee"),
    "helpdesk.mandate.pending_mandatee": _m(
        "Voorgestelde nieuwe mandaatnemer",
        "Nouveau mandataire proposé",
        "Vorgeschlagener neuer Mandatsträger",
        "Proposed new mandatee",
    ),
    "helpdesk.mandate.transfer_to": _m(
        "overdracht naar {name}", "transfert vers {name}", "Übertragung an {name}", "transfer to {name}"
    ),
    "helpdesk.mandate.period": _m("Geldig", "Validité", "Gültig", "Valid"),
    "helpdesk.mandate.open_ended": _m("onbepaalde duur", "durée indéterminée", "unbefristet", "open-ended"),
    "helpdesk.mandate.status": _m("Status", "Statut", "Status", "Status"),
    "helpdesk.mandate.reference": _m("Referentie", "Référence", "Referenz", "Reference"),
    "helpdesk.mandate.id": _m("Mandaat-ID", "ID du mandat", "Mandats-ID", "Mandate ID"),
    "helpdesk.mandate.history": _m("Geschiedenis", "Historique", "Verlauf", "History"),
    "helpdesk.mandate.no_history": _m("Geen gebeurtenissen.", "Aucun événement.", "Keine Ereignisse.", "No events."),
    "helpdesk.status.any": _m("Alle", "Tous", "Alle", "Any"),
    "helpdesk.status.awaiting_signature": _m(
        "Wacht op ondertekening", "En attente de signature", "Wartet auf Unterschrift", "Awaiting signature"
    ),
    "helpdesk.status.refused": _m("Geweigerd", "Refusé", "Abgelehnt", "Refused"),
    "helpdesk.status.stopped": _m("Stopgezet", "Arrêté", "Beendet", "Stopped"),
    "helpdesk.status.future": _m("Begint later", "Commence plus tard", "Beginnt später", "Starts later"),
    "helpdesk.status.active": _m("Actief", "Actif", "Aktiv", "Active"),
    "helpdesk.status.expired": _m("Vervallen", "Expiré", "Abgelaufen", "Expired"),
    "helpdesk.rights.title": _m("Gebruikersrechten", "Droits d'utilisateur", "Benutzerrechte", "User rights"),
    "helpdesk.rights.none": _m(
        "Geen gebruikersrechten.", "Aucun droit d'utilisateur.", "Keine Benutzerrechte.", "No user rights."
    ),
    "helpdesk.rights.holder": _m("Gebruiker", "Utilisateur", "Benutzer", "User"),
    "helpdesk.rights.organisation": _m("Organisatie", "Organisation", "Organisation", "Organisation"),
    "helpdesk.rights.right": _m("Recht", "Droit", "Recht", "Right"),
    "helpdesk.rights.period": _m("Geldig", "Validité", "Gültig", "Valid"),
    "helpdesk.rights.mandate_types": _m("Mandaattypes", "Types de mandat", "Mandatstypen", "Mandate types"),
    "helpdesk.right.ssm_mandaatbeheerder": _m(
        "SSM Mandaatbeheerder", "Gestionnaire de mandats SSM", "SSM-Mandatsverwalter", "SSM mandate manager"
    ),
    "helpdesk.right.ssm_mandaatuitvoerder": _m(
        "SSM Mandaatuitvoerder", "Exécutant de mandats SSM", "SSM-Mandatsausführender", "SSM mandate executor"
    ),
    "helpdesk.representations.title": _m(
        "Wettelijke vertegenwoordiging (KBO)",
        "Représentation légale (BCE)",
        "Gesetzliche Vertretung (ZUD)",
        "Legal representation (KBO)",
    ),
    "helpdesk.representations.none": _m("Geen.", "Aucune.", "Keine.", "None."),
    "helpdesk.work_relations.title": _m(
        "Werkrelaties", "Relations de travail", "Arbeitsverhältnisse", "Work relations"
    ),
    "helpdesk.local_administrators.title": _m(
        "Lokale beheerders", "Administrateurs locaux", "Lokale Verwalter", "Local administrators"
    ),
    "helpdesk.decisions.title": _m(
        "Recente aanmeldbeslissingen",
        "Décisions de connexion récentes",
        "Letzte Anmeldeentscheidungen",
        "Recent login decisions",
    ),
    "helpdesk.decisions.none": _m(
        "Geen geregistreerde aanmeldbeslissingen.",
        "Aucune décision de connexion enregistrée.",
        "Keine erfassten Anmeldeentscheidungen.",
        "No recorded login decisions.",
    ),
    "helpdesk.decisions.application": _m("Toepassing", "Application", "Anwendung", "Application"),
    "helpdesk.explain.title_short": _m(
        "Waarom (niet) aangeboden?", "Pourquoi (pas) proposé ?", "Warum (nicht) angeboten?", "Why (not) offered?"
    ),
    "helpdesk.explain.title": _m(
        "Wat {person} ziet bij {application}",
        "Ce que {person} voit dans {application}",
        "Was {person} bei {application} sieht",
        "What {person} sees at {application}",
    ),
    "helpdesk.explain.application": _m("Toepassing", "Application", "Anwendung", "Application"),
    "helpdesk.explain.button": _m("Uitleggen", "Expliquer", "Erklären", "Explain"),
    "helpdesk.explain.disabled": _m("uitgeschakeld", "désactivée", "ausgeschaltet", "disabled"),
    "helpdesk.explain.no_applications": _m(
        "Er zijn geen toepassingen.",
        "Il n'y a pas d'applications.",
        "Es gibt keine Anwendungen.",
        "There are no applications.",
    ),
    "helpdesk.explain.back": _m("Terug naar {name}", "Retour à {name}", "Zurück zu {name}", "Back to {name}"),
    "helpdesk.explain.policy": _m(
        "Beleid van de toepassing", "Politique de l'application", "Richtlinie der Anwendung", "The application's policy"
    ),
    "helpdesk.explain.application_disabled": _m(
        "De toepassing is uitgeschakeld: niemand kan zich aanmelden.",
        "L'application est désactivée : personne ne peut se connecter.",
        "Die Anwendung ist ausgeschaltet: Niemand kann sich anmelden.",
        "The application is disabled: nobody can log in.",
    ),
    "helpdesk.explain.accepted_types": _m(
        "Aanvaarde (actieve) mandaattypes",
        "Types de mandat acceptés (actifs)",
        "Akzeptierte (aktive) Mandatstypen",
        "Accepted (active) mandate types",
    ),
    "helpdesk.explain.today": _m("Beoordeeld op {day}", "Évalué le {day}", "Beurteilt am {day}", "Judged on {day}"),
    "helpdesk.explain.offered": _m(
        "Wat het keuzescherm nu toont",
        "Ce que l'écran de choix affiche maintenant",
        "Was der Auswahlbildschirm jetzt zeigt",
        "What the selection screen shows now",
    ),
    "helpdesk.explain.no_chain": _m(
        "Er is geen resolverketen geconfigureerd.",
        "Aucune chaîne de résolveurs n'est configurée.",
        "Es ist keine Resolver-Kette konfiguriert.",
        "No resolver chain is configured.",
    ),
    "helpdesk.explain.chain_failed": _m(
        "De resolverketen kon niet antwoorden; zie het serverlogboek.",
        "La chaîne de résolveurs n'a pas pu répondre ; voir le journal du serveur.",
        "Die Resolver-Kette konnte nicht antworten; siehe Serverprotokoll.",
        "The resolver chain could not answer; see the server log.",
    ),
    "helpdesk.explain.failures": _m(
        "Niet beschikbaar: {sources}. Opties van die bronnen ontbreken.",
        "Indisponible : {sources}. Les options de ces sources manquent.",
        "Nicht verfügbar: {sources}. Optionen dieser Quellen fehlen.",
        "Unavailable: {sources}. Options from these sources are missing.",
    ),
    "helpdesk.explain.no_options": _m(
        "Geen enkele keuze: de persoon krijgt de foutpagina.",
        "Aucun choix : la personne reçoit la page d'erreur.",
        "Keine Auswahl: Die Person erhält die Fehlerseite.",
        "No choice at all: the person gets the error page.",
    ),
    "helpdesk.explain.more_options": _m("En meer.", "Et plus.", "Und mehr.", "And more."),
    "helpdesk.explain.via": _m("via", "via", "über", "via"),
    "helpdesk.explain.mandates": _m(
        "Mandaten van deze persoon en hun organisaties",
        "Mandats de cette personne et de ses organisations",
        "Mandate dieser Person und ihrer Organisationen",
        "Mandates of this person and their organisations",
    ),
    "helpdesk.explain.no_mandates": _m(
        "Geen mandaten met deze persoon of een van hun organisaties als mandaatnemer.",
        "Aucun mandat dont cette personne ou l'une de ses organisations est mandataire.",
        "Keine Mandate mit dieser Person oder einer ihrer Organisationen als Mandatsträger.",
        "No mandates with this person or one of their organisations as mandatee.",
    ),
    "helpdesk.explain.verdict": _m("Aangeboden?", "Proposé ?", "Angeboten?", "Offered?"),
    "helpdesk.explain.is_offered": _m("Aangeboden", "Proposé", "Angeboten", "Offered"),
    "helpdesk.explain.not_offered": _m("Niet aangeboden", "Non proposé", "Nicht angeboten", "Not offered"),
    "helpdesk.explain.chain_differs": _m(
        "Maar de keten toont het niet: meld dit aan de beheerders.",
        "Mais la chaîne ne le montre pas : signalez-le aux administrateurs.",
        "Aber die Kette zeigt es nicht: Melden Sie dies den Verwaltern.",
        "But the chain does not show it: report this to the administrators.",
    ),
    "helpdesk.explain.truncated": _m(
        "Enkel de nieuwste 200 mandaten worden uitgelegd.",
        "Seuls les 200 mandats les plus récents sont expliqués.",
        "Nur die neuesten 200 Mandate werden erklärt.",
        "Only the newest 200 mandates are explained.",
    ),
    "helpdesk.capacity.citizen": _m("Als burger", "En tant que citoyen", "Als Bürger", "As a citizen"),
    "helpdesk.capacity.employee": _m(
        "Als medewerker", "En tant que collaborateur", "Als Mitarbeiter", "As an employee"
    ),
    "helpdesk.capacity.legal_representative": _m(
        "Als wettelijk vertegenwoordiger",
        "En tant que représentant légal",
        "Als gesetzlicher Vertreter",
        "As legal representative",
    ),
    "helpdesk.capacity.mandate": _m("Mandaat", "Mandat", "Mandat", "Mandate"),
    "helpdesk.path.person_mandatee": _m(
        "de persoon is zelf mandaatnemer",
        "la personne est elle-même mandataire",
        "die Person ist selbst Mandatsträger",
        "the person is the mandatee",
    ),
    "helpdesk.path.executor_right": _m(
        "via het recht SSM Mandaatuitvoerder",
        "via le droit d'exécutant de mandats SSM",
        "über das Recht SSM-Mandatsausführender",
        "through the SSM mandate executor right",
    ),
    "helpdesk.path.legal_representative": _m(
        "als wettelijk vertegenwoordiger van de mandaatnemer",
        "en tant que représentant légal du mandataire",
        "als gesetzlicher Vertreter des Mandatsträgers",
        "as legal representative of the mandatee",
    ),
    "helpdesk.reason.type_not_accepted": _m(
        "De toepassing aanvaardt dit mandaattype niet.",
        "L'application n'accepte pas ce type de mandat.",
        "Die Anwendung akzeptiert diesen Mandatstyp nicht.",
        "The application does not accept this mandate type.",
    ),
    "helpdesk.reason.type_inactive": _m(
        "Het mandaattype is gedeactiveerd.",
        "Le type de mandat est désactivé.",
        "Der Mandatstyp ist deaktiviert.",
        "The mandate type is deactivated.",
    ),
    "helpdesk.reason.unsigned": _m(
        "Nog niet door beide partijen ondertekend.",
        "Pas encore signé par les deux parties.",
        "Noch nicht von beiden Parteien unterschrieben.",
        "Not yet signed by both parties.",
    ),
    "helpdesk.reason.refused": _m(
        "Geweigerd door de tegenpartij.",
        "Refusé par l'autre partie.",
        "Von der Gegenpartei abgelehnt.",
        "Refused by the other party.",
    ),
    "helpdesk.reason.stopped": _m("Stopgezet.", "Arrêté.", "Beendet.", "Stopped."),
    "helpdesk.reason.not_started": _m(
        "De begindatum ligt in de toekomst.",
        "La date de début est dans le futur.",
        "Das Anfangsdatum liegt in der Zukunft.",
        "The start date is in the future.",
    ),
    "helpdesk.reason.expired": _m(
        "De einddatum is voorbij.", "La date de fin est passée.", "Das Enddatum ist vorbei.", "The end date has passed."
    ),
    "helpdesk.reason.inconsistent": _m(
        "De handtekeningen kloppen niet met de status: nooit aangeboden.",
        "Les signatures ne correspondent pas au statut : jamais proposé.",
        "Die Unterschriften passen nicht zum Status: nie angeboten.",
        "The signatures contradict the status: never offered.",
    ),
    "helpdesk.reason.no_executor_right": _m(
        "De persoon heeft geen recht SSM Mandaatuitvoerder voor de mandaatnemer.",
        "La personne n'a pas de droit d'exécutant de mandats SSM pour le mandataire.",
        "Die Person hat kein Recht SSM-Mandatsausführender für den Mandatsträger.",
        "The person holds no SSM mandate executor right for the mandatee.",
    ),
    "helpdesk.reason.right_without_type": _m(
        "Het recht SSM Mandaatuitvoerder bevat dit mandaattype niet.",
        "Le droit d'exécutant de mandats SSM ne contient pas ce type de mandat.",
        "Das Recht SSM-Mandatsausführender enthält diesen Mandatstyp nicht.",
        "The SSM mandate executor right does not hold this mandate type.",
    ),
    "helpdesk.reason.right_not_valid": _m(
        "Het recht SSM Mandaatuitvoerder is vandaag niet geldig (verlopen of nog niet begonnen).",
        "Le droit d'exécutant de mandats SSM n'est pas valable aujourd'hui (expiré ou pas encore commencé).",
        "Das Recht SSM-Mandatsausführender ist heute nicht gültig (abgelaufen oder noch nicht begonnen).",
        "The SSM mandate executor right is not valid today (ended or not yet started).",
    ),
    "helpdesk.reason.right_other_mandators": _m(
        "Het recht is beperkt tot andere mandaatgevers.",
        "Le droit est limité à d'autres mandants.",
        "Das Recht ist auf andere Mandatsgeber beschränkt.",
        "The right is limited to other mandators.",
    ),
    "helpdesk.reason.legal_representative_feature_off": _m(
        "De persoon is wettelijk vertegenwoordiger, maar de toepassing aanvaardt geen wettelijke vertegenwoordigers.",
        "La personne est représentant légal, mais l'application n'accepte pas les représentants légaux.",
        "Die Person ist gesetzlicher Vertreter, aber die Anwendung akzeptiert keine gesetzlichen Vertreter.",
        "The person is a legal representative, but the application does not accept legal representatives.",
    ),
    "helpdesk.reason.representation_not_valid": _m(
        "De wettelijke vertegenwoordiging is vandaag niet geldig.",
        "La représentation légale n'est pas valable aujourd'hui.",
        "Die gesetzliche Vertretung ist heute nicht gültig.",
        "The legal representation is not valid today.",
    ),
}
