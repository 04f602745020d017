"""Every text of the login journey (login, second factor, selection, logout) in nl, fr, de and en.

Merged into ``idp.i18n.MESSAGES`` when the journey is registered (``idp.login.init_app``).
"""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, dict[str, str]]] = {
    # --- login page ---
    "login.title": {"nl": "Aanmelden", "fr": "Se connecter", "de": "Anmelden", "en": "Log in"},
    "login.intro": {
        "nl": "Meld u aan. Daarna kiest u namens wie u verdergaat.",
        "fr": "Connectez-vous. Vous choisirez ensuite au nom de qui vous continuez.",
        "de": "Melden Sie sich an. Danach wählen Sie, in wessen Namen Sie fortfahren.",
        "en": "Log in. Then you choose on whose behalf you continue.",
    },
    "login.for_application": {
        "nl": "U meldt zich aan voor de toepassing {name}.",
        "fr": "Vous vous connectez à l'application {name}.",
        "de": "Sie melden sich bei der Anwendung {name} an.",
        "en": "You are logging in to the application {name}.",
    },
    "login.means.password": {
        "nl": "Met gebruikersnaam en wachtwoord",
        "fr": "Avec nom d'utilisateur et mot de passe",
        "de": "Mit Benutzername und Passwort",
        "en": "With username and password",
    },
    "login.means.upstream": {
        "nl": "Met een andere aanmeldingsdienst",
        "fr": "Avec un autre service de connexion",
        "de": "Mit einem anderen Anmeldedienst",
        "en": "With another login service",
    },
    "login.upstream_with": {
        "nl": "Aanmelden met {name}",
        "fr": "Se connecter avec {name}",
        "de": "Anmelden mit {name}",
        "en": "Log in with {name}",
    },
    "login.upstream_failed": {
        "nl": "Aanmelden via de andere dienst is niet gelukt. Probeer het opnieuw of meld u hier aan.",
        "fr": "La connexion par l'autre service a échoué. Réessayez ou connectez-vous ici.",
        "de": "Die Anmeldung über den anderen Dienst ist fehlgeschlagen. Versuchen Sie es erneut oder melden "
        "Sie sich hier an.",
        "en": "Logging in through the other service did not work. Try again, or log in here.",
    },
    "login.upstream_unknown": {
        "nl": "Die aanmelding hoort bij niemand die wij kennen. Meld u aan met uw gebruikersnaam en wachtwoord.",
        "fr": "Cette connexion ne correspond à personne que nous connaissons. Connectez-vous avec votre nom "
        "d'utilisateur et votre mot de passe.",
        "de": "Diese Anmeldung gehört zu niemandem, den wir kennen. Melden Sie sich mit Benutzername und Passwort an.",
        "en": "That login belongs to no one we know. Log in with your username and password.",
    },
    "login.means.passkey": {
        "nl": "Met een passkey",
        "fr": "Avec une clé d'accès",
        "de": "Mit einem Passkey",
        "en": "With a passkey",
    },
    "login.passkey_button": {
        "nl": "Aanmelden met een passkey",
        "fr": "Se connecter avec une clé d'accès",
        "de": "Mit einem Passkey anmelden",
        "en": "Log in with a passkey",
    },
    "passkey.failed": {
        "nl": "Aanmelden met de passkey is niet gelukt. Probeer opnieuw of gebruik uw wachtwoord.",
        "fr": "La clé d'accès n'a pas fonctionné. Réessayez ou utilisez votre mot de passe.",
        "de": "Der Passkey hat nicht funktioniert. Versuchen Sie es erneut oder verwenden Sie Ihr Passwort.",
        "en": "The passkey did not work. Try again or use your password.",
    },
    "passkey.added": {
        "nl": "Uw passkey is toegevoegd.",
        "fr": "Votre clé d'accès a été ajoutée.",
        "de": "Ihr Passkey wurde hinzugefügt.",
        "en": "Your passkey was added.",
    },
    "passkey.enrol_title": {
        "nl": "Een passkey toevoegen",
        "fr": "Ajouter une clé d'accès",
        "de": "Einen Passkey hinzufügen",
        "en": "Add a passkey",
    },
    "passkey.enrol_intro": {
        "nl": "Met een passkey meldt u zich aan met uw vingerafdruk, gezicht of pincode, zonder wachtwoord.",
        "fr": "Avec une clé d'accès, vous vous connectez avec votre empreinte, votre visage ou un code PIN, sans "
        "mot de passe.",
        "de": "Mit einem Passkey melden Sie sich per Fingerabdruck, Gesicht oder PIN an, ohne Passwort.",
        "en": "With a passkey you log in with your fingerprint, face or PIN, without a password.",
    },
    "passkey.enrol_button": {
        "nl": "Passkey toevoegen",
        "fr": "Ajouter la clé d'accès",
        "de": "Passkey hinzufügen",
        "en": "Add passkey",
    },
    "passkey.needs_script": {
        "nl": "Een passkey toevoegen vraagt JavaScript in uw browser.",
        "fr": "Ajouter une clé d'accès nécessite JavaScript dans votre navigateur.",
        "de": "Zum Hinzufügen eines Passkeys wird JavaScript im Browser benötigt.",
        "en": "Adding a passkey needs JavaScript in your browser.",
    },
    "login.last_used": {
        "nl": "(laatst gebruikt)",
        "fr": "(utilisé la dernière fois)",
        "de": "(zuletzt verwendet)",
        "en": "(used last time)",
    },
    "login.username": {"nl": "Gebruikersnaam", "fr": "Nom d'utilisateur", "de": "Benutzername", "en": "Username"},
    "login.password": {"nl": "Wachtwoord", "fr": "Mot de passe", "de": "Passwort", "en": "Password"},
    "login.submit": {"nl": "Aanmelden", "fr": "Se connecter", "de": "Anmelden", "en": "Log in"},
    "login.continue": {"nl": "Verder", "fr": "Continuer", "de": "Weiter", "en": "Continue"},
    "login.errors_title": {
        "nl": "Er is een probleem",
        "fr": "Il y a un problème",
        "de": "Es gibt ein Problem",
        "en": "There is a problem",
    },
    "login.failed": {
        "nl": "De gebruikersnaam of het wachtwoord is niet juist.",
        "fr": "Le nom d'utilisateur ou le mot de passe est incorrect.",
        "de": "Der Benutzername oder das Passwort ist nicht korrekt.",
        "en": "The username or password is not correct.",
    },
    "login.missing_username": {
        "nl": "Vul uw gebruikersnaam in.",
        "fr": "Saisissez votre nom d'utilisateur.",
        "de": "Geben Sie Ihren Benutzernamen ein.",
        "en": "Enter your username.",
    },
    "login.missing_password": {
        "nl": "Vul uw wachtwoord in.",
        "fr": "Saisissez votre mot de passe.",
        "de": "Geben Sie Ihr Passwort ein.",
        "en": "Enter your password.",
    },
    "login.throttled": {
        "nl": "Te veel mislukte pogingen. Wacht even en probeer het dan opnieuw.",
        "fr": "Trop de tentatives échouées. Attendez un instant, puis réessayez.",
        "de": "Zu viele fehlgeschlagene Versuche. Warten Sie kurz und versuchen Sie es dann erneut.",
        "en": "Too many failed attempts. Wait a moment, then try again.",
    },
    "login.level_too_low": {
        "nl": "Deze toepassing vraagt een sterkere aanmelding: een wachtwoord en een eenmalige code. "
        "Stel eerst een authenticator-app in en meld u daarna opnieuw aan.",
        "fr": "Cette application exige une connexion plus forte : un mot de passe et un code à usage unique. "
        "Configurez d'abord une application d'authentification, puis reconnectez-vous.",
        "de": "Diese Anwendung verlangt eine stärkere Anmeldung: ein Passwort und einen Einmalcode. "
        "Richten Sie zuerst eine Authenticator-App ein und melden Sie sich dann erneut an.",
        "en": "This application requires a stronger login: a password and a one-time code. "
        "Set up an authenticator app first, then log in again.",
    },
    "login.expired": {
        "nl": "Deze aanmelding is verlopen of al afgerond. Ga terug naar de toepassing en begin opnieuw.",
        "fr": "Cette connexion a expiré ou est déjà terminée. Retournez à l'application et recommencez.",
        "de": "Diese Anmeldung ist abgelaufen oder bereits abgeschlossen. Kehren Sie zur Anwendung zurück "
        "und beginnen Sie erneut.",
        "en": "This login has expired or has already finished. Go back to the application and start again.",
    },
    # --- second factor ---
    "totp.title": {
        "nl": "Eenmalige code",
        "fr": "Code à usage unique",
        "de": "Einmalcode",
        "en": "One-time code",
    },
    "totp.intro": {
        "nl": "Open uw authenticator-app en typ de code van 6 cijfers.",
        "fr": "Ouvrez votre application d'authentification et saisissez le code à 6 chiffres.",
        "de": "Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code ein.",
        "en": "Open your authenticator app and type the 6-digit code.",
    },
    "totp.code": {"nl": "Code", "fr": "Code", "de": "Code", "en": "Code"},
    "totp.use_recovery": {
        "nl": "Geen toegang tot uw app? Gebruik een herstelcode.",
        "fr": "Pas d'accès à votre application ? Utilisez un code de récupération.",
        "de": "Kein Zugriff auf Ihre App? Verwenden Sie einen Wiederherstellungscode.",
        "en": "No access to your app? Use a recovery code.",
    },
    "login.missing_code": {
        "nl": "Vul de code in.",
        "fr": "Saisissez le code.",
        "de": "Geben Sie den Code ein.",
        "en": "Enter the code.",
    },
    "login.wrong_code": {
        "nl": "Deze code is niet juist of al gebruikt. Wacht op een nieuwe code en probeer opnieuw.",
        "fr": "Ce code est incorrect ou déjà utilisé. Attendez un nouveau code et réessayez.",
        "de": "Dieser Code ist falsch oder wurde bereits verwendet. Warten Sie auf einen neuen Code.",
        "en": "This code is not correct or was already used. Wait for a new code and try again.",
    },
    "recovery.title": {
        "nl": "Herstelcode",
        "fr": "Code de récupération",
        "de": "Wiederherstellungscode",
        "en": "Recovery code",
    },
    "recovery.intro": {
        "nl": "Typ een van de herstelcodes die u bij het instellen kreeg. Elke code werkt één keer.",
        "fr": "Saisissez l'un des codes de récupération reçus lors de la configuration. Chaque code ne sert "
        "qu'une fois.",
        "de": "Geben Sie einen der Wiederherstellungscodes ein, die Sie bei der Einrichtung erhielten. Jeder "
        "Code gilt einmal.",
        "en": "Type one of the recovery codes you received at set-up. Each code works once.",
    },
    "login.missing_recovery_code": {
        "nl": "Vul een herstelcode in.",
        "fr": "Saisissez un code de récupération.",
        "de": "Geben Sie einen Wiederherstellungscode ein.",
        "en": "Enter a recovery code.",
    },
    "login.wrong_recovery_code": {
        "nl": "Deze herstelcode is niet juist of al gebruikt.",
        "fr": "Ce code de récupération est incorrect ou déjà utilisé.",
        "de": "Dieser Wiederherstellungscode ist falsch oder wurde bereits verwendet.",
        "en": "This recovery code is not correct or was already used.",
    },
    "enrol.title": {
        "nl": "Authenticator-app instellen",
        "fr": "Configurer une application d'authentification",
        "de": "Authenticator-App einrichten",
        "en": "Set up an authenticator app",
    },
    "enrol.intro": {
        "nl": "Scan de QR-code met uw authenticator-app, of typ de sleutel hieronder over. Vul dan de code "
        "in die de app toont.",
        "fr": "Scannez le code QR avec votre application d'authentification, ou recopiez la clé ci-dessous. "
        "Saisissez ensuite le code affiché.",
        "de": "Scannen Sie den QR-Code mit Ihrer Authenticator-App oder tippen Sie den Schlüssel unten ab. "
        "Geben Sie dann den angezeigten Code ein.",
        "en": "Scan the QR code with your authenticator app, or type in the key below. Then enter the code "
        "the app shows.",
    },
    "enrol.qr_alt": {
        "nl": "QR-code voor uw authenticator-app",
        "fr": "Code QR pour votre application d'authentification",
        "de": "QR-Code für Ihre Authenticator-App",
        "en": "QR code for your authenticator app",
    },
    "enrol.secret": {
        "nl": "Sleutel om over te typen",
        "fr": "Clé à recopier",
        "de": "Schlüssel zum Abtippen",
        "en": "Key to type in",
    },
    "enrol.wrong_code": {
        "nl": "De code klopt niet. Controleer de tijd op uw toestel en probeer opnieuw.",
        "fr": "Le code est incorrect. Vérifiez l'heure de votre appareil et réessayez.",
        "de": "Der Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Geräts und versuchen Sie es erneut.",
        "en": "The code does not match. Check the time on your device and try again.",
    },
    "enrol.codes_title": {
        "nl": "Uw herstelcodes",
        "fr": "Vos codes de récupération",
        "de": "Ihre Wiederherstellungscodes",
        "en": "Your recovery codes",
    },
    "enrol.codes_intro": {
        "nl": "Bewaar deze codes op een veilige plaats. U ziet ze maar één keer. Met elke code kunt u zich "
        "één keer aanmelden zonder uw app.",
        "fr": "Conservez ces codes en lieu sûr. Ils ne s'affichent qu'une fois. Chaque code permet une "
        "connexion sans votre application.",
        "de": "Bewahren Sie diese Codes sicher auf. Sie werden nur einmal angezeigt. Jeder Code erlaubt eine "
        "Anmeldung ohne Ihre App.",
        "en": "Keep these codes somewhere safe. You see them only once. Each code lets you log in once "
        "without your app.",
    },
    "enrol.renew_codes": {
        "nl": "Nieuwe herstelcodes maken",
        "fr": "Créer de nouveaux codes de récupération",
        "de": "Neue Wiederherstellungscodes erstellen",
        "en": "Make new recovery codes",
    },
    "enrol.done": {
        "nl": "Uw authenticator-app is ingesteld.",
        "fr": "Votre application d'authentification est configurée.",
        "de": "Ihre Authenticator-App ist eingerichtet.",
        "en": "Your authenticator app is set up.",
    },
    # --- logout ---
    "logout.title": {"nl": "Afmelden", "fr": "Se déconnecter", "de": "Abmelden", "en": "Log out"},
    "logout.intro": {
        "nl": "U wordt afgemeld bij deze dienst en bij alle toepassingen waarbij u zich via deze dienst aanmeldde.",
        "fr": "Vous serez déconnecté de ce service et de toutes les applications auxquelles vous vous êtes "
        "connecté par ce service.",
        "de": "Sie werden von diesem Dienst und von allen Anwendungen abgemeldet, bei denen Sie sich über "
        "diesen Dienst angemeldet haben.",
        "en": "You will be logged out of this service and of every application you logged in to through it.",
    },
    "logout.submit": {"nl": "Afmelden", "fr": "Se déconnecter", "de": "Abmelden", "en": "Log out"},
    "logout.done": {
        "nl": "U bent afgemeld.",
        "fr": "Vous êtes déconnecté.",
        "de": "Sie sind abgemeldet.",
        "en": "You are logged out.",
    },
    "logout.close": {
        "nl": "Sluit uw browser als u een gedeelde computer gebruikt.",
        "fr": "Fermez votre navigateur si vous utilisez un ordinateur partagé.",
        "de": "Schließen Sie Ihren Browser, wenn Sie einen gemeinsam genutzten Computer verwenden.",
        "en": "Close your browser if you use a shared computer.",
    },
    "logout.frame": {
        "nl": "Afmelden bij een toepassing",
        "fr": "Déconnexion d'une application",
        "de": "Abmeldung bei einer Anwendung",
        "en": "Logging out of an application",
    },
    # --- selection ---
    "select.title": {
        "nl": "Namens wie wilt u zich aanmelden?",
        "fr": "Au nom de qui voulez-vous vous connecter ?",
        "de": "In wessen Namen möchten Sie sich anmelden?",
        "en": "On behalf of whom do you want to log in?",
    },
    "select.intro": {
        "nl": "Kies in welke hoedanigheid u verdergaat bij {name}.",
        "fr": "Choisissez en quelle qualité vous continuez vers {name}.",
        "de": "Wählen Sie, in welcher Eigenschaft Sie bei {name} fortfahren.",
        "en": "Choose in which capacity you continue to {name}.",
    },
    "select.logged_in_as": {
        "nl": "Aangemeld als {name}.",
        "fr": "Connecté en tant que {name}.",
        "de": "Angemeldet als {name}.",
        "en": "Logged in as {name}.",
    },
    "select.legend": {
        "nl": "Uw keuze",
        "fr": "Votre choix",
        "de": "Ihre Wahl",
        "en": "Your choice",
    },
    "select.citizen": {
        "nl": "In eigen naam, als burger",
        "fr": "En votre nom, comme citoyen",
        "de": "Im eigenen Namen, als Bürger",
        "en": "In my own name, as a citizen",
    },
    "select.employee": {
        "nl": "Als medewerker van {name}",
        "fr": "Comme collaborateur de {name}",
        "de": "Als Mitarbeiter von {name}",
        "en": "As an employee of {name}",
    },
    "select.legal_representative": {
        "nl": "Als wettelijk vertegenwoordiger van {name}",
        "fr": "Comme représentant légal de {name}",
        "de": "Als gesetzlicher Vertreter von {name}",
        "en": "As legal representative of {name}",
    },
    "select.mandate": {
        "nl": "Namens {name}",
        "fr": "Au nom de {name}",
        "de": "Im Namen von {name}",
        "en": "On behalf of {name}",
    },
    "select.mandate_via": {
        "nl": "Mandaat via {name}",
        "fr": "Mandat via {name}",
        "de": "Mandat über {name}",
        "en": "Mandate via {name}",
    },
    "select.mandate_type": {
        "nl": "Mandaattype: {name}",
        "fr": "Type de mandat : {name}",
        "de": "Mandatstyp: {name}",
        "en": "Mandate type: {name}",
    },
    "select.several": {
        "nl": "Meerdere mandaten mogelijk",
        "fr": "Plusieurs mandats possibles",
        "de": "Mehrere Mandate möglich",
        "en": "Several mandates possible",
    },
    "select.several_link": {
        "nl": "Kies via welke mandaatnemer voor {name}",
        "fr": "Choisir par quel mandataire pour {name}",
        "de": "Wählen, über welchen Mandatsnehmer für {name}",
        "en": "Choose through which mandatee for {name}",
    },
    "select.via_title": {
        "nl": "Via welke mandaatnemer handelt u voor {name}?",
        "fr": "Par quel mandataire agissez-vous pour {name} ?",
        "de": "Über welchen Mandatsnehmer handeln Sie für {name}?",
        "en": "Through which mandatee do you act for {name}?",
    },
    "select.back": {
        "nl": "Terug naar alle keuzes",
        "fr": "Retour à tous les choix",
        "de": "Zurück zu allen Möglichkeiten",
        "en": "Back to all choices",
    },
    "select.submit": {"nl": "Verder", "fr": "Continuer", "de": "Weiter", "en": "Continue"},
    "select.missing": {
        "nl": "Kies een van de mogelijkheden.",
        "fr": "Choisissez l'une des possibilités.",
        "de": "Wählen Sie eine der Möglichkeiten.",
        "en": "Choose one of the options.",
    },
    "select.refused": {
        "nl": "Deze keuze is niet (meer) mogelijk. Kies opnieuw uit de lijst.",
        "fr": "Ce choix n'est pas (plus) possible. Choisissez à nouveau dans la liste.",
        "de": "Diese Wahl ist nicht (mehr) möglich. Wählen Sie erneut aus der Liste.",
        "en": "This choice is not (or no longer) possible. Choose again from the list.",
    },
    "select.unavailable": {
        "nl": "Mandaten zijn tijdelijk niet beschikbaar. U kunt nu alleen verder zonder mandaat; probeer het "
        "later opnieuw om namens iemand anders aan te melden.",
        "fr": "Les mandats sont temporairement indisponibles. Vous ne pouvez continuer que sans mandat ; "
        "réessayez plus tard pour agir au nom de quelqu'un d'autre.",
        "de": "Mandate sind vorübergehend nicht verfügbar. Sie können jetzt nur ohne Mandat fortfahren; "
        "versuchen Sie es später erneut, um im Namen eines anderen zu handeln.",
        "en": "Mandates are temporarily unavailable. You can only continue without a mandate for now; try "
        "again later to act on behalf of someone else.",
    },
    "select.search": {"nl": "Zoeken", "fr": "Rechercher", "de": "Suchen", "en": "Search"},
    "select.search_label": {
        "nl": "Zoek op naam of ondernemingsnummer",
        "fr": "Rechercher par nom ou numéro d'entreprise",
        "de": "Nach Name oder Unternehmensnummer suchen",
        "en": "Search by name or enterprise number",
    },
    "select.next_page": {
        "nl": "Volgende keuzes",
        "fr": "Choix suivants",
        "de": "Weitere Möglichkeiten",
        "en": "More choices",
    },
    "select.count": {
        "nl": "{count} keuzes",
        "fr": "{count} choix",
        "de": "{count} Möglichkeiten",
        "en": "{count} choices",
    },
    "select.count_more": {
        "nl": "Meer dan {count} keuzes",
        "fr": "Plus de {count} choix",
        "de": "Mehr als {count} Möglichkeiten",
        "en": "More than {count} choices",
    },
    "select.none_title": {
        "nl": "U hebt geen toegang tot deze toepassing",
        "fr": "Vous n'avez pas accès à cette application",
        "de": "Sie haben keinen Zugang zu dieser Anwendung",
        "en": "You have no access to this application",
    },
    "select.none": {
        "nl": "{name} aanvaardt alleen aanmeldingen met een mandaat of gebruikersrecht, en wij vonden er geen voor u.",
        "fr": "{name} n'accepte que les connexions avec un mandat ou un droit d'utilisateur, et nous n'en "
        "avons trouvé aucun pour vous.",
        "de": "{name} akzeptiert nur Anmeldungen mit einem Mandat oder Benutzerrecht, und wir haben keines "
        "für Sie gefunden.",
        "en": "{name} only accepts logins with a mandate or user right, and we found none for you.",
    },
    "select.none_help": {
        "nl": "Vraag de onderneming die u vertegenwoordigt om u een mandaat te geven in het mandatenbeheer, "
        'of vraag uw lokale beheerder om het recht "SSM Mandaatuitvoerder". Meld u daarna opnieuw aan.',
        "fr": "Demandez à l'entreprise que vous représentez de vous donner un mandat dans la gestion des "
        "mandats, ou demandez à votre gestionnaire local le droit « SSM Mandaatuitvoerder ». Reconnectez-vous "
        "ensuite.",
        "de": "Bitten Sie das Unternehmen, das Sie vertreten, Ihnen in der Mandatsverwaltung ein Mandat zu "
        "geben, oder bitten Sie Ihren lokalen Verwalter um das Recht „SSM Mandaatuitvoerder“. Melden Sie sich "
        "danach erneut an.",
        "en": "Ask the enterprise you act for to give you a mandate in mandate management, or ask your local "
        'administrator for the right "SSM Mandaatuitvoerder". Then log in again.',
    },
    "select.unknown_application": {
        "nl": "Deze toepassing is niet (meer) aangesloten.",
        "fr": "Cette application n'est pas (plus) raccordée.",
        "de": "Diese Anwendung ist nicht (mehr) angeschlossen.",
        "en": "This application is not (or no longer) connected.",
    },
    "select.hint_refused": {
        "nl": "De gevraagde hoedanigheid is voor u niet beschikbaar. Kies uit de lijst.",
        "fr": "La qualité demandée n'est pas disponible pour vous. Choisissez dans la liste.",
        "de": "Die angefragte Eigenschaft steht Ihnen nicht zur Verfügung. Wählen Sie aus der Liste.",
        "en": "The requested capacity is not available to you. Choose from the list.",
    },
    "switch.title": {
        "nl": "Van hoedanigheid wisselen",
        "fr": "Changer de qualité",
        "de": "Eigenschaft wechseln",
        "en": "Switch capacity",
    },
    "switch.done": {
        "nl": "Uw keuze voor {name} is bewaard. Ga terug naar de toepassing en meld u daar opnieuw aan: u "
        "hoeft uw wachtwoord niet opnieuw te geven.",
        "fr": "Votre choix pour {name} est enregistré. Retournez à l'application et reconnectez-vous : vous "
        "n'aurez pas à redonner votre mot de passe.",
        "de": "Ihre Wahl für {name} ist gespeichert. Kehren Sie zur Anwendung zurück und melden Sie sich dort "
        "erneut an: Sie müssen Ihr Passwort nicht erneut eingeben.",
        "en": "Your choice for {name} is saved. Go back to the application and log in there again: you will "
        "not need your password again.",
    },
}
