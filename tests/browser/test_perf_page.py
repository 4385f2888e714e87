"""The developer page with the benchmark results: local only and accessible."""
import pytest
from helpers import axe_violations, describe_violations

pytestmark = pytest.mark.browser


def test_performance_page_is_local_and_accessible(watched_page, site_url):
    page = watched_page
    page.goto(site_url + "utviklere/ytelse/", wait_until="networkidle")
    assert page.locator("h1").inner_text().startswith("Ytelse")
    # Each ratio is shown with both sides.
    assert page.locator("table td code", has_text="worker_snapshot_vs_normal").count() == 1
    assert page.locator("table td code", has_text="aggregate_vs_pandas").count() == 1
    assert page.watch.foreign_requests() == []
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
