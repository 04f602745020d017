"""docs/registry-format.md: its example imports, and its error lines are what the import says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from mandate_resolver.registry.exchange import SECTIONS, WorldInvalid, export_world, import_world
from mandate_resolver.registry.passwords import TEST_PROFILE

DOC = Path(__file__).resolve().parents[3] / "docs" / "registry-format.md"


def example() -> dict[str, Any]:
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) == 1
    document: dict[str, Any] = json.loads(blocks[0])
    return document


def documented_errors() -> list[str]:
    text = DOC.read_text(encoding="utf-8").split("## Errors", 1)[1]
    block = text.split("```", 2)[1]
    return [line.strip() for line in block.strip().splitlines()[1:]]


def test_the_example_is_a_complete_valid_world(session: Session) -> None:
    document = example()
    assert set(SECTIONS) <= set(document)
    report = import_world(session, document, mode="create", profile=TEST_PROFILE)
    assert report.created == sum(len(document[section]) for section in SECTIONS)
    exported = export_world(session)
    assert len(exported["mandates"]) == 1  # type: ignore[arg-type]
    assert not import_world(session, exported).changed


def test_the_documented_errors_are_the_real_messages(session: Session) -> None:
    document = example()
    document["parties"][1]["identifier"] = "0806154034"
    document["parties"][0]["citty"] = "Mechelen"
    del document["rights"][1]["mandate_types"]
    document["mandates"][0]["mandator"] = "insz:85073003328"
    document["mandates"][0]["mandatee"] = "kbo:0425260668"
    with pytest.raises(WorldInvalid) as caught:
        import_world(session, document, profile=TEST_PROFILE)
    reported = {str(problem) for problem in caught.value.problems}
    assert set(documented_errors()) <= reported, reported
