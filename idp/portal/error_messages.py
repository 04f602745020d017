"""The registry's errors (``RegistryError.code``) and the portal's own form errors, in nl, fr, de and en.

Keys are ``portal.error.<code>``; :func:`idp.portal.forms.error_text` fills them with the error's params.
"""

from __future__ import annotations

from typing import Final


def _t(nl: str, fr: str, de: str, en: str) -> dict[str, str]:
    return {"nl": nl, "fr": fr, "de": de, "en": en}


_IDENTIFIER: Final = _t(
    "„{value}” is geen geldig nummer: ",
    "« {value} » n'est pas un numéro valable : ",
    "„{value}“ ist keine gültige Nummer: ",
    "“{value}” is not a valid number: ",
)
_REASONS: Final[dict[str, dict[str, str]]] = {
    "invalid": _t("het is ongeldig.", "il n'est pas valable.", "sie ist ungültig.", "it is not valid."),
    "type": _t("er werd niets ingevuld.", "rien n'a été saisi.", "es wurde nichts eingegeben.", "nothing was given."),
    "empty": _t("het is leeg.", "il est vide.", "sie ist leer.", "it is empty."),
    "length": _t(
        "het aantal cijfers klopt niet.",
        "le nombre de chiffres ne convient pas.",
        "die Anzahl der Ziffern stimmt nicht.",
        "it has the wrong number of digits.",
    ),
    "digits": _t(
        "enkel de cijfers 0-9 zijn toegelaten.",
        "seuls les chiffres 0-9 sont autorisés.",
        "nur die Ziffern 0-9 sind erlaubt.",
        "only the digits 0-9 are allowed.",
    ),
    "format": _t(
        "het bevat tekens die niet toegelaten zijn.",
        "il contient des caractères non autorisés.",
        "sie enthält unzulässige Zeichen.",
        "it contains characters that are not allowed.",
    ),
    "checksum": _t(
        "de controlecijfers kloppen niet.",
        "les chiffres de contrôle ne correspondent pas.",
        "die Prüfziffern stimmen nicht.",
        "the check digits do not match.",
    ),
    "month": _t(
        "de maand is niet mogelijk.",
        "le mois n'est pas possible.",
        "der Monat ist nicht möglich.",
        "the month is not possible.",
    ),
    "day": _t(
        "de dag is niet mogelijk.",
        "le jour n'est pas possible.",
        "der Tag ist nicht möglich.",
        "the day is not possible.",
    ),
    "first_digit": _t(
        "het eerste cijfer is niet mogelijk.",
        "le premier chiffre n'est pas possible.",
        "die erste Ziffer ist nicht möglich.",
        "the first digit is not possible.",
    ),
    "prefix": _t(
        "het begint niet met het verwachte voorvoegsel.",
        "il ne commence pas par le préfixe attendu.",
        "sie beginnt nicht mit dem erwarteten Präfix.",
        "it does not start with the expected prefix.",
    ),
    "scheme": _t(
        "dit soort nummer is niet gekend.",
        "ce type de numéro n'est pas connu.",
        "diese Art von Nummer ist nicht bekannt.",
        "this kind of number is not known.",
    ),
}


def _identifier_messages() -> dict[str, dict[str, str]]:
    return {
        f"portal.error.identifier.{reason}": {lang: _IDENTIFIER[lang] + text[lang] for lang in text}
        for reason, text in _REASONS.items()
    }


_ERRORS: Final[dict[str, dict[str, str]]] = {
    # --- the portal's own checks
    "portal.error.required": _t(
        "Vul dit veld in.", "Remplissez ce champ.", "Füllen Sie dieses Feld aus.", "Fill in this field."
    ),
    "portal.error.date_invalid": _t(
        "Dit is geen geldige datum (dd/mm/jjjj).",
        "Ce n'est pas une date valable (jj/mm/aaaa).",
        "Das ist kein gültiges Datum (TT/MM/JJJJ).",
        "This is not a valid date (dd/mm/yyyy).",
    ),
    "portal.error.choose_type": _t(
        "Kies een mandaattype.",
        "Choisissez un type de mandat.",
        "Wählen Sie einen Mandatstyp.",
        "Choose a mandate type.",
    ),
    "portal.error.choose_role": _t(
        "Kies of u mandaatgever of mandaatnemer bent.",
        "Choisissez si vous êtes mandant ou mandataire.",
        "Wählen Sie, ob Sie Mandatgeber oder Mandatnehmer sind.",
        "Choose whether you are mandator or mandatee.",
    ),
    "portal.error.choose_party": _t(
        "Kies de partij uit de gevonden partijen hieronder.",
        "Choisissez la partie parmi celles trouvées ci-dessous.",
        "Wählen Sie die Partei aus den unten gefundenen Parteien.",
        "Choose the party from those found below.",
    ),
    "portal.error.party.not_found_by_name": _t(
        "Geen onderneming met deze naam gevonden. Zoek op naam of vul het nummer in.",
        "Aucune entreprise trouvée sous ce nom. Cherchez par nom ou saisissez le numéro.",
        "Kein Unternehmen mit diesem Namen gefunden. Suchen Sie nach Namen oder geben Sie die Nummer ein.",
        "No enterprise with this name was found. Search by name or type the number.",
    ),
    "portal.error.language": _t(
        "Kies Nederlands, Frans, Duits of Engels.",
        "Choisissez le néerlandais, le français, l'allemand ou l'anglais.",
        "Wählen Sie Niederländisch, Französisch, Deutsch oder Englisch.",
        "Choose Dutch, French, German or English.",
    ),
    "portal.error.status_unknown": _t(
        "Deze status bestaat niet.",
        "Ce statut n'existe pas.",
        "Diesen Status gibt es nicht.",
        "This status does not exist.",
    ),
    "portal.error.list_unknown": _t(
        "Deze lijst bestaat niet.",
        "Cette liste n'existe pas.",
        "Diese Liste gibt es nicht.",
        "This list does not exist.",
    ),
    "portal.error.changed": _t(
        "Dit werd intussen gewijzigd. Kijk de gegevens opnieuw na.",
        "Ceci a été modifié entre-temps. Vérifiez à nouveau les données.",
        "Dies wurde inzwischen geändert. Prüfen Sie die Angaben erneut.",
        "This was changed meanwhile. Check the details again.",
    ),
    # --- the registry's errors, by code
    "portal.error.registry.error": _t(
        "Het register kon dit niet uitvoeren.",
        "Le registre n'a pas pu effectuer cette opération.",
        "Das Register konnte dies nicht ausführen.",
        "The registry could not do this.",
    ),
    "portal.error.registry.invalid": _t(
        "De invoer is ongeldig.", "La saisie n'est pas valable.", "Die Eingabe ist ungültig.", "The input is not valid."
    ),
    "portal.error.registry.forbidden": _t(
        "U mag dit niet doen.", "Vous ne pouvez pas faire ceci.", "Sie dürfen dies nicht tun.", "You may not do this."
    ),
    "portal.error.registry.not_found": _t("Niet gevonden.", "Introuvable.", "Nicht gefunden.", "Not found."),
    "portal.error.registry.conflict": _t(
        "Dit botst met de huidige toestand.",
        "Ceci est en conflit avec l'état actuel.",
        "Dies steht im Widerspruch zum aktuellen Zustand.",
        "This conflicts with the current state.",
    ),
    "portal.error.status.400": _t(
        "De invoer is ongeldig.", "La saisie n'est pas valable.", "Die Eingabe ist ungültig.", "The input is not valid."
    ),
    "portal.error.status.403": _t(
        "U mag dit niet doen.", "Vous ne pouvez pas faire ceci.", "Sie dürfen dies nicht tun.", "You may not do this."
    ),
    "portal.error.status.404": _t("Niet gevonden.", "Introuvable.", "Nicht gefunden.", "Not found."),
    "portal.error.status.409": _t(
        "Dit botst met de huidige toestand.",
        "Ceci est en conflit avec l'état actuel.",
        "Dies steht im Widerspruch zum aktuellen Zustand.",
        "This conflicts with the current state.",
    ),
    "portal.error.mandate_type.unknown": _t(
        "Dit mandaattype bestaat niet.",
        "Ce type de mandat n'existe pas.",
        "Diesen Mandatstyp gibt es nicht.",
        "This mandate type does not exist.",
    ),
    "portal.error.mandate_type.inactive": _t(
        "Dit mandaattype kan niet meer gebruikt worden voor nieuwe mandaten.",
        "Ce type de mandat ne peut plus être utilisé pour de nouveaux mandats.",
        "Dieser Mandatstyp kann nicht mehr für neue Mandate verwendet werden.",
        "This mandate type can no longer be used for new mandates.",
    ),
    "portal.error.mandate.party_kind_not_allowed": _t(
        "Dit mandaattype laat deze soort partij ({kind}) niet toe als {side}.",
        "Ce type de mandat n'autorise pas ce genre de partie ({kind}) comme {side}.",
        "Dieser Mandatstyp erlaubt diese Art von Partei ({kind}) nicht als {side}.",
        "This mandate type does not allow this kind of party ({kind}) as {side}.",
    ),
    "portal.error.mandate.same_party": _t(
        "Mandaatgever en mandaatnemer moeten verschillende partijen zijn.",
        "Le mandant et le mandataire doivent être des parties différentes.",
        "Mandatgeber und Mandatnehmer müssen verschiedene Parteien sein.",
        "Mandator and mandatee must be different parties.",
    ),
    "portal.error.mandate.already_mandatee": _t(
        "Deze partij is al de mandaatnemer.",
        "Cette partie est déjà le mandataire.",
        "Diese Partei ist bereits der Mandatnehmer.",
        "This party is the mandatee already.",
    ),
    "portal.error.mandate.end_before_start": _t(
        "De einddatum ligt vóór de startdatum.",
        "La date de fin précède la date de début.",
        "Das Enddatum liegt vor dem Beginndatum.",
        "The end date is before the start date.",
    ),
    "portal.error.mandate.start_in_past": _t(
        "De startdatum ligt in het verleden.",
        "La date de début est dans le passé.",
        "Das Beginndatum liegt in der Vergangenheit.",
        "The start date is in the past.",
    ),
    "portal.error.mandate.contract_not_accepted": _t(
        "U moet de voorwaarden aanvaarden.",
        "Vous devez accepter les conditions.",
        "Sie müssen die Bedingungen annehmen.",
        "You must accept the terms.",
    ),
    "portal.error.authority.read_only": _t(
        "Uw rol geeft enkel leestoegang.",
        "Votre rôle ne donne qu'un accès en lecture.",
        "Ihre Rolle gibt nur Lesezugriff.",
        "Your role gives read access only.",
    ),
    "portal.error.authority.not_allowed": _t(
        "U mag de mandaten van deze partij niet beheren.",
        "Vous ne pouvez pas gérer les mandats de cette partie.",
        "Sie dürfen die Mandate dieser Partei nicht verwalten.",
        "You may not manage the mandates of this party.",
    ),
    "portal.error.mandate.not_a_party": _t(
        "U bent geen partij bij dit mandaat.",
        "Vous n'êtes pas partie à ce mandat.",
        "Sie sind keine Partei dieses Mandats.",
        "You are not a party to this mandate.",
    ),
    "portal.error.mandate.not_visible": _t(
        "U mag dit mandaat niet zien.",
        "Vous ne pouvez pas voir ce mandat.",
        "Sie dürfen dieses Mandat nicht sehen.",
        "You may not see this mandate.",
    ),
    "portal.error.mandate.not_counterparty": _t(
        "Enkel de andere partij kan dit doen.",
        "Seule l'autre partie peut faire ceci.",
        "Nur die andere Partei kann dies tun.",
        "Only the other party can do this.",
    ),
    "portal.error.mandate.not_transfer_initiator": _t(
        "Enkel de partij die de overdracht voorstelde, kan ze annuleren.",
        "Seule la partie qui a proposé le transfert peut l'annuler.",
        "Nur die Partei, die die Übertragung vorgeschlagen hat, kann sie zurückziehen.",
        "Only the party that proposed the transfer can cancel it.",
    ),
    "portal.error.mandate.not_found": _t(
        "Dit mandaat bestaat niet.",
        "Ce mandat n'existe pas.",
        "Dieses Mandat gibt es nicht.",
        "This mandate does not exist.",
    ),
    "portal.error.party.not_found": _t(
        "Er is geen partij met dit nummer gekend.",
        "Aucune partie n'est connue sous ce numéro.",
        "Unter dieser Nummer ist keine Partei bekannt.",
        "No party with this number is known.",
    ),
    "portal.error.mandate.invalid_transition": _t(
        "„{action}” is niet mogelijk op een mandaat met status „{from_state}”.",
        "« {action} » n'est pas possible pour un mandat au statut « {from_state} ».",
        "„{action}“ ist bei einem Mandat mit dem Status „{from_state}“ nicht möglich.",
        "“{action}” is not possible on a mandate with status “{from_state}”.",
    ),
    "portal.error.mandate.concurrent_change": _t(
        "Iemand anders heeft het mandaat intussen gewijzigd. Bekijk het opnieuw en probeer nog eens.",
        "Quelqu'un d'autre a modifié le mandat entre-temps. Consultez-le à nouveau et réessayez.",
        "Jemand anderes hat das Mandat inzwischen geändert. Sehen Sie es erneut an und versuchen Sie es noch einmal.",
        "Someone else changed the mandate meanwhile. Look at it again and retry.",
    ),
    "portal.error.mandate.duplicate": _t(
        "Er bestaat al een mandaat van dit type tussen deze partijen voor (een deel van) deze periode"
        " (mandaat {number}).",
        "Un mandat de ce type entre ces parties existe déjà pour (une partie de) cette période (mandat {number}).",
        "Ein Mandat dieses Typs zwischen diesen Parteien besteht bereits für (einen Teil) dieses Zeitraums"
        " (Mandat {number}).",
        "A mandate of this type between these parties already exists for (part of) this period (mandate {number}).",
    ),
    "portal.error.mandate.role_invalid": _t(
        "Kies mandaatgever of mandaatnemer.",
        "Choisissez mandant ou mandataire.",
        "Wählen Sie Mandatgeber oder Mandatnehmer.",
        "Choose mandator or mandatee.",
    ),
    "portal.error.mandate.language_unsupported": _t(
        "Kies Nederlands, Frans, Duits of Engels.",
        "Choisissez le néerlandais, le français, l'allemand ou l'anglais.",
        "Wählen Sie Niederländisch, Französisch, Deutsch oder Englisch.",
        "Choose Dutch, French, German or English.",
    ),
    "portal.error.mandate.reference_too_long": _t(
        "De referentie is langer dan {max} tekens.",
        "La référence dépasse {max} caractères.",
        "Die Referenz ist länger als {max} Zeichen.",
        "The reference is longer than {max} characters.",
    ),
    "portal.error.mandate.reference_invalid": _t(
        "De referentie bevat stuurtekens.",
        "La référence contient des caractères de contrôle.",
        "Die Referenz enthält Steuerzeichen.",
        "The reference contains control characters.",
    ),
    "portal.error.mandate.too_many_emails": _t(
        "Hoogstens {max} e-mailadressen.",
        "Au plus {max} adresses e-mail.",
        "Höchstens {max} E-Mail-Adressen.",
        "At most {max} e-mail addresses.",
    ),
    "portal.error.mandate.email_invalid": _t(
        "„{value}” is geen e-mailadres.",
        "« {value} » n'est pas une adresse e-mail.",
        "„{value}“ ist keine E-Mail-Adresse.",
        "“{value}” is not an e-mail address.",
    ),
    "portal.error.mandate.extension_not_later": _t(
        "De nieuwe einddatum moet later zijn dan de huidige.",
        "La nouvelle date de fin doit être postérieure à l'actuelle.",
        "Das neue Enddatum muss nach dem aktuellen liegen.",
        "The new end date must be later than the current one.",
    ),
}

ERROR_MESSAGES: Final[dict[str, dict[str, str]]] = {**_identifier_messages(), **_ERRORS}
