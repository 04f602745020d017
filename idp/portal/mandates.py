"""The dashboard (SSM "Home": the four lists, search, pages) and a mandate's detail page.

- GET /portal/mandates                 the four lists, ten per list, each with a link to its next page;
  with ``q``, ``type``, ``status``, ``from``, ``until`` or ``list``: one list of results, paged (``after``);
- GET /portal/mandates/<mandate_id>    the mandate, its history and the actions allowed now.

Creating is in :mod:`.create`, the actions in :mod:`.actions`, the counterparty lookup in :mod:`.lookup`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from flask import make_response, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from mandate_resolver.registry.lifecycle import BELGIAN_TIME
from mandate_resolver.registry.models import MandateType, as_utc
from mandate_resolver.registry.queries import STATUSES, Listing, MandateQuery, search_mandates

from ..database import db_session
from ..i18n import current_language
from .access import visible_mandate
from .blueprint import bp
from .context import mandate_service, portal_context, require_portal
from .forms import FieldErrors, SearchForm, parse_after, parse_search
from .presenters import (
    MandateRow,
    allowed_actions,
    belgian_date,
    history_lines,
    mandate_row,
    party_number,
    transfer_requested_by,
    type_choice,
)

# SSM's order of the dashboard's lists.
DASHBOARD_LISTS: Final = (Listing.ACTIVE, Listing.TO_SIGN, Listing.AWAITING_OTHER, Listing.AWAITING_TRANSFER)
DASHBOARD_PAGE_SIZE: Final = 10
SEARCH_PAGE_SIZE: Final = 25

bp.add_app_template_filter(belgian_date, "portal_date")
bp.add_app_template_global(party_number, "party_number")


@dataclass(frozen=True, slots=True)
class Section:
    """One list on the dashboard: a page of rows and the cursor of the next page."""

    listing: str
    rows: list[MandateRow]
    next_after: int | None
    total: int | None
    total_capped: bool
    # Links to the next page and back to the first, None where there is none.
    next_url: str | None
    first_url: str | None


@bp.get("/mandates")
@require_portal
def dashboard() -> Response:
    listings = [listing.value for listing in Listing]
    search, errors = parse_search(request.args, statuses=STATUSES, listings=listings)
    after = parse_after(request.args.get("after"))
    sections: list[Section] = []
    if not errors:
        wanted = [Listing(search.listing or "all")] if search.active else list(DASHBOARD_LISTS)
        size = SEARCH_PAGE_SIZE if search.active else DASHBOARD_PAGE_SIZE
        sections = [_section(listing, search, after if search.active else None, size) for listing in wanted]
    response = make_response(
        render_template(
            "portal/dashboard.html",
            sections=sections,
            search=search,
            errors=errors,
            statuses=STATUSES,
            listings=listings,
            mandate_types=_type_names(),
        ),
        400 if errors else 200,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _section(listing: Listing, search: SearchForm, after: int | None, size: int) -> Section:
    ctx = portal_context()
    page = search_mandates(
        db_session(),
        MandateQuery(
            party_id=ctx.party.id,
            listing=listing,
            text=search.text,
            mandate_type=search.mandate_type,
            status=search.status,
            valid_from=search.valid_from,
            valid_until=search.valid_until,
            after=after,
            limit=size,
            today=ctx.today,
        ),
    )
    language = current_language()
    rows = [mandate_row(m, ctx.party.id, ctx.today, language) for m in page.mandates]
    args: dict[str, Any] = {**search.query_args(), "list": listing.value}
    next_url = url_for("portal.dashboard", **args, after=page.next_after) if page.next_after else None
    first_url = url_for("portal.dashboard", **args) if after is not None else None
    return Section(listing.value, rows, page.next_after, page.total, page.total_capped, next_url, first_url)


def _type_names() -> list[tuple[str, str]]:
    language = current_language()
    types = db_session().scalars(select(MandateType).order_by(MandateType.number, MandateType.code))
    return [(t.code, t.name_in(language)) for t in types]


@bp.get("/mandates/<mandate_id>")
@require_portal
def detail(mandate_id: str) -> Response:
    return render_detail(mandate_id, FieldErrors(), 200)


def render_detail(mandate_id: str, errors: FieldErrors, status: int) -> Response:
    """The detail page of a mandate the acting party may see (checked again here)."""
    ctx = portal_context()
    service = mandate_service()
    mandate = visible_mandate(service, ctx, mandate_id)
    language = current_language()
    history = service.history(mandate, language=language)
    response = make_response(
        render_template(
            "portal/detail.html",
            mandate=mandate,
            row=mandate_row(mandate, ctx.party.id, ctx.today, language),
            mandate_type=type_choice(mandate.mandate_type, language),
            history=history_lines(mandate, history, ctx.today),
            actions=allowed_actions(mandate, ctx.party.id, ctx.today, transfer_requested_by(history)),
            errors=errors,
            last_change=as_utc(mandate.updated_at).astimezone(BELGIAN_TIME).date(),
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# The other pages of the portal's mandates register themselves on the blueprint when imported.
from . import actions, create, lookup  # noqa: E402, F401
