"""The demo world of the seeds, as a registry document (``docs/registry-format.md``) and its guide.

The parties are those of the seeds (DOMAIN.md, "Parties in the seeds"): Emmaüs gives BAROCY a "WSE Loket"
mandate and Sammy Roos manages Emmaüs's mandates; IMEC has mandates to both BAROCY and PwC, so an executor
working for both sees "several mandates possible". Around them: a legal representative, a person acting
for a relative, a plain citizen, an administrator and a helpdesk reader, mandates in every state, and two
demo relying parties.

Everything is fixed except the dates of mandates, which follow ``today`` so that the demo stays valid: an
active mandate is active on the day it is loaded (for a ``today`` from 2024 on: the rights start earlier).
The passwords and TOTP secrets are public: it is a demo. DELOITTE Belastingconsulenten and
PricewaterhouseCoopers Tax Consultants get made-up (valid) KBO numbers; the other enterprise numbers are
the real ones from the seeds.

>>> document = demo_document(dt.date(2026, 3, 1))
>>> document["format"], len(document["users"]) == len(DEMO_USERS)  # type: ignore[arg-type]
('mandate-idp/registry', True)
>>> next(u for u in DEMO_USERS if u.username == "sammy").password
'demo-sammy-2026'
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import Final

from sqlalchemy.orm import Session

from mandate_resolver.identifiers import KboNumber, make_insz, make_kbo
from mandate_resolver.registry.exchange import FORMAT, VERSION, ImportReport, import_world
from mandate_resolver.registry.passwords import DEFAULT_PROFILE, HashProfile

__all__ = [
    "DEMO_RELYING_PARTIES",
    "DEMO_USERS",
    "DemoMandate",
    "DemoRelyingParty",
    "DemoUser",
    "DemoWorld",
    "demo_document",
    "load_demo",
]

# Mandate ids are fixed (not derived from the dates), so reloading on another day updates the same rows.
_DEMO_NAMESPACE: Final = uuid.UUID("0c6f5e0e-7a51-5b8e-9d0f-2f1d5c3a9e42")


def _demo_totp_secret(username: str) -> str:
    """A fixed, public TOTP secret per demo user (160 bits, base32), so authenticator apps keep working."""
    digest = hashlib.sha256(f"mandate-idp demo totp {username}".encode()).digest()[:20]
    return base64.b32encode(digest).decode("ascii")


def _mandate_id(slug: str) -> str:
    return str(uuid.uuid5(_DEMO_NAMESPACE, f"mandate {slug}"))


# --- Parties ----------------------------------------------------------------------------------------

EMMAUS: Final = KboNumber("0411515075")
BAROCY: Final = KboNumber("0806154033")
PROVINCIALAAT: Final = KboNumber("0406633304")
PARKWIND: Final = KboNumber("0844796259")
IMEC: Final = KboNumber("0425260668")
# Demo numbers, not the real ones of these enterprises: valid check digits, made with make_kbo.
DELOITTE: Final = make_kbo(9_990_001)
PWC: Final = make_kbo(9_990_002)

_ORGANISATIONS: Final[tuple[tuple[KboNumber, str, str | None, str | None, str | None], ...]] = (
    (EMMAUS, "Emmaüs", "Edgard Tinellaan 1", "2800", "Mechelen"),
    (BAROCY, "BAROCY", "Hundelgemsesteenweg 321", "9820", "Merelbeke"),
    (PROVINCIALAAT, "Provincialaat der Broeders van Liefde", None, None, None),
    (PARKWIND, "PARKWIND", None, None, None),
    (IMEC, "Interuniversitair Micro-Electronica Centrum (IMEC)", None, None, None),
    (DELOITTE, "DELOITTE Belastingconsulenten", None, None, None),
    (PWC, "PricewaterhouseCoopers Tax Consultants", None, None, None),
)
_NAMES: Final = {number.value: name for number, name, *_ in _ORGANISATIONS}

# People who sign for organisations without a demo user; they appear in the history only.
_SIGNERS: Final = {
    PROVINCIALAAT.value: "Koen Verstraete",
    IMEC.value: "Els Vandamme",
    DELOITTE.value: "Sofie Wuyts",
    PWC.value: "Tom Lemmens",
}


# --- Users ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo login: who it is, how to log in, and what it shows."""

    username: str
    given_name: str
    family_name: str
    insz: str
    preferred_language: str
    description: str
    roles: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def password(self) -> str:
        return f"demo-{self.username}-2026"

    @property
    def totp_secret(self) -> str:
        return _demo_totp_secret(self.username)

    @property
    def email(self) -> str:
        return f"{self.username}@demo.example"

    def as_dict(self) -> dict[str, object]:
        return {
            "username": self.username,
            "password": self.password,
            "totp_secret": self.totp_secret,
            "name": self.name,
            "insz": self.insz,
            "roles": list(self.roles),
            "description": self.description,
        }


def _user(
    username: str,
    given_name: str,
    family_name: str,
    *,
    birth: dt.date,
    serial: int,
    description: str,
    language: str = "nl",
    roles: tuple[str, ...] = (),
) -> DemoUser:
    return DemoUser(
        username=username,
        given_name=given_name,
        family_name=family_name,
        insz=make_insz(birth, serial).value,
        preferred_language=language,
        description=description,
        roles=roles,
    )


DEMO_USERS: Final = (
    _user(
        "sammy",
        "Sammy",
        "Roos",
        birth=dt.date(1985, 7, 30),
        serial=33,
        description="Emmaüs's mandate manager (SSM Mandaatbeheerder): one mandate to sign, one awaiting BAROCY.",
    ),
    _user(
        "bart",
        "Bart",
        "Baert",
        birth=dt.date(1979, 3, 12),
        serial=101,
        description="Executor at BAROCY (WSE Loket, subsidies): demo-rp for Emmaüs, the Provincialaat or IMEC.",
    ),
    _user(
        "ines",
        "Ines",
        "Claes",
        birth=dt.date(1990, 11, 2),
        serial=222,
        description="Executor at BAROCY and at PwC: reaches IMEC through both, so 'several mandates possible'; "
        "manages PwC's mandates in the portal.",
        language="en",
    ),
    _user(
        "marc",
        "Marc",
        "Verhoeven",
        birth=dt.date(1972, 5, 21),
        serial=57,
        description="BAROCY's mandate manager: a mandate to sign, a transfer to accept, a refused one.",
    ),
    _user(
        "lotte",
        "Lotte",
        "Janssens",
        birth=dt.date(1988, 1, 15),
        serial=86,
        description="BAROCY's local administrator (lokale beheerder): granted BAROCY's user rights.",
    ),
    _user(
        "pieter",
        "Pieter",
        "De Smet",
        birth=dt.date(1968, 9, 9),
        serial=143,
        description="Legal representative of PARKWIND (KBO): demo-rp for the Provincialaat, without any right.",
        language="en",
    ),
    _user(
        "carla",
        "Carla",
        "Peeters",
        birth=dt.date(2001, 4, 4),
        serial=264,
        description="A plain citizen: no mandate, no right; logs in as herself only.",
        language="fr",
    ),
    _user(
        "jan",
        "Jan",
        "Wouters",
        birth=dt.date(1980, 6, 18),
        serial=175,
        description="Acts for his mother Maria (person-to-person tax return mandate) at the SAML demo service.",
    ),
    _user(
        "maria",
        "Maria",
        "Wouters",
        birth=dt.date(1950, 2, 27),
        serial=312,
        description="Jan's mother: gave him a tax return mandate.",
    ),
    _user(
        "admin",
        "Anna",
        "Maes",
        birth=dt.date(1983, 12, 1),
        serial=48,
        description="Administrator: mandate types, applications, keys.",
        roles=("admin",),
    ),
    _user(
        "helpdesk",
        "Hilde",
        "Vermeulen",
        birth=dt.date(1992, 8, 8),
        serial=122,
        description="Helpdesk: reads every mandate and login decision, changes nothing.",
        roles=("helpdesk",),
    ),
)
_BY_USERNAME: Final = {user.username: user for user in DEMO_USERS}


# --- Relying parties --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DemoRelyingParty:
    """A demo application. Its protocol registration (redirect URIs, SAML metadata) is the protocol
    layer's, not the registry's."""

    client_id: str
    name: str
    protocol: str
    mandate_types: tuple[str, ...]
    legal_representatives: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "client_id": self.client_id,
            "name": self.name,
            "protocol": self.protocol,
            "mandate_types": list(self.mandate_types),
            "legal_representatives": self.legal_representatives,
        }


DEMO_RELYING_PARTIES: Final = (
    DemoRelyingParty(
        client_id="demo-rp",
        name="Demo WSE Loket (OIDC)",
        protocol="oidc",
        mandate_types=("wse_loket",),
        legal_representatives=True,
    ),
    DemoRelyingParty(
        client_id="https://demo-sp.example/saml",
        name="Demo subsidies and tax service (SAML)",
        protocol="saml",
        mandate_types=("subsidy_application", "tax_return"),
        legal_representatives=False,
    ),
)


# --- Mandates ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DemoMandate:
    """One demo mandate: its fixed id and the status it has on the day the demo is loaded."""

    slug: str
    id: str
    status: str
    description: str

    def as_dict(self) -> dict[str, object]:
        return {"slug": self.slug, "id": self.id, "status": self.status, "description": self.description}


@dataclass(frozen=True, slots=True)
class _Signature:
    days_ago: int
    # A demo username, or None for a signer without a demo user (named in ``_SIGNERS``).
    by: str | None


@dataclass(frozen=True, slots=True)
class _MandateSpec:
    slug: str
    status: str
    description: str
    mandate_type: str
    mandator: str  # "kbo:..." or a demo username (the user's person)
    mandatee: str
    valid_from: int  # days from today
    valid_until: int | None
    initiator: str
    created: _Signature
    countersigned: _Signature | None = None
    refused: _Signature | None = None
    stopped: _Signature | None = None
    pending_mandatee: str | None = None
    reference: str = ""


def _kbo(number: KboNumber) -> str:
    return f"kbo:{number.value}"


_MANDATES: Final = (
    _MandateSpec(
        "emmaus-barocy-wse",
        "active",
        "Emmaüs lets BAROCY use the WSE Loket (the seeds' example).",
        "wse_loket",
        _kbo(EMMAUS),
        _kbo(BAROCY),
        -180,
        None,
        "mandator",
        _Signature(181, "sammy"),
        _Signature(180, "marc"),
        reference="EMM-WSE-001",
    ),
    _MandateSpec(
        "provincialaat-barocy-wse",
        "active",
        "The Provincialaat lets BAROCY use the WSE Loket until next year.",
        "wse_loket",
        _kbo(PROVINCIALAAT),
        _kbo(BAROCY),
        -90,
        275,
        "mandatee",
        _Signature(92, "marc"),
        _Signature(90, None),
    ),
    _MandateSpec(
        "imec-barocy-wse",
        "active",
        "IMEC through BAROCY: one of IMEC's two WSE Loket mandates.",
        "wse_loket",
        _kbo(IMEC),
        _kbo(BAROCY),
        -60,
        None,
        "mandatee",
        _Signature(61, "marc"),
        _Signature(60, None),
    ),
    _MandateSpec(
        "imec-pwc-wse",
        "active",
        "IMEC through PwC: the other one, hence 'several mandates possible' for ines.",
        "wse_loket",
        _kbo(IMEC),
        _kbo(PWC),
        -30,
        None,
        "mandator",
        _Signature(31, None),
        _Signature(30, None),
    ),
    _MandateSpec(
        "provincialaat-parkwind-wse",
        "active",
        "The Provincialaat lets PARKWIND use the WSE Loket: pieter reaches it as PARKWIND's legal representative.",
        "wse_loket",
        _kbo(PROVINCIALAAT),
        _kbo(PARKWIND),
        -120,
        None,
        "mandatee",
        _Signature(121, "pieter"),
        _Signature(120, None),
    ),
    _MandateSpec(
        "emmaus-barocy-subsidy",
        "awaiting_signature",
        "Created by Sammy for Emmaüs; awaiting BAROCY's signature (marc).",
        "subsidy_application",
        _kbo(EMMAUS),
        _kbo(BAROCY),
        1,
        365,
        "mandator",
        _Signature(2, "sammy"),
        reference="EMM-SUB-2026",
    ),
    _MandateSpec(
        "emmaus-parkwind-subsidy",
        "awaiting_signature",
        "Created by PARKWIND (pieter); awaiting Emmaüs's signature (sammy).",
        "subsidy_application",
        _kbo(EMMAUS),
        _kbo(PARKWIND),
        3,
        None,
        "mandatee",
        _Signature(1, "pieter"),
    ),
    _MandateSpec(
        "provincialaat-barocy-subsidy",
        "future",
        "Signed by both, starts in a month.",
        "subsidy_application",
        _kbo(PROVINCIALAAT),
        _kbo(BAROCY),
        30,
        None,
        "mandatee",
        _Signature(10, "marc"),
        _Signature(8, None),
    ),
    _MandateSpec(
        "emmaus-deloitte-wse",
        "expired",
        "Emmaüs's earlier WSE Loket mandate to Deloitte, ended last month.",
        "wse_loket",
        _kbo(EMMAUS),
        _kbo(DELOITTE),
        -400,
        -35,
        "mandator",
        _Signature(401, "sammy"),
        _Signature(400, None),
    ),
    _MandateSpec(
        "emmaus-pwc-wse",
        "stopped",
        "Stopped by Sammy ten days ago, with immediate effect.",
        "wse_loket",
        _kbo(EMMAUS),
        _kbo(PWC),
        -200,
        None,
        "mandator",
        _Signature(201, "sammy"),
        _Signature(200, None),
        stopped=_Signature(10, "sammy"),
    ),
    _MandateSpec(
        "parkwind-barocy-subsidy",
        "refused",
        "Proposed by PARKWIND, refused by BAROCY (marc).",
        "subsidy_application",
        _kbo(PARKWIND),
        _kbo(BAROCY),
        -5,
        None,
        "mandator",
        _Signature(7, "pieter"),
        refused=_Signature(5, "marc"),
    ),
    _MandateSpec(
        "parkwind-deloitte-wse",
        "active, transfer pending",
        "PARKWIND proposes to move its WSE Loket mandate from Deloitte to BAROCY: marc can accept.",
        "wse_loket",
        _kbo(PARKWIND),
        _kbo(DELOITTE),
        -100,
        None,
        "mandator",
        _Signature(101, "pieter"),
        _Signature(100, None),
        pending_mandatee=_kbo(BAROCY),
    ),
    _MandateSpec(
        "maria-jan-tax",
        "active",
        "Maria lets her son Jan file her tax return (person to person).",
        "tax_return",
        "maria",
        "jan",
        -365,
        None,
        "mandator",
        _Signature(366, "maria"),
        _Signature(365, "jan"),
    ),
)


# --- The document -----------------------------------------------------------------------------------


def _texts(
    nl: tuple[str, str, str, str],
    fr: tuple[str, str, str, str],
    de: tuple[str, str, str, str],
    en: tuple[str, str, str, str],
) -> dict[str, object]:
    return {
        language: {"name": name, "description": description, "creation_text": creation, "stop_text": stop}
        for language, (name, description, creation, stop) in (("nl", nl), ("fr", fr), ("de", de), ("en", en))
    }


def _mandate_types() -> list[dict[str, object]]:
    return [
        {
            "code": "wse_loket",
            # Flanders' SSM type number for the WSE Loket.
            "number": 104,
            "mandator_kinds": ["organisation"],
            "mandatee_kinds": ["organisation"],
            "texts": _texts(
                (
                    "WSE Loket",
                    "Arbeidskaarten en toelatingen aanvragen bij het Departement Werk en Sociale Economie.",
                    "Ik machtig de mandaatnemer om in mijn naam aanvragen in te dienen en op te volgen in het "
                    "WSE Loket van het Departement Werk en Sociale Economie.",
                    "Ik beëindig dit mandaat met onmiddellijke ingang: de mandaatnemer kan niet langer in mijn "
                    "naam optreden in het WSE Loket.",
                ),
                (
                    "Guichet WSE",
                    "Demander des permis de travail et des autorisations au Département Emploi et Économie sociale.",
                    "J'autorise le mandataire à introduire et à suivre en mon nom des demandes au guichet WSE du "
                    "Département Emploi et Économie sociale.",
                    "Je mets fin à ce mandat avec effet immédiat : le mandataire ne peut plus agir en mon nom au "
                    "guichet WSE.",
                ),
                (
                    "WSE-Schalter",
                    "Arbeitserlaubnisse und Genehmigungen beim Departement Arbeit und Sozialwirtschaft beantragen.",
                    "Ich ermächtige den Mandatsträger, in meinem Namen Anträge am WSE-Schalter des Departements "
                    "Arbeit und Sozialwirtschaft einzureichen und zu verfolgen.",
                    "Ich beende dieses Mandat mit sofortiger Wirkung: Der Mandatsträger kann nicht mehr in meinem "
                    "Namen am WSE-Schalter handeln.",
                ),
                (
                    "WSE Loket",
                    "Apply for work permits and authorisations at the Department of Work and Social Economy.",
                    "I authorise the mandatee to file and follow up applications in my name at the WSE Loket of "
                    "the Department of Work and Social Economy.",
                    "I end this mandate with immediate effect: the mandatee can no longer act in my name at the "
                    "WSE Loket.",
                ),
            ),
        },
        {
            "code": "tax_return",
            # A demo number.
            "number": 201,
            "mandator_kinds": ["person"],
            "mandatee_kinds": ["organisation", "person"],
            "texts": _texts(
                (
                    "Belastingaangifte",
                    "De aangifte personenbelasting invullen, indienen en opvolgen.",
                    "Ik machtig de mandaatnemer om in mijn naam mijn aangifte personenbelasting in te vullen en in "
                    "te dienen.",
                    "Ik beëindig dit mandaat met onmiddellijke ingang.",
                ),
                (
                    "Déclaration d'impôt",
                    "Remplir, introduire et suivre la déclaration à l'impôt des personnes physiques.",
                    "J'autorise le mandataire à remplir et introduire en mon nom ma déclaration à l'impôt des "
                    "personnes physiques.",
                    "Je mets fin à ce mandat avec effet immédiat.",
                ),
                (
                    "Steuererklärung",
                    "Die Einkommensteuererklärung ausfüllen, einreichen und verfolgen.",
                    "Ich ermächtige den Mandatsträger, in meinem Namen meine Einkommensteuererklärung auszufüllen "
                    "und einzureichen.",
                    "Ich beende dieses Mandat mit sofortiger Wirkung.",
                ),
                (
                    "Tax return",
                    "Fill in, file and follow up the personal income tax return.",
                    "I authorise the mandatee to fill in and file my personal income tax return in my name.",
                    "I end this mandate with immediate effect.",
                ),
            ),
        },
        {
            "code": "subsidy_application",
            # A demo number.
            "number": 310,
            "mandator_kinds": ["organisation"],
            "mandatee_kinds": ["organisation"],
            "texts": _texts(
                (
                    "Subsidieaanvraag",
                    "Subsidies aanvragen en de dossiers opvolgen.",
                    "Ik machtig de mandaatnemer om in mijn naam subsidies aan te vragen en de dossiers op te volgen.",
                    "Ik beëindig dit mandaat met onmiddellijke ingang.",
                ),
                (
                    "Demande de subvention",
                    "Demander des subventions et suivre les dossiers.",
                    "J'autorise le mandataire à demander en mon nom des subventions et à suivre les dossiers.",
                    "Je mets fin à ce mandat avec effet immédiat.",
                ),
                (
                    "Subventionsantrag",
                    "Subventionen beantragen und die Akten verfolgen.",
                    "Ich ermächtige den Mandatsträger, in meinem Namen Subventionen zu beantragen und die Akten "
                    "zu verfolgen.",
                    "Ich beende dieses Mandat mit sofortiger Wirkung.",
                ),
                (
                    "Subsidy application",
                    "Apply for subsidies and follow up the files.",
                    "I authorise the mandatee to apply for subsidies in my name and to follow up the files.",
                    "I end this mandate with immediate effect.",
                ),
            ),
        },
    ]


def _person_ref(username: str) -> str:
    return f"insz:{_BY_USERNAME[username].insz}"


def _party_ref(text: str) -> str:
    return text if ":" in text else _person_ref(text)


def _party_name(reference: str) -> str:
    scheme, _, identifier = reference.partition(":")
    if scheme == "kbo":
        return _NAMES[identifier]
    return next(user.name for user in DEMO_USERS if user.insz == identifier)


class _Clock:
    """Dates and moments relative to ``today``: signatures at 09:30 UTC, so a day's order is stable."""

    def __init__(self, today: dt.date) -> None:
        self.today = today

    def day(self, offset: int | None) -> str | None:
        return None if offset is None else (self.today + dt.timedelta(days=offset)).isoformat()

    def moment(self, days_ago: int, minutes: int = 0) -> str:
        day = self.today - dt.timedelta(days=days_ago)
        at = dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
        return at.isoformat().replace("+00:00", "Z")


def _mandate(spec: _MandateSpec, clock: _Clock) -> dict[str, object]:
    mandator, mandatee = _party_ref(spec.mandator), _party_ref(spec.mandatee)
    counterparty = "mandatee" if spec.initiator == "mandator" else "mandator"
    sides = {"mandator": mandator, "mandatee": mandatee}

    def actor(
        signature: _Signature, side: str, action: str, detail: dict[str, object], minutes: int = 0
    ) -> dict[str, object]:
        party = sides[side]
        user = _BY_USERNAME.get(signature.by) if signature.by else None
        actor_name = user.name if user else _SIGNERS.get(party.partition(":")[2], "")
        return {
            "at": clock.moment(signature.days_ago, minutes),
            "action": action,
            "actor": signature.by,
            "actor_name": actor_name,
            "acting_for": party,
            "acting_for_name": _party_name(party),
            "detail": detail,
        }

    # The event details follow ``lifecycle.MandateService`` (``by_side`` is read back by transfers).
    events = [
        actor(spec.created, spec.initiator, "created", {"role": spec.initiator, "mandate_type": spec.mandate_type})
    ]
    record: dict[str, object] = {
        "id": _mandate_id(spec.slug),
        "type": spec.mandate_type,
        "mandator": mandator,
        "mandatee": mandatee,
        "valid_from": clock.day(spec.valid_from),
        "valid_until": clock.day(spec.valid_until),
        "reference": spec.reference,
        "language": "nl",
        "state": "awaiting_signature",
        "initiator": spec.initiator,
        "created_at": clock.moment(spec.created.days_ago),
        "created_by": spec.created.by,
        f"{spec.initiator}_signed_at": clock.moment(spec.created.days_ago),
        f"{spec.initiator}_signed_by": spec.created.by,
    }
    if spec.countersigned is not None:
        record["state"] = "signed"
        record[f"{counterparty}_signed_at"] = clock.moment(spec.countersigned.days_ago, 45)
        record[f"{counterparty}_signed_by"] = spec.countersigned.by
        events.append(actor(spec.countersigned, counterparty, "signed", {"side": counterparty}, 45))
    if spec.refused is not None:
        record["state"] = "refused"
        events.append(actor(spec.refused, counterparty, "refused", {"side": counterparty}, 45))
    if spec.stopped is not None:
        record["state"] = "stopped"
        record["stopped_at"] = clock.moment(spec.stopped.days_ago, 90)
        record["stopped_by"] = spec.stopped.by
        events.append(actor(spec.stopped, "mandator", "stopped", {"status": "active"}, 90))
    if spec.pending_mandatee is not None:
        record["pending_mandatee"] = spec.pending_mandatee
        new_mandatee = _party_name(spec.pending_mandatee)
        events.append(
            actor(
                _Signature(3, spec.created.by),
                "mandator",
                "transfer_requested",
                {"by_side": "mandator", "new_mandatee": new_mandatee},
            )
        )
    record["events"] = events
    return record


def demo_document(today: dt.date) -> dict[str, object]:
    """The demo world as a registry document, with its dates relative to ``today``.

    >>> document = demo_document(dt.date(2026, 3, 1))
    >>> sorted(m["valid_from"] for m in document["mandates"])[0]  # type: ignore[attr-defined, index]
    '2025-01-25'
    """
    clock = _Clock(today)
    # Relations start on fixed dates: they are part of their natural keys, so a reload on another day
    # must find the same ones (mandates have fixed ids instead).
    since = "2020-01-01"
    parties: list[dict[str, object]] = [
        {
            "scheme": "kbo",
            "identifier": number.value,
            "name": name,
            "street": street,
            "postal_code": postal_code,
            "city": city,
        }
        for number, name, street, postal_code, city in _ORGANISATIONS
    ]
    parties += [
        {"scheme": "insz", "identifier": user.insz, "given_name": user.given_name, "family_name": user.family_name}
        for user in DEMO_USERS
    ]
    users = [
        {
            "username": user.username,
            "person": _person_ref(user.username),
            "email": user.email,
            "preferred_language": user.preferred_language,
            "roles": list(user.roles),
            "credentials": [
                {"kind": "password", "password": user.password},
                {"kind": "totp", "secret": user.totp_secret, "label": "Demo authenticator"},
            ],
        }
        for user in DEMO_USERS
    ]
    work_relations = [
        {"user": username, "organisation": _kbo(organisation), "kind": kind, "valid_from": since}
        for username, organisation, kind in (
            ("sammy", EMMAUS, "Vaste Medewerker"),
            ("bart", BAROCY, "Vaste Medewerker"),
            ("ines", BAROCY, "Vaste Medewerker"),
            ("ines", PWC, "Externe Medewerker"),
            ("marc", BAROCY, "Vaste Medewerker"),
            ("lotte", BAROCY, "Vaste Medewerker"),
        )
    ]
    manager, executor = "ssm_mandaatbeheerder", "ssm_mandaatuitvoerder"
    rights = [
        {"user": "sammy", "organisation": _kbo(EMMAUS), "right": manager, "valid_from": "2021-06-01"},
        {"user": "marc", "organisation": _kbo(BAROCY), "right": manager, "valid_from": since, "granted_by": "lotte"},
        {
            "user": "bart",
            "organisation": _kbo(BAROCY),
            "right": executor,
            "valid_from": "2022-09-01",
            "mandate_types": ["subsidy_application", "wse_loket"],
            "granted_by": "lotte",
        },
        {
            "user": "ines",
            "organisation": _kbo(BAROCY),
            "right": executor,
            "valid_from": "2023-01-01",
            "valid_until": clock.day(365),
            "mandate_types": ["wse_loket"],
            "granted_by": "lotte",
        },
        {
            "user": "ines",
            "organisation": _kbo(PWC),
            "right": executor,
            "valid_from": "2024-02-01",
            "mandate_types": ["wse_loket"],
        },
        # PwC's mandates need a manager too: a transfer to PwC is accepted by ines in the portal.
        {"user": "ines", "organisation": _kbo(PWC), "right": manager, "valid_from": "2024-02-01"},
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "parties": parties,
        "users": users,
        "work_relations": work_relations,
        "local_administrators": [{"user": "lotte", "organisation": _kbo(BAROCY), "valid_from": since}],
        "rights": rights,
        "legal_representatives": [
            {
                "person": _person_ref("pieter"),
                "organisation": _kbo(PARKWIND),
                "function": "Bestuurder",
                "valid_from": "2019-05-01",
            }
        ],
        "mandate_types": _mandate_types(),
        "mandates": [_mandate(spec, clock) for spec in _MANDATES],
        "applications": [
            {
                "client_id": rp.client_id,
                "name": rp.name,
                "protocol": rp.protocol,
                "legal_representatives": rp.legal_representatives,
                "mandate_types": list(rp.mandate_types),
            }
            for rp in DEMO_RELYING_PARTIES
        ],
    }


# --- Loading ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DemoWorld:
    """What :func:`load_demo` made: the users to log in with, the relying parties, the mandates."""

    today: dt.date
    users: tuple[DemoUser, ...]
    relying_parties: tuple[DemoRelyingParty, ...]
    mandates: tuple[DemoMandate, ...]
    report: ImportReport

    def user(self, username: str) -> DemoUser:
        return _BY_USERNAME[username]

    def as_dict(self) -> dict[str, object]:
        """For printing (``idp demo load --json``)."""
        return {
            "today": self.today.isoformat(),
            "users": [user.as_dict() for user in self.users],
            "relying_parties": [rp.as_dict() for rp in self.relying_parties],
            "mandates": [mandate.as_dict() for mandate in self.mandates],
            "import": self.report.summary(),
        }


def load_demo(session: Session, today: dt.date, *, profile: HashProfile = DEFAULT_PROFILE) -> DemoWorld:
    """Create or refresh the demo world in ``session`` (flushed; the caller commits). Idempotent.

    Loading it again on the same day changes nothing; on a later day it moves the dates, so the active
    mandates stay active. ``profile`` is the argon2id cost of the demo passwords (tests pass a light one).

    Example::

        with transaction(sessions) as session:
            world = load_demo(session, date.today())
        print(world.user("sammy").password)  # demo-sammy-2026
    """
    report = import_world(session, demo_document(today), mode="upsert", profile=profile)
    mandates = tuple(
        DemoMandate(spec.slug, _mandate_id(spec.slug), spec.status, spec.description) for spec in _MANDATES
    )
    return DemoWorld(
        today=today,
        users=DEMO_USERS,
        relying_parties=DEMO_RELYING_PARTIES,
        mandates=mandates,
        report=report,
    )
