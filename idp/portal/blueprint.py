"""The portal's blueprint: every page under /portal, every unsafe request checked for CSRF (M06)."""

from __future__ import annotations

from flask import Blueprint

from .. import csrf

bp = csrf.protect(Blueprint("portal", __name__, url_prefix="/portal"))
