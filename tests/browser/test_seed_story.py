"""The seed story in a real browser (seeds/000, steps 0 to 3, then ACM steps 4 to 9): mandates are made in the
portal, an executor is made in user rights, and the executor logs in to the demo application on behalf of
the mandator. Every step is a person in their own browser, on our real pages; screenshots in test-artifacts/.
"""

from __future__ import annotations

import json

from tests.browser.story_support import Story, story  # noqa: F401 - the fixture


def log_in_to_demo_application(live: Story, username: str, on_behalf_of: str) -> dict[str, object]:
    """``username`` opens the demo application, logs in and chooses ``on_behalf_of``; the ID token's claims."""
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
    return claims


def test_an_executor_logs_in_to_the_demo_application_on_behalf_of_emmaus(story: Story) -> None:  # noqa: F811
    claims = log_in_to_demo_application(story, "bart", "Emmaüs")
    mandate = claims["mandate"]
    assert isinstance(mandate, dict)
    assert mandate["mandator"]["name"] == "Emmaüs"  # type: ignore[index]
    assert mandate["mandatee"]["name"] == "BAROCY"  # type: ignore[index]
    assert mandate["type"] == "wse_loket"
