"""Shared steps for the M10–M13 cases: the real chain on a real registry, seen through the selection screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import Mandate, Party, User, UserRight
from tests.oidc_support import Browser, Provider, RegisteredClient, authorize_url, parse_page, pkce_pair

TODAY = dt.date.today()


def change(provider: Provider, edit: Callable[[Session], None]) -> None:
    with provider.sessions() as session:
        edit(session)
        session.commit()


def mandate(session: Session, mandate_id: str) -> Mandate:
    found = session.scalar(select(Mandate).where(Mandate.id == mandate_id))
    assert found is not None
    return found


def party(session: Session, identifier: str) -> Party:
    found = session.scalar(select(Party).where(Party.identifier == identifier))
    assert found is not None
    return found


def rights_of(session: Session, username: str) -> list[UserRight]:
    user = session.scalar(select(User).where(User.username == username))
    assert user is not None
    return list(session.scalars(select(UserRight).where(UserRight.user_id == user.id)))


def pkce_authorize_url(provider: Provider, client: RegisteredClient, **params: str) -> str:
    _verifier, challenge = pkce_pair()
    return authorize_url(provider, client, code_challenge=challenge, code_challenge_method="S256", **params)


def offered(provider: Provider, client: RegisteredClient, username: str, **params: str) -> list[str]:
    """The option values on the selection screen (an option's value carries its mandate id), or ["<direct>"]
    when the journey went straight back to the application (a single option)."""
    browser = Browser(provider)
    step = browser.sign_in(browser.go(pkce_authorize_url(provider, client, **params)), username)
    if step.page is None:
        return ["<direct>"]
    values = [value for form in parse_page(step.page.text).forms for value, _label in form.radios]
    assert values or step.page.status_code == 403, step.page.text[:2000]
    return values
