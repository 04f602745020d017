"""The texts of the portal's mandate pages (dashboard, create, detail, actions) in nl, fr, de and en."""

from __future__ import annotations

from typing import Final

from .action_messages import ACTION_MESSAGES


def _t(nl: str, fr: str, de: str, en: str) -> dict[str, str]:
    return {"nl": nl, "fr": fr, "de": de, "en": en}


_PAGES: Final[dict[str, dict[str, str]]] = {
    "portal.dashboard.title": _t("Mijn mandaten", "Mes mandats", "Meine Mandate", "My mandates"),
    "portal.errors_title": _t("Er is een probleem", "Il y a un problème", "Es gibt ein Problem", "There is a problem"),
    "portal.list.active": _t("Actieve mandaten", "Mandats actifs", "Aktive Mandate", "Active mandates"),
    "portal.list.to_sign": _t(
        "Mandaten die ik moet ondertekenen",
        "Mandats que je dois signer",
        "Mandate, die ich unterzeichnen muss",
        "Mandates I must sign",
    ),
    "portal.list.awaiting_other": _t(
        "Mandaten in afwachting van ondertekening door de andere partij",
        "Mandats en attente de signature par l'autre partie",
        "Mandate, die auf die Unterschrift der anderen Partei warten",
        "Mandates awaiting the other party's signature",
    ),
    "portal.list.awaiting_transfer": _t(
        "Mandaten die wachten op overdracht",
        "Mandats en attente de transfert",
        "Mandate, die auf eine Übertragung warten",
        "Mandates awaiting transfer",
    ),
    "portal.list.all": _t("Alle mandaten", "Tous les mandats", "Alle Mandate", "All mandates"),
    "portal.count.none.active": _t(
        "U hebt geen actief mandaat.",
        "Vous n'avez aucun mandat actif.",
        "Sie haben kein aktives Mandat.",
        "You have no active mandate.",
    ),
    "portal.count.none.to_sign": _t(
        "U hebt geen mandaten in afwachting van ondertekening.",
        "Vous n'avez aucun mandat à signer.",
        "Sie haben keine Mandate zu unterzeichnen.",
        "You have no mandates to sign.",
    ),
    "portal.count.none.awaiting_other": _t(
        "Geen enkel mandaat wacht op de andere partij.",
        "Aucun mandat n'attend l'autre partie.",
        "Kein Mandat wartet auf die andere Partei.",
        "No mandate is waiting for the other party.",
    ),
    "portal.count.none.awaiting_transfer": _t(
        "U hebt geen overdracht in afwachting.",
        "Vous n'avez aucun transfert en attente.",
        "Sie haben keine ausstehende Übertragung.",
        "You have no pending transfer.",
    ),
    "portal.count.none.all": _t(
        "U hebt geen mandaten.", "Vous n'avez aucun mandat.", "Sie haben keine Mandate.", "You have no mandates."
    ),
    "portal.count.some": _t("Aantal: {count}", "Nombre : {count}", "Anzahl: {count}", "Number: {count}"),
    "portal.count.capped": _t("Meer dan {count}", "Plus de {count}", "Mehr als {count}", "More than {count}"),
    "portal.col.number": _t("Nummer", "Numéro", "Nummer", "Number"),
    "portal.col.type": _t("Mandaattype", "Type de mandat", "Mandatstyp", "Mandate type"),
    "portal.col.mandator": _t("Mandaatgever", "Mandant", "Mandatgeber", "Mandator"),
    "portal.col.mandatee": _t("Mandaatnemer", "Mandataire", "Mandatnehmer", "Mandatee"),
    "portal.col.valid_from": _t("Begindatum", "Date de début", "Beginndatum", "Start date"),
    "portal.col.valid_until": _t("Einddatum", "Date de fin", "Enddatum", "End date"),
    "portal.col.reference": _t("Referentie", "Référence", "Referenz", "Reference"),
    "portal.col.status": _t("Mandaatstatus", "Statut du mandat", "Mandatsstatus", "Status"),
    "portal.col.date": _t("Datum", "Date", "Datum", "Date"),
    "portal.col.event": _t("Gebeurtenis", "Événement", "Ereignis", "Event"),
    "portal.view_number": _t("Mandaat {number}", "Mandat {number}", "Mandat {number}", "Mandate {number}"),
    "portal.select": _t("Selecteren", "Sélectionner", "Auswählen", "Select"),
    "portal.select_row": _t(
        "Mandaat {number} selecteren",
        "Sélectionner le mandat {number}",
        "Mandat {number} auswählen",
        "Select mandate {number}",
    ),
    "portal.bulk.sign_selected": _t(
        "Geselecteerde mandaten ondertekenen",
        "Signer les mandats sélectionnés",
        "Ausgewählte Mandate unterzeichnen",
        "Sign the selected mandates",
    ),
    "portal.bulk.stop_selected": _t(
        "Geselecteerde mandaten stopzetten",
        "Arrêter les mandats sélectionnés",
        "Ausgewählte Mandate beenden",
        "Stop the selected mandates",
    ),
    "portal.unlimited": _t("onbepaald", "indéterminée", "unbefristet", "unlimited"),
    "portal.pages": _t("Pagina's: {list}", "Pages : {list}", "Seiten: {list}", "Pages: {list}"),
    "portal.page.first": _t("Eerste pagina", "Première page", "Erste Seite", "First page"),
    "portal.page.next": _t("Volgende pagina", "Page suivante", "Nächste Seite", "Next page"),
    "portal.search.title": _t("Opzoeking", "Recherche", "Suche", "Search"),
    "portal.search.text": _t(
        "Nummer, naam of referentie",
        "Numéro, nom ou référence",
        "Nummer, Name oder Referenz",
        "Number, name or reference",
    ),
    "portal.search.text_hint": _t(
        "Mandaatnummer, ondernemings- of rijksregisternummer, naam van een partij, mandaattype of referentie.",
        "Numéro de mandat, numéro d'entreprise ou de registre national, nom d'une partie, type de mandat ou référence.",
        "Mandatsnummer, Unternehmens- oder Nationalregisternummer, Name einer Partei, Mandatstyp oder Referenz.",
        "Mandate number, enterprise or national register number, a party's name, mandate type or reference.",
    ),
    "portal.search.any": _t("Alle", "Tous", "Alle", "Any"),
    "portal.search.list": _t("Lijst", "Liste", "Liste", "List"),
    "portal.search.from": _t("Geldig vanaf", "Valable à partir du", "Gültig ab", "Valid from"),
    "portal.search.until": _t("Geldig tot en met", "Valable jusqu'au", "Gültig bis", "Valid until"),
    "portal.search.submit": _t("Zoeken", "Rechercher", "Suchen", "Search"),
    "portal.search.clear": _t("Zoekopdracht wissen", "Effacer la recherche", "Suche zurücksetzen", "Clear search"),
    "portal.search.results": _t("Resultaten", "Résultats", "Ergebnisse", "Results"),
    "portal.search.none": _t(
        "Geen mandaten gevonden.", "Aucun mandat trouvé.", "Keine Mandate gefunden.", "No mandates found."
    ),
    "portal.status.awaiting_signature": _t(
        "Wacht op ondertekening", "En attente de signature", "Wartet auf Unterschrift", "Awaiting signature"
    ),
    "portal.status.refused": _t("Geweigerd", "Refusé", "Abgelehnt", "Refused"),
    "portal.status.stopped": _t("Stopgezet", "Arrêté", "Beendet", "Stopped"),
    "portal.status.future": _t(
        "Startdatum in de toekomst", "Date de début dans le futur", "Beginn in der Zukunft", "Start date in the future"
    ),
    "portal.status.active": _t("Actief", "Actif", "Aktiv", "Active"),
    "portal.status.expired": _t("Vervallen", "Expiré", "Abgelaufen", "Expired"),
    "portal.status.transfer_pending": _t(
        "Overdracht aan {name} in afwachting",
        "Transfert à {name} en attente",
        "Übertragung an {name} ausstehend",
        "Transfer to {name} pending",
    ),
    "portal.status.transfer_pending_short": _t(
        "overdracht in afwachting", "transfert en attente", "Übertragung ausstehend", "transfer pending"
    ),
    "portal.role.mandator": _t("Mandaatgever", "Mandant", "Mandatgeber", "Mandator"),
    "portal.role.mandatee": _t("Mandaatnemer", "Mandataire", "Mandatnehmer", "Mandatee"),
    "portal.kind.person": _t("natuurlijke persoon", "personne physique", "natürliche Person", "person"),
    "portal.kind.organisation": _t("onderneming", "entreprise", "Unternehmen", "organisation"),
    "portal.enterprise_number": _t(
        "ondernemingsnummer", "numéro d'entreprise", "Unternehmensnummer", "enterprise number"
    ),
    "portal.period.bounded": _t(
        "van {start} tot en met {end}",
        "du {start} au {end} inclus",
        "vom {start} bis einschließlich {end}",
        "from {start} up to and including {end}",
    ),
    "portal.period.open": _t(
        "vanaf {start}, voor onbepaalde duur",
        "à partir du {start}, pour une durée indéterminée",
        "ab dem {start}, unbefristet",
        "from {start}, for an unlimited period",
    ),
    # --- detail
    "portal.detail.title": _t(
        "Mandaat {number}: {type}", "Mandat {number} : {type}", "Mandat {number}: {type}", "Mandate {number}: {type}"
    ),
    "portal.detail.new_mandatee": _t(
        "Voorgestelde nieuwe mandaatnemer",
        "Nouveau mandataire proposé",
        "Vorgeschlagener neuer Mandatnehmer",
        "Proposed new mandatee",
    ),
    "portal.detail.period": _t("Periode", "Période", "Zeitraum", "Period"),
    "portal.detail.last_change": _t("Recentste wijziging", "Dernière modification", "Letzte Änderung", "Last change"),
    "portal.detail.your_role": _t("Uw rol", "Votre rôle", "Ihre Rolle", "Your role"),
    "portal.detail.description": _t(
        "Wat het mandaat toelaat", "Ce que le mandat permet", "Was das Mandat erlaubt", "What the mandate allows"
    ),
    "portal.detail.history": _t("Geschiedenis", "Historique", "Verlauf", "History"),
    "portal.detail.actions": _t(
        "Wat kunt u doen?", "Que pouvez-vous faire ?", "Was können Sie tun?", "What can you do?"
    ),
    "portal.detail.no_actions": _t(
        "U kunt met dit mandaat nu niets doen.",
        "Vous ne pouvez rien faire avec ce mandat pour l'instant.",
        "Sie können mit diesem Mandat jetzt nichts tun.",
        "There is nothing you can do with this mandate now.",
    ),
    "portal.history.starts": _t(
        "Startdatum in de toekomst", "Date de début dans le futur", "Beginn in der Zukunft", "Start date in the future"
    ),
    "portal.history.expires": _t("Vervalt", "Expire", "Läuft ab", "Expires"),
    "portal.history.expired": _t("Vervallen", "Expiré", "Abgelaufen", "Expired"),
    "portal.back_to_dashboard": _t(
        "Terug naar mijn mandaten", "Retour à mes mandats", "Zurück zu meinen Mandaten", "Back to my mandates"
    ),
    "portal.back_to_mandate": _t(
        "Terug naar het mandaat", "Retour au mandat", "Zurück zum Mandat", "Back to the mandate"
    ),
    "portal.cancel": _t("Annuleren", "Annuler", "Abbrechen", "Cancel"),
    # --- create
    "portal.create.title": _t("Een mandaat aanmaken", "Créer un mandat", "Ein Mandat erstellen", "Create a mandate"),
    "portal.create.intro": _t(
        "U kunt optreden als mandaatgever of als mandaatnemer. De andere partij moet het mandaat daarna "
        "ondertekenen; pas dan treedt het in werking.",
        "Vous pouvez agir comme mandant ou comme mandataire. L'autre partie doit ensuite signer le mandat ; "
        "il ne prend effet qu'à ce moment.",
        "Sie können als Mandatgeber oder als Mandatnehmer handeln. Die andere Partei muss das Mandat danach "
        "unterzeichnen; erst dann wird es wirksam.",
        "You can act as mandator or as mandatee. The other party must then sign the mandate; only then does it "
        "take effect.",
    ),
    "portal.create.parameters": _t(
        "Bepaal de parameters van het mandaat",
        "Définissez les paramètres du mandat",
        "Legen Sie die Parameter des Mandats fest",
        "The mandate's parameters",
    ),
    "portal.create.no_types": _t(
        "Er is geen mandaattype dat u kunt gebruiken.",
        "Aucun type de mandat n'est disponible pour vous.",
        "Es gibt keinen Mandatstyp, den Sie verwenden können.",
        "There is no mandate type you can use.",
    ),
    "portal.create.combinations": _t(
        "Toegelaten combinaties", "Combinaisons autorisées", "Erlaubte Kombinationen", "Allowed combinations"
    ),
    "portal.create.counterparty": _t("De andere partij", "L'autre partie", "Die andere Partei", "The other party"),
    "portal.create.notify": _t(
        "De andere partij op de hoogte brengen",
        "Informer l'autre partie",
        "Die andere Partei informieren",
        "Inform the other party",
    ),
    "portal.create.notify_hint": _t(
        "Optioneel. Deze adressen krijgen een e-mail over het nieuwe mandaat en worden niet bewaard.",
        "Facultatif. Ces adresses reçoivent un e-mail sur le nouveau mandat et ne sont pas conservées.",
        "Optional. Diese Adressen erhalten eine E-Mail über das neue Mandat und werden nicht gespeichert.",
        "Optional. These addresses receive an e-mail about the new mandate and are not stored.",
    ),
    "portal.create.next": _t("Volgende", "Suivant", "Weiter", "Next"),
    "portal.create.confirm_title": _t(
        "Het mandaat bevestigen", "Confirmer le mandat", "Das Mandat bestätigen", "Confirm the mandate"
    ),
    "portal.create.summary_type": _t(
        "Een mandaat aan te maken", "Mandat à créer", "Zu erstellendes Mandat", "Mandate to create"
    ),
    "portal.create.participants": _t("Deelnemers", "Participants", "Beteiligte", "Participants"),
    "portal.create.notified": _t(
        "Een e-mail gaat naar: {addresses}",
        "Un e-mail sera envoyé à : {addresses}",
        "Eine E-Mail geht an: {addresses}",
        "An e-mail goes to: {addresses}",
    ),
    "portal.create.confirm": _t("Bevestigen", "Confirmer", "Bestätigen", "Confirm"),
    "portal.create.change": _t("Terug en wijzigen", "Retour et modifier", "Zurück und ändern", "Back and change"),
    "portal.contract.title": _t("Voorwaarden", "Conditions", "Bedingungen", "Terms"),
    "portal.stop_text.title": _t("Stopzetting", "Arrêt", "Beendigung", "Stopping"),
    "portal.field.valid_from": _t(
        "Gewenste startdatum van het mandaat",
        "Date de début souhaitée",
        "Gewünschtes Beginndatum",
        "Start date of the mandate",
    ),
    "portal.field.valid_until": _t(
        "Einddatum mandaat (optioneel)",
        "Date de fin du mandat (facultatif)",
        "Enddatum des Mandats (optional)",
        "End date of the mandate (optional)",
    ),
    "portal.field.valid_until_hint": _t(
        "Leeg laten voor onbepaalde duur.",
        "Laisser vide pour une durée indéterminée.",
        "Leer lassen für unbefristete Dauer.",
        "Leave empty for an unlimited period.",
    ),
    "portal.field.date_hint": _t(
        "Formaat: dd/mm/jjjj.", "Format : jj/mm/aaaa.", "Format: TT/MM/JJJJ.", "Format: dd/mm/yyyy."
    ),
    "portal.field.reference": _t(
        "Referentie van het mandaat (optioneel)",
        "Référence du mandat (facultatif)",
        "Referenz des Mandats (optional)",
        "Reference of the mandate (optional)",
    ),
    "portal.field.language": _t(
        "Taal van het mandaat", "Langue du mandat", "Sprache des Mandats", "Language of the mandate"
    ),
    "portal.field.language_hint": _t(
        "De e-mail aan de andere partij is in deze taal.",
        "L'e-mail à l'autre partie est dans cette langue.",
        "Die E-Mail an die andere Partei ist in dieser Sprache.",
        "The e-mail to the other party is in this language.",
    ),
    "portal.field.mandate_type": _t(
        "Kies een mandaattype", "Choisissez un type de mandat", "Wählen Sie einen Mandatstyp", "Choose a mandate type"
    ),
    "portal.field.role": _t(
        "Rolkeuze: {name} treedt op als",
        "Choix du rôle : {name} agit comme",
        "Rollenwahl: {name} handelt als",
        "Role: {name} acts as",
    ),
    "portal.field.counterparty": _t(
        "Ondernemingsnummer, rijksregisternummer of naam",
        "Numéro d'entreprise, numéro de registre national ou nom",
        "Unternehmensnummer, Nationalregisternummer oder Name",
        "Enterprise number, national register number or name",
    ),
    "portal.field.counterparty_hint": _t(
        "Bijvoorbeeld BE 0806.154.033 of BAROCY. Personen vindt u enkel met hun rijksregisternummer.",
        "Par exemple BE 0806.154.033 ou BAROCY. Les personnes ne se trouvent que par leur numéro de registre national.",
        "Zum Beispiel BE 0806.154.033 oder BAROCY. Personen finden Sie nur mit ihrer Nationalregisternummer.",
        "For example BE 0806.154.033 or BAROCY. People are found by their national register number only.",
    ),
    "portal.field.own_email": _t("Mijn e-mailadres", "Mon adresse e-mail", "Meine E-Mail-Adresse", "My e-mail address"),
    "portal.field.counterparty_email": _t(
        "E-mailadres van de andere partij",
        "Adresse e-mail de l'autre partie",
        "E-Mail-Adresse der anderen Partei",
        "The other party's e-mail address",
    ),
    "portal.field.accept_contract": _t(
        "Ik heb de voorwaarden gelezen en ga ermee akkoord",
        "J'ai lu les conditions et je les accepte",
        "Ich habe die Bedingungen gelesen und stimme ihnen zu",
        "I have read the terms and agree to them",
    ),
    "portal.field.new_valid_until": _t("Nieuwe einddatum", "Nouvelle date de fin", "Neues Enddatum", "New end date"),
    "portal.field.unlimited": _t(
        "Voor onbepaalde duur (geen einddatum)",
        "Pour une durée indéterminée (pas de date de fin)",
        "Unbefristet (kein Enddatum)",
        "For an unlimited period (no end date)",
    ),
    "portal.field.new_mandatee": _t(
        "Nieuwe mandaatnemer: nummer of naam",
        "Nouveau mandataire : numéro ou nom",
        "Neuer Mandatnehmer: Nummer oder Name",
        "New mandatee: number or name",
    ),
    "portal.lookup.choose": _t(
        "Gevonden partijen: kies er één",
        "Parties trouvées : choisissez-en une",
        "Gefundene Parteien: wählen Sie eine",
        "Parties found: choose one",
    ),
    "portal.lookup.none": _t("Niets gevonden.", "Rien trouvé.", "Nichts gefunden.", "Nothing found."),
    "portal.lookup.use": _t("Kiezen: {name}", "Choisir : {name}", "Wählen: {name}", "Choose: {name}"),
    "portal.action.not_now": _t(
        "Dit is voor dit mandaat nu niet mogelijk.",
        "Ce n'est pas possible pour ce mandat maintenant.",
        "Das ist für dieses Mandat jetzt nicht möglich.",
        "This is not possible for this mandate now.",
    ),
    "portal.done.created": _t(
        "Het mandaat werd aangemaakt. Het wacht nu op de ondertekening door de andere partij.",
        "Le mandat a été créé. Il attend maintenant la signature de l'autre partie.",
        "Das Mandat wurde erstellt. Es wartet nun auf die Unterschrift der anderen Partei.",
        "The mandate was created. It now awaits the other party's signature.",
    ),
}

MANDATE_MESSAGES: Final[dict[str, dict[str, str]]] = {**_PAGES, **ACTION_MESSAGES}
