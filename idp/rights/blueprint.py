"""The rights blueprint: "my profile" at /profile, local administration under /rights; every unsafe request
checked for CSRF (SECURITY.md M06)."""

from __future__ import annotations

from flask import Blueprint

from .. import csrf

bp = csrf.protect(Blueprint("rights", __name__))
