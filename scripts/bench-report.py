#!/usr/bin/env python3
"""Write docs/utviklere/ytelse.md from build/bench/results.json (the last `make bench`).

    .venv/bin/python scripts/bench.py && .venv/bin/python scripts/bench-report.py

Every number on the page comes from results.json, from the snapshot the build made
(build/snapshot-cache/<hash>/info.json) or from the bench's own built site. Each ratio is shown
with both of its sides; the texts for missed budgets say why, with the measurements.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "build" / "bench" / "results.json"
SITE = ROOT / "build" / "bench" / "site-real"
PAGE = ROOT / "docs" / "utviklere" / "ytelse.md"

NAMES = {
    "build_real_s": "`veiviser build`, det ekte nettstedet",
    "plain_mkdocs_real_s": "vanlig `mkdocs build` av de samme sidene",
    "build_real_vs_mkdocs": "Bygging ÷ vanlig MkDocs",
    "hugo_real_s": "Hugo, de samme sidene (gulvet)",
    "build_national_s": "`veiviser build`, nasjonal katalog (357 × 15)",
    "plain_mkdocs_national_s": "vanlig `mkdocs build` av de samme sidene",
    "build_national_vs_mkdocs": "Nasjonal bygging ÷ vanlig MkDocs",
    "hugo_national_s": "Hugo, de samme nasjonale sidene (gulvet)",
    "site_national_mb": "Størrelse, nasjonalt nettsted",
    "page_home_kb": "Forsiden",
    "page_municipality_kb": "Kommuneside (Klepp)",
    "page_service_kb": "Tjenesteside",
    "page_finder_kb": "Finn tjeneste",
    "page_figures_kb": "Tall",
    "survey_bytes_before_first_answer_kb": "Skjemaside før første svar",
    "form_first_input_ms": "skjemaet kan brukes",
    "plain_form_first_input_ms": "samme skjema uten Python",
    "form_vs_plain": "Skjema ÷ skjema uten Python",
    "worker_ready_snapshot_ms": "Python klar fra minnebildet",
    "worker_ready_normal_ms": "Python klar, vanlig oppstart",
    "bare_pyodide_ms": "bare `loadPyodide()` på samme side",
    "worker_snapshot_vs_normal": "Minnebilde ÷ vanlig oppstart (varm)",
    "worker_normal_vs_bare": "Vår oppstart ÷ bare Pyodide (varm)",
    "worker_ready_cold_ms": "Python klar ved første besøk (kald)",
    "node_start_ms": "Node: vanlig oppstart med hjulet",
    "node_restore_ms": "Node: fra minnebildet",
    "node_restore_vs_start": "Node: minnebilde ÷ vanlig oppstart",
    "submit_persist_ms": "«Send inn» til svaret er lagret",
    "staff_aggregate_10k_ms": "Ansattsiden: 10 000 lagrede svar",
    "aggregate_100k_s": "`veiviser aggregate`, 100 000 CSV-rader",
    "pandas_value_counts_s": "pandas `read_csv` + `value_counts`, samme fil",
    "aggregate_vs_pandas": "`veiviser aggregate` ÷ pandas",
    "csv_counter_s": "standardbibliotekets `csv` + `Counter`, samme fil (gulvet)",
    "merge_1000_s": "`veiviser merge` av 1 000 eksporter",
}
UNITS = {"s": "s", "ms": "ms", "KB": "KB", "MB": "MB", "ratio": "×"}



# Measurements made once, by hand, on the same machine (23.11.2026), to find out where the time
# goes. Kept here, with how they were made, so the page can cite them.
ONE_OFF = {
    "lazy_search": "Målt for hånd 30.11.2026 (load average 7–8 på 2 kjerner; gzip-KB slik benken "
                   "regner dem, med tom hurtigbuffer til nettverket er stille): forsiden 295 KB "
                   "før og 82 KB etter, kommunesiden (Klepp) 314 og 101 KB, en tjenesteside 296 "
                   "og 83 KB, «Finn tjeneste» 336 og 124 KB, «Tall» 295 og 82 KB. Søkeindeksen er"
                   " 1 475 KB, 197 KB med gzip. Første søk etter at feltet har fått fokus (fra "
                   "fokus til treffene vises, med «boligsosialloven» skrevet med en gang; 7 kalde"
                   " besøk, vekselvis med nettstedet fra før endringen): median 1 225 ms (1 008–1"
                   " 479) mot 368 ms (260–861) før, da indeksen alt var bygd. Indeksen er hentet "
                   "etter 16–130 ms; resten, om lag 1 s, er søke-workeren som bygger lunr-"
                   "indeksen. Det skjedde før i bakgrunnen med hver side, og på en skjemaside "
                   "samtidig med Python.",
    "lazy_python": "Skjemasiden før første svar (samme måling): 6 745 KB før og 98 KB etter, uten"
                   " filer under `pyodide/`.",
    "catalogue_load": "Innlesing og kontroll av den nasjonale katalogen (5 355 tjenester) tok "
                      "21,8 s CPU før endringen og 6,0 s CPU etter (`catalogue.load`, målt med "
                      "`time.process_time`).",
    "national_profile": "En profil (cProfile) av bygging med 100 kommuner (1 646 sider), etter "
                        "endringene under, fordelte tiden slik: Markdown til HTML 29 %, "
                        "Material-malene (Jinja) 29 %, søkeindeksen 18 %, og våre egne steg (lese "
                        "katalogen, lage sidene, publisere filer, fjerne innrykk) om lag 17 %. "
                        "Før endringene tok innlesing av YAML 18 % og skjemakontrollen 8 %.",
    "aggregate_phases": "Fordelt på deler (CPU, 100 000 rader, `time.process_time`): lese CSV "
                        "1,0 s; én kontroll av alle svar 4,6 s før og 1,3 s etter at kjernen "
                        "husker hvordan hvert spørsmål leser et fast svar (`response.read_answer`); "
                        "`aggregate_file` 9,9 s før og 4,0 s etter. `aggregate_file` kontrollerer "
                        "hvert svar to ganger: først selv, for å kunne liste alle feil med linjenummer, "
                        "og så i `export.build`.",
    "staff_python": "I CPython tar utregningen for ansattsiden med 10 000 svar 0,47 s CPU før og "
                    "0,21 s etter samme endring (`bridge.export`), pluss 0,06 s for kommentarene.",
    "compact": "Innrykket som Materials maler setter først på hver linje, var en firedel av hver "
               "tjenesteside (19,1 KB før og 14,3 KB etter for en syntetisk tjenesteside); å fjerne "
               "det koster om lag 0,4 ms CPU per side.",
}

def fmt(x) -> str:
    if x is None:
        return "–"
    if isinstance(x, float) and not x.is_integer():
        text = f"{x:,.2f}" if abs(x) < 100 else f"{x:,.0f}"
    else:
        text = f"{int(x):,}"
    return text.replace(",", " ").replace(".", ",")


def spread(f: dict) -> str:
    return f"{fmt(f['median'])} ({fmt(f['min'])}–{fmt(f['max'])}) {UNITS.get(f['unit'], f['unit'])}"


def verdict(f: dict) -> str:
    return {True: "ja", False: "**nei**", None: "–"}[f["pass"]]


DOC_DATE = ""   # set by page(): a figure from an earlier day's run says so


def label(name: str, f: dict) -> str:
    text = NAMES.get(name, name)
    if f.get("from_earlier_run") and f["from_earlier_run"][:10] != DOC_DATE[:10]:
        text += f" (kjøring {f['from_earlier_run'][:10]})"
    return text


# The national group was started on 30.11.2026 but stopped after its first pair: with load
# average 20-28 on 2 cores one pair took 20 minutes (5 pairs would have taken 100).
NATIONAL_ONE_PAIR = ("Gruppen ble startet 30.11.2026, men stoppet etter første par: med load average "
                     "20–28 på 2 kjerner tok ett par 20 minutter. Det ene paret: `veiviser build` av den "
                     "nasjonale katalogen (5 759 sider) brukte 82,2 s CPU (692 s veggklokke), vanlig "
                     "`mkdocs build` av de samme sidene 69,2 s CPU (501 s), altså 1,19 i CPU-tid (1,38 i "
                     "veggklokke); Hugo bygde de samme Markdown-filene på 6,3 s veggklokke. Ett par er "
                     "ikke nok til et budsjett; kjør `scripts/bench.py --only build_national_vs_mkdocs` på "
                     "en roligere maskin.")


# Measured once by hand on the same machine (30.11.2026, load average 13-18 on 2 cores), to find
# where the build's time goes: CPU seconds (time.process_time) of each stage of
# veiviser.site.build for the real site, in one process.
BUILD_STAGES = ("Fordelt på byggets steg (profil med cProfile av `veiviser build` av det ekte nettstedet "
                "30.11.2026, 35 s med profilen på): MkDocs 24,4 s (Markdown 12,5, Materials maler 7,6, "
                "søkeindeksen 4,2), og våre egne steg rundt: lese og kontrollere katalogen, skjemaene, "
                "tallene og tilbakemeldingene 2,2 s (importen av altair og pandas om lag 0,9 s av dem), "
                "lage sidene 2,8 s, etterarbeidet på HTML-en 2,3 s (innrykk 0,2 s, "
                "Content-Security-Policy 1,8 s), og publisere filene 2,8 s (datakatalogen med rdflib 1,2 s). "
                "Innholdssikkerheten (CSP) ble etterpå omtrent halvert: sider uten justerte "
                "tabellkolonner hopper over omskrivingen av taggene, og meta-taggene lages én gang per "
                "policy (0,55 mot 1,04 s CPU for 400 sider). Et forhold på 1,1 ville kreve at alle våre "
                "steg til sammen tok under en tidel av det MkDocs bruker; altair-figurene, "
                "datakatalogen og policyen er arbeid MkDocs ikke gjør, så budsjettet holder ikke uten "
                "å hurtigbufre hele steg mellom byggingene.")


def ratio_table(doc: dict) -> str:
    figs = doc["figures"]
    rows = ["| Forhold | Målt (median, min–maks) | Anker (median, min–maks) | Forhold per par | Budsjett | Innenfor |",
            "|---|---|---|---|---:|---|"]
    for name, f in figs.items():
        if not f.get("anchor"):
            continue
        num, den = figs.get(f["numerator"]), figs.get(f["anchor"])
        left = f"{NAMES.get(f['numerator'])}: {spread(num)}" if num else "–"
        right = f"{NAMES.get(f['anchor'])}: {spread(den)}" if den else "–"
        budget = "–" if f["budget"] is None else f"≤ {fmt(f['budget'])}"
        rows.append(f"| {label(name, f)} <br>`{name}` | {left} | {right} | {spread(f)} | {budget} | {verdict(f)} |")
    return "\n".join(rows)


def absolute_table(doc: dict) -> str:
    figs = doc["figures"]
    sides = {f.get(k) for f in figs.values() for k in ("numerator", "anchor")}
    rows = ["| Mål | Median | Min | Maks | Budsjett | Innenfor |", "|---|---:|---:|---:|---:|---|"]
    for name, f in figs.items():
        if f.get("anchor") or name in sides:
            continue
        unit = UNITS.get(f["unit"], f["unit"])
        budget = "–" if f["budget"] is None else f"≤ {fmt(f['budget'])} {unit}"
        rows.append(f"| {label(name, f)} <br>`{name}` | {fmt(f['median'])} {unit} | {fmt(f['min'])} | "
                    f"{fmt(f['max'])} | {budget} | {verdict(f)} |")
    return "\n".join(rows)


def load_ranges(figs: dict) -> str:
    parts = []
    for name, f in figs.items():
        loads = f.get("load_average")
        if loads and f.get("anchor"):
            parts.append(f"{NAMES.get(name, name)} {fmt(min(loads))}–{fmt(max(loads))}")
    return "; ".join(parts) + "." if parts else "ikke registrert."


def snapshot_facts() -> dict | None:
    """The snapshot the bench's site publishes: file, sizes, heap, modules (from the build)."""
    found = sorted((SITE / "pyodide").glob("snapshot-*.bin.gz")) if (SITE / "pyodide").is_dir() else []
    if not found:
        return None
    key = found[0].name[len("snapshot-"):-len(".bin.gz")]
    info_file = ROOT / "build" / "snapshot-cache" / key / "info.json"
    info = json.loads(info_file.read_text("utf-8")) if info_file.is_file() else {}
    return {"file": found[0].name, "gzip_mb": found[0].stat().st_size / 1e6, **info}


def search_index_kb() -> tuple[str, str] | None:
    index = SITE / "search" / "search_index.json"
    if not index.is_file():
        return None
    data = index.read_bytes()
    return fmt(len(data) / 1000), fmt(len(gzip.compress(data, 6)) / 1000)


def why(name: str, f: dict, doc: dict) -> str:
    """Why a budget is missed: the measurements, and what is being done."""
    loads = f.get("load_average")
    load_text = (f" Belastningen (load average, 1 min) var {fmt(min(loads))}–{fmt(max(loads))} på "
                 f"{doc['machine'].get('cpus', '?')} kjerner under målingene." if loads else "")
    if name.startswith("page_") or name == "survey_bytes_before_first_answer_kb":
        search = search_index_kb()
        text = ""
        if f.get("loads_pyodide"):
            text += "Siden lastet Pyodide. "
        if name == "survey_bytes_before_first_answer_kb" and f.get("pyodide_files"):
            text += (f"Skjemasiden hentet Python-kjøretiden ({f['pyodide_files']} filer under `pyodide/`) "
                     f"før noen hadde svart. ")
        if search:
            text += (f"Søkeindeksen ({search[0]} KB, {search[1]} KB med gzip) er ikke med: den lastes først "
                     f"når søkefeltet tas i bruk. ")
        return text + ("Det som er igjen, er sidens egne filer: Materials skript og stilark, sidens egne "
                       "skript og data.")
    if name == "aggregate_vs_pandas":
        return (f"Målt i CPU-sekunder per prosess (veggklokke-forholdet var {fmt(f.get('wall_ratio_median'))}).{load_text} "
                f"Kommandoen starter Python, leser mkdocs.yml gjennom MkDocs og kontrollerer skjemadefinisjonene "
                f"før den leser filen; pandas bruker på sin side om lag en halv sekund på `import pandas`.")
    if name in ("build_real_vs_mkdocs", "build_national_vs_mkdocs"):
        return (f"Målt i CPU-sekunder (veggklokke-forholdet var {fmt(f.get('wall_ratio_median'))}).{load_text} "
                f"Forskjellen er byggets egne steg rundt MkDocs. {BUILD_STAGES}")
    if name == "worker_snapshot_vs_normal":
        return (f"Målt fra navigasjonen starter til Python er klar, med filene i hurtigbufferen.{load_text}")
    if name == "worker_normal_vs_bare":
        return f"Vår oppstart laster i tillegg hjulet og importerer `veiviser.core.bridge`.{load_text}"
    if name == "form_vs_plain":
        return f"Forholdet er medianen av par av kalde besøk tatt rett etter hverandre.{load_text}"
    if name == "staff_aggregate_10k_ms":
        return (f"Målt fra Python er klar til tallene vises (fra navigasjon: "
                f"{fmt(f.get('navigation_to_figures_ms_median'))} ms).{load_text} Tiden går til å regne ut "
                f"eksporten, kommentarene og sammendraget i Python i WebAssembly og til å tegne figurene. "
                f"Den samme eksporten av 10 000 svar tar om lag 0,4 s CPU i CPython med kontrollen svar for "
                f"svar som `export.build` bruker på siden (0,1 s kolonne for kolonne, slik `veiviser "
                f"aggregate` gjør); dette budsjettet er absolutt og følger derfor belastningen på "
                f"maskinen.")
    return load_text.strip()


def snapshot_section(doc: dict) -> list[str]:
    figs = doc["figures"]
    facts = snapshot_facts()
    lines = ["## Python fra et minnebilde", ""]
    browser = figs.get("worker_snapshot_vs_normal")
    node = figs.get("node_restore_vs_start")
    measured = []
    if browser:
        snap, normal = figs.get("worker_ready_snapshot_ms"), figs.get("worker_ready_normal_ms")
        measured.append(f"i Chromium var Python klar på {fmt(snap['median'])} ms fra minnebildet mot "
                        f"{fmt(normal['median'])} ms ved vanlig oppstart, med filene i hurtigbufferen "
                        f"(forhold {fmt(browser['median'])}, {len(browser['runs'])} par)")
    if node:
        start = figs["node_start_ms"]
        text = (f"i Node tar en gjenoppretting {fmt(node['median'])} av tiden til en vanlig oppstart "
                f"({fmt(figs['node_restore_ms']['median'])} mot {fmt(start['median'])} ms")
        if node.get("cpu_ratio_median") is not None:
            text += f"; {fmt(node['cpu_ratio_median'])} målt i CPU-tid"
        text += ")"
        if start.get("start_vs_runtime_cpu_median") is not None:
            text += (f", og en vanlig oppstart med hjulet vårt bruker {fmt(start['start_vs_runtime_cpu_median'])} "
                     f"ganger CPU-tiden til Pyodide alene")
        measured.append(text)
    if measured:
        lines += ["Målt i denne kjøringen: " + "; ".join(measured) + ".", ""]
    lines += [
        "Byggingen lager et minnebilde av Pyodide med alle modulene i `veiviser.core` importert "
        "(`scripts/make-snapshot.mjs`, kjørt med Node fra `node_modules/pyodide` av byggets steg for "
        "nettleserfiler), og legger det ved siden av kjøretiden som `pyodide/snapshot-<hash>.bin.gz`. "
        "Hashen dekker Pyodide-filene, hjulet vårt og skriptet, så et uendret `veiviser.core` koster "
        "ingenting ved neste bygging (`build/snapshot-cache/`). Workeren (`worker.mjs`) starter fra "
        "minnebildet når nettleseren har det i hurtigbufferen; ellers starter den vanlig, og service "
        "workeren henter minnebildet i bakgrunnen til neste gang (eller workeren selv, der det ikke "
        "finnes en service worker). Etter første gjenoppretting beholder workeren en utpakket kopi, "
        "fordi det går raskere å lese den enn å pakke ut på nytt. Et minnebilde som ikke lar seg "
        "gjenopprette, fører til vanlig oppstart; svarene står i køen i IndexedDB imens, og ingen går "
        "tapt (nettlesertestene i `tests/browser/test_python_snapshot.py` svarer før, under og etter "
        "oppstarten). Kjernetestene kjøres i `make test` både i en vanlig startet og i en gjenopprettet "
        "Pyodide, og resultatene er like tegn for tegn.", ""]
    if facts:
        lines += [f"Minnebildet ({facts['file']}) er {fmt(facts.get('raw_bytes', 0) / 2**20)} MiB rått og "
                  f"{fmt(facts['gzip_mb'])} MB med gzip, laget med Pyodide {facts.get('pyodide', '?')}; "
                  f"haugen (heap) er {fmt(facts.get('heap_bytes', 0) / 2**20)} MiB, Pyodides standard.", ""]
    lines += [
        "Hva som gikk galt før: denne siden sa at forsøket med Pyodides minnebilde «feilet i Node». "
        "Den virkelige grunnen var at `makeMemorySnapshot()` kaster «Unexpected hiwire entry at index 6» "
        "når pakker er lastet med `packages: [...]` (eller `loadPackage`) før minnebildet tas "
        "(pyodide#5195). Nå skrives hjulet inn i filsystemet med `FS.writeFile`, pakkes ut fra Python, "
        "og hver modul importeres før minnebildet tas. Begrensninger som ble målt da issue 14 ble "
        "skrevet, og som byggingen og workeren tar hensyn til: et minnebilde laget i Node kan "
        "gjenopprettes i Chromium, men ikke omvendt (derfor lages det i Node); haugen må holde seg på standardstørrelsen "
        "(30 MiB; et større minnebilde lar seg ikke gjenopprette, pyodide#6254), og byggingen stopper "
        "hvis importene fikk den til å vokse; filer som ble skrevet før minnebildet, er borte etter en "
        "gjenoppretting (bare importerte moduler blir igjen, og `veiviser.core` leser sin ene datafil "
        "ved import); `random` og `hash()` starter likt etter hver gjenoppretting, så workeren sår "
        "`random` på nytt (`SystemRandom` og `os.urandom` er tilfeldige uansett); og minnebildet passer "
        "bare til nøyaktig den Pyodide-byggingen det ble laget med (Pyodide sjekker byggets id).", ""]
    return lines


def page(doc: dict) -> str:
    global DOC_DATE
    DOC_DATE = doc["date"]
    m = doc["machine"]
    figs = doc["figures"]
    missed = [n for n, f in figs.items() if f["pass"] is False]
    load_start = ", ".join(fmt(x) for x in m.get("load_average_at_start", []))
    load_end = ", ".join(fmt(x) for x in m.get("load_average_at_end", []))
    tools = ", ".join(x for x in (m.get("chromium"), f"Node {m['node']}" if m.get("node") else None,
                                  m.get("hugo")) if x)
    lines = [
        "---", 'title: "Ytelse"', "search:", "  exclude: true", "---", "",   # developer page: not in the site search
        "# Ytelse: målinger og budsjetter", "",
        "Denne siden er for utviklere. Den viser siste kjøring av `make bench`: hvor raskt nettstedet "
        "bygges, hvor mye en side overfører, hvor raskt skjemaene og Python i nettleseren svarer, og "
        "hvor raskt kommandolinjen regner. Siden er skrevet av `scripts/bench-report.py` fra "
        "`build/bench/results.json`.", "",
        "## Slik måler du selv", "",
        "```sh",
        "make bench                                              # alt (fra en fersk klone også)",
        ".venv/bin/python scripts/bench.py --quick               # uten de nasjonale byggene",
        ".venv/bin/python scripts/bench.py --only aggregate_vs_pandas   # ett mål med sitt anker",
        ".venv/bin/python scripts/bench.py --list                # alle mål, budsjett og gruppe",
        ".venv/bin/python scripts/bench-report.py                # skriv denne siden på nytt",
        "```", "",
        "`--only NAVN` måler navnet og resten av gruppen det hører til (et forhold måles alltid sammen "
        "med ankeret sitt); de andre målene beholder verdiene fra forrige kjøring og merkes med datoen.", "",
        "## Slik måles det", "",
        "Maskinene deles med andre, og samme bygging har tatt 89 s på én maskin og 44 s på en annen. "
        "Derfor har nesten hvert mål et anker som måles i samme kjøring, vekselvis (ett av hvert, så "
        "igjen: minst fem par), og budsjettet gjelder forholdet. Forholdet regnes for hvert par, og "
        "tabellen viser medianen med minste og største verdi, og begge sidene med sine egne verdier.", "",
        "- Bygging og kommandolinjen måles i CPU-sekunder for prosessen og barna dens: arbeidet går i "
        "én tråd, og på to kjerner som deles med andre måler veggklokken mest naboene. Veggklokken "
        "lagres også i `results.json`.",
        "- Ankeret for byggingen er vanlig `mkdocs build` av nøyaktig de sidene byggingen skrev til "
        "`<nettsted>.pages/`. Hugo bygger de samme Markdown-filene med en naken mal og vises som gulvet "
        "for hva en statisk generator trenger (Debians `hugo`, når den er installert).",
        "- Ankeret for `veiviser aggregate` er pandas (`read_csv` og `value_counts`) på samme fil, som en "
        "egen prosess slik kommandoen er det.",
        "- Nettlesermålene bruker Chromium uten grensesnitt (Playwright), og nettstedet servert av "
        "`veiviser serve`-koden på 127.0.0.1. Et skjema regnes som brukbart når «Send inn» blir aktiv. "
        "«Samme skjema uten Python» er en kopi av skjemasiden der `survey.js` er byttet ut med et lite "
        "skript som bare lagrer svaret i IndexedDB. Python klar betyr `<html data-vv-worker=\"ready\">`. "
        "Skjemasiden starter Python ved første svar; når oppstarten måles, svarer benken (fokus i "
        "skjemaet) i det skjemaet kan brukes.",
        "- Oppstarten av Python måles med varm hurtigbuffer, vekselvis på to adresser (to origins, "
        "hver med egen hurtigbuffer og service worker): den ene med minnebildet, den andre med samme "
        "nettsted der `worker.mjs` ikke kjenner noe minnebilde. Ankeret «bare `loadPyodide()`» er samme "
        "skjemaside der skriptet bare starter en worker som laster Pyodide.",
        "- Sidevekter er gzip-bytes: benken komprimerer hver fil siden hentet (nivå 6), med tom "
        "hurtigbuffer, til nettverket er stille.", "",
        "## Maskin og tidspunkt", "",
        f"- Kjørt: {doc['date']} (UTC), commit `{m.get('commit', '?')}`",
        f"- Prosessor: {m.get('cpu', 'ukjent')}, {m.get('cpus', '?')} kjerner, {fmt(m.get('memory_gb'))} GB minne",
        f"- System: {m.get('system', '?')}, Python {m.get('python', '?')}" + (f", {tools}" if tools else ""),
        f"- Belastning (load average 1, 5, 15 min) ved start: {load_start}" + (f"; ved slutt: {load_end}" if load_end else ""),
        f"- Benken tok {fmt(doc.get('seconds'))} s, med {doc.get('runs', 5)} par per mål."
        + (" Siden er satt sammen av flere delkjøringer (`--only`): hver gruppe av mål ble målt for seg, "
           "og tallene over gjelder den siste." if any(f.get("from_earlier_run") for f in figs.values()) else ""),
        f"- Belastning under hver gruppe av mål: {load_ranges(figs)}", "",
        "## Forhold mot ankeret", "",
        ratio_table(doc), "",
        "## Absolutte mål", "",
        "Sidevekter er stabile bytes, og «Send inn» og ansattsiden er små tider, så de har absolutte "
        "budsjetter. Resten vises uten budsjett.", "",
        absolute_table(doc), "",
        "## Hvor budsjettet ikke holder", "",
    ]
    if not missed:
        lines += ["Alle budsjetter holder.", ""]
    for name in missed:
        f = figs[name]
        unit = UNITS.get(f["unit"], f["unit"])
        lines += [f"### {NAMES.get(name, name)}", "",
                  f"Median {fmt(f['median'])} {unit}, budsjett {fmt(f['budget'])} {unit}. " + why(name, f, doc), ""]
    if "build_national_vs_mkdocs" not in figs:
        lines += ["### Nasjonal bygging (ikke målt i denne kjøringen)", "", NATIONAL_ONE_PAIR, ""]
    lines += snapshot_section(doc)
    lines += [
        "## Hva som er gjort", "",
        "- **Minnebilde av Python** (over): ved andre besøk er Python klar på en brøkdel av tiden.",
        "- **Søket lastes først når det brukes** (`docs/assets/veiviser/search-query.js`): Material ba "
        "om søkeindeksen (`search/search_index.json`) og startet søke-workeren med hver side. Nå holdes "
        "forespørselen tilbake til søkefeltet får fokus (klikk, trykk eller tastene / s f) eller lenken "
        "har `?q=` eller `?h=`. " + ONE_OFF["lazy_search"],
        "- **Python hentes først når noen svarer** (`docs/assets/veiviser/survey.js`): på en skjemaside "
        "starter Python ved første svar (første fokus, trykk, tast eller endring i skjemaet), på et "
        "nettbrett i kioskmodus når siden er ledig, og i «Min fremgang», på ansattsiden og på "
        "samlesiden med en gang. Svar som sendes før Python er klar, står i køen som før. "
        + ONE_OFF["lazy_python"],
        "- **Pagefind er ikke tatt i bruk.** Pagefind søker med WebAssembly i nettleseren, og det krever "
        "`'wasm-unsafe-eval'` i sikkerhetsregelen (Content-Security-Policy) på hver side; i dag har bare "
        "sidene som starter Python det. Pagefind har sitt eget søkefelt og sin egen rangering, så "
        "rangeringen i `search-query.js` (sider med alle ordene først, hverdagsord som hele ord), som "
        "testene med fastlegenes 25 spørsmål sjekker, måtte lages på nytt, og byggingen ville få et "
        "eget program fra npm. Det Pagefind kunne spart, er byggingen av indeksen i nettleseren ved "
        "første søk (om lag 1 s over); det er ikke målt på den nasjonale katalogen.",
        "- **`veiviser aggregate`** kontrollerer hver rad én gang og leser hvert forskjellige svar én "
        "gang, kolonne for kolonne (`core.response.check_columns`, `core.aggregate.from_columns`); "
        "tellingen er standardbibliotekets `Counter`. Før ble hver rad kontrollert to ganger. En rad som "
        "ikke passer eller svarer på for lite (`min_answered`), får fortsatt sitt linjenummer og sin "
        "melding, og eksporten er lik byte for byte med den som lages svar for svar (egenskapstester i "
        "`tests/core/test_columns.py` og `tests/surveys/test_aggregate_columns.py`). Ansattsiden og "
        "byggingen lager eksporten fortsatt svar for svar.",
        "- **Service worker** (`sw.js` i roten, kilde i `docs/assets/veiviser/sw.js`, registrert av "
        "`offline.js` etter at Python har startet, men bare på et nettbrett i kioskmodus (ved oppsettet) "
        "og i «Min fremgang»): legger skjemasidene, skriptene, Pyodide og hjulet vårt (omtrent 13 MB) i "
        "en hurtigbuffer med byggets versjon i navnet. Et nettbrett virker da uten nett etter oppsettet, "
        "og en ny versjon av nettstedet gir en ny `sw.js`, som fyller en ny hurtigbuffer og sletter den "
        "gamle. Et vanlig besøk på et skjema legger ingenting i hurtigbufferen.",
        "- **Cache-Control** i `veiviser serve`: filer med hash i stien (hjulet under "
        "`pyodide/wheels/<hash>/`, Materials skript og stilark) kan gjenbrukes i et år; alt annet "
        "sjekkes mot serveren hver gang (304 når det er uendret).",
        "- **Katalogen** leses med libyaml (C) og én skjemavalidator per filtype. "
        + ONE_OFF["catalogue_load"],
        "- **Mindre HTML**: `veiviser.site.compact` fjerner innrykk først på linjene (ikke i `pre`, "
        "`textarea` og `script`). " + ONE_OFF["compact"],
        "- **Kjernen** husker hvordan hvert spørsmål leser et fast svar, så samme svar (for eksempel "
        "«4») ikke tolkes på nytt for hver rad. Det hjelper både `veiviser aggregate` og ansattsiden.",
        "- Andre sider enn skjemaene laster aldri Pyodide; benken sjekker det for hver sidetype.", "",
    ]
    return "\n".join(lines)


def main() -> int:
    if not RESULTS.is_file():
        print(f"{RESULTS} is missing: run `make bench` first", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT / "src"))
    from veiviser import atomic
    doc = json.loads(RESULTS.read_text("utf-8"))
    atomic.write_text(PAGE, page(doc) + "\n")
    print(f"{PAGE.relative_to(ROOT)} written from {RESULTS.relative_to(ROOT)} ({doc['date']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
