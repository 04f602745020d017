"""Which notifier the provider uses: SMTP when ``smtp.host`` is configured, else a readable outbox folder."""

from __future__ import annotations

from mandate_resolver.registry.notify import Notifier, OutboxNotifier, SmtpNotifier

from .settings import Settings


def notifier_from_settings(settings: Settings) -> Notifier:
    """Mail goes through SMTP when configured; by default to ``outbox_dir`` as one .eml file per message.

    >>> from idp.settings import Settings
    >>> type(notifier_from_settings(Settings(outbox_dir="/tmp/outbox"))).__name__
    'OutboxNotifier'
    """
    smtp = settings.smtp
    if smtp.host:
        return SmtpNotifier(
            smtp.host, smtp.port, smtp.username, smtp.password, use_tls=smtp.starttls, sender=smtp.sender
        )
    return OutboxNotifier(settings.path(settings.outbox_dir), sender=smtp.sender)
