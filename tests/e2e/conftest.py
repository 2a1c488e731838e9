"""Browser tests: Playwright drives Debian's Chromium against Django's live server."""

import contextlib
import os
import shutil

import pytest

from repatria.screening.tests.conftest import partner, token_key  # noqa: F401 (the yente client suite's fixtures)

# Playwright's sync API runs an event loop in the test thread, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@contextlib.contextmanager
def browser_page(browser, live_server):
    """A page in a browser context of its own: its own cookies, as another computer would have."""
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def page(browser, live_server, settings):
    # The live server speaks plain HTTP: cookies marked Secure (SECURE_TLS) would not come back.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    with browser_page(browser, live_server) as page:
        yield page


@pytest.fixture
def csp_violations(page):
    """What the browser refused under the Content-Security-Policy; a test asserts it stays empty."""
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else 0)
    return refused


@pytest.fixture
def second_page(browser, page, live_server):
    """Another officer's browser."""
    with browser_page(browser, live_server) as other:
        yield other


@pytest.fixture
def sign_in(page):
    """Sign in as an enrolled officer would: password, then the code their authenticator app shows."""
    default_page = page

    def sign_in(user, password: str, on=None) -> None:
        """On `page`, or on another browser's page given as `on`."""
        from repatria.accounts.testing import current_code, totp_device

        device = totp_device(user)
        page = on or default_page
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.get_by_role("button", name="登录").click()
        page.get_by_role("heading", name="登录验证码").wait_for()
        page.fill("#id_code", current_code(device))
        page.get_by_role("button", name="验证").click()

    return sign_in
