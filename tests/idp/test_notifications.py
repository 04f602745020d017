from __future__ import annotations

from pathlib import Path

from idp.notifications import notifier_from_settings
from idp.settings import Settings, SmtpSettings
from mandate_resolver.registry.notify import OutboxNotifier, SmtpNotifier


def test_outbox_by_default(tmp_path: Path) -> None:
    notifier = notifier_from_settings(Settings(outbox_dir=str(tmp_path / "outbox")))
    assert isinstance(notifier, OutboxNotifier)


def test_smtp_when_configured() -> None:
    settings = Settings(smtp=SmtpSettings(host="smtp.example.be", port=2525, sender="idp@example.be"))
    assert isinstance(notifier_from_settings(settings), SmtpNotifier)
