"""No page type shifts its layout while it loads: Cumulative Layout Shift below 0.05 on a cold
load at phone (390×844) and desktop (1366×900) size, measured in the page with a
PerformanceObserver. The load is slowed as on a phone (150 ms round trip, 1.6 Mbit/s, CPU
slowed down 2×), so CSS or data that arrives after the first paint shows up as a shift, and
scrollbars are shown, so a page that grows a scrollbar after load shifts sideways."""
from __future__ import annotations

import pytest

from helpers import DESKTOP, PAGE_TYPES, PHONE, page_type_path

pytestmark = pytest.mark.browser

SIZES = {"phone": PHONE, "desktop": DESKTOP}
LIMIT = 0.05

OBSERVE = """
window.__vvShifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    window.__vvShifts.push({time: e.startTime, value: e.value,
      sources: e.sources.map(s => s.node ? (s.node.id || s.node.className || s.node.nodeName) : "?")});
  }
}).observe({type: "layout-shift", buffered: true});
"""

# CLS as browsers report it: the largest session window (shifts less than 1 s apart, 5 s at most)
CLS = """() => {
  let best = 0, current = 0, start = -1, last = -1;
  for (const s of window.__vvShifts) {
    if (start < 0 || s.time - last >= 1000 || s.time - start >= 5000) { current = 0; start = s.time; }
    current += s.value; last = s.time; best = Math.max(best, current);
  }
  return {cls: best, shifts: window.__vvShifts};
}"""


@pytest.fixture(scope="module")
def browser_with_scrollbars(browser_type, browser_type_launch_args):
    """Chromium as in the other tests, but with visible scrollbars (Playwright hides them)."""
    browser = browser_type.launch(**browser_type_launch_args, ignore_default_args=["--hide-scrollbars"])
    yield browser
    browser.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_layout_shift_on_a_cold_load(kind, size, browser_with_scrollbars, site_url, site_dir):
    context = browser_with_scrollbars.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                      "downloadThroughput": 200_000, "uploadThroughput": 90_000})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 2})
        page.goto(site_url + page_type_path(site_dir, kind), wait_until="load", timeout=60_000)
        page.wait_for_timeout(2500)      # late arrivals: data the page fetches, fonts, results
        result = page.evaluate(CLS)
        shifts = [(round(s["value"], 3), s["sources"][:3]) for s in result["shifts"]]
        assert result["cls"] < LIMIT, f"CLS {result['cls']:.3f} on {kind} ({size}): {shifts}"
    finally:
        context.close()
