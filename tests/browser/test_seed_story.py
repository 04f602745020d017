"""The seed story in a real browser (seeds/000, steps 0 to 3, then ACM steps 4 to 9): Sammy Roos makes a WSE
Loket mandate for Emmaüs to BAROCY in the portal, BAROCY's manager signs it, BAROCY's local administrator makes
an executor, and the executor logs in to the demo application on behalf of Emmaüs; then the mandate is
transferred and stopped, and Sammy uploads 500 mandates at once. Every person uses their own browser, on our
real pages, through the real login; screenshots go to test-artifacts/story-*.png.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

from sqlalchemy import func, select

from mandate_resolver.registry.models import Mandate, MandateState
from tests.browser.story_support import Story, forget_mandate, story  # noqa: F401 - the fixture
from tests.idp.portal_bulk.bulk_support import clean_rows, csv_bytes, make_organisations

MANDATE_URL = re.compile(r"/portal/mandates/([0-9a-f-]{36})$")


def log_in_to_demo_application(live: Story, username: str, on_behalf_of: str):  # type: ignore[no-untyped-def]
    """``username`` opens the demo application, logs in and chooses ``on_behalf_of``: the ID token's claims,
    and the person's page (still logged in)."""
    page = live.person()
    page.goto(live.rp_url + "/login")
    live.sign_in(page, username)
    page.get_by_role("heading", name="Namens wie wilt u zich aanmelden?").wait_for()
    live.shot(page, f"{username}-selection")
    page.get_by_label(f"Namens {on_behalf_of}").check()
    page.get_by_role("button", name="Verder").click()
    live.wait_for_rp(page)
    live.shot(page, f"{username}-at-the-application")
    claims: dict[str, object] = json.loads(page.locator("#id-token").inner_text())
    return claims, page


def enter_portal(live: Story, username: str, party: str):  # type: ignore[no-untyped-def]
    """``username`` opens the portal, logs in and chooses to act for ``party``: their page, on the dashboard."""
    page = live.person()
    page.goto(live.url + "/portal")
    live.sign_in(page, username)
    page.get_by_role("heading", name="In wiens naam wilt u mandaten beheren?").wait_for()
    page.get_by_label(party).check()
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url(re.compile(r"/portal/mandates$"))
    return page


def act_on(page, action: str, confirm: str, *, accept: bool = False) -> None:  # type: ignore[no-untyped-def]
    """On a mandate's detail page: open ``action``, accept the contract if asked, confirm."""
    page.get_by_role("link", name=action, exact=True).click()
    if accept:
        page.get_by_label("Ik heb de voorwaarden gelezen en ga ermee akkoord").check()
    page.get_by_role("button", name=confirm, exact=True).click()
    page.wait_for_url(MANDATE_URL)


def test_the_seed_story(story: Story, tmp_path: Path) -> None:  # noqa: F811
    # The demo world already has this mandate; the story makes it anew.
    forget_mandate(story, "emmaus-barocy-wse")

    # Step 1: Sammy Roos, mandate manager of Emmaüs, creates a WSE Loket mandate to BAROCY.
    sammy = enter_portal(story, "sammy", "Emmaüs")
    story.shot(sammy, "01-sammy-dashboard")
    sammy.get_by_role("link", name="Nieuw mandaat").click()
    sammy.locator("#valid_from").fill(dt.date.today().isoformat())
    sammy.locator("#type-wse_loket").check()
    sammy.locator("#role-mandator").check()
    sammy.locator("#counterparty").fill("BE 0806.154.033")
    story.shot(sammy, "02-sammy-create")
    sammy.get_by_role("button", name="Volgende").click()
    sammy.get_by_role("heading", name="Het mandaat bevestigen").wait_for()
    story.shot(sammy, "03-sammy-confirm")
    sammy.get_by_label("Ik heb de voorwaarden gelezen en ga ermee akkoord").check()
    sammy.get_by_role("button", name="Bevestigen").click()
    sammy.wait_for_url(MANDATE_URL)
    match = MANDATE_URL.search(sammy.url)
    assert match is not None
    mandate_id = match.group(1)
    assert "aangemaakt door Sammy Roos (Emmaüs)" in sammy.locator("main").inner_text()
    story.shot(sammy, "04-sammy-created")

    # Step 2: BAROCY's mandate manager (Marc) finds it among the mandates to sign, and signs it.
    marc = enter_portal(story, "marc", "BAROCY")
    to_sign = marc.get_by_role("region", name="Mandaten die ik moet ondertekenen")
    story.shot(marc, "05-marc-dashboard")
    to_sign.get_by_role("link", name=re.compile(r"Mandaat \d+")).first.click()
    marc.wait_for_url(MANDATE_URL)
    assert mandate_id in marc.url
    act_on(marc, "Ondertekenen", "Ondertekenen", accept=True)
    marc.get_by_text("Het mandaat is nu getekend.").wait_for()
    story.shot(marc, "06-marc-signed")

    # Step 3: BAROCY's local administrator (Lotte) makes Marc an executor for WSE Loket mandates.
    lotte = story.person()
    lotte.goto(story.url + "/rights")
    story.sign_in(lotte, "lotte")
    lotte.get_by_role("link", name="Recht toekennen aan Marc Verhoeven").click()
    lotte.locator("#kind-ssm_mandaatuitvoerder").check()
    lotte.locator("#mandate_type-wse_loket").check()
    story.shot(lotte, "07-lotte-grant")
    lotte.get_by_role("button", name="Toekennen").click()
    lotte.get_by_text("Marc Verhoeven heeft het gebruikersrecht gekregen.").wait_for()
    story.shot(lotte, "08-lotte-granted")

    # Steps 4-9: the executor logs in to the demo application on behalf of Emmaüs, through BAROCY.
    claims, marc_at_application = log_in_to_demo_application(story, "marc", "Emmaüs")
    mandate = claims["mandate"]
    assert isinstance(mandate, dict)
    assert mandate["id"] == mandate_id and mandate["type"] == "wse_loket"
    assert mandate["mandator"]["name"] == "Emmaüs" and mandate["mandatee"]["name"] == "BAROCY"  # type: ignore[index]

    # Transfer: Emmaüs moves the mandate to PwC; PwC's manager (Ines) accepts.
    sammy.goto(f"{story.url}/portal/mandates/{mandate_id}")
    sammy.get_by_role("link", name="Overdragen", exact=True).click()
    sammy.locator("#new_mandatee").fill("BE " + _pwc_number(story))
    sammy.get_by_role("button", name="Overdracht aanvragen").click()
    sammy.wait_for_url(MANDATE_URL)
    story.shot(sammy, "09-sammy-transfer-requested")
    ines = enter_portal(story, "ines", "PricewaterhouseCoopers")
    ines.goto(f"{story.url}/portal/mandates/{mandate_id}")
    act_on(ines, "Overdracht aanvaarden", "Aanvaarden", accept=True)
    ines.get_by_text("De overdracht werd aanvaard.").wait_for()
    story.shot(ines, "10-ines-accepted")

    # Stop: Sammy stops it, with immediate effect.
    sammy.goto(f"{story.url}/portal/mandates/{mandate_id}")
    act_on(sammy, "Stopzetten", "Stopzetten")
    sammy.get_by_text("Het mandaat werd stopgezet.").wait_for()
    story.shot(sammy, "11-sammy-stopped")
    with story.session() as session:
        stopped = session.scalar(select(Mandate).where(Mandate.id == mandate_id))
        assert stopped is not None and stopped.state == MandateState.STOPPED
        assert stopped.mandatee.name == "PricewaterhouseCoopers Tax Consultants"
    # Marc chooses again at the application (single sign-on, no password): Emmaüs is no longer offered.
    marc_at_application.goto(story.rp_url + "/login?prompt=select_account")
    marc_at_application.get_by_role("heading", name="Namens wie wilt u zich aanmelden?").wait_for()
    assert marc_at_application.get_by_label("Namens Emmaüs").count() == 0
    assert marc_at_application.get_by_label("Namens Interuniversitair Micro-Electronica Centrum (IMEC)").count() == 1

    # A CSV upload of 500 mandates, checked with its progress bar, then created in one go.
    with story.session() as session:
        clients = make_organisations(session, 500)
        session.commit()
        before = session.scalar(select(func.count()).select_from(Mandate))
    upload = tmp_path / "clients.csv"
    upload.write_bytes(csv_bytes(clean_rows(clients)))
    sammy.goto(story.url + "/portal/bulk?lang=en")
    sammy.set_input_files("#file", str(upload))
    started = time.monotonic()
    sammy.get_by_role("button", name="Check the file").click()
    sammy.get_by_text("All 500 lines are fine.").wait_for(timeout=60_000)
    story.shot(sammy, "12-sammy-upload-checked")
    sammy.get_by_label("I accept the contract text").check()
    sammy.get_by_role("button", name="Create 500 mandates").click()
    sammy.get_by_text("500 mandates created.").wait_for(timeout=60_000)
    story.shot(sammy, "13-sammy-500-created")
    print(f"\nseed story: 500 mandates checked and created in {time.monotonic() - started:.1f} s")
    with story.session() as session:
        assert session.scalar(select(func.count()).select_from(Mandate)) == before + 500


def _pwc_number(live: Story) -> str:
    from mandate_resolver.registry.models import Party

    with live.session() as session:
        pwc = session.scalar(select(Party).where(Party.name == "PricewaterhouseCoopers Tax Consultants"))
        assert pwc is not None
        return pwc.identifier
