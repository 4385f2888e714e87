"""Python from the memory snapshot in the browser (worker.mjs), where the runtime is cached for
offline use («Min fremgang» here; a kiosk tablet alike): the first visit starts Python normally
and the snapshot gets cached; the next visit restores it; a cached copy that does not restore
falls back to a normal start. In every case, forms answered before, during and after the start
are kept and scored: the queue in IndexedDB never loses one. An ordinary visit to a feedback
page keeps nothing (issue 11)."""
from __future__ import annotations

import gzip
import json
import re
import time

import pytest

pytestmark = pytest.mark.browser

SURVEY = "tilbakemelding/min-fremgang/"       # data-offline: the runtime and the snapshot are kept
SCOPE = 'section[data-survey="livsomrader"]'     # the first check-in on that page
PLAIN = "tilbakemelding/brukerundersokelse/"     # an ordinary feedback page
BOOT_MS = 120_000


def snapshot_name(site_dir) -> str:
    text = (site_dir / "assets" / "veiviser" / "worker.mjs").read_text("utf-8")
    found = re.search(r'^const SNAPSHOT = "(snapshot-[0-9a-f]{16}\.bin\.gz)";$', text, re.M)
    assert found, "the build did not name the snapshot in worker.mjs"
    return found.group(1)


def html_state(page) -> dict:
    return page.evaluate("({...document.documentElement.dataset})")


def answer(page) -> str:
    """Answer every rating and send; returns what Python was doing at that moment."""
    # The check-in form sits in «Ny registrering» (a <details>): open it.
    page.evaluate("(s) => { for (const d of document.querySelectorAll(`${s} details`)) if (d.querySelector('form')) d.open = true; }",
                  SCOPE)
    again = page.locator(f"{SCOPE} .vv-again button")
    if again.is_visible():
        again.click()
    page.locator(f"{SCOPE} form.vv-form button[type=submit]:not([disabled])").wait_for()
    # Resolves on vv:stored, which survey.js sends once IndexedDB has committed the answer.
    return page.evaluate("""(scope) => new Promise((resolve) => {
        for (const fs of document.querySelectorAll(`${scope} form.vv-form fieldset`)) {
          const first = fs.querySelector("input[type=radio]");
          if (first) first.checked = true;
        }
        const state = document.documentElement.dataset.vvWorker;
        document.addEventListener("vv:stored", () => resolve(state), { once: true });
        document.querySelector(`${scope} form.vv-form button[type=submit]`).click();
    })""", SCOPE)


def wait_ready(page) -> str:
    page.wait_for_function("() => document.documentElement.dataset.vvWorker === 'ready'", timeout=BOOT_MS)
    return html_state(page)["vvPython"]


def records(page, site_url) -> list[dict]:
    return page.evaluate("async (u) => (await import(u)).allRecords('personal')",
                         site_url + "assets/veiviser/store.js")


def wait_all_scored(page, site_url, count: int) -> None:
    """Every answer sent is stored, and the worker scored each one (none left queued)."""
    deadline = time.monotonic() + BOOT_MS / 1000
    while True:
        got = records(page, site_url)
        assert len(got) == count, f"{count} answers sent, {len(got)} stored"
        if all(r["status"] == "processed" for r in got):
            break
        assert time.monotonic() < deadline, f"still queued: {[r for r in got if r['status'] != 'processed']}"
        page.wait_for_timeout(200)
    assert all(r["valid"] for r in got), got


def cached(page, url: str, raw: bool = False) -> bool:
    return page.evaluate("async (u) => Boolean(await caches.match(u))", url + ("?raw" if raw else ""))


def wait_cached(page, url: str, raw: bool = False) -> None:
    # (wait_for_function does not wait for a promise to settle: poll from here.)
    deadline = time.monotonic() + BOOT_MS / 1000
    while not cached(page, url, raw):
        assert time.monotonic() < deadline, f"{url} was not cached"
        page.wait_for_timeout(200)


def test_the_build_publishes_the_snapshot_and_the_service_worker_caches_it(site_dir):
    name = snapshot_name(site_dir)
    data = (site_dir / "pyodide" / name).read_bytes()
    assert data[:2] == b"\x1f\x8b"                                  # gzip
    raw = gzip.decompress(data)
    assert len(raw) > 30 * 2**20                                    # the 30 MiB heap and a header
    precache = json.loads(re.search(r"self\.VV_PRECACHE = (.*);", (site_dir / "sw.js").read_text("utf-8")).group(1))
    assert f"pyodide/{name}" in precache


def test_next_visit_restores_the_snapshot_and_no_answer_is_lost(context, site_url, site_dir):
    url = site_url + "pyodide/" + snapshot_name(site_dir)
    page = context.new_page()
    page.goto(site_url + SURVEY)
    assert answer(page) == "loading"              # before: sent while Python starts normally
    assert wait_ready(page) == "normal"
    wait_cached(page, url)                        # the service worker's precache holds it now
    wait_all_scored(page, site_url, 1)

    page.goto(site_url + SURVEY)
    assert answer(page) == "loading"              # during the restore
    assert wait_ready(page) == "snapshot"
    answer(page)                                  # after
    wait_all_scored(page, site_url, 3)
    wait_cached(page, url, raw=True)              # the worker kept an unpacked copy

    page.goto(site_url + SURVEY)                  # from the unpacked copy
    assert wait_ready(page) == "snapshot"
    answer(page)
    wait_all_scored(page, site_url, 4)


@pytest.mark.parametrize("damage", ["not gzip", "not a snapshot"])
def test_a_snapshot_that_does_not_restore_falls_back_without_losing_answers(context, site_url, site_dir, damage):
    url = site_url + "pyodide/" + snapshot_name(site_dir)
    page = context.new_page()
    page.goto(site_url + SURVEY)
    assert wait_ready(page) == "normal"
    wait_cached(page, url)
    # Damage every cached copy in place (as a full disk or a half-written cache might).
    page.evaluate("""async ([url, damage]) => {
        let body = new Uint8Array(31 * 2 ** 20 + 128);
        if (damage === "not gzip") body = body.subarray(0, 4096).fill(7);
        else body = await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          if (await cache.match(url)) await cache.put(url, new Response(body));
        }
    }""", [url, damage])

    page.goto(site_url + SURVEY)
    assert answer(page) == "loading"              # during the failed restore and the normal start
    assert wait_ready(page) == "fallback"
    answer(page)
    wait_all_scored(page, site_url, 2)
    # The damaged copy is gone, and a good unpacked copy is fetched for next time.
    wait_cached(page, url, raw=True)
    assert not cached(page, url)

    page.goto(site_url + SURVEY)
    assert wait_ready(page) == "snapshot"
    answer(page)
    wait_all_scored(page, site_url, 3)


def test_without_a_service_worker_the_worker_caches_the_snapshot_itself(context, site_url, site_dir):
    url = site_url + "pyodide/" + snapshot_name(site_dir)
    context.add_init_script("delete Navigator.prototype.serviceWorker;")   # as in a browser without one
    page = context.new_page()
    page.goto(site_url + SURVEY)
    assert answer(page) == "loading"
    assert wait_ready(page) == "normal"
    wait_cached(page, url, raw=True)
    assert page.evaluate("navigator.serviceWorker === undefined")
    page.goto(site_url + SURVEY)
    assert answer(page) == "loading"
    assert wait_ready(page) == "snapshot"
    wait_all_scored(page, site_url, 2)


def test_an_ordinary_feedback_page_keeps_no_snapshot(context, site_url, site_dir):
    """Neither the service worker nor the worker caches Python on a plain visit to a form."""
    url = site_url + "pyodide/" + snapshot_name(site_dir)
    page = context.new_page()
    page.goto(site_url + PLAIN)
    page.locator("form.vv-form input").first.focus()   # Python starts on the first answer (survey.js)
    assert wait_ready(page) == "normal"
    page.wait_for_timeout(5000)                   # time enough to have started fetching it
    assert not cached(page, url) and not cached(page, url, raw=True)
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
