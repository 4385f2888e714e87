"""The `veiviser` command.

  veiviser build [--out build/site] [--data DIR]   build the whole site (mkdocs build --strict), atomically;
                                        --data (also on validate) reads another catalogue folder
  veiviser serve [--dir build/site]     serve the built site on 127.0.0.1
  veiviser validate [--surveys DIR]     check the catalogue and the survey definitions
  veiviser review [--municipality M] [--format md|csv|json]   catalogue entries due for a check
  veiviser aggregate SURVEY_ID RESPONSES -o OUT   responses (JSON Lines or CSV) -> export
  veiviser merge EXPORT... -o OUT       merge exports (the latest per device wins)
  veiviser release [--dry-run]          record the figures of a period that has ended (what the
                                        site publishes), where the difference is safe

aggregate, merge and validate work from any folder: outside a project (no mkdocs.yml here or
above) they use the survey definitions that come with the package, plus --surveys. Everything
the command prints is in bokmål, like the pages and the merge page in the browser (which shows
the same messages, from veiviser.core).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


from .problems import Problem, VeiviserError


def settings(data: str | None = None):
    from .site import generator
    from .site.settings import find_config
    return generator.read_settings(find_config(), Path(data).resolve() if data else None)


def cmd_build(args) -> int:
    from .site import build
    try:
        s = settings(args.data)
        out = Path(args.out) if Path(args.out).is_absolute() else s.root / args.out
        build.build(s, out, quiet=args.quiet)
    except VeiviserError as exc:
        print(exc, file=sys.stderr)
        print(f"veiviser build: mislyktes; {args.out} er uendret", file=sys.stderr)
        return 1
    print(f"veiviser build: nettstedet er skrevet til {out}")
    return 0


def cmd_serve(args) -> int:
    from .site.server import serve
    from .site.settings import find_config
    try:
        root = find_config().parent
    except VeiviserError as exc:
        print(exc, file=sys.stderr)
        return 1
    site = (root / args.dir) if not Path(args.dir).is_absolute() else Path(args.dir)
    if not (site / "index.html").is_file():
        raise SystemExit(f"veiviser serve: {site} har ingen index.html; kjør `make build` først")
    serve(site, host=args.host, port=args.port)
    return 0


def project_settings(data: str | None = None):
    """The project's settings when veiviser runs inside a project (mkdocs.yml here or in a
    parent folder), else None: aggregate, merge and validate work from any folder with the
    definitions that come with the package."""
    from .site.settings import find_config
    try:
        find_config()
    except VeiviserError:
        return None
    return settings(data)


def load_surveys(args, s) -> list:
    """The shipped definitions (the project's, or the package's outside a project) and the
    local ones (--surveys, else the project's setting)."""
    from .surveys import definitions
    local = Path(args.surveys) if args.surveys else (s.local_surveys_dir if s else None)
    if s is None:
        return definitions.load_all(definitions.shipped_dir(), local)
    return definitions.load_all(s.surveys_dir, local, root=s.root)


def check_out(path: str) -> Path:
    """-o must name a file in a folder that exists (a mistyped folder is not made silently)."""
    out = Path(path)
    if out.is_dir():
        raise VeiviserError([Problem(path, "", "er en mappe; -o skal være navnet på en fil")], what="-o")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise VeiviserError([Problem(str(folder), "", "mappen finnes ikke; lag den først, eller velg en "
                                                      "annen -o")], what="-o")
    return out


def failed(command: str, exc: VeiviserError, written: bool = False) -> int:
    print(f"veiviser {command}: {'' if written else 'ingenting er skrevet. '}{exc}", file=sys.stderr)
    return 1


def cmd_validate(args) -> int:
    from .catalogue import load as catalogue_load
    try:
        s = project_settings(args.data)
        if s is not None:
            cat = catalogue_load.load(s.data_dir)
            print(f"veiviser validate: katalogen er i orden: {len(cat.municipalities)} kommuner, "
                  f"{len(cat.services)} tjenester, {len(cat.laws)} lover og retningslinjer, {len(cat.tools)} verktøy")
        elif args.data:
            cat = catalogue_load.load(Path(args.data))
            print(f"veiviser validate: katalogen er i orden: {len(cat.municipalities)} kommuner, "
                  f"{len(cat.services)} tjenester")
        else:
            print("veiviser validate: ingen mkdocs.yml her eller over: sjekker bare skjemadefinisjonene "
                  "(de som følger med veiviser, og --surveys)")
        found = load_surveys(args, s)
    except VeiviserError as exc:
        print(f"veiviser validate: {exc}", file=sys.stderr)
        return 1
    print(f"veiviser validate: skjemadefinisjonene er i orden: {', '.join(Path(x.file).name for x in found)}")
    return 0


def cmd_review(args) -> int:
    """Per municipality, every entry due or overdue for a check and what to check."""
    import datetime
    from .catalogue import load as catalogue_load
    from .catalogue import review
    try:
        today = datetime.date.fromisoformat(args.today) if args.today else datetime.date.today()
    except ValueError:
        print(f"veiviser review: --today {args.today!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    try:
        s = settings(args.data)
        cat = catalogue_load.load(s.data_dir)
    except VeiviserError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.municipality and args.municipality not in cat.municipalities:
        print(f"veiviser review: no municipality {args.municipality!r}; known: {', '.join(sorted(cat.municipalities))}",
              file=sys.stderr)
        return 2
    cycle = review.Cycle(s.review_months, s.review_months_access)
    sys.stdout.write(review.report(cat, today, cycle, args.format, args.municipality))
    return 0


def cmd_aggregate(args) -> int:
    """Responses (JSON Lines or CSV) -> one export, written atomically; nothing on error."""
    import datetime
    import hashlib
    from . import atomic
    from .core import export as export_mod
    from .surveys import model
    from .surveys import responses as surveys
    notes: list[str] = []
    try:
        out = check_out(args.out)
        s = project_settings()
        survey = model.find(load_surveys(args, s), args.survey)
        responses = surveys.read_responses(Path(args.responses), survey.definition, args.map, notes,
                                           ignore_columns=args.ignore_columns)
        # Default device: the same for the same input file, so a re-run supersedes at merge.
        device = args.device or hashlib.sha256(str(Path(args.responses).resolve()).encode()).hexdigest()[:16]
        month = args.month or datetime.date.today().strftime("%Y-%m")
        doc = surveys.aggregate_file(survey.definition, responses, month, device, args.service, args.k,
                                     surveys.asked_items(Path(args.responses), responses))
    except VeiviserError as exc:
        for note in notes:
            print(f"veiviser aggregate: {note}", file=sys.stderr)
        return failed("aggregate", exc)
    for note in notes:
        print(f"veiviser aggregate: {note}", file=sys.stderr)
    atomic.write_text(out, export_mod.to_json(doc))
    print(f"veiviser aggregate: {out}: n = {doc['n']} av {len(responses)} svar "
          f"(hele puljer på k = {doc['k']}; {len(responses) - doc['n']} venter på neste pulje)")
    return 0


def cmd_merge(args) -> int:
    """Exports -> one merged export (the latest per device), written atomically; nothing on error.
    Core's merge_files: the same checks and messages as the merge page in the browser."""
    from . import atomic
    from .core import export as export_mod
    from .core.vocabulary import DEFAULT_K
    from .surveys import responses as surveys
    try:
        out = check_out(args.out)
        s = project_settings()
        k = args.k or (s.feedback_k if s else DEFAULT_K)
        found = load_surveys(args, s)
        result = surveys.merge_files([Path(p) for p in args.exports], [x.raw for x in found], k)
    except VeiviserError as exc:
        return failed("merge", exc)
    doc = result["merged"]
    atomic.write_text(out, export_mod.to_json(doc))
    for f in result["files"]:
        state = "med" if f["used"] else f["note"]
        print(f"  {f['name']}: enhet {', '.join(f['devices'])}, n = {f['n']}: {state}")
    print(f"veiviser merge: {out}: n = {doc['n']} fra {len(doc['devices'])} "
          f"{'enhet' if len(doc['devices']) == 1 else 'enheter'}")
    return 0


def cmd_release(args) -> int:
    """Per service and survey version: record a new release where core.releases says one is
    ready; say why where the last one is kept. Inside a project only (it writes beside the exports)."""
    from . import feedback
    from .catalogue import load as catalogue_load
    from .core.publish import period_text
    from .core.vocabulary import month_text
    from .feedback import releases
    from .surveys import definitions
    try:
        s = settings(args.data)
        today = (args.today or s.today.isoformat())
        cat = catalogue_load.load(s.data_dir)
        found = definitions.load_all(s.surveys_dir, s.local_surveys_dir, root=s.root)
        reports = feedback.load_reports(s.root, cat, found, s.feedback_k, s.exports_dir)
        releases.apply(reports, s.releases_dir, s.root, today, s.feedback_period_months)
        done = [] if args.dry_run else releases.record(reports, s.releases_dir, s.root, today)
    except (VeiviserError, ValueError) as exc:
        return failed("release", exc if isinstance(exc, VeiviserError) else
                      VeiviserError([Problem("", "", str(exc))]))
    written = {r.key + r.page: path for r, path in done}
    for r in reports:
        d, what = r.decision, f"{r.key} {r.survey.definition.id} v{r.survey.definition.version}"
        when = period_text(d["period"]) if d["status"] == "waiting" else month_text(d["period"]["to"])
        if d["status"] == "ready":
            path = written.get(r.key + r.page)
            state = (f"lagret utgivelse til og med {when} (n = {d['export']['n']}) i {releases.shown_path(path, s.root)}" if path
                     else f"klar: utgivelse til og med {when} (n = {d['export']['n']}); ikke lagret (--dry-run)")
        elif d["status"] == "kept":
            state = (f"beholder forrige utgivelse: de nye svarene til og med {when} ville vist tall fra færre "
                     f"enn {s.feedback_k} personer ({'; '.join(d['problems'][:3])})")
        elif d["status"] == "current":
            state = f"uendret: siste utgivelse gjelder til og med {when}"
        else:
            state = f"venter: ingen svar å publisere ennå (svar fra {when} kan publiseres når perioden er slutt)"
        print(f"  {what}: {state}")
    print(f"veiviser release: {len(done)} nye utgivelser lagret" + (" (prøvekjøring)" if args.dry_run else "")
          + ("; legg dem inn i git og bygg nettstedet" if done else ""))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="veiviser", description="Veiviser: bygg nettstedet, og tell opp, "
                                "slå sammen og sjekk tilbakemeldinger.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="bygg nettstedet i --out (standard build/site)")
    b.add_argument("--out", default="build/site", metavar="MAPPE", help="hvor nettstedet skrives")
    b.add_argument("--quiet", action="store_true", help="skriv bare feil")
    b.add_argument("--data", metavar="MAPPE", help="en annen katalogmappe enn data/ (f.eks. en syntetisk)")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="vis det bygde nettstedet på http://127.0.0.1:PORT")
    s.add_argument("--dir", default="build/site", metavar="MAPPE", help="det bygde nettstedet")
    s.add_argument("--host", default="127.0.0.1", metavar="VERT", help="adressen det vises på")
    s.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")), metavar="PORT",
                   help="porten det vises på")
    s.set_defaults(func=cmd_serve)
    v = sub.add_parser("validate", help="sjekk katalogen og skjemadefinisjonene")
    v.add_argument("--data", metavar="MAPPE", help="en annen katalogmappe enn data/")
    v.add_argument("--surveys", metavar="MAPPE", help="en mappe med egne skjemadefinisjoner (i tillegg til dem som følger med)")
    v.set_defaults(func=cmd_validate)
    r = sub.add_parser("review", help="catalogue entries due for a check, per municipality")
    r.add_argument("--municipality", metavar="M", help="one municipality (its slug, e.g. klepp)")
    r.add_argument("--format", choices=("md", "csv", "json"), default="md")
    r.add_argument("--data", help="catalogue folder instead of data/")
    r.add_argument("--today", help="count from this date (YYYY-MM-DD) instead of today")
    r.set_defaults(func=cmd_review)
    a = sub.add_parser("aggregate", help="svar (JSON Lines eller CSV) -> en eksportfil med samlede tall")
    a.add_argument("survey", metavar="SKJEMA", help="skjemaets id, f.eks. brukerundersokelse")
    a.add_argument("responses", metavar="SVARFIL", help=".jsonl (ett JSON-objekt per linje) eller .csv (; eller ,)")
    a.add_argument("-o", "--out", required=True, metavar="FIL", help="eksportfilen som skal skrives (mappen må finnes)")
    a.add_argument("--map", metavar="KARTFIL", help="YAML-fil som gir CSV-kolonnene spørsmålenes id-er (f.eks. fra Nettskjema)")
    a.add_argument("--ignore-columns", action="store_true",
                   help="hopp over CSV-kolonner som ikke er spørsmål (ellers er de en feil)")
    a.add_argument("--surveys", metavar="MAPPE", help="en mappe med egne skjemadefinisjoner")
    a.add_argument("--k", type=int, metavar="K", help="puljestørrelse (standard: skjemaets k; aldri mindre)")
    a.add_argument("--device", metavar="ENHET", help="enhetens id (standard: laget av svarfilens plassering)")
    a.add_argument("--service", metavar="TJENESTE", help="tjenesten, f.eks. klepp/moteplassen")
    a.add_argument("--month", metavar="MÅNED", help="ÅÅÅÅ-MM svarene hører til (standard: denne måneden)")
    a.set_defaults(func=cmd_aggregate)
    m = sub.add_parser("merge", help="slå sammen eksportfiler: den nyeste fra hver enhet teller")
    m.add_argument("exports", nargs="+", metavar="EKSPORTFIL")
    m.add_argument("-o", "--out", required=True, metavar="FIL", help="den sammenslåtte filen (mappen må finnes)")
    m.add_argument("--surveys", metavar="MAPPE", help="en mappe med egne skjemadefinisjoner")
    m.add_argument("--k", type=int, help="minste k som publiseres (standard: nettstedets feedback_k, "
                                         "utenfor et prosjekt 10)")
    m.set_defaults(func=cmd_merge)
    rel = sub.add_parser("release", help="lagre tallene for en periode som er slutt (det nettstedet publiserer)")
    rel.add_argument("--dry-run", action="store_true", help="vis hva som ville blitt lagret, uten å skrive")
    rel.add_argument("--today", metavar="DATO", help="regn periodene fra denne datoen (ÅÅÅÅ-MM-DD) i stedet for i dag")
    rel.add_argument("--data", metavar="MAPPE", help="en annen katalogmappe enn data/")
    rel.set_defaults(func=cmd_release)
    return p


# argparse's own words (usage, errors, headings) in bokmål, so nothing the command prints mixes
# two languages. argparse looks them up through gettext; main() swaps its lookup only while it
# parses, so nothing else in the process is touched.
ARGPARSE_NB = {
    "usage: ": "bruk: ",
    "positional arguments": "argumenter",
    "options": "valg",
    "show this help message and exit": "vis denne hjelpen og avslutt",
    "subcommands": "kommandoer",
    "%(heading)s:": "%(heading)s:",
    " (default: %(default)s)": " (standard: %(default)s)",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "ukjente argumenter: %s",
    "the following arguments are required: %s": "disse må være med: %s",
    "expected one argument": "mangler en verdi",
    "expected at most one argument": "tar høyst én verdi",
    "expected at least one argument": "trenger minst én verdi",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig valg: %(option)s kan være %(matches)s",
    "invalid %(type)s value: %(value)r": "ugyldig verdi: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ukjent valg: %(value)r (velg en av %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: feil: %(message)s\n",
    "not allowed with argument %s": "kan ikke brukes sammen med %s",
    "ignored explicit argument %r": "overflødig verdi %r",
    "one of the arguments %s is required": "ett av argumentene %s må være med",
}


def main(argv: list[str] | None = None) -> int:
    saved = argparse._, argparse.ngettext   # type: ignore[attr-defined]
    argparse._ = lambda text: ARGPARSE_NB.get(text, text)   # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: ARGPARSE_NB.get(one if n == 1 else many, one if n == 1 else many)  # type: ignore[attr-defined]
    try:
        p = parser()
        args = p.parse_args(argv)
    finally:
        argparse._, argparse.ngettext = saved   # type: ignore[attr-defined]
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
