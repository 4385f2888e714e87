#!/usr/bin/env python3
"""Write docs/utviklere/ytelse.md from build/bench/results.json (the last `make bench`).

    .venv/bin/python scripts/bench.py && .venv/bin/python scripts/bench-report.py

Every number on the page comes from results.json, from the built national site, or from the
one-off measurements listed in ONE_OFF (each with how it was measured). The texts for missed
budgets say why, with the measurements, and what was tried.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "build" / "bench" / "results.json"
PAGE = ROOT / "docs" / "utviklere" / "ytelse.md"

NAMES = {
    "build_real_s": "Bygging av nettstedet (`make build`)",
    "build_national_s": "Bygging, nasjonal katalog (357 kommuner × 15 tjenester)",
    "build_national_growth": "Vekst: tid ved 357 ÷ (3,57 × tid ved 100)",
    "site_national_mb": "Størrelse, nasjonalt nettsted",
    "page_home_kb": "Forsiden, overført (gzip, kald hurtigbuffer)",
    "page_municipality_kb": "Kommuneside, overført",
    "page_service_kb": "Tjenesteside, overført",
    "page_survey_kb": "Skjemaside, overført til første felt kan brukes",
    "form_first_input_ms": "Skjema: til første felt kan brukes",
    "plain_form_first_input_ms": "Samme skjema uten Python",
    "form_vs_plain_ratio": "Skjema ÷ skjema uten Python",
    "worker_ready_cold_ms": "Python klar i workeren, kald hurtigbuffer",
    "worker_ready_warm_ms": "Python klar i workeren, varm hurtigbuffer",
    "submit_persist_ms": "«Send inn» til svaret er lagret",
    "staff_aggregate_10k_ms": "Ansattsiden: 10 000 lagrede svar",
    "merge_1000_s": "`veiviser merge` av 1 000 eksporter",
    "aggregate_100k_csv_s": "`veiviser aggregate` av 100 000 CSV-rader",
}

# Measurements made once, by hand, on the same machine (23.11.2026), to find out where the time
# goes. Kept here, with how they were made, so the page can cite them.
ONE_OFF = {
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


def verdict(f: dict) -> str:
    return {True: "ja", False: "**nei**", None: "–"}[f["pass"]]


def table(doc: dict) -> str:
    rows = ["| Mål | Median | Min | Maks | Enhet | Budsjett | Innenfor |",
            "|---|---:|---:|---:|---|---:|---|"]
    for name, f in doc["figures"].items():
        budget = "–" if f["budget"] is None else f"≤ {fmt(f['budget'])}"
        label = NAMES.get(name, name)
        if f.get("from_earlier_run"):
            label += f" (kjøring {f['from_earlier_run'][:10]})"
        rows.append(f"| {label} <br>`{name}` | {fmt(f['median'])} | {fmt(f['min'])} | {fmt(f['max'])} "
                    f"| {f['unit']} | {budget} | {verdict(f)} |")
    return "\n".join(rows)


def national_search_kb() -> tuple[str, str] | None:
    """(raw KB, gzip KB) of the national site's search index, when the bench built it."""
    index = ROOT / "build" / "bench" / "site-national" / "search" / "search_index.json"
    if not index.is_file():
        return None
    data = index.read_bytes()
    return fmt(len(data) / 1000), fmt(len(gzip.compress(data, 6)) / 1000)


def why(name: str, f: dict, doc: dict) -> str:
    """Why a budget is missed: the measurements, and what was tried."""
    figs = doc["figures"]
    loads = f.get("load_average")
    load_text = (f" Belastningen på maskinen (load average, 1 min) var {fmt(min(loads))}–{fmt(max(loads))} "
                 f"på 2 kjerner under kjøringene." if loads else "")
    if name == "build_real_s":
        return (f"Byggingen brukte {fmt(f.get('cpu_s_median'))} s CPU (median), mot {fmt(f['median'])} s "
                f"veggklokke.{load_text} Maskinen deles med andre jobber, så veggklokken er lengre enn "
                f"CPU-tiden. Tiltak: katalogen leses med libyaml og én skjemavalidator per filtype. "
                f"Resten er MkDocs selv (Markdown, maler, søkeindeks) og kopiering av Pyodide.")
    if name == "build_national_s":
        return (f"Byggingen med 357 kommuner brukte {fmt(f.get('cpu_s_median'))} s CPU (median), så "
                f"budsjettet på 45 s nås ikke selv på en ledig maskin.{load_text} "
                f"{ONE_OFF['national_profile']} {ONE_OFF['catalogue_load']} Det som gjenstår, er "
                f"MkDocs' arbeid per side (om lag {fmt(round(1000 * f.get('cpu_s_median', 0) / 5712))} ms CPU "
                f"per side for 5 712 sider), og MkDocs bygger på én kjerne. Neste steg kan være å "
                f"skrive tjenestesidene som ferdig HTML i stedet for Markdown, eller å bygge "
                f"kommunene i flere prosesser.")
    if name == "build_national_growth":
        return (f"Forholdet er medianen av par av kjøringer tatt rett etter hverandre "
                f"(CPU-tid gir {fmt(f.get('cpu_growth_median'))}).")
    if name == "site_national_mb":
        folders = f.get("largest_folders_mb", {})
        parts = ", ".join(f"{k}/ {fmt(v)} MB" for k, v in folders.items())
        return (f"Største mapper: {parts}. Hver tjenesteside er en hel HTML-side med Materials "
                f"topptekst, meny og bunntekst, og HSDS-eksporten under data/hsds/ vokser med katalogen. "
                f"{ONE_OFF['compact']}")
    if name == "worker_ready_warm_ms":
        sw = f.get("service_worker_in_control", [])
        return (f"Ved andre besøk kom filene fra service workerens hurtigbuffer (service worker i kontroll: "
                f"{', '.join('ja' if x == 'yes' else 'nei' for x in sw)}), så det er ikke overføringen som "
                f"tar tid, men selve oppstarten av Python, som i punktet over.{load_text} Det som ville "
                f"hjulpet, er å starte fra et ferdig minnebilde av Python i stedet for å starte Python på "
                f"nytt ved hvert besøk; se forsøket over.")
    if name == "worker_ready_cold_ms":
        cold = figs.get("worker_ready_cold_ms", {})
        node = (f"I Node, uten nettleser og uten nett, tar oppstarten av Pyodide med de samme filene "
                f"{fmt(cold.get('node_ready_ms_median'))} ms, og den bruker {fmt(cold.get('node_ready_cpu_ms_median'))} "
                f"ms CPU (median av {doc.get('runs', 5)} kjøringer); bare Python-kjøretiden, uten hjulet vårt, "
                f"{fmt(cold.get('node_runtime_cpu_ms_median'))} ms CPU. " if cold.get("node_ready_cpu_ms_median") else "")
        node_ms = cold.get("node_ready_ms_median") or 0
        over_budget = ", og den går over budsjettet også uten nettleser" if node_ms > f["budget"] else ""
        return (f"{node}Oppstarten er altså CPU-arbeid (Python starter og importerer standardbiblioteket i "
                f"WebAssembly), ikke nedlasting{over_budget}.{load_text} Tiltak: en versjonert service worker "
                f"(sw.js) legger Pyodide, hjulet og skjemasidene i hurtigbufferen, og serveren sender "
                f"Cache-Control (immutable for filer med hash i stien). Prøvd uten hell: Pyodides "
                f"eksperimentelle minnebilde (`_makeSnapshot`/`_loadSnapshot`), som kunne hoppet over "
                f"oppstarten, feilet i Node med Pyodide 314.0.7. Skjemaet venter aldri på Python: svaret "
                f"lagres først og regnes ut når Python er klar.")
    if name == "staff_aggregate_10k_ms":
        return (f"Målt fra Python er klar til tallene vises (fra navigasjon: "
                f"{fmt(f.get('navigation_to_figures_ms_median'))} ms).{load_text} Tiden går til å "
                f"kontrollere og regne ut 10 000 svar i Python i WebAssembly (`bridge.export`, "
                f"`bridge.comments`, `bridge.summary`), med samme kode som `veiviser aggregate`. "
                f"{ONE_OFF['staff_python']}")
    if name == "aggregate_100k_csv_s":
        over = "over" if (f.get("cpu_s_median") or 0) > f["budget"] else "under"
        return (f"Kommandoen brukte {fmt(f.get('cpu_s_median'))} s CPU (median), altså {over} budsjettet "
                f"også på en ledig maskin.{load_text} {ONE_OFF['aggregate_phases']} Neste steg: la "
                f"`export.build` ta imot svar som alt er kontrollert, så hvert svar kontrolleres én gang.")
    if name == "merge_1000_s":
        return (f"Kommandoen brukte {fmt(f.get('cpu_s_median'))} s CPU (median), under budsjettet, så "
                f"veggklokken over budsjettet skyldes at maskinen var opptatt med andre jobber.{load_text}")
    if name.startswith("page_"):
        return "Siden lastet Pyodide." if f.get("loads_pyodide") else ""
    return ""


def page(doc: dict) -> str:
    m = doc["machine"]
    missed = [n for n, f in doc["figures"].items() if f["pass"] is False]
    search_kb = national_search_kb()
    lines = [
        "---", 'title: "Ytelse"', "search:", "  exclude: true", "---", "",   # developer page: not in the site search
        "# Ytelse: målinger og budsjetter", "",
        "Denne siden er for utviklere. Den viser siste kjøring av `make bench`: hvor raskt nettstedet "
        "bygges, hvor mye en side overfører, og hvor raskt skjemaene og Python i nettleseren svarer. "
        "Siden er skrevet av `scripts/bench-report.py` fra `build/bench/results.json`.", "",
        "## Slik måler du selv", "",
        "```sh",
        "make bench                                   # alt; se under for hvor lenge siste kjøring tok",
        ".venv/bin/python scripts/bench.py --quick    # uten de nasjonale byggene",
        ".venv/bin/python scripts/bench.py --only merge_1000_s   # ett mål",
        ".venv/bin/python scripts/bench-report.py     # skriv denne siden på nytt",
        "```", "",
        "Hvert tall er medianen av minst fem kjøringer, med minste og største verdi. Maskinene deles "
        "med andre, så sammenligninger (vekst og skjema mot skjema uten Python) er forhold mellom "
        "kjøringer tatt rett etter hverandre. Sidestørrelser er gzip-bytes: serveren sender filene "
        "ukomprimert, og benken komprimerer hver fil siden hentet (gzip nivå 6). Nettlesermålene "
        "bruker Chromium uten grensesnitt (Playwright), en ny nettleserkontekst (tom hurtigbuffer) "
        "per kald kjøring, og nettstedet servert av `veiviser serve`-koden på 127.0.0.1.", "",
        "«Samme skjema uten Python» er en kopi av skjemasiden som benken lager: samme HTML, tema og "
        "CSS, men `survey.js` er byttet ut med et lite skript som bare lagrer svaret i IndexedDB.", "",
        "Et skjema regnes som brukbart når knappen «Send inn» blir aktiv: `survey.js` slår den på "
        "når skjemaet er koblet til lagringen. Skjemasidens vekt teller filene som var ferdig "
        "hentet da, så den varierer med hvor mye av resten av siden som var hentet da skjemaet ble "
        "brukbart. Python klar betyr `<html data-vv-worker=\"ready\">` (satt av `store.js`). "
        "«Send inn» til lagret er tiden fra klikket til hendelsen `vv:stored`, som `survey.js` "
        "sender når IndexedDB har bekreftet skrivingen. Ansattsiden måles med 10 000 svar lagt rett "
        "i IndexedDB, fra Python er klar til `<html data-vv-staff=\"ready\">`.", "",
        "## Maskin og tidspunkt", "",
        f"- Kjørt: {doc['date']} (UTC), commit `{m.get('commit', '?')}`",
        f"- Prosessor: {m.get('cpu', 'ukjent')}, {m.get('cpus', '?')} kjerner, {fmt(m.get('memory_gb'))} GB minne",
        f"- System: {m.get('system', '?')}, Python {m.get('python', '?')}, {m.get('chromium', 'Chromium')}",
        f"- Belastning ved start (load average 1, 5, 15 min): "
        f"{', '.join(fmt(x) for x in m.get('load_average_at_start', []))}",
        f"- Benken tok {fmt(doc.get('seconds'))} s, med {doc.get('runs', 5)} kjøringer per mål.", "",
        "## Resultater", "",
        table(doc), "",
    ]
    if search_kb:
        lines += [f"Søkeindeksen lastes med hver side og er den største delen av sidevekten. For det "
                  f"syntetiske nasjonale nettstedet er den {search_kb[0]} KB, {search_kb[1]} KB med gzip; "
                  f"de syntetiske tekstene gjentar seg og pakker seg mye bedre enn ekte tekster, så en "
                  f"ekte nasjonal katalog vil gi en større indeks.", ""]
    lines += ["## Hvor budsjettet ikke holder", ""]
    if not missed:
        lines += ["Alle budsjetter holder.", ""]
    for name in missed:
        f = doc["figures"][name]
        lines += [f"### {NAMES.get(name, name)}", "",
                  f"Median {fmt(f['median'])} {f['unit']}, budsjett {fmt(f['budget'])} {f['unit']}. "
                  + why(name, f, doc), ""]
    close = [n for n, f in doc["figures"].items()
             if f["pass"] is True and f["budget"] and f["median"] > 0.85 * f["budget"]]
    if close:
        lines += ["## Nær grensen", "",
                  "Disse holder budsjettet, men med mindre enn 15 % å gå på, så en tregere eller mer "
                  "belastet maskin kan bikke dem over:", ""]
        for n in close:
            f = doc["figures"][n]
            cpu = f" ({fmt(f['cpu_s_median'])} s CPU)" if f.get("cpu_s_median") is not None else ""
            lines.append(f"- {NAMES.get(n, n)}: median {fmt(f['median'])} {f['unit']}{cpu}, "
                         f"største {fmt(f['max'])} {f['unit']}, budsjett {fmt(f['budget'])} {f['unit']}.")
        lines.append("")
    lines += [
        "## Hva som er gjort", "",
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
