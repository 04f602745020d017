"""Every text of the mandate portal in nl, fr, de and en (merged into ``idp.i18n.MESSAGES``)."""

from __future__ import annotations

from typing import Final

from .error_messages import ERROR_MESSAGES
from .mandate_messages import MANDATE_MESSAGES

_ENTRY_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "portal.title": {
        "nl": "Mandaten beheren",
        "fr": "Gérer les mandats",
        "de": "Mandate verwalten",
        "en": "Manage mandates",
    },
    "portal.enter.title": {
        "nl": "In wiens naam wilt u mandaten beheren?",
        "fr": "Au nom de qui voulez-vous gérer des mandats ?",
        "de": "In wessen Namen möchten Sie Mandate verwalten?",
        "en": "On whose behalf do you want to manage mandates?",
    },
    "portal.enter.intro": {
        "nl": "Kies uzelf of een onderneming waarvoor u mandaatbeheerder of wettelijk vertegenwoordiger bent. "
        "Om daarna voor een andere partij te werken, meldt u zich opnieuw aan.",
        "fr": "Choisissez vous-même ou une entreprise dont vous êtes gestionnaire de mandats ou représentant "
        "légal. Pour agir ensuite pour une autre partie, reconnectez-vous.",
        "de": "Wählen Sie sich selbst oder ein Unternehmen, für das Sie Mandatsverwalter oder gesetzlicher "
        "Vertreter sind. Um danach für eine andere Partei zu handeln, melden Sie sich erneut an.",
        "en": "Choose yourself or an enterprise for which you are mandate manager or legal representative. "
        "To act for another party afterwards, you log in again.",
    },
    "portal.enter.own_name": {
        "nl": "In eigen naam",
        "fr": "En mon nom propre",
        "de": "Im eigenen Namen",
        "en": "In my own name",
    },
    "portal.enter.continue": {"nl": "Verder", "fr": "Continuer", "de": "Weiter", "en": "Continue"},
    "portal.enter.none": {
        "nl": "U kunt voor geen enkele partij mandaten beheren.",
        "fr": "Vous ne pouvez gérer les mandats d'aucune partie.",
        "de": "Sie können für keine Partei Mandate verwalten.",
        "en": "You cannot manage mandates for any party.",
    },
    "portal.enter.helpdesk": {
        "nl": "Als helpdeskmedewerker leest u mandaten in de helpdesk; u beheert er geen.",
        "fr": "En tant qu'agent du helpdesk, vous consultez les mandats dans le helpdesk ; vous n'en gérez aucun.",
        "de": "Als Helpdesk-Mitarbeiter lesen Sie Mandate im Helpdesk; Sie verwalten keine.",
        "en": "As a helpdesk agent you read mandates in the helpdesk; you manage none.",
    },
    "portal.enter.chosen": {
        "nl": "U werkt in deze aanmelding voor {name}.",
        "fr": "Dans cette connexion, vous agissez pour {name}.",
        "de": "In dieser Anmeldung handeln Sie für {name}.",
        "en": "In this login you act for {name}.",
    },
    "portal.capacity.self": {
        "nl": "in eigen naam",
        "fr": "en votre nom",
        "de": "im eigenen Namen",
        "en": "in your own name",
    },
    "portal.capacity.manager": {
        "nl": "als mandaatbeheerder",
        "fr": "en tant que gestionnaire de mandats",
        "de": "als Mandatsverwalter",
        "en": "as mandate manager",
    },
    "portal.capacity.legal_representative": {
        "nl": "als wettelijk vertegenwoordiger",
        "fr": "en tant que représentant légal",
        "de": "als gesetzlicher Vertreter",
        "en": "as legal representative",
    },
    "portal.acting_for": {
        "nl": "U werkt voor {name}",
        "fr": "Vous agissez pour {name}",
        "de": "Sie handeln für {name}",
        "en": "You act for {name}",
    },
    "portal.switch": {
        "nl": "Voor een andere partij werken (opnieuw aanmelden)",
        "fr": "Agir pour une autre partie (se reconnecter)",
        "de": "Für eine andere Partei handeln (erneut anmelden)",
        "en": "Act for another party (log in again)",
    },
    "nav.label": {"nl": "Hoofdmenu", "fr": "Menu principal", "de": "Hauptmenü", "en": "Main menu"},
    "nav.mandates": {"nl": "Mandaten", "fr": "Mandats", "de": "Mandate", "en": "Mandates"},
    "nav.new_mandate": {"nl": "Nieuw mandaat", "fr": "Nouveau mandat", "de": "Neues Mandat", "en": "New mandate"},
    "nav.bulk": {"nl": "Groepsacties", "fr": "Actions groupées", "de": "Sammelaktionen", "en": "Bulk actions"},
    "nav.profile": {"nl": "Mijn profiel", "fr": "Mon profil", "de": "Mein Profil", "en": "My profile"},
    "nav.rights": {
        "nl": "Gebruikersrechten",
        "fr": "Droits des utilisateurs",
        "de": "Benutzerrechte",
        "en": "User rights",
    },
    "nav.admin": {"nl": "Beheer", "fr": "Administration", "de": "Verwaltung", "en": "Administration"},
    "nav.helpdesk": {"nl": "Helpdesk", "fr": "Helpdesk", "de": "Helpdesk", "en": "Helpdesk"},
    "nav.logout": {"nl": "Afmelden", "fr": "Se déconnecter", "de": "Abmelden", "en": "Log out"},
    "nav.portal": {
        "nl": "Mandaten beheren",
        "fr": "Gérer les mandats",
        "de": "Mandate verwalten",
        "en": "Manage mandates",
    },
}

MESSAGES: Final[dict[str, dict[str, str]]] = {**_ENTRY_MESSAGES, **MANDATE_MESSAGES, **ERROR_MESSAGES}
