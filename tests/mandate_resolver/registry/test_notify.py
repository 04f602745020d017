"""Notifications: the texts in four languages, the outbox, SMTP, and the history descriptions."""

from __future__ import annotations

import datetime as dt
import doctest
import email
import email.policy
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mandate_resolver.registry import authority, errors, lifecycle, notify
from mandate_resolver.registry.notify import (
    Notification,
    NullNotifier,
    OutboxNotifier,
    SmtpNotifier,
    build_message,
    creation_notification,
    describe_event,
    is_plausible_address,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
NOTE = Notification(
    to=("sammy.roos@emmaus.be", "boekhouding@barocy.be"),
    subject="Aanmaken van een mandaat WSE Loket tussen Emmaüs en BAROCY",
    body="Emmaüs heeft een mandaat aangemaakt.\n",
    language="nl",
    mandate_id="m-1",
)


def _created(language: str, valid_until: dt.date | None = dt.date(2020, 11, 6), reference: str = "") -> Notification:
    return creation_notification(
        to=("a@barocy.be",),
        language=language,
        mandate_id="m-1",
        number=5710246,
        type_name="WSE Loket",
        mandator="Emmaüs",
        mandatee="BAROCY",
        creator="Emmaüs",
        counterparty="BAROCY",
        valid_from=dt.date(2019, 11, 6),
        valid_until=valid_until,
        reference=reference,
    )


@pytest.mark.parametrize(
    ("language", "subject", "period"),
    [
        ("nl", "Aanmaken van een mandaat WSE Loket tussen Emmaüs en BAROCY", "vanaf 06/11/2019 tot en met 06/11/2020"),
        ("fr", "Création d'un mandat WSE Loket entre Emmaüs et BAROCY", "du 06/11/2019 au 06/11/2020 inclus"),
        ("de", "Erstellung eines Mandats WSE Loket zwischen Emmaüs und BAROCY", "vom 06/11/2019 bis einschließlich"),
        ("en", "Mandate WSE Loket created between Emmaüs and BAROCY", "from 06/11/2019 up to and including"),
    ],
)
def test_creation_message_in_each_language(language: str, subject: str, period: str) -> None:
    note = _created(language, reference="dossier 42")
    assert (note.subject, note.language, note.action, note.mandate_id) == (subject, language, "created", "m-1")
    assert period in note.body
    assert "5710246" in note.body and "dossier 42" in note.body


def test_creation_message_open_ended_without_reference_and_unknown_language() -> None:
    note = _created("xx", valid_until=None)
    assert note.language == "nl"
    assert "vanaf 06/11/2019 voor onbepaalde duur" in note.body
    assert "Referentie" not in note.body


def test_build_message_is_a_plain_utf8_mail_with_one_line_subject() -> None:
    message = build_message(
        Notification(("a@barocy.be",), "Mandaat voor\r\nBcc: x@evil.example Emmaüs", "Tekst é\n", "fr"),
        "noreply@idp.be",
    )
    assert message["Subject"] == "Mandaat voor Bcc: x@evil.example Emmaüs"
    assert message["Bcc"] is None
    assert (message["From"], message["Content-Language"]) == ("noreply@idp.be", "fr")
    assert message.get_content() == "Tekst é\n"


def test_outbox_writes_one_readable_eml_per_message(tmp_path: Path) -> None:
    outbox = OutboxNotifier(tmp_path / "outbox", sender="noreply@idp.be")
    outbox.mandate_event(NOTE)
    outbox.mandate_event(NOTE)
    files = sorted((tmp_path / "outbox").iterdir())
    assert len(files) == 2 and all(f.suffix == ".eml" for f in files)
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert message["To"] == "sammy.roos@emmaus.be, boekhouding@barocy.be"
    assert message["Subject"] == NOTE.subject
    assert message.get_body().get_content() == NOTE.body  # type: ignore[union-attr]


def test_outbox_leaves_nothing_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise OSError("disk full")

    outbox = OutboxNotifier(tmp_path)
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        outbox.mandate_event(NOTE)
    assert list(tmp_path.iterdir()) == []


class FakeSmtp:
    instances: list[FakeSmtp] = []  # noqa: RUF012 - a test double's record

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.calls: list[str] = []
        self.sent: list[object] = []
        FakeSmtp.instances.append(self)

    def __enter__(self) -> FakeSmtp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.calls.append("quit")

    def starttls(self, context: object) -> None:
        assert context is not None
        self.calls.append("starttls")

    def login(self, username: str, password: str) -> None:
        self.calls.append(f"login {username}")

    def send_message(self, message: object) -> None:
        self.calls.append("send")
        self.sent.append(message)


def test_smtp_uses_starttls_login_and_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeSmtp.instances.clear()
    monkeypatch.setattr(notify.smtplib, "SMTP", FakeSmtp)
    smtp = SmtpNotifier("smtp.example.be", 587, "idp", "s3cret", use_tls=True, sender="noreply@idp.be", timeout_s=3)
    smtp.mandate_event(NOTE)
    [server] = FakeSmtp.instances
    assert (server.host, server.port, server.timeout) == ("smtp.example.be", 587, 3)
    assert server.calls == ["starttls", "login idp", "send", "quit"]
    assert "s3cret" not in repr(smtp)


def test_smtp_without_tls_warns(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    FakeSmtp.instances.clear()
    monkeypatch.setattr(notify.smtplib, "SMTP", FakeSmtp)
    with caplog.at_level(logging.WARNING):
        smtp = SmtpNotifier("mail.example.be", 25, None, None, use_tls=False, sender="noreply@idp.be")
    assert "without TLS" in caplog.text
    smtp.mandate_event(NOTE)
    assert FakeSmtp.instances[0].calls == ["send", "quit"]


def test_null_notifier_sends_nothing() -> None:
    assert NullNotifier().mandate_event(NOTE) is None


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        ("sammy.roos@emmaus.be", True),
        ("first+tag@sub.barocy.be", True),
        ("not-an-address", False),
        ("a@b", False),
        ("a@barocy.be\nBcc: x@evil.example", False),
        ("a@barocy.be, b@barocy.be", False),
        ("Sammy <sammy@emmaus.be>", False),
        ("sammy@émmaus.be", False),
        ("x" * 250 + "@b.be", False),
    ],
)
def test_is_plausible_address(text: str, plausible: bool) -> None:
    assert is_plausible_address(text) is plausible


def test_describe_event_in_each_language() -> None:
    assert describe_event("stopped", "Sammy Roos", "Emmaüs", "nl") == "stopgezet door Sammy Roos (Emmaüs)"
    assert describe_event("signed", "Bart Claes", "BAROCY", "fr") == "signé par Bart Claes (BAROCY)"
    assert describe_event("transfer_requested", "Bart Claes", "BAROCY", "de") == (
        "Übertragung beantragt von Bart Claes (BAROCY)"
    )
    assert describe_event("extended", "Piet Peeters", "Piet Peeters", "en") == "extended by Piet Peeters"
    assert describe_event("created", "Sammy Roos", "Emmaüs", "xx") == "created by Sammy Roos (Emmaüs)"
    assert describe_event("archived", "Sammy Roos", "") == "archived (Sammy Roos)"


def test_registry_services_import_no_framework() -> None:
    # STYLE rule 3: mandate_resolver never imports Flask or Werkzeug.
    code = (
        "import sys; import mandate_resolver.registry.lifecycle, mandate_resolver.registry.notify; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'werkzeug'}); "
        "sys.exit(str(bad) if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True)


@pytest.mark.parametrize("module", [errors, authority, lifecycle, notify], ids=lambda m: m.__name__)
def test_docstring_examples(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]
