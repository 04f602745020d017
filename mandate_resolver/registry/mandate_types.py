"""Managing mandate types, as SSM's administrator does (DOMAIN.md, "Mandate types").

A type has a code (unique, and never changed once made: claims, CSV files and applications name it), an
optional SSM number, texts in nl, fr, de and en (name, description, the contract text shown at creation
and the text shown at stopping), and which kinds of party may be mandator and mandatee. A type that any
mandate, executor right or application uses cannot be deleted, only deactivated: existing mandates keep
it, new mandates cannot take it.

Every change writes its audit entry in the same unit of work; the caller commits::

    draft = MandateTypeDraft(code="wse_loket", texts={"nl": TypeTexts("WSE Loket", ...), ...},
                             mandator_kinds=frozenset({PartyKind.ORGANISATION}),
                             mandatee_kinds=frozenset({PartyKind.ORGANISATION}))
    problems = check_draft(session, draft)      # every problem at once, for a form
    mandate_type = create_mandate_type(session, draft, actor_user_id=admin.id)
    session.commit()
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mandate_resolver.types import TYPE_CODE

from .audit import record
from .errors import Conflict, NotFound, RegistryError, ValidationError
from .models import (
    ApplicationMandateType,
    Mandate,
    MandateType,
    MandateTypeText,
    Party,
    PartyKind,
    UserRightMandateType,
)

__all__ = [
    "LANGUAGES",
    "MandateTypeDraft",
    "MandateTypeUsage",
    "TypeTexts",
    "check_draft",
    "create_mandate_type",
    "delete_mandate_type",
    "draft_of",
    "get_mandate_type",
    "list_mandate_types",
    "set_active",
    "update_mandate_type",
    "usage_of",
]

LANGUAGES: Final = ("nl", "fr", "de", "en")
MAX_NAME: Final = 200
MAX_TEXT: Final = 10_000
# SSM numbers fit a 32-bit integer column.
MAX_NUMBER: Final = 2_147_483_647
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class TypeTexts:
    """A type's texts in one language: the contract text is what a party accepts when creating."""

    name: str
    description: str = ""
    creation_text: str = ""
    stop_text: str = ""


@dataclass(frozen=True, slots=True)
class MandateTypeDraft:
    """A mandate type as a form or a script gives it (checked by :func:`check_draft`)."""

    code: str
    texts: Mapping[str, TypeTexts]
    mandator_kinds: frozenset[PartyKind]
    mandatee_kinds: frozenset[PartyKind]
    number: int | None = None


@dataclass(frozen=True, slots=True)
class MandateTypeUsage:
    """How many mandates, executor rights and applications use a type."""

    mandates: int
    rights: int
    applications: int

    @property
    def in_use(self) -> bool:
        return bool(self.mandates or self.rights or self.applications)


def _problem(code: str, field: str, message: str, **params: str) -> ValidationError:
    return ValidationError(message, code=code, field=field, params=params)


def _text_problems(texts: Mapping[str, TypeTexts]) -> list[RegistryError]:
    problems: list[RegistryError] = []
    for language in LANGUAGES:
        text = texts.get(language) or TypeTexts("")
        if not text.name.strip():
            problems.append(_problem("mandate_type.name_required", f"name_{language}", "A name is required."))
        elif len(text.name) > MAX_NAME or _CONTROL.search(text.name) or "\n" in text.name:
            problems.append(_problem("mandate_type.name_invalid", f"name_{language}", "The name is not valid."))
        for field, value in (("creation_text", text.creation_text), ("stop_text", text.stop_text)):
            if not value.strip():
                problems.append(
                    _problem(f"mandate_type.{field}_required", f"{field}_{language}", "This text is required.")
                )
        for field, value in (
            ("description", text.description),
            ("creation_text", text.creation_text),
            ("stop_text", text.stop_text),
        ):
            if len(value) > MAX_TEXT or _CONTROL.search(value):
                problems.append(_problem("mandate_type.text_invalid", f"{field}_{language}", "The text is not valid."))
    unknown = sorted(set(texts) - set(LANGUAGES))
    if unknown:
        problems.append(_problem("mandate_type.language_unknown", "texts", "Unknown language.", language=unknown[0]))
    return problems


def check_draft(
    session: Session, draft: MandateTypeDraft, *, existing: MandateType | None = None
) -> list[RegistryError]:
    """Every problem of ``draft`` (empty when it may be stored); ``existing`` is the type being edited.

    >>> [p.code for p in check_draft(session, MandateTypeDraft("Bad code!", {}, frozenset(), frozenset()))]
    ... # doctest: +SKIP
    ['mandate_type.code_invalid', 'mandate_type.name_required', ...]
    """
    problems: list[RegistryError] = []
    if existing is not None:
        if draft.code != existing.code:
            # Claims, CSV files and applications name the code: it never changes.
            problems.append(_problem("mandate_type.code_immutable", "code", "The code cannot be changed."))
    elif not TYPE_CODE.fullmatch(draft.code):
        problems.append(_problem("mandate_type.code_invalid", "code", "The code is not valid."))
    elif session.scalar(select(MandateType.id).where(MandateType.code == draft.code)) is not None:
        problems.append(_problem("mandate_type.code_taken", "code", "This code is taken.", value=draft.code))
    if draft.number is not None:
        if not 1 <= draft.number <= MAX_NUMBER:
            problems.append(_problem("mandate_type.number_invalid", "number", "The number is not valid."))
        else:
            owner = session.scalar(select(MandateType.id).where(MandateType.number == draft.number))
            if owner is not None and (existing is None or owner != existing.id):
                problems.append(
                    _problem("mandate_type.number_taken", "number", "This number is taken.", number=str(draft.number))
                )
    problems += _text_problems(draft.texts)
    if not draft.mandator_kinds:
        problems.append(_problem("mandate_type.mandator_kinds_required", "mandator_kinds", "Choose at least one."))
    if not draft.mandatee_kinds:
        problems.append(_problem("mandate_type.mandatee_kinds_required", "mandatee_kinds", "Choose at least one."))
    if existing is not None:
        problems += _narrowing_problems(session, existing, draft)
    return problems


def _narrowing_problems(session: Session, existing: MandateType, draft: MandateTypeDraft) -> list[RegistryError]:
    """A kind of party may not be taken away from a side while mandates of the type have one there."""
    problems: list[RegistryError] = []
    for side, kinds in (("mandator", draft.mandator_kinds), ("mandatee", draft.mandatee_kinds)):
        column = Mandate.mandator_id if side == "mandator" else Mandate.mandatee_id
        for kind in set(PartyKind) - set(kinds):
            used = session.scalar(
                select(Mandate.number)
                .join(Party, Party.id == column)
                .where(Mandate.mandate_type_id == existing.id, Party.kind == kind)
                .limit(1)
            )
            if used is not None:
                problems.append(
                    _problem(
                        "mandate_type.kind_in_use",
                        f"{side}_kinds",
                        "Mandates of this type have such a party on this side.",
                        side=side,
                        kind=kind.value,
                    )
                )
    return problems


def _apply(mandate_type: MandateType, draft: MandateTypeDraft) -> None:
    mandate_type.number = draft.number
    mandate_type.mandator_person = PartyKind.PERSON in draft.mandator_kinds
    mandate_type.mandator_organisation = PartyKind.ORGANISATION in draft.mandator_kinds
    mandate_type.mandatee_person = PartyKind.PERSON in draft.mandatee_kinds
    mandate_type.mandatee_organisation = PartyKind.ORGANISATION in draft.mandatee_kinds
    by_language = {text.language: text for text in mandate_type.texts}
    for language in LANGUAGES:
        given = draft.texts[language]
        row = by_language.get(language)
        if row is None:
            row = MandateTypeText(language=language)
            mandate_type.texts.append(row)
        row.name = given.name.strip()
        row.description = given.description.strip()
        row.creation_text = given.creation_text.strip()
        row.stop_text = given.stop_text.strip()


def draft_of(mandate_type: MandateType) -> MandateTypeDraft:
    """The stored type as a draft (to fill an edit form, or to compare before and after)."""
    by_language = {text.language: text for text in mandate_type.texts}
    texts = {
        language: TypeTexts(row.name, row.description, row.creation_text, row.stop_text)
        for language, row in by_language.items()
    }
    mandator = {PartyKind.PERSON} if mandate_type.mandator_person else set()
    mandator |= {PartyKind.ORGANISATION} if mandate_type.mandator_organisation else set()
    mandatee = {PartyKind.PERSON} if mandate_type.mandatee_person else set()
    mandatee |= {PartyKind.ORGANISATION} if mandate_type.mandatee_organisation else set()
    return MandateTypeDraft(mandate_type.code, texts, frozenset(mandator), frozenset(mandatee), mandate_type.number)


def _changes(before: MandateTypeDraft, after: MandateTypeDraft) -> list[str]:
    changed = [
        name for name in ("number", "mandator_kinds", "mandatee_kinds") if getattr(before, name) != getattr(after, name)
    ]
    changed += [
        f"texts.{language}"
        for language in LANGUAGES
        if before.texts.get(language) != _stripped(after.texts.get(language))
    ]
    return changed


def _stripped(texts: TypeTexts | None) -> TypeTexts | None:
    if texts is None:
        return None
    return TypeTexts(
        texts.name.strip(), texts.description.strip(), texts.creation_text.strip(), texts.stop_text.strip()
    )


def _raise_first(problems: list[RegistryError]) -> None:
    if problems:
        raise problems[0]


def list_mandate_types(session: Session) -> list[MandateType]:
    """Every type, active ones first, then by code."""
    return list(session.scalars(select(MandateType).order_by(MandateType.active.desc(), MandateType.code)))


def get_mandate_type(session: Session, code: str) -> MandateType:
    mandate_type = session.scalar(select(MandateType).where(MandateType.code == code[:64]))
    if mandate_type is None:
        raise NotFound("This mandate type does not exist.", code="mandate_type.unknown", field="code")
    return mandate_type


def create_mandate_type(session: Session, draft: MandateTypeDraft, *, actor_user_id: int | None) -> MandateType:
    """Store a new, active type; raises the first problem of :func:`check_draft`."""
    _raise_first(check_draft(session, draft))
    mandate_type = MandateType(code=draft.code, active=True, texts=[])
    _apply(mandate_type, draft)
    session.add(mandate_type)
    session.flush()
    record(
        session,
        actor_user_id=actor_user_id,
        action="admin.mandate_type.created",
        target=draft.code,
        detail={"number": draft.number, "name": draft.texts["nl"].name.strip()},
    )
    return mandate_type


def update_mandate_type(
    session: Session, mandate_type: MandateType, draft: MandateTypeDraft, *, actor_user_id: int | None
) -> list[str]:
    """Change the texts, number and party kinds (never the code); returns what changed (audited)."""
    _raise_first(check_draft(session, draft, existing=mandate_type))
    changed = _changes(draft_of(mandate_type), draft)
    if not changed:
        return []
    _apply(mandate_type, draft)
    session.flush()
    record(
        session,
        actor_user_id=actor_user_id,
        action="admin.mandate_type.updated",
        target=mandate_type.code,
        detail={"changed": changed},
    )
    return changed


def set_active(session: Session, mandate_type: MandateType, active: bool, *, actor_user_id: int | None) -> None:
    """Deactivate (no new mandates; applications stop offering it) or reactivate a type."""
    if mandate_type.active == active:
        return
    mandate_type.active = active
    session.flush()
    record(
        session,
        actor_user_id=actor_user_id,
        action="admin.mandate_type.activated" if active else "admin.mandate_type.deactivated",
        target=mandate_type.code,
    )


def usage_of(session: Session, mandate_type: MandateType) -> MandateTypeUsage:
    """How many mandates, executor rights and applications name ``mandate_type``."""
    type_id = mandate_type.id
    mandates = session.scalar(select(func.count()).where(Mandate.mandate_type_id == type_id))
    rights = session.scalar(select(func.count()).where(UserRightMandateType.mandate_type_id == type_id))
    applications = session.scalar(select(func.count()).where(ApplicationMandateType.mandate_type_id == type_id))
    return MandateTypeUsage(int(mandates or 0), int(rights or 0), int(applications or 0))


def delete_mandate_type(session: Session, mandate_type: MandateType, *, actor_user_id: int | None) -> None:
    """Delete a type nothing uses; one in use raises :class:`Conflict` (deactivate it instead)."""
    usage = usage_of(session, mandate_type)
    if usage.in_use:
        raise Conflict(
            "This mandate type is in use: deactivate it instead.",
            code="mandate_type.in_use",
            params={
                "mandates": str(usage.mandates),
                "rights": str(usage.rights),
                "applications": str(usage.applications),
            },
        )
    code = mandate_type.code
    session.delete(mandate_type)
    session.flush()
    record(session, actor_user_id=actor_user_id, action="admin.mandate_type.deleted", target=code)
