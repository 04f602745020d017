"""The registry's HTTP contract (``docs/registry-api.yaml``), served from this provider's embedded registry,
so that another instance (or anything else speaking the contract) can resolve login options here.

Off unless ``registry_api.token`` is set (404 otherwise); every call needs ``Authorization: Bearer <token>``
(401 otherwise). Inputs are parsed before anything reads the registry: a bad INSZ, date or parameter is a
400 ``application/problem+json`` naming the parameter (SECURITY.md M04).
"""

from __future__ import annotations

from .views import blueprint

__all__ = ["blueprint"]
