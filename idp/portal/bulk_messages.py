"""Every text of the portal's grouped actions and CSV upload in nl, fr, de and en.

``bulk.problem.<code>`` translates a problem code of the registry (``mandate_resolver/registry/errors.py``,
the lifecycle's own ``ValidationError`` codes) or of the CSV reader (``csv.*``); ``bulk.file.<code>`` a
problem of a whole file.
"""

from __future__ import annotations

from typing import Final


def _t(nl: str, fr: str, de: str, en: str) -> dict[str, str]:
    return {"nl": nl, "fr": fr, "de": de, "en": en}


_PAGE: Final = {
    "bulk.title": _t("Groepsacties", "Actions groupées", "Sammelaktionen", "Bulk actions"),
    "bulk.intro": _t(
        "Maak veel mandaten tegelijk aan met een CSV-bestand, of download uw mandaten.",
        "Créez de nombreux mandats à la fois avec un fichier CSV, ou téléchargez vos mandats.",
        "Erstellen Sie viele Mandate auf einmal mit einer CSV-Datei oder laden Sie Ihre Mandate herunter.",
        "Create many mandates at once from a CSV file, or download your mandates.",
    ),
    "bulk.upload.title": _t(
        "Mandaten aanmaken met een bestand",
        "Créer des mandats par fichier",
        "Mandate per Datei erstellen",
        "Create mandates from a file",
    ),
    "bulk.upload.help": _t(
        "Eerst controleren we elke regel; er wordt niets opgeslagen tot u bevestigt. Daarna worden alle "
        "mandaten samen aangemaakt, of geen enkel. Hoogstens {max_mb} MB en {max_rows} regels.",
        "Nous vérifions d'abord chaque ligne ; rien n'est enregistré avant votre confirmation. Ensuite, tous "
        "les mandats sont créés ensemble, ou aucun. Au maximum {max_mb} Mo et {max_rows} lignes.",
        "Zuerst prüfen wir jede Zeile; nichts wird gespeichert, bevor Sie bestätigen. Danach werden alle "
        "Mandate zusammen erstellt oder keines. Höchstens {max_mb} MB und {max_rows} Zeilen.",
        "First we check every line; nothing is saved until you confirm. Then all the mandates are created "
        "together, or none. At most {max_mb} MB and {max_rows} lines.",
    ),
    "bulk.upload.file": _t("CSV-bestand", "Fichier CSV", "CSV-Datei", "CSV file"),
    "bulk.upload.file_hint": _t(
        "UTF-8, met ; of , tussen de cellen, met een kopregel zoals in het sjabloon.",
        "UTF-8, avec ; ou , entre les cellules, avec une ligne d'en-tête comme dans le modèle.",
        "UTF-8, mit ; oder , zwischen den Zellen, mit einer Kopfzeile wie in der Vorlage.",
        "UTF-8, with ; or , between cells, with a header row as in the template.",
    ),
    "bulk.upload.ssm_summary": _t(
        "Een bestand in het formaat van SSM (zonder kopregel)?",
        "Un fichier au format de SSM (sans ligne d'en-tête) ?",
        "Eine Datei im SSM-Format (ohne Kopfzeile)?",
        "A file in SSM's format (without a header row)?",
    ),
    "bulk.upload.ssm_type": _t(
        "Mandaattype voor alle regels",
        "Type de mandat pour toutes les lignes",
        "Mandatstyp für alle Zeilen",
        "Mandate type for every line",
    ),
    "bulk.upload.ssm_hint": _t(
        "Kolommen: tegenpartij; e-mail; hoedanigheid van de tegenpartij; taal; referentie; begindatum "
        "(jjjjMMdd); einddatum.",
        "Colonnes : contrepartie ; e-mail ; qualité de la contrepartie ; langue ; référence ; date de début "
        "(aaaaMMjj) ; date de fin.",
        "Spalten: Gegenpartei; E-Mail; Eigenschaft der Gegenpartei; Sprache; Referenz; Beginndatum "
        "(jjjjMMtt); Enddatum.",
        "Columns: counterparty; e-mail; capacity of the counterparty; language; reference; start date "
        "(yyyyMMdd); end date.",
    ),
    "bulk.upload.ssm_none": _t(
        "Geen: mijn bestand heeft een kopregel",
        "Aucun : mon fichier a une ligne d'en-tête",
        "Keiner: meine Datei hat eine Kopfzeile",
        "None: my file has a header row",
    ),
    "bulk.upload.submit": _t("Bestand controleren", "Vérifier le fichier", "Datei prüfen", "Check the file"),
    "bulk.upload.no_file": _t(
        "Kies een bestand.", "Choisissez un fichier.", "Wählen Sie eine Datei.", "Choose a file."
    ),
    "bulk.upload.busy": _t(
        "Een vorig bestand wordt nog verwerkt. Wacht tot het klaar is.",
        "Un fichier précédent est encore en cours de traitement. Attendez qu'il soit terminé.",
        "Eine frühere Datei wird noch verarbeitet. Warten Sie, bis sie fertig ist.",
        "An earlier file is still being processed. Wait until it is finished.",
    ),
    "bulk.upload.running": _t(
        "Een bestand wordt verwerkt.",
        "Un fichier est en cours de traitement.",
        "Eine Datei wird verarbeitet.",
        "A file is being processed.",
    ),
    "bulk.upload.show_running": _t(
        "Voortgang bekijken", "Voir la progression", "Fortschritt ansehen", "See its progress"
    ),
    "bulk.format.title": _t("Het formaat", "Le format", "Das Format", "The format"),
    "bulk.template.link": _t(
        "Sjabloon downloaden (CSV)",
        "Télécharger le modèle (CSV)",
        "Vorlage herunterladen (CSV)",
        "Download the template (CSV)",
    ),
    "bulk.format.caption": _t(
        "Kolommen van het bestand", "Colonnes du fichier", "Spalten der Datei", "Columns of the file"
    ),
    "bulk.format.column": _t("Kolom", "Colonne", "Spalte", "Column"),
    "bulk.format.meaning": _t("Inhoud", "Contenu", "Inhalt", "Content"),
    "bulk.format.role": _t(
        "Verplicht. Uw eigen rol: mandator (mandaatgever) of mandatee (mandaatnemer).",
        "Obligatoire. Votre propre rôle : mandator (mandant) ou mandatee (mandataire).",
        "Pflicht. Ihre eigene Rolle: mandator (Mandatgeber) oder mandatee (Mandatsträger).",
        "Required. Your own role: mandator or mandatee.",
    ),
    "bulk.format.counterparty": _t(
        "Verplicht. Ondernemingsnummer of rijksregisternummer van de tegenpartij.",
        "Obligatoire. Numéro d'entreprise ou numéro de registre national de la contrepartie.",
        "Pflicht. Unternehmensnummer oder Nationalregisternummer der Gegenpartei.",
        "Required. Enterprise number or national register number of the counterparty.",
    ),
    "bulk.format.mandate_type": _t(
        "Verplicht. De code van het mandaattype, bv. wse_loket.",
        "Obligatoire. Le code du type de mandat, p. ex. wse_loket.",
        "Pflicht. Der Code des Mandatstyps, z. B. wse_loket.",
        "Required. The mandate type's code, e.g. wse_loket.",
    ),
    "bulk.format.valid_from": _t(
        "Verplicht. Begindatum, vandaag of later: 2026-12-31 of 31/12/2026.",
        "Obligatoire. Date de début, aujourd'hui ou plus tard : 2026-12-31 ou 31/12/2026.",
        "Pflicht. Beginndatum, heute oder später: 2026-12-31 oder 31/12/2026.",
        "Required. Start date, today or later: 2026-12-31 or 31/12/2026.",
    ),
    "bulk.format.valid_until": _t(
        "Einddatum; leeg voor onbepaalde duur.",
        "Date de fin ; vide pour une durée indéterminée.",
        "Enddatum; leer für unbestimmte Dauer.",
        "End date; empty for no end.",
    ),
    "bulk.format.reference": _t(
        "Vrije referentie, hoogstens 100 tekens.",
        "Référence libre, 100 caractères au plus.",
        "Freie Referenz, höchstens 100 Zeichen.",
        "Free reference, at most 100 characters.",
    ),
    "bulk.format.language": _t(
        "Taal van het mandaat: nl, fr, de of en (standaard nl).",
        "Langue du mandat : nl, fr, de ou en (nl par défaut).",
        "Sprache des Mandats: nl, fr, de oder en (Standard nl).",
        "Language of the mandate: nl, fr, de or en (nl by default).",
    ),
    "bulk.format.emails": _t(
        "E-mailadressen voor de melding, gescheiden door spaties; ze worden niet bewaard.",
        "Adresses e-mail pour la notification, séparées par des espaces ; elles ne sont pas conservées.",
        "E-Mail-Adressen für die Benachrichtigung, durch Leerzeichen getrennt; sie werden nicht gespeichert.",
        "E-mail addresses for the notification, separated by spaces; they are not stored.",
    ),
    "bulk.export.title": _t(
        "Mijn mandaten downloaden", "Télécharger mes mandats", "Meine Mandate herunterladen", "Download my mandates"
    ),
    "bulk.export.help": _t(
        "Alle mandaten van deze partij, in een CSV-bestand voor een rekenblad.",
        "Tous les mandats de cette partie, dans un fichier CSV pour un tableur.",
        "Alle Mandate dieser Partei in einer CSV-Datei für eine Tabellenkalkulation.",
        "Every mandate of this party, in a CSV file for a spreadsheet.",
    ),
    "bulk.export.link": _t(
        "Mandaten downloaden (CSV)",
        "Télécharger les mandats (CSV)",
        "Mandate herunterladen (CSV)",
        "Download the mandates (CSV)",
    ),
}

_FILE: Final = {
    "bulk.file.csv.too_large": _t(
        "Het bestand is groter dan {max}.",
        "Le fichier dépasse {max}.",
        "Die Datei ist größer als {max}.",
        "The file is larger than {max}.",
    ),
    "bulk.file.csv.encoding": _t(
        "Het bestand kan niet gelezen worden. Bewaar het als CSV UTF-8.",
        "Le fichier ne peut pas être lu. Enregistrez-le en CSV UTF-8.",
        "Die Datei kann nicht gelesen werden. Speichern Sie sie als CSV UTF-8.",
        "The file cannot be read. Save it as CSV UTF-8.",
    ),
    "bulk.file.csv.empty": _t(
        "Het bestand is leeg.", "Le fichier est vide.", "Die Datei ist leer.", "The file is empty."
    ),
    "bulk.file.csv.no_rows": _t(
        "Het bestand heeft geen enkele regel na de kopregel.",
        "Le fichier n'a aucune ligne après la ligne d'en-tête.",
        "Die Datei hat keine Zeile nach der Kopfzeile.",
        "The file has no line after the header row.",
    ),
    "bulk.file.csv.header_missing": _t(
        "De eerste regel moet de kolomnamen geven (zie het sjabloon), of kies een mandaattype voor een "
        "bestand in het formaat van SSM.",
        "La première ligne doit donner les noms des colonnes (voir le modèle), ou choisissez un type de "
        "mandat pour un fichier au format de SSM.",
        "Die erste Zeile muss die Spaltennamen enthalten (siehe Vorlage), oder wählen Sie einen Mandatstyp "
        "für eine Datei im SSM-Format.",
        "The first line must name the columns (see the template), or choose a mandate type for a file in SSM's format.",
    ),
    "bulk.file.csv.column_unknown": _t(
        "De kolom „{column}” is onbekend.",
        "La colonne « {column} » est inconnue.",
        "Die Spalte „{column}“ ist unbekannt.",
        'The column "{column}" is unknown.',
    ),
    "bulk.file.csv.column_missing": _t(
        "De kolom „{column}” ontbreekt.",
        "La colonne « {column} » manque.",
        "Die Spalte „{column}“ fehlt.",
        'The column "{column}" is missing.',
    ),
    "bulk.file.csv.column_twice": _t(
        "De kolom „{column}” staat er twee keer.",
        "La colonne « {column} » figure deux fois.",
        "Die Spalte „{column}“ kommt zweimal vor.",
        'The column "{column}" appears twice.',
    ),
    "bulk.file.csv.too_many_rows": _t(
        "Hoogstens {max} regels per bestand.",
        "Au maximum {max} lignes par fichier.",
        "Höchstens {max} Zeilen pro Datei.",
        "At most {max} lines per file.",
    ),
    "bulk.file.csv.malformed": _t(
        "Het bestand is geen geldig CSV (regel {line}: controleer de aanhalingstekens).",
        "Le fichier n'est pas un CSV valide (ligne {line} : vérifiez les guillemets).",
        "Die Datei ist kein gültiges CSV (Zeile {line}: prüfen Sie die Anführungszeichen).",
        "The file is not valid CSV (line {line}: check the quotes).",
    ),
}

_JOB: Final = {
    "bulk.job.title": _t("Bestand met mandaten", "Fichier de mandats", "Datei mit Mandaten", "File of mandates"),
    "bulk.job.file": _t(
        "{name}: {rows} regels", "{name} : {rows} lignes", "{name}: {rows} Zeilen", "{name}: {rows} lines"
    ),
    "bulk.job.checking": _t(
        "Het bestand wordt gecontroleerd", "Vérification du fichier", "Die Datei wird geprüft", "Checking the file"
    ),
    "bulk.job.writing": _t(
        "De mandaten worden aangemaakt", "Création des mandats", "Die Mandate werden erstellt", "Creating the mandates"
    ),
    "bulk.job.reload": _t("Pagina vernieuwen", "Actualiser la page", "Seite aktualisieren", "Reload this page"),
    "bulk.job.failed": _t(
        "Er ging iets mis; er werd niets opgeslagen. Probeer het opnieuw.",
        "Un problème est survenu ; rien n'a été enregistré. Réessayez.",
        "Etwas ist schiefgelaufen; nichts wurde gespeichert. Versuchen Sie es erneut.",
        "Something went wrong; nothing was saved. Try again.",
    ),
    "bulk.job.interrupted": _t(
        "De verwerking werd onderbroken; er werd niets opgeslagen. Laad het bestand opnieuw op.",
        "Le traitement a été interrompu ; rien n'a été enregistré. Chargez à nouveau le fichier.",
        "Die Verarbeitung wurde unterbrochen; nichts wurde gespeichert. Laden Sie die Datei erneut hoch.",
        "The processing was interrupted; nothing was saved. Upload the file again.",
    ),
    "bulk.progress.checking": _t(
        "Regel {done} van {total} gecontroleerd.",
        "Ligne {done} sur {total} vérifiée.",
        "Zeile {done} von {total} geprüft.",
        "Checked {done} of {total} lines.",
    ),
    "bulk.progress.writing": _t(
        "Regel {done} van {total} verwerkt.",
        "Ligne {done} sur {total} traitée.",
        "Zeile {done} von {total} verarbeitet.",
        "Processed {done} of {total} lines.",
    ),
    "bulk.progress.checked": _t("Controle klaar.", "Vérification terminée.", "Prüfung fertig.", "Check finished."),
    "bulk.progress.done": _t("Klaar.", "Terminé.", "Fertig.", "Finished."),
    "bulk.progress.failed": _t("Mislukt.", "Échec.", "Fehlgeschlagen.", "Failed."),
    "bulk.progress.interrupted": _t("Onderbroken.", "Interrompu.", "Unterbrochen.", "Interrupted."),
    "bulk.report.problems_title": _t(
        "Het bestand bevat fouten",
        "Le fichier contient des erreurs",
        "Die Datei enthält Fehler",
        "The file has problems",
    ),
    "bulk.report.problems": _t(
        "{count} problemen op {lines} regels. Er werd niets opgeslagen: verbeter het bestand en laad het opnieuw op.",
        "{count} problèmes sur {lines} lignes. Rien n'a été enregistré : corrigez le fichier et chargez-le à nouveau.",
        "{count} Probleme in {lines} Zeilen. Nichts wurde gespeichert: Korrigieren Sie die Datei und laden Sie "
        "sie erneut hoch.",
        "{count} problems on {lines} lines. Nothing was saved: correct the file and upload it again.",
    ),
    "bulk.report.caption": _t("Problemen per regel", "Problèmes par ligne", "Probleme pro Zeile", "Problems by line"),
    "bulk.report.line": _t("Regel", "Ligne", "Zeile", "Line"),
    "bulk.report.column": _t("Kolom", "Colonne", "Spalte", "Column"),
    "bulk.report.problem": _t("Probleem", "Problème", "Problem", "Problem"),
    "bulk.report.more": _t(
        "En nog {count} problemen.",
        "Et encore {count} problèmes.",
        "Und {count} weitere Probleme.",
        "And {count} more problems.",
    ),
    "bulk.report.again": _t(
        "Een ander bestand opladen", "Charger un autre fichier", "Eine andere Datei hochladen", "Upload another file"
    ),
    "bulk.report.all_fine": _t(
        "Alle {count} regels zijn in orde.",
        "Les {count} lignes sont toutes correctes.",
        "Alle {count} Zeilen sind in Ordnung.",
        "All {count} lines are fine.",
    ),
    "bulk.report.rows_caption": _t(
        "De mandaten die worden aangemaakt",
        "Les mandats qui seront créés",
        "Die Mandate, die erstellt werden",
        "The mandates to be created",
    ),
    "bulk.report.more_rows": _t(
        "En nog {count} mandaten.",
        "Et encore {count} mandats.",
        "Und {count} weitere Mandate.",
        "And {count} more mandates.",
    ),
    "bulk.confirm.contract": _t(
        "Contracttekst: {name}", "Texte du contrat : {name}", "Vertragstext: {name}", "Contract text: {name}"
    ),
    "bulk.confirm.accept": _t(
        "Ik aanvaard de contracttekst van deze mandaattypes voor alle mandaten in het bestand.",
        "J'accepte le texte du contrat de ces types de mandat pour tous les mandats du fichier.",
        "Ich akzeptiere den Vertragstext dieser Mandatstypen für alle Mandate der Datei.",
        "I accept the contract text of these mandate types for every mandate in the file.",
    ),
    "bulk.confirm.accept_required": _t(
        "Aanvaard de contracttekst om verder te gaan.",
        "Acceptez le texte du contrat pour continuer.",
        "Akzeptieren Sie den Vertragstext, um fortzufahren.",
        "Accept the contract text to continue.",
    ),
    "bulk.confirm.submit": _t(
        "{count} mandaten aanmaken", "Créer {count} mandats", "{count} Mandate erstellen", "Create {count} mandates"
    ),
    "bulk.confirm.cancel": _t("Annuleren", "Annuler", "Abbrechen", "Cancel"),
    "bulk.done.created": _t(
        "{count} mandaten aangemaakt. Ze wachten op de handtekening van de tegenpartijen.",
        "{count} mandats créés. Ils attendent la signature des contreparties.",
        "{count} Mandate erstellt. Sie warten auf die Unterschrift der Gegenparteien.",
        "{count} mandates created. They wait for the counterparties' signatures.",
    ),
    "bulk.done.dashboard": _t("Naar mijn mandaten", "Vers mes mandats", "Zu meinen Mandaten", "To my mandates"),
}

_ACTIONS: Final = {
    "bulk.sign.title": _t("Mandaten ondertekenen", "Signer des mandats", "Mandate unterzeichnen", "Sign mandates"),
    "bulk.stop.title": _t("Mandaten stopzetten", "Arrêter des mandats", "Mandate beenden", "Stop mandates"),
    "bulk.sign.intro": _t(
        "U ondertekent deze {count} mandaten.",
        "Vous signez ces {count} mandats.",
        "Sie unterzeichnen diese {count} Mandate.",
        "You sign these {count} mandates.",
    ),
    "bulk.stop.intro": _t(
        "U zet deze {count} mandaten stop, met onmiddellijke ingang.",
        "Vous arrêtez ces {count} mandats, avec effet immédiat.",
        "Sie beenden diese {count} Mandate mit sofortiger Wirkung.",
        "You stop these {count} mandates, with immediate effect.",
    ),
    "bulk.sign.text_title": _t(
        "Contracttekst: {name}", "Texte du contrat : {name}", "Vertragstext: {name}", "Contract text: {name}"
    ),
    "bulk.stop.text_title": _t(
        "Tekst bij stopzetting: {name}", "Texte d'arrêt : {name}", "Text zur Beendigung: {name}", "Stop text: {name}"
    ),
    "bulk.sign.accept": _t(
        "Ik aanvaard de contracttekst voor al deze mandaten.",
        "J'accepte le texte du contrat pour tous ces mandats.",
        "Ich akzeptiere den Vertragstext für alle diese Mandate.",
        "I accept the contract text for all these mandates.",
    ),
    "bulk.stop.accept": _t(
        "Ik aanvaard de tekst bij stopzetting voor al deze mandaten.",
        "J'accepte le texte d'arrêt pour tous ces mandats.",
        "Ich akzeptiere den Text zur Beendigung für alle diese Mandate.",
        "I accept the stop text for all these mandates.",
    ),
    "bulk.sign.accept_required": _t(
        "Aanvaard de contracttekst om te ondertekenen.",
        "Acceptez le texte du contrat pour signer.",
        "Akzeptieren Sie den Vertragstext, um zu unterzeichnen.",
        "Accept the contract text to sign.",
    ),
    "bulk.stop.accept_required": _t(
        "Aanvaard de tekst bij stopzetting om stop te zetten.",
        "Acceptez le texte d'arrêt pour arrêter.",
        "Akzeptieren Sie den Text zur Beendigung, um zu beenden.",
        "Accept the stop text to stop.",
    ),
    "bulk.sign.submit": _t(
        "{count} mandaten ondertekenen",
        "Signer {count} mandats",
        "{count} Mandate unterzeichnen",
        "Sign {count} mandates",
    ),
    "bulk.stop.submit": _t(
        "{count} mandaten stopzetten", "Arrêter {count} mandats", "{count} Mandate beenden", "Stop {count} mandates"
    ),
    "bulk.sign.done": _t(
        "{count} mandaten ondertekend.",
        "{count} mandats signés.",
        "{count} Mandate unterzeichnet.",
        "{count} mandates signed.",
    ),
    "bulk.stop.done": _t(
        "{count} mandaten stopgezet.",
        "{count} mandats arrêtés.",
        "{count} Mandate beendet.",
        "{count} mandates stopped.",
    ),
    "bulk.action.none_selected": _t(
        "Selecteer minstens één mandaat.",
        "Sélectionnez au moins un mandat.",
        "Wählen Sie mindestens ein Mandat.",
        "Select at least one mandate.",
    ),
    "bulk.action.changed": _t(
        "Intussen veranderde er iets; er werd niets gedaan. Bekijk de lijst opnieuw.",
        "Entre-temps, quelque chose a changé ; rien n'a été fait. Revoyez la liste.",
        "Inzwischen hat sich etwas geändert; nichts wurde getan. Prüfen Sie die Liste erneut.",
        "Something changed meanwhile; nothing was done. Review the list again.",
    ),
    "bulk.action.blocked": _t(
        "{count} van de gekozen mandaten kunnen niet: ze worden niet meegenomen.",
        "{count} des mandats choisis ne le permettent pas : ils ne sont pas repris.",
        "{count} der gewählten Mandate erlauben das nicht: Sie werden nicht übernommen.",
        "{count} of the chosen mandates cannot be included: they are left out.",
    ),
    "bulk.action.blocked_caption": _t("Niet mogelijk", "Pas possible", "Nicht möglich", "Not possible"),
    "bulk.action.ready_caption": _t("Gekozen mandaten", "Mandats choisis", "Gewählte Mandate", "Chosen mandates"),
    "bulk.action.number": _t("Nummer", "Numéro", "Nummer", "Number"),
    "bulk.action.counterparty": _t("Tegenpartij", "Contrepartie", "Gegenpartei", "Counterparty"),
    "bulk.action.status": _t("Status", "Statut", "Status", "Status"),
    "bulk.action.unlimited": _t("onbepaald", "indéterminée", "unbefristet", "no end"),
    "bulk.action.sign": _t("ondertekenen", "signer", "unterzeichnen", "sign"),
    "bulk.action.stop": _t("stopzetten", "arrêter", "beenden", "stop"),
}

_WORDS: Final = {
    "bulk.column.role": _t("Rol", "Rôle", "Rolle", "Role"),
    "bulk.column.capacity": _t("Hoedanigheid", "Qualité", "Eigenschaft", "Capacity"),
    "bulk.column.counterparty": _t("Tegenpartij", "Contrepartie", "Gegenpartei", "Counterparty"),
    "bulk.column.mandate_type": _t("Mandaattype", "Type de mandat", "Mandatstyp", "Mandate type"),
    "bulk.column.valid_from": _t("Begindatum", "Date de début", "Beginndatum", "Start date"),
    "bulk.column.valid_until": _t("Einddatum", "Date de fin", "Enddatum", "End date"),
    "bulk.column.reference": _t("Referentie", "Référence", "Referenz", "Reference"),
    "bulk.column.language": _t("Taal", "Langue", "Sprache", "Language"),
    "bulk.column.emails": _t("E-mail", "E-mail", "E-Mail", "E-mail"),
    "bulk.column.mandate_id": _t("Mandaat", "Mandat", "Mandat", "Mandate"),
    "bulk.word.mandator": _t("mandaatgever", "mandant", "Mandatgeber", "mandator"),
    "bulk.word.mandatee": _t("mandaatnemer", "mandataire", "Mandatsträger", "mandatee"),
    "bulk.word.person": _t("persoon", "personne", "Person", "person"),
    "bulk.word.organisation": _t("organisatie", "organisation", "Organisation", "organisation"),
    "bulk.state.awaiting_signature": _t(
        "wacht op handtekening", "en attente de signature", "wartet auf Unterschrift", "awaiting signature"
    ),
    "bulk.state.refused": _t("geweigerd", "refusé", "abgelehnt", "refused"),
    "bulk.state.stopped": _t("stopgezet", "arrêté", "beendet", "stopped"),
    "bulk.state.future": _t(
        "begindatum in de toekomst", "date de début future", "Beginn in der Zukunft", "start date in the future"
    ),
    "bulk.state.active": _t("actief", "actif", "aktiv", "active"),
    "bulk.state.expired": _t("vervallen", "expiré", "abgelaufen", "expired"),
}

_PROBLEMS: Final = {
    "bulk.problem.unknown": _t(
        "Niet mogelijk ({code}).", "Pas possible ({code}).", "Nicht möglich ({code}).", "Not possible ({code})."
    ),
    "bulk.problem.csv.required": _t(
        "Deze waarde ontbreekt.", "Cette valeur manque.", "Dieser Wert fehlt.", "This value is missing."
    ),
    "bulk.problem.csv.date_invalid": _t(
        "„{value}” is geen datum (schrijf 2026-12-31 of 31/12/2026).",
        "« {value} » n'est pas une date (écrivez 2026-12-31 ou 31/12/2026).",
        "„{value}“ ist kein Datum (schreiben Sie 2026-12-31 oder 31/12/2026).",
        '"{value}" is not a date (write 2026-12-31 or 31/12/2026).',
    ),
    "bulk.problem.csv.too_many_cells": _t(
        "Deze regel heeft meer dan {count} cellen.",
        "Cette ligne a plus de {count} cellules.",
        "Diese Zeile hat mehr als {count} Zellen.",
        "This line has more than {count} cells.",
    ),
    "bulk.problem.csv.cell_too_long": _t(
        "Deze cel is langer dan {max} tekens.",
        "Cette cellule dépasse {max} caractères.",
        "Diese Zelle ist länger als {max} Zeichen.",
        "This cell is longer than {max} characters.",
    ),
    "bulk.problem.mandate_type.unknown": _t(
        "Het mandaattype „{mandate_type_code}” bestaat niet.",
        "Le type de mandat « {mandate_type_code} » n'existe pas.",
        "Der Mandatstyp „{mandate_type_code}“ existiert nicht.",
        'The mandate type "{mandate_type_code}" does not exist.',
    ),
    "bulk.problem.mandate_type.inactive": _t(
        "Het mandaattype „{mandate_type_code}” kan niet meer gebruikt worden.",
        "Le type de mandat « {mandate_type_code} » ne peut plus être utilisé.",
        "Der Mandatstyp „{mandate_type_code}“ kann nicht mehr verwendet werden.",
        'The mandate type "{mandate_type_code}" can no longer be used.',
    ),
    "bulk.problem.mandate.party_kind_not_allowed": _t(
        "Het mandaattype „{mandate_type_code}” laat geen {kind} toe als {side}.",
        "Le type de mandat « {mandate_type_code} » n'admet pas de {kind} comme {side}.",
        "Der Mandatstyp „{mandate_type_code}“ erlaubt keine {kind} als {side}.",
        'The mandate type "{mandate_type_code}" does not allow a {kind} as {side}.',
    ),
    "bulk.problem.mandate.same_party": _t(
        "U kunt geen mandaat met uzelf aangaan.",
        "Vous ne pouvez pas conclure un mandat avec vous-même.",
        "Sie können kein Mandat mit sich selbst eingehen.",
        "You cannot make a mandate with yourself.",
    ),
    "bulk.problem.mandate.end_before_start": _t(
        "De einddatum ligt voor de begindatum.",
        "La date de fin précède la date de début.",
        "Das Enddatum liegt vor dem Beginndatum.",
        "The end date is before the start date.",
    ),
    "bulk.problem.mandate.start_in_past": _t(
        "De begindatum {valid_from} ligt in het verleden.",
        "La date de début {valid_from} est passée.",
        "Das Beginndatum {valid_from} liegt in der Vergangenheit.",
        "The start date {valid_from} is in the past.",
    ),
    "bulk.problem.mandate.contract_not_accepted": _t(
        "De contracttekst moet aanvaard worden.",
        "Le texte du contrat doit être accepté.",
        "Der Vertragstext muss akzeptiert werden.",
        "The contract text must be accepted.",
    ),
    "bulk.problem.party.not_found": _t(
        "Geen partij met dit nummer bekend.",
        "Aucune partie connue avec ce numéro.",
        "Keine Partei mit dieser Nummer bekannt.",
        "No party with this number is known.",
    ),
    "bulk.problem.mandate.duplicate": _t(
        "Er bestaat al een mandaat van dit type tussen deze partijen voor (een deel van) deze periode (nr. {number}).",
        "Un mandat de ce type entre ces parties existe déjà pour (une partie de) cette période (n° {number}).",
        "Ein Mandat dieses Typs zwischen diesen Parteien besteht bereits für (einen Teil) dieses Zeitraums "
        "(Nr. {number}).",
        "A mandate of this type between these parties already exists for (part of) this period (no. {number}).",
    ),
    "bulk.problem.mandate.duplicate.line": _t(
        "Regel {line} maakt al hetzelfde mandaat aan (zelfde type, partijen en overlappende periode).",
        "La ligne {line} crée déjà le même mandat (même type, mêmes parties, période qui se chevauche).",
        "Zeile {line} erstellt bereits dasselbe Mandat (gleicher Typ, gleiche Parteien, überlappender Zeitraum).",
        "Line {line} already creates the same mandate (same type, parties and overlapping period).",
    ),
    "bulk.problem.mandate.role_invalid": _t(
        "De rol „{role}” moet mandator of mandatee zijn.",
        "Le rôle « {role} » doit être mandator ou mandatee.",
        "Die Rolle „{role}“ muss mandator oder mandatee sein.",
        'The role "{role}" must be mandator or mandatee.',
    ),
    "bulk.problem.mandate.language_unsupported": _t(
        "De taal „{language}” moet nl, fr, de of en zijn.",
        "La langue « {language} » doit être nl, fr, de ou en.",
        "Die Sprache „{language}“ muss nl, fr, de oder en sein.",
        'The language "{language}" must be nl, fr, de or en.',
    ),
    "bulk.problem.mandate.reference_too_long": _t(
        "De referentie is langer dan {max} tekens.",
        "La référence dépasse {max} caractères.",
        "Die Referenz ist länger als {max} Zeichen.",
        "The reference is longer than {max} characters.",
    ),
    "bulk.problem.mandate.reference_invalid": _t(
        "De referentie bevat stuurtekens.",
        "La référence contient des caractères de contrôle.",
        "Die Referenz enthält Steuerzeichen.",
        "The reference contains control characters.",
    ),
    "bulk.problem.mandate.too_many_emails": _t(
        "Hoogstens {max} e-mailadressen.",
        "Au maximum {max} adresses e-mail.",
        "Höchstens {max} E-Mail-Adressen.",
        "At most {max} e-mail addresses.",
    ),
    "bulk.problem.mandate.email_invalid": _t(
        "„{value}” is geen e-mailadres.",
        "« {value} » n'est pas une adresse e-mail.",
        "„{value}“ ist keine E-Mail-Adresse.",
        '"{value}" is not an e-mail address.',
    ),
    "bulk.problem.bulk.too_many_rows": _t(
        "Hoogstens {max} tegelijk.",
        "Au maximum {max} à la fois.",
        "Höchstens {max} auf einmal.",
        "At most {max} at once.",
    ),
    "bulk.problem.bulk.duplicate_row": _t(
        "Dit mandaat staat twee keer in de lijst.",
        "Ce mandat figure deux fois dans la liste.",
        "Dieses Mandat steht zweimal in der Liste.",
        "This mandate is listed twice.",
    ),
    "bulk.problem.mandate.not_found": _t(
        "Dit mandaat bestaat niet.",
        "Ce mandat n'existe pas.",
        "Dieses Mandat existiert nicht.",
        "This mandate does not exist.",
    ),
    "bulk.problem.mandate.not_a_party": _t(
        "U bent geen partij bij dit mandaat.",
        "Vous n'êtes pas partie à ce mandat.",
        "Sie sind nicht Partei dieses Mandats.",
        "You are not a party to this mandate.",
    ),
    "bulk.problem.mandate.not_visible": _t(
        "U kunt dit mandaat niet zien.",
        "Vous ne pouvez pas voir ce mandat.",
        "Sie können dieses Mandat nicht sehen.",
        "You may not see this mandate.",
    ),
    "bulk.problem.mandate.not_counterparty": _t(
        "U hebt al ondertekend; de andere partij ondertekent of weigert.",
        "Vous avez déjà signé ; l'autre partie signe ou refuse.",
        "Sie haben bereits unterzeichnet; die andere Partei unterzeichnet oder lehnt ab.",
        "You have signed already; the other party signs or refuses.",
    ),
    "bulk.problem.mandate.invalid_transition": _t(
        "Niet mogelijk: het mandaat is {from_state}.",
        "Pas possible : le mandat est {from_state}.",
        "Nicht möglich: Das Mandat ist {from_state}.",
        "Not possible: the mandate is {from_state}.",
    ),
    "bulk.problem.mandate.concurrent_change": _t(
        "Iemand anders wijzigde intussen een mandaat; er werd niets gedaan. Probeer het opnieuw.",
        "Quelqu'un d'autre a modifié un mandat entre-temps ; rien n'a été fait. Réessayez.",
        "Jemand anderes hat inzwischen ein Mandat geändert; nichts wurde getan. Versuchen Sie es erneut.",
        "Someone else changed a mandate meanwhile; nothing was done. Try again.",
    ),
    "bulk.problem.authority.read_only": _t(
        "Uw rol geeft enkel leestoegang.",
        "Votre rôle ne donne qu'un accès en lecture.",
        "Ihre Rolle gibt nur Lesezugriff.",
        "Your role gives read access only.",
    ),
    "bulk.problem.authority.not_allowed": _t(
        "U mag de mandaten van deze partij niet (meer) beheren.",
        "Vous ne pouvez (plus) gérer les mandats de cette partie.",
        "Sie dürfen die Mandate dieser Partei nicht (mehr) verwalten.",
        "You may not (or no longer) manage this party's mandates.",
    ),
    "bulk.problem.registry.forbidden": _t(
        "U mag dit niet doen.", "Vous ne pouvez pas faire cela.", "Sie dürfen das nicht tun.", "You may not do this."
    ),
}

_IDENTIFIER_REASONS: Final = {
    "type": (
        "er is geen nummer gegeven",
        "aucun numéro n'est donné",
        "es wurde keine Nummer angegeben",
        "no number was given",
    ),
    "empty": ("het is leeg", "il est vide", "sie ist leer", "it is empty"),
    "length": (
        "het aantal cijfers klopt niet",
        "le nombre de chiffres est incorrect",
        "die Anzahl der Ziffern stimmt nicht",
        "it has the wrong number of digits",
    ),
    "digits": (
        "alleen de cijfers 0-9 zijn toegelaten",
        "seuls les chiffres 0-9 sont admis",
        "nur die Ziffern 0-9 sind erlaubt",
        "only the digits 0-9 are allowed",
    ),
    "format": (
        "het bevat tekens die niet toegelaten zijn",
        "il contient des caractères non admis",
        "sie enthält unzulässige Zeichen",
        "it contains characters that are not allowed",
    ),
    "checksum": (
        "de controlecijfers kloppen niet",
        "les chiffres de contrôle ne correspondent pas",
        "die Prüfziffern stimmen nicht",
        "the check digits do not match",
    ),
    "month": (
        "de maand is niet mogelijk",
        "le mois n'est pas possible",
        "der Monat ist nicht möglich",
        "the month is not possible",
    ),
    "day": (
        "de dag is niet mogelijk",
        "le jour n'est pas possible",
        "der Tag ist nicht möglich",
        "the day is not possible",
    ),
    "first_digit": (
        "het eerste cijfer is niet mogelijk",
        "le premier chiffre n'est pas possible",
        "die erste Ziffer ist nicht möglich",
        "the first digit is not possible",
    ),
    "prefix": (
        "het begint niet zoals verwacht",
        "il ne commence pas comme prévu",
        "sie beginnt nicht wie erwartet",
        "it does not start as expected",
    ),
    "scheme": (
        "dit soort nummer is onbekend",
        "ce type de numéro est inconnu",
        "diese Art von Nummer ist unbekannt",
        "this kind of number is not known",
    ),
}

MESSAGES: Final[dict[str, dict[str, str]]] = {
    **_PAGE,
    **_FILE,
    **_JOB,
    **_ACTIONS,
    **_WORDS,
    **_PROBLEMS,
    **{
        f"bulk.problem.identifier.{reason}": _t(
            f"„{{value}}” is geen geldig nummer: {nl}.",
            f"« {{value}} » n'est pas un numéro valide : {fr}.",
            f"„{{value}}“ ist keine gültige Nummer: {de}.",
            f'"{{value}}" is not a valid number: {en}.',
        )
        for reason, (nl, fr, de, en) in _IDENTIFIER_REASONS.items()
    },
}
