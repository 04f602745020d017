"""Languages: nl, fr, de, en. Negotiated from ``?lang=``, the language cookie, then Accept-Language."""

from __future__ import annotations

from flask import g, request

from .settings import LANGUAGES

LANGUAGE_COOKIE = "idp_lang"
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "de": "Deutsch", "en": "English"}

MESSAGES: dict[str, dict[str, str]] = {
    "service.name": {
        "nl": "Aanmelden namens",
        "fr": "Connexion au nom de",
        "de": "Anmelden im Namen von",
        "en": "Log in on behalf of",
    },
    "service.tagline": {
        "nl": "Meld u aan in eigen naam, voor uw organisatie of met een mandaat.",
        "fr": "Connectez-vous en votre nom, pour votre organisation ou avec un mandat.",
        "de": "Melden Sie sich im eigenen Namen, für Ihre Organisation oder mit einem Mandat an.",
        "en": "Log in as yourself, for your organisation, or through a mandate.",
    },
    "index.integrators": {
        "nl": "Voor toepassingen: OpenID Connect-configuratie en SAML-metadata.",
        "fr": "Pour les applications : configuration OpenID Connect et métadonnées SAML.",
        "de": "Für Anwendungen: OpenID-Connect-Konfiguration und SAML-Metadaten.",
        "en": "For applications: OpenID Connect configuration and SAML metadata.",
    },
    "index.people": {"nl": "Voor personen", "fr": "Pour les personnes", "de": "Für Personen", "en": "For people"},
    "index.applications": {
        "nl": "Voor toepassingen",
        "fr": "Pour les applications",
        "de": "Für Anwendungen",
        "en": "For applications",
    },
    "language.choose": {"nl": "Taal", "fr": "Langue", "de": "Sprache", "en": "Language"},
    "skip.content": {
        "nl": "Naar de inhoud",
        "fr": "Aller au contenu",
        "de": "Zum Inhalt",
        "en": "Skip to content",
    },
    "error.title": {
        "nl": "Er ging iets mis",
        "fr": "Un problème est survenu",
        "de": "Etwas ist schiefgelaufen",
        "en": "Something went wrong",
    },
    "error.400": {
        "nl": "Het verzoek is ongeldig.",
        "fr": "La demande n'est pas valide.",
        "de": "Die Anfrage ist ungültig.",
        "en": "The request is not valid.",
    },
    "error.403": {
        "nl": "U hebt geen toegang tot deze pagina.",
        "fr": "Vous n'avez pas accès à cette page.",
        "de": "Sie haben keinen Zugriff auf diese Seite.",
        "en": "You do not have access to this page.",
    },
    "error.404": {
        "nl": "Deze pagina bestaat niet.",
        "fr": "Cette page n'existe pas.",
        "de": "Diese Seite existiert nicht.",
        "en": "This page does not exist.",
    },
    "error.405": {
        "nl": "Deze handeling is hier niet toegestaan.",
        "fr": "Cette action n'est pas autorisée ici.",
        "de": "Diese Aktion ist hier nicht erlaubt.",
        "en": "This action is not allowed here.",
    },
    "error.413": {
        "nl": "De gegevens zijn te groot.",
        "fr": "Les données sont trop volumineuses.",
        "de": "Die Daten sind zu groß.",
        "en": "The data is too large.",
    },
    "error.429": {
        "nl": "Te veel pogingen. Probeer het over enkele minuten opnieuw.",
        "fr": "Trop de tentatives. Réessayez dans quelques minutes.",
        "de": "Zu viele Versuche. Versuchen Sie es in einigen Minuten erneut.",
        "en": "Too many attempts. Try again in a few minutes.",
    },
    "error.500": {
        "nl": "Er ging bij ons iets mis. Probeer het later opnieuw.",
        "fr": "Une erreur s'est produite chez nous. Réessayez plus tard.",
        "de": "Bei uns ist ein Fehler aufgetreten. Versuchen Sie es später erneut.",
        "en": "Something went wrong on our side. Please try again later.",
    },
    "error.back": {
        "nl": "Ga terug naar de toepassing waar u vandaan kwam.",
        "fr": "Retournez à l'application d'où vous venez.",
        "de": "Kehren Sie zur Anwendung zurück, von der Sie kamen.",
        "en": "Go back to the application you came from.",
    },
    "oidc.logout.confirm_title": {
        "nl": "Wilt u zich afmelden?",
        "fr": "Voulez-vous vous déconnecter ?",
        "de": "Möchten Sie sich abmelden?",
        "en": "Log out?",
    },
    "oidc.logout.confirm_button": {"nl": "Afmelden", "fr": "Se déconnecter", "de": "Abmelden", "en": "Log out"},
    "oidc.logout.done": {
        "nl": "U bent afgemeld",
        "fr": "Vous êtes déconnecté",
        "de": "Sie sind abgemeldet",
        "en": "You are logged out",
    },
    "oidc.continue": {"nl": "Verder", "fr": "Continuer", "de": "Weiter", "en": "Continue"},
    "oidc.noscript": {
        "nl": "JavaScript staat uit: druk op de knop om verder te gaan.",
        "fr": "JavaScript est désactivé : appuyez sur le bouton pour continuer.",
        "de": "JavaScript ist ausgeschaltet: Drücken Sie die Taste, um fortzufahren.",
        "en": "JavaScript is off: press the button to continue.",
    },
    "oidc.logout.frame": {
        "nl": "Afmelden bij een toepassing",
        "fr": "Déconnexion d'une application",
        "de": "Abmeldung bei einer Anwendung",
        "en": "Logging out of an application",
    },
    "oidc.consent.title": {
        "nl": "{name} vraagt toegang",
        "fr": "{name} demande l'accès",
        "de": "{name} bittet um Zugriff",
        "en": "{name} asks for access",
    },
    "oidc.consent.intro": {
        "nl": "Als u dit toestaat, ontvangt {name}:",
        "fr": "Si vous l'autorisez, {name} recevra :",
        "de": "Wenn Sie zustimmen, erhält {name}:",
        "en": "If you allow it, {name} receives:",
    },
    "oidc.consent.on_behalf_of": {
        "nl": "U meldt zich aan namens {name}.",
        "fr": "Vous vous connectez au nom de {name}.",
        "de": "Sie melden sich im Namen von {name} an.",
        "en": "You are logging in on behalf of {name}.",
    },
    "consents.title": {
        "nl": "Toepassingen die u toestemming gaf",
        "fr": "Applications que vous avez autorisées",
        "de": "Anwendungen, denen Sie zugestimmt haben",
        "en": "Applications you allowed",
    },
    "consents.intro": {
        "nl": "Deze toepassingen vroegen wat ze over u mogen ontvangen, en u stond het toe. Trekt u dat in, dan "
        "wordt u meteen afgemeld bij de toepassing en vraagt ze het de volgende keer opnieuw.",
        "fr": "Ces applications ont demandé ce qu'elles peuvent recevoir à votre sujet, et vous l'avez autorisé. "
        "Si vous le retirez, l'application perd aussitôt son accès et vous le redemandera la prochaine fois.",
        "de": "Diese Anwendungen haben gefragt, was sie über Sie erhalten dürfen, und Sie haben zugestimmt. "
        "Ziehen Sie das zurück, verliert die Anwendung sofort ihren Zugang und fragt beim nächsten Mal erneut.",
        "en": "These applications asked what they may receive about you, and you allowed it. If you withdraw "
        "it, the application loses its access at once and asks again next time.",
    },
    "consents.none": {
        "nl": "U gaf nog geen enkele toepassing toestemming.",
        "fr": "Vous n'avez encore autorisé aucune application.",
        "de": "Sie haben noch keiner Anwendung zugestimmt.",
        "en": "You have not allowed any application yet.",
    },
    "consents.withdraw": {
        "nl": "Toestemming voor {name} intrekken",
        "fr": "Retirer l'autorisation de {name}",
        "de": "Zustimmung für {name} zurückziehen",
        "en": "Withdraw what {name} may receive",
    },
    "consents.withdrawn": {
        "nl": "De toestemming is ingetrokken.",
        "fr": "L'autorisation a été retirée.",
        "de": "Die Zustimmung wurde zurückgezogen.",
        "en": "Your consent has been withdrawn.",
    },
    "oidc.consent.allow": {"nl": "Toestaan", "fr": "Autoriser", "de": "Zulassen", "en": "Allow"},
    "oidc.consent.deny": {"nl": "Weigeren", "fr": "Refuser", "de": "Ablehnen", "en": "Deny"},
    "oidc.scope.openid": {
        "nl": "Een identificatiecode voor u, eigen aan deze toepassing of niet",
        "fr": "Un identifiant pour vous, propre ou non à cette application",
        "de": "Eine Kennung für Sie, eigens für diese Anwendung oder nicht",
        "en": "An identifier for you, specific to this application or not",
    },
    "oidc.scope.profile": {
        "nl": "Uw naam en taal",
        "fr": "Votre nom et votre langue",
        "de": "Ihr Name und Ihre Sprache",
        "en": "Your name and language",
    },
    "oidc.scope.email": {
        "nl": "Uw e-mailadres",
        "fr": "Votre adresse e-mail",
        "de": "Ihre E-Mail-Adresse",
        "en": "Your e-mail address",
    },
    "oidc.scope.rrn": {
        "nl": "Uw rijksregisternummer",
        "fr": "Votre numéro de registre national",
        "de": "Ihre Nationalregisternummer",
        "en": "Your national register number",
    },
    "oidc.scope.vo": {
        "nl": "De organisatie waarvoor u optreedt en uw doelgroep",
        "fr": "L'organisation pour laquelle vous agissez et votre groupe cible",
        "de": "Die Organisation, für die Sie handeln, und Ihre Zielgruppe",
        "en": "The organisation you act for and your target group",
    },
    "oidc.scope.ssm_mandaat": {
        "nl": "Wie u het mandaat gaf",
        "fr": "Qui vous a donné le mandat",
        "de": "Wer Ihnen das Mandat erteilt hat",
        "en": "Who gave you the mandate",
    },
    "oidc.scope.mandate": {
        "nl": "Het mandaat of de vertegenwoordiging waarmee u optreedt",
        "fr": "Le mandat ou la représentation avec lequel vous agissez",
        "de": "Das Mandat oder die Vertretung, mit der Sie handeln",
        "en": "The mandate or representation you act with",
    },
}


def negotiate_language(default: str = "nl") -> str:
    asked = request.args.get("lang") or request.args.get("ui_locales", "").split(" ")[0]
    if asked in LANGUAGES:
        return asked
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in LANGUAGES:
        return cookie
    best = request.accept_languages.best_match(LANGUAGES)
    return best or default


def current_language() -> str:
    language: str = g.get("language", "nl")
    return language


def translate(key: str, **params: str) -> str:
    """The message ``key`` in the request's language (Dutch, then the key itself, when missing)."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(current_language()) or entry.get("nl") or key
    return text.format(**params) if params else text
