"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright runs an event loop in the test thread; the ORM calls the tests make there are
# still synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module: Playwright's event loop then stops before tests of
    other modules run (pyHanko's signing calls asyncio.run, which a running loop forbids)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _seeded_rows(transactional_db):
    """Browser tests run outside a transaction and the database is flushed after each, rows
    seeded by data migrations included: put those back (every seed is idempotent).

    Django's serialized rollback cannot do it here: under Playwright's event loop the test
    gets another connection object than the one serialized at setup."""
    from motcua.notify.shipped import seed_templates as seed_messages
    from motcua.printing.shipped import seed_templates as seed_forms
    from motcua.reports.models import IndexMetric
    from motcua.reports.seed import seed_metrics
    from motcua.rules.models import RuleSet
    from motcua.rules.seed import seed_rule_sets
    from motcua.workdays.services import seed_calendar

    seed_calendar()
    seed_forms()
    seed_messages()
    seed_metrics(IndexMetric)
    seed_rule_sets(RuleSet)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
