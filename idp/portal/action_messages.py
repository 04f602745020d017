"""The texts of the actions on one mandate (sign, refuse, stop, extend, transfer and its answers) in nl, fr,
de and en: the detail page's button, the action page's title, explanation and confirming button, and the
notice shown once it is done."""

from __future__ import annotations

from typing import Final


def _t(nl: str, fr: str, de: str, en: str) -> dict[str, str]:
    return {"nl": nl, "fr": fr, "de": de, "en": en}


# Each action: the detail page's button, its page's title and explanation, the confirming button, the notice.
_ACTIONS: Final[dict[str, dict[str, dict[str, str]]]] = {
    "sign": {
        "button": _t("Ondertekenen", "Signer", "Unterzeichnen", "Sign"),
        "title": _t("Een mandaat ondertekenen", "Signer un mandat", "Ein Mandat unterzeichnen", "Sign a mandate"),
        "intro": _t(
            "Lees de voorwaarden. Door te ondertekenen aanvaardt u ze; het mandaat treedt dan in werking op de "
            "startdatum.",
            "Lisez les conditions. En signant, vous les acceptez ; le mandat prend alors effet à sa date de début.",
            "Lesen Sie die Bedingungen. Mit der Unterschrift stimmen Sie ihnen zu; das Mandat wird dann zum "
            "Beginndatum wirksam.",
            "Read the terms. By signing you accept them; the mandate then takes effect on its start date.",
        ),
        "confirm": _t("Ondertekenen", "Signer", "Unterzeichnen", "Sign"),
        "done": _t(
            "Het mandaat is nu getekend.",
            "Le mandat est maintenant signé.",
            "Das Mandat ist jetzt unterzeichnet.",
            "The mandate is now signed.",
        ),
    },
    "refuse": {
        "button": _t("Weigeren", "Refuser", "Ablehnen", "Refuse"),
        "title": _t("Een mandaat weigeren", "Refuser un mandat", "Ein Mandat ablehnen", "Refuse a mandate"),
        "intro": _t(
            "Als u weigert, treedt het mandaat nooit in werking.",
            "Si vous refusez, le mandat ne prendra jamais effet.",
            "Wenn Sie ablehnen, wird das Mandat nie wirksam.",
            "If you refuse, the mandate never takes effect.",
        ),
        "confirm": _t("Weigeren", "Refuser", "Ablehnen", "Refuse"),
        "done": _t(
            "Het mandaat werd geweigerd.",
            "Le mandat a été refusé.",
            "Das Mandat wurde abgelehnt.",
            "The mandate was refused.",
        ),
    },
    "stop": {
        "button": _t("Stopzetten", "Arrêter", "Beenden", "Stop"),
        "title": _t("Een mandaat stopzetten", "Arrêter un mandat", "Ein Mandat beenden", "Stop a mandate"),
        "intro": _t(
            "Het mandaat stopt onmiddellijk en zonder opzeg.",
            "Le mandat prend fin immédiatement et sans préavis.",
            "Das Mandat endet sofort und ohne Kündigungsfrist.",
            "The mandate ends at once, without notice.",
        ),
        "confirm": _t("Stopzetten", "Arrêter", "Beenden", "Stop"),
        "done": _t(
            "Het mandaat werd stopgezet.",
            "Le mandat a été arrêté.",
            "Das Mandat wurde beendet.",
            "The mandate was stopped.",
        ),
    },
    "extend": {
        "button": _t("Verlengen", "Prolonger", "Verlängern", "Extend"),
        "title": _t("Een mandaat verlengen", "Prolonger un mandat", "Ein Mandat verlängern", "Extend a mandate"),
        "intro": _t(
            "Kies een latere einddatum, of geen einddatum.",
            "Choisissez une date de fin ultérieure, ou aucune date de fin.",
            "Wählen Sie ein späteres Enddatum oder kein Enddatum.",
            "Choose a later end date, or none.",
        ),
        "confirm": _t("Verlengen", "Prolonger", "Verlängern", "Extend"),
        "done": _t(
            "Het mandaat werd verlengd.",
            "Le mandat a été prolongé.",
            "Das Mandat wurde verlängert.",
            "The mandate was extended.",
        ),
    },
    "transfer": {
        "button": _t("Overdragen", "Transférer", "Übertragen", "Transfer"),
        "title": _t(
            "Overdragen aan een nieuwe mandaatnemer",
            "Transférer à un nouveau mandataire",
            "An einen neuen Mandatnehmer übertragen",
            "Transfer to a new mandatee",
        ),
        "intro": _t(
            "De nieuwe mandaatnemer moet de overdracht aanvaarden.",
            "Le nouveau mandataire doit accepter le transfert.",
            "Der neue Mandatnehmer muss die Übertragung annehmen.",
            "The new mandatee must accept the transfer.",
        ),
        "confirm": _t(
            "Overdracht aanvragen", "Demander le transfert", "Übertragung beantragen", "Request the transfer"
        ),
        "done": _t(
            "De overdracht werd aangevraagd.",
            "Le transfert a été demandé.",
            "Die Übertragung wurde beantragt.",
            "The transfer was requested.",
        ),
    },
    "request_transfer": {
        "button": _t("Overdragen", "Transférer", "Übertragen", "Transfer"),
    },
    "accept_transfer": {
        "button": _t("Overdracht aanvaarden", "Accepter le transfert", "Übertragung annehmen", "Accept the transfer"),
        "title": _t(
            "Een overdracht aanvaarden", "Accepter un transfert", "Eine Übertragung annehmen", "Accept a transfer"
        ),
        "intro": _t(
            "Lees de voorwaarden. Door te aanvaarden wordt u de mandaatnemer.",
            "Lisez les conditions. En acceptant, vous devenez le mandataire.",
            "Lesen Sie die Bedingungen. Mit der Annahme werden Sie Mandatnehmer.",
            "Read the terms. By accepting you become the mandatee.",
        ),
        "confirm": _t("Aanvaarden", "Accepter", "Annehmen", "Accept"),
        "done": _t(
            "De overdracht werd aanvaard.",
            "Le transfert a été accepté.",
            "Die Übertragung wurde angenommen.",
            "The transfer was accepted.",
        ),
    },
    "refuse_transfer": {
        "button": _t("Overdracht weigeren", "Refuser le transfert", "Übertragung ablehnen", "Refuse the transfer"),
        "title": _t(
            "Een overdracht weigeren", "Refuser un transfert", "Eine Übertragung ablehnen", "Refuse a transfer"
        ),
        "intro": _t(
            "Het mandaat blijft dan zoals het was.",
            "Le mandat reste alors tel quel.",
            "Das Mandat bleibt dann, wie es war.",
            "The mandate then stays as it was.",
        ),
        "confirm": _t("Weigeren", "Refuser", "Ablehnen", "Refuse"),
        "done": _t(
            "De overdracht werd geweigerd.",
            "Le transfert a été refusé.",
            "Die Übertragung wurde abgelehnt.",
            "The transfer was refused.",
        ),
    },
    "cancel_transfer": {
        "button": _t("Overdracht annuleren", "Annuler le transfert", "Übertragung zurückziehen", "Cancel the transfer"),
        "title": _t(
            "Een overdracht annuleren", "Annuler un transfert", "Eine Übertragung zurückziehen", "Cancel a transfer"
        ),
        "intro": _t(
            "De voorgestelde nieuwe mandaatnemer kan de overdracht dan niet meer aanvaarden.",
            "Le nouveau mandataire proposé ne pourra plus accepter le transfert.",
            "Der vorgeschlagene neue Mandatnehmer kann die Übertragung dann nicht mehr annehmen.",
            "The proposed new mandatee can then no longer accept the transfer.",
        ),
        "confirm": _t(
            "Overdracht annuleren", "Annuler le transfert", "Übertragung zurückziehen", "Cancel the transfer"
        ),
        "done": _t(
            "De overdracht werd geannuleerd.",
            "Le transfert a été annulé.",
            "Die Übertragung wurde zurückgezogen.",
            "The transfer was cancelled.",
        ),
    },
}


def _action_messages() -> dict[str, dict[str, str]]:
    messages: dict[str, dict[str, str]] = {}
    for action, texts in _ACTIONS.items():
        for part, text in texts.items():
            key = f"portal.done.{action}" if part == "done" else f"portal.action.{action}.{part}"
            messages[key] = text
    return messages


ACTION_MESSAGES: Final[dict[str, dict[str, str]]] = _action_messages()
