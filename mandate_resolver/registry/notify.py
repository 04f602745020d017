"""Telling people about mandates: e-mail notifications and the human descriptions of history events.

SSM lets the creator of a mandate give e-mail addresses of both sides; they receive a short message in
the mandate's language and are never stored (DOMAIN.md). Delivery is an extension point::

    service = MandateService(session, notifier=SmtpNotifier("smtp.example.be", 587, "idp", secret,
                                                             use_tls=True, sender="noreply@example.be"))

A notifier that fails raises; the service logs that and carries on, so a mail server never decides
whether a mandate exists.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import logging
import os
import re
import smtplib
import ssl
import tempfile
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Final, Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session

__all__ = [
    "LANGUAGES",
    "Notification",
    "Notifier",
    "NullNotifier",
    "OutboxNotifier",
    "RecordingNotifier",
    "SmtpNotifier",
    "build_message",
    "creation_notification",
    "describe_event",
    "is_plausible_address",
    "send_after_commit",
]

log = logging.getLogger(__name__)

# The languages of SSM's mandate texts and messages.
LANGUAGES: Final = ("nl", "fr", "de", "en")


@dataclass(frozen=True, slots=True)
class Notification:
    """One message about a mandate: to whom, what, in which language.

    >>> Notification(to=("boekhouding@barocy.be",), subject="Mandaat", body="...", language="nl").action
    'created'
    """

    to: tuple[str, ...]
    subject: str
    body: str
    language: str
    action: str = "created"
    mandate_id: str = ""


class Notifier(Protocol):
    """Delivers a :class:`Notification`. Raise on failure; the caller logs it and goes on.

    A notifier of your own (a queue, a webhook) needs only this method::

        class QueueNotifier:
            def mandate_event(self, event: Notification) -> None:
                queue.put(event)
    """

    def mandate_event(self, event: Notification) -> None: ...


class NullNotifier:
    """Sends nothing (the default: a laptop needs no mail server)."""

    def mandate_event(self, event: Notification) -> None:
        return None


@dataclass(slots=True)
class RecordingNotifier:
    """Keeps every notification in ``sent``: a test double for integrators' tests and ours."""

    sent: list[Notification] = field(default_factory=list)

    def mandate_event(self, event: Notification) -> None:
        self.sent.append(event)


def build_message(event: Notification, sender: str) -> EmailMessage:
    """The e-mail for ``event``, plain text in UTF-8.

    >>> message = build_message(Notification(("a@example.be",), "Mandaat", "Tekst", "nl"), "noreply@idp.be")
    >>> message["To"], message["Content-Language"]
    ('a@example.be', 'nl')
    """
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(event.to)
    # Names in a subject come from the registry: no line break may reach a header (email refuses them too).
    message["Subject"] = " ".join(event.subject.split())
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(event.body)
    # After set_content, which replaces every Content-* header.
    message["Content-Language"] = event.language
    return message


class OutboxNotifier:
    """Writes each message as a readable ``.eml`` file into ``directory`` (development, demos, tests).

    A file appears whole or not at all: it is written under a temporary name and then renamed.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     outbox = OutboxNotifier(pathlib.Path(folder))
    ...     outbox.mandate_event(Notification(("a@example.be",), "Mandaat", "Tekst", "nl"))
    ...     len(list(outbox.directory.glob("*.eml")))
    1
    """

    def __init__(self, directory: Path, *, sender: str = "noreply@localhost") -> None:
        self.directory = directory
        self.sender = sender
        directory.mkdir(parents=True, exist_ok=True)

    def mandate_event(self, event: Notification) -> None:
        data = build_message(event, self.sender).as_bytes(policy=email.policy.default)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
        target = self.directory / f"{stamp}-{uuid.uuid4().hex[:12]}.eml"
        # ".tmp" files are never taken for messages by whoever reads the outbox.
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


class SmtpNotifier:
    """Sends each message through an SMTP server, with STARTTLS (certificate verified) when ``use_tls``.

    >>> SmtpNotifier("smtp.example.be", 587, "idp", "secret", use_tls=True, sender="noreply@example.be")
    SmtpNotifier('smtp.example.be', 587, use_tls=True)
    """

    def __init__(
        self,
        host: str,
        port: int,
        username: str | None,
        password: str | None,
        *,
        use_tls: bool = True,
        sender: str,
        timeout_s: float = 10.0,
    ) -> None:
        self.host = host
        self.port = port
        self.username = username
        self._password = password
        self.use_tls = use_tls
        self.sender = sender
        # A mail server that hangs must not hold a request (and its database transaction) for long.
        self.timeout_s = timeout_s
        if not use_tls and host not in ("localhost", "127.0.0.1", "::1"):
            log.warning("SMTP to %s:%s without TLS: messages and the password travel in clear", host, port)

    def __repr__(self) -> str:
        # Never the password.
        return f"SmtpNotifier({self.host!r}, {self.port}, use_tls={self.use_tls})"

    def mandate_event(self, event: Notification) -> None:
        message = build_message(event, self.sender)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
            if self.use_tls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self._password or "")
            smtp.send_message(message)


_PENDING: Final = "mandate_resolver.registry.notify.pending"


def send_after_commit(session: Session, notifier: Notifier, notification: Notification) -> None:
    """Have ``notifier`` deliver ``notification`` once ``session`` commits; a rollback drops it, so nobody
    hears of a mandate that was never stored. A delivery failure is logged and changes nothing.

    >>> send_after_commit(session, outbox, note)  # doctest: +SKIP
    >>> session.commit()  # doctest: +SKIP
    """
    pending: list[tuple[Notifier, Notification]] | None = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = []
        event.listen(session, "after_commit", _deliver_pending)
        event.listen(session, "after_rollback", _drop_pending)
    pending.append((notifier, notification))


def _deliver_pending(session: Session) -> None:
    pending: list[tuple[Notifier, Notification]] = session.info.get(_PENDING, [])
    batch = list(pending)
    pending.clear()
    for notifier, notification in batch:
        try:
            notifier.mandate_event(notification)
        except Exception:  # a mail server never decides whether a mandate exists
            log.warning("notification about mandate %s not delivered", notification.mandate_id, exc_info=True)


def _drop_pending(session: Session) -> None:
    session.info.get(_PENDING, []).clear()


# Loose on purpose (RFC 5322 allows far more), but never anything that could split a header: no
# whitespace, control characters, commas, semicolons, angle brackets or quotes; a dot in the domain.
_ADDRESS: Final = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
MAX_ADDRESS_LENGTH: Final = 254


def is_plausible_address(text: str) -> bool:
    """Whether ``text`` looks like one e-mail address, plain ASCII.

    >>> is_plausible_address("boekhouding@barocy.be"), is_plausible_address("a@b.be\\nBcc: x@evil.example")
    (True, False)
    """
    return len(text) <= MAX_ADDRESS_LENGTH and _ADDRESS.fullmatch(text) is not None


# --- texts ---------------------------------------------------------------------------------------------

_CREATED_SUBJECT: Final[dict[str, str]] = {
    "nl": "Aanmaken van een mandaat {type} tussen {mandator} en {mandatee}",
    "fr": "Création d'un mandat {type} entre {mandator} et {mandatee}",
    "de": "Erstellung eines Mandats {type} zwischen {mandator} und {mandatee}",
    "en": "Mandate {type} created between {mandator} and {mandatee}",
}

_CREATED_BODY: Final[dict[str, str]] = {
    "nl": (
        "{creator} heeft een mandaat {type} aangemaakt tussen {mandator} (mandaatgever) en {mandatee}"
        " (mandaatnemer), geldig {period}.\n"
        "Het mandaat treedt pas in werking nadat {counterparty} het heeft ondertekend.\n\n"
        "Mandaatnummer: {number}\n{reference_line}\n"
        "U ontvangt dit bericht ter informatie omdat uw e-mailadres werd opgegeven bij het aanmaken"
        " van het mandaat.\n"
    ),
    "fr": (
        "{creator} a créé un mandat {type} entre {mandator} (mandant) et {mandatee} (mandataire),"
        " valable {period}.\n"
        "Le mandat ne prendra effet qu'après la signature de {counterparty}.\n\n"
        "Numéro du mandat : {number}\n{reference_line}\n"
        "Vous recevez ce message à titre informatif parce que votre adresse e-mail a été indiquée lors"
        " de la création du mandat.\n"
    ),
    "de": (
        "{creator} hat ein Mandat {type} zwischen {mandator} (Mandatgeber) und {mandatee} (Mandatnehmer)"
        " erstellt, gültig {period}.\n"
        "Das Mandat wird erst wirksam, nachdem {counterparty} es unterzeichnet hat.\n\n"
        "Mandatsnummer: {number}\n{reference_line}\n"
        "Sie erhalten diese Nachricht zur Information, weil Ihre E-Mail-Adresse bei der Erstellung des"
        " Mandats angegeben wurde.\n"
    ),
    "en": (
        "{creator} has created a mandate {type} between {mandator} (mandator) and {mandatee} (mandatee),"
        " valid {period}.\n"
        "It takes effect only after {counterparty} has signed it.\n\n"
        "Mandate number: {number}\n{reference_line}\n"
        "You receive this message for information because your e-mail address was given when the"
        " mandate was created.\n"
    ),
}

_PERIOD: Final[dict[str, tuple[str, str]]] = {
    # (with an end date, without one)
    "nl": ("vanaf {start} tot en met {end}", "vanaf {start} voor onbepaalde duur"),
    "fr": ("du {start} au {end} inclus", "à partir du {start} pour une durée indéterminée"),
    "de": ("vom {start} bis einschließlich {end}", "ab dem {start} auf unbestimmte Zeit"),
    "en": ("from {start} up to and including {end}", "from {start} for an unlimited period"),
}

_REFERENCE: Final[dict[str, str]] = {
    "nl": "Referentie: {reference}\n",
    "fr": "Référence : {reference}\n",
    "de": "Referenz: {reference}\n",
    "en": "Reference: {reference}\n",
}


def _belgian_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def creation_notification(
    *,
    to: tuple[str, ...],
    language: str,
    mandate_id: str,
    number: int,
    type_name: str,
    mandator: str,
    mandatee: str,
    creator: str,
    counterparty: str,
    valid_from: dt.date,
    valid_until: dt.date | None,
    reference: str,
) -> Notification:
    """The message sent when a mandate is created, in ``language`` (Dutch when unknown).

    >>> note = creation_notification(to=("a@b.be",), language="en", mandate_id="m", number=42,
    ...     type_name="WSE Loket", mandator="Emmaüs", mandatee="BAROCY", creator="Emmaüs",
    ...     counterparty="BAROCY", valid_from=dt.date(2019, 11, 6), valid_until=None, reference="")
    >>> note.subject
    'Mandate WSE Loket created between Emmaüs and BAROCY'
    >>> note.body.splitlines()[0]
    'Emmaüs has created a mandate WSE Loket between Emmaüs (mandator) and BAROCY (mandatee), valid from 06/11/2019 for an unlimited period.'
    """  # noqa: E501
    language = language if language in LANGUAGES else "nl"
    with_end, open_ended = _PERIOD[language]
    start = _belgian_date(valid_from)
    period = (
        with_end.format(start=start, end=_belgian_date(valid_until))
        if valid_until is not None
        else open_ended.format(start=start)
    )
    names = {"type": type_name, "mandator": mandator, "mandatee": mandatee}
    body = _CREATED_BODY[language].format(
        **names,
        creator=creator,
        counterparty=counterparty,
        period=period,
        number=number,
        reference_line=_REFERENCE[language].format(reference=reference) if reference else "",
    )
    return Notification(
        to=to,
        subject=_CREATED_SUBJECT[language].format(**names),
        body=body,
        language=language,
        action="created",
        mandate_id=mandate_id,
    )


_EVENT_TEXTS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "created": "created by {who}",
        "signed": "signed by {who}",
        "refused": "refused by {who}",
        "stopped": "stopped by {who}",
        "extended": "extended by {who}",
        "transfer_requested": "transfer requested by {who}",
        "transfer_accepted": "transfer accepted by {who}",
        "transfer_refused": "transfer refused by {who}",
        "transfer_cancelled": "transfer cancelled by {who}",
    },
    "nl": {
        "created": "aangemaakt door {who}",
        "signed": "ondertekend door {who}",
        "refused": "geweigerd door {who}",
        "stopped": "stopgezet door {who}",
        "extended": "verlengd door {who}",
        "transfer_requested": "overdracht aangevraagd door {who}",
        "transfer_accepted": "overdracht aanvaard door {who}",
        "transfer_refused": "overdracht geweigerd door {who}",
        "transfer_cancelled": "overdracht geannuleerd door {who}",
    },
    "fr": {
        "created": "créé par {who}",
        "signed": "signé par {who}",
        "refused": "refusé par {who}",
        "stopped": "arrêté par {who}",
        "extended": "prolongé par {who}",
        "transfer_requested": "transfert demandé par {who}",
        "transfer_accepted": "transfert accepté par {who}",
        "transfer_refused": "transfert refusé par {who}",
        "transfer_cancelled": "transfert annulé par {who}",
    },
    "de": {
        "created": "erstellt von {who}",
        "signed": "unterzeichnet von {who}",
        "refused": "abgelehnt von {who}",
        "stopped": "beendet von {who}",
        "extended": "verlängert von {who}",
        "transfer_requested": "Übertragung beantragt von {who}",
        "transfer_accepted": "Übertragung angenommen von {who}",
        "transfer_refused": "Übertragung abgelehnt von {who}",
        "transfer_cancelled": "Übertragung storniert von {who}",
    },
}


def describe_event(action: str, actor_name: str, acting_for_name: str, language: str = "en") -> str:
    """A history line as SSM shows it ("Aangemaakt door Sammy Roos (Emmaüs)").

    >>> describe_event("created", "Sammy Roos", "Emmaüs")
    'created by Sammy Roos (Emmaüs)'
    >>> describe_event("signed", "Piet Peeters", "Piet Peeters", "nl")  # acting in their own name
    'ondertekend door Piet Peeters'
    """
    texts = _EVENT_TEXTS.get(language, _EVENT_TEXTS["en"])
    who = actor_name if acting_for_name in ("", actor_name) else f"{actor_name} ({acting_for_name})"
    template = texts.get(action, action.replace("_", " ") + " ({who})")
    return template.format(who=who)
