"""Throttling of failed logins, per account and per client address, counted in the database (L05).

After a few free failures every further failure doubles a waiting time, capped at 15 minutes: guessing
becomes slow, yet nobody can lock an account out for longer than the cap. Counters are forgotten a day
after their last failure, and an account's counter is reset by a successful login.

A browser that logged in to an account before carries a device cookie for it; its attempts count apart
from everyone else's (OWASP "device cookies"), so an attacker hammering an account does not lock its owner
out of their usual browser.

The client address is the connection's peer, or with ``server.trusted_proxies = n`` the n-th address from
the right of ``X-Forwarded-For``: a client can prepend anything to that header, but it cannot change what
our own proxies appended, so a spoofed header never resets or escapes its counter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import math
from dataclasses import dataclass
from typing import Final

from flask import request
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import as_utc

from .models import LoginCounter

ACCOUNT_FREE_FAILURES: Final = 5
ADDRESS_FREE_FAILURES: Final = 20
FIRST_DELAY_S: Final = 2
MAX_DELAY_S: Final = 15 * 60
FORGET_AFTER: Final = dt.timedelta(hours=24)


def client_address(trusted_proxies: int) -> str:
    """The address of the client, trusting exactly ``trusted_proxies`` proxies in front of us."""
    peer = request.remote_addr or "unknown"
    if trusted_proxies <= 0:
        return peer
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    if len(forwarded) < trusted_proxies:
        return peer
    candidate = forwarded[-trusted_proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


def account_key(username: str) -> str:
    normalised = username.strip().casefold()
    return "account:" + hashlib.sha256(normalised.encode("utf-8", "replace")).hexdigest()


def address_key(address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "address:" + address[:60]
    if parsed.version == 6:
        # One IPv6 client holds a whole /64: count the network, not the address.
        return "address:" + str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return "address:" + str(parsed)


def delay_after(failures: int, free: int) -> int:
    """Seconds to wait after ``failures`` failures of which ``free`` cost nothing.

    >>> [delay_after(n, 5) for n in (4, 5, 6, 7, 20)]
    [0, 2, 4, 8, 900]
    """
    if failures < free:
        return 0
    exponent = failures - free
    return MAX_DELAY_S if exponent >= 10 else min(MAX_DELAY_S, FIRST_DELAY_S * int(math.pow(2, exponent)))


@dataclass(frozen=True, slots=True)
class ThrottleKeys:
    """The counters one attempt is charged to, with how many failures each allows for free."""

    keys: tuple[tuple[str, int], ...]

    @classmethod
    def for_attempt(cls, *, account: str, address: str) -> ThrottleKeys:
        return cls(((account, ACCOUNT_FREE_FAILURES), (address_key(address), ADDRESS_FREE_FAILURES)))


def blocked_for(db: Session, keys: ThrottleKeys, now: dt.datetime) -> int:
    """Seconds until an attempt is allowed again (0: allowed now)."""
    wait = 0
    for key, _free in keys.keys:
        row = db.get(LoginCounter, key)
        if row is not None and row.blocked_until is not None:
            wait = max(wait, math.ceil((as_utc(row.blocked_until) - now).total_seconds()))
    return max(wait, 0)


def record_failure(db: Session, keys: ThrottleKeys, now: dt.datetime) -> None:
    for key, free in keys.keys:
        for _attempt in range(2):
            row = db.get(LoginCounter, key)
            if row is None:
                row = LoginCounter(key=key, failures=0, last_failure_at=now)
                db.add(row)
            elif as_utc(row.last_failure_at) + FORGET_AFTER <= now:
                row.failures = 0
            row.failures += 1
            row.last_failure_at = now
            wait = delay_after(row.failures, free)
            row.blocked_until = now + dt.timedelta(seconds=wait) if wait else None
            try:
                db.commit()
                break
            except IntegrityError:  # another worker created the row first: count on theirs
                db.rollback()


def record_success(db: Session, account: str) -> None:
    """A successful login clears its account counter (the address counter keeps counting)."""
    db.execute(delete(LoginCounter).where(LoginCounter.key == account))
    db.commit()
