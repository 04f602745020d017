"""Every text of the portal's grouped actions and CSV upload in nl, fr, de and en."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, dict[str, str]]] = {}
