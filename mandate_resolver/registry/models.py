"""The embedded registry: SQLAlchemy 2 models, framework-free.

The tables hold what three real registries hold: parties and users (the identity register), IDM (work
relations, local administrators, user rights), KBO (legal representatives), and SSM (mandate types,
mandates and their event history). Applications (relying parties) state which mandate types they accept.

Indexes are chosen for the resolvers' queries (see ``mandate_resolver.ssm`` and friends):
"which organisations does this user hold a valid executor right for", "which signed mandates of these
types have one of these mandatees", and keyset pages of those by mandator name.

Schema changes are made by Alembic migrations only (``idp/migrations``); these models are the source the
migrations are written from, never ``create_all``.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Timestamps are stored in UTC; SQLite gives them back naive, so readers go through ``as_utc``.
Timestamp = DateTime(timezone=True)


def str_enum(enum_class: type[enum.StrEnum], length: int) -> Enum:
    """Store an enum by its value ("person"), readable in SQL and stable if a member is renamed."""
    return Enum(
        enum_class, native_enum=False, length=length, values_callable=lambda members: [m.value for m in members]
    )


def as_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class PartyKind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class RightKind(enum.StrEnum):
    """User rights granted in IDM by a local administrator (DOMAIN.md, "User rights")."""

    # May manage the organisation's mandates in SSM. No context.
    MANDATE_MANAGER = "ssm_mandaatbeheerder"
    # May execute mandates for the organisation as mandatee; context: a non-empty set of mandate types.
    MANDATE_EXECUTOR = "ssm_mandaatuitvoerder"


class MandateState(enum.StrEnum):
    """Stored state. Whether a signed mandate is active, in the future or expired follows from its dates
    (``mandate_resolver.registry.lifecycle.effective_status``), so nothing has to run at midnight."""

    AWAITING_SIGNATURE = "awaiting_signature"
    SIGNED = "signed"
    REFUSED = "refused"
    STOPPED = "stopped"


class Party(Base):
    """A natural person or an organisation, identified within one scheme (INSZ, KBO, establishment, OVO)."""

    __tablename__ = "parties"
    __table_args__ = (
        UniqueConstraint("scheme", "identifier", name="uq_parties_scheme_identifier"),
        Index("ix_parties_name_id", "name", "id"),
        # Keyset pages of principals by name (migration 0002; on PostgreSQL with the "C" collation).
        Index("ix_parties_name_key", func.lower(text("name")), "scheme", "identifier"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[PartyKind] = mapped_column(str_enum(PartyKind, 16))
    # "insz", "kbo", "kbo_establishment", "ovo": the scheme of ``mandate_resolver.identifiers``.
    scheme: Mapped[str] = mapped_column(String(24))
    identifier: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str | None] = mapped_column(String(100))
    family_name: Mapped[str | None] = mapped_column(String(100))
    # ACM target group (doelgroep): BUR, EA, GID, LB, OV.
    target_group: Mapped[str] = mapped_column(String(8))
    street: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2), default="BE")
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)


class User(Base):
    """A natural person who can log in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), unique=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    preferred_language: Mapped[str] = mapped_column(String(2), default="nl")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)

    person: Mapped[Party] = relationship(lazy="joined")
    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    def has_role(self, role: str) -> bool:
        return any(r.role == role for r in self.roles)


class UserRole(Base):
    """Provider-wide roles: "admin" (mandate types, applications, keys) and "helpdesk" (read only)."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class Credential(Base):
    """An authentication credential: an argon2id password hash, a TOTP secret, a recovery code hash."""

    __tablename__ = "credentials"
    __table_args__ = (Index("ix_credentials_user_kind", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    secret: Mapped[str] = mapped_column(String(512))
    label: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)


class WorkRelation(Base):
    """IDM: a user works for an organisation (e.g. "Vaste Medewerker"), valid from–to."""

    __tablename__ = "work_relations"
    __table_args__ = (
        Index("ix_work_relations_user", "user_id", "valid_from"),
        Index("ix_work_relations_organisation", "organisation_id"),
        CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="dates"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(100))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)

    organisation: Mapped[Party] = relationship(lazy="joined")


class LocalAdministrator(Base):
    """IDM: a user who grants user rights inside one organisation."""

    __tablename__ = "local_administrators"
    __table_args__ = (
        Index("ix_local_administrators_user", "user_id"),
        Index("ix_local_administrators_organisation", "organisation_id"),
        CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="dates"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)


class UserRight(Base):
    """IDM: a right held by a user for an organisation, with begin and end date and a context.

    For ``MANDATE_EXECUTOR`` the context is its mandate types (mandatory) and, beyond the pilot, an
    optional restriction to certain mandators (no rows: every mandator).
    """

    __tablename__ = "user_rights"
    __table_args__ = (
        Index("ix_user_rights_user_right", "user_id", "right", "organisation_id"),
        Index("ix_user_rights_organisation", "organisation_id", "right"),
        CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="dates"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    right: Mapped[RightKind] = mapped_column(str_enum(RightKind, 32))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    granted_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)

    mandate_types: Mapped[list[UserRightMandateType]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    mandators: Mapped[list[UserRightMandator]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class UserRightMandateType(Base):
    __tablename__ = "user_right_mandate_types"
    __table_args__ = (Index("ix_user_right_mandate_types_type", "mandate_type_id"),)

    right_id: Mapped[int] = mapped_column(ForeignKey("user_rights.id", ondelete="CASCADE"), primary_key=True)
    mandate_type_id: Mapped[int] = mapped_column(ForeignKey("mandate_types.id"), primary_key=True)


class UserRightMandator(Base):
    __tablename__ = "user_right_mandators"

    right_id: Mapped[int] = mapped_column(ForeignKey("user_rights.id", ondelete="CASCADE"), primary_key=True)
    mandator_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), primary_key=True)


class LegalRepresentative(Base):
    """KBO: a person who represents an enterprise by law (function, valid from–to)."""

    __tablename__ = "legal_representatives"
    __table_args__ = (
        Index("ix_legal_representatives_person", "person_id", "organisation_id"),
        Index("ix_legal_representatives_organisation", "organisation_id"),
        CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="dates"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    function: Mapped[str] = mapped_column(String(100))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)


class MandateType(Base):
    """SSM: what a mandate allows. Texts per language in ``MandateTypeText``."""

    __tablename__ = "mandate_types"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    # SSM numbers its types (Flanders uses e.g. type 104).
    number: Mapped[int | None] = mapped_column(Integer, unique=True)
    mandator_person: Mapped[bool] = mapped_column(Boolean, default=True)
    mandator_organisation: Mapped[bool] = mapped_column(Boolean, default=True)
    mandatee_person: Mapped[bool] = mapped_column(Boolean, default=True)
    mandatee_organisation: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)

    texts: Mapped[list[MandateTypeText]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="MandateTypeText.language"
    )

    def text(self, language: str) -> MandateTypeText | None:
        """The texts in ``language``, else Dutch, else any."""
        by_language = {t.language: t for t in self.texts}
        return by_language.get(language) or by_language.get("nl") or next(iter(by_language.values()), None)

    def name_in(self, language: str) -> str:
        text = self.text(language)
        return text.name if text is not None else self.code


class MandateTypeText(Base):
    __tablename__ = "mandate_type_texts"

    mandate_type_id: Mapped[int] = mapped_column(ForeignKey("mandate_types.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    creation_text: Mapped[str] = mapped_column(Text, default="")
    stop_text: Mapped[str] = mapped_column(Text, default="")


class Mandate(Base):
    """SSM: a mandator lets a mandatee act in its name for one mandate type.

    ``version`` guards every write (compare-and-set): of two people signing or stopping the same mandate
    at once, the second write finds a newer version and is refused instead of overwriting the first.
    """

    __tablename__ = "mandates"
    __table_args__ = (
        # The resolver's query: signed mandates of accepted types held by these mandatees.
        Index("ix_mandates_mandatee_state_type", "mandatee_id", "state", "mandate_type_id", "mandator_id"),
        # The "may this person act via N" check reads only this index (migration 0002).
        Index(
            "ix_mandates_reach", "mandatee_id", "state", "mandate_type_id", "mandator_id", "valid_from", "valid_until"
        ),
        Index("ix_mandates_mandator_state", "mandator_id", "state"),
        Index("ix_mandates_pending_mandatee", "pending_mandatee_id"),
        Index("ix_mandates_reference", "reference"),
        CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="dates"),
        CheckConstraint("mandator_id <> mandatee_id", name="distinct_parties"),
    )

    # A short human number for search, letters and phone calls ("mandaat 42"); the database assigns it.
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The public identifier that leaves the provider in claims and APIs: not guessable, not a count.
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    mandate_type_id: Mapped[int] = mapped_column(ForeignKey("mandate_types.id"))
    mandator_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    mandatee_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(100), default="")
    language: Mapped[str] = mapped_column(String(2), default="nl")
    state: Mapped[MandateState] = mapped_column(str_enum(MandateState, 24))
    # Which side created it ("mandator" or "mandatee"): that side signed by creating.
    initiator: Mapped[str] = mapped_column(String(8))
    mandator_signed_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    mandator_signed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    mandatee_signed_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    mandatee_signed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    stopped_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    stopped_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A transfer to a new mandatee waits for that mandatee's acceptance.
    pending_mandatee_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    mandate_type: Mapped[MandateType] = relationship(lazy="joined")
    mandator: Mapped[Party] = relationship(foreign_keys=[mandator_id], lazy="joined")
    mandatee: Mapped[Party] = relationship(foreign_keys=[mandatee_id], lazy="joined")
    pending_mandatee: Mapped[Party | None] = relationship(foreign_keys=[pending_mandatee_id], lazy="joined")
    events: Mapped[list[MandateEvent]] = relationship(lazy="select", order_by="MandateEvent.id", viewonly=True)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class MandateEvent(Base):
    """Append-only history of a mandate: what, when, by whom, acting for whom."""

    __tablename__ = "mandate_events"
    __table_args__ = (Index("ix_mandate_events_mandate", "mandate_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mandate_id: Mapped[str] = mapped_column(ForeignKey("mandates.id"))
    at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    action: Mapped[str] = mapped_column(String(32))
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The display name of the actor and the party they acted for, kept as they were at that moment.
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    acting_for_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    acting_for_name: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class Application(Base):
    """A relying party: an OIDC client or a SAML service provider, with its mandate policy.

    Protocol details (redirect URIs, secrets, SAML metadata) live in the protocol layers' own tables.
    """

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # OIDC client_id or SAML entityID.
    client_id: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    protocol: Mapped[str] = mapped_column(String(8))  # "oidc" or "saml"
    legal_representatives: Mapped[bool] = mapped_column(Boolean, default=False)
    allow_citizen: Mapped[bool] = mapped_column(Boolean, default=True)
    allow_employee: Mapped[bool] = mapped_column(Boolean, default=True)
    claim_profile: Mapped[str] = mapped_column(String(32), default="standard")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)

    mandate_types: Mapped[list[ApplicationMandateType]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class ApplicationMandateType(Base):
    __tablename__ = "application_mandate_types"

    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True)
    mandate_type_id: Mapped[int] = mapped_column(ForeignKey("mandate_types.id"), primary_key=True)


class AuditEntry(Base):
    """Who changed what in administration, rights and imports; and login decisions for the helpdesk."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"), Index("ix_audit_log_subject", "subject_user_id", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(Timestamp, default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
