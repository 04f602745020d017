from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from idp.cli import main
from idp.saml.models import ServiceProvider
from idp.saml.testing import KeyPair, TestServiceProvider
from idp.settings import Settings


def test_sp_add_from_a_file_and_list(settings: Settings, tmp_path: Path, db: object) -> None:
    sp = TestServiceProvider.create(
        "https://cli-sp.example/metadata", "https://cli-sp.example/acs", encryption_keys=KeyPair.generate("enc")
    )
    file = tmp_path / "sp.xml"
    file.write_text(sp.metadata(), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        main, ["sp", "add", str(file), "--name", "CLI SP", "--encrypt", "--name-id-format", "persistent",
               "--sign-assertions", "always"],
        obj={"settings": settings},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "https://cli-sp.example/metadata" in result.output
    listed = runner.invoke(main, ["sp", "list"], obj={"settings": settings})
    assert "https://cli-sp.example/metadata" in listed.output and "encrypted" in listed.output
    assert "signed assertions=always" in listed.output


def test_sp_add_refuses_encryption_without_an_encryption_key(settings: Settings, tmp_path: Path, db: object) -> None:
    sp = TestServiceProvider.create("https://cli-sp.example/metadata", "https://cli-sp.example/acs")
    file = tmp_path / "sp.xml"
    file.write_text(sp.metadata(), encoding="utf-8")  # a signing key only: the assertion would go out in clear
    result = CliRunner().invoke(main, ["sp", "add", str(file), "--encrypt"], obj={"settings": settings})
    assert result.exit_code != 0 and "encryption certificate" in result.output


def test_sp_add_refuses_bad_metadata(settings: Settings, tmp_path: Path, db: object) -> None:
    file = tmp_path / "bad.xml"
    file.write_text('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', encoding="utf-8")
    result = CliRunner().invoke(main, ["sp", "add", str(file)], obj={"settings": settings})
    assert result.exit_code != 0
    plain = TestServiceProvider.create("https://plain.example/metadata", "http://plain.example/acs")
    file.write_text(plain.metadata(), encoding="utf-8")  # ACS over plain http on a public host
    result = CliRunner().invoke(main, ["sp", "add", str(file)], obj={"settings": settings})
    assert result.exit_code != 0 and "https" in result.output


__all__ = ["ServiceProvider", "select"]
