"""A new officer's first sign-in: password, then setting up the authenticator app, then the dashboard."""

import base64
import re

import pytest
from django_otp.oath import totp

# serialized_rollback: a test after one that used it finds the reference rows (content types) restored.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_new_officer_enrols_an_authenticator_and_reaches_the_dashboard(
    page, live_server, django_user_model, csp_violations
):
    django_user_model.objects.create_user("newcomer", password="correct horse 9", role="provincial_officer")
    page.goto("/")
    page.fill("#id_username", "newcomer")
    page.fill("#id_password", "correct horse 9")
    page.get_by_role("button", name="登录").click()

    page.get_by_role("heading", name="设置双因素登录").wait_for()
    assert page.get_by_role("img", name="密钥二维码").is_visible()
    secret = re.sub(r"\s", "", page.locator("#otp-secret").inner_text())  # as a user types it into an app
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_code", f"{totp(key):06d}")
    page.get_by_role("button", name="确认").click()

    page.get_by_role("heading", name="恢复码").wait_for()
    assert len(page.locator("#recovery-codes li").all_inner_texts()) == 10
    page.get_by_role("link", name="我已妥善保存，继续").click()
    page.get_by_role("heading", name="工作台").wait_for()
    assert page.url == f"{live_server.url}/"
    assert not csp_violations
