"""Grouped actions: sign or stop many, CSV upload with a dry run, template and export (filled in later)."""

from __future__ import annotations
