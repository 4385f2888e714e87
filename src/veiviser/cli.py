"""The `veiviser` command.

  veiviser build [--out build/site] [--data DIR]   build the whole site (mkdocs build --strict), atomically;
                                        --data (also on validate) reads another catalogue folder
  veiviser serve [--dir build/site]     serve the built site on 127.0.0.1
  veiviser validate [--surveys DIR]     check the catalogue and the survey definitions
  veiviser aggregate SURVEY_ID RESPONSES -o OUT   responses (JSON Lines or CSV) -> export
  veiviser merge EXPORT... -o OUT       merge exports (the latest per device wins)
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def project_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml: the current one or a parent."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise SystemExit("veiviser: no mkdocs.yml here or in a parent folder; run it from the project folder")


def cmd_build(args) -> int:
    root = project_root()
    out = (root / args.out).resolve() if not Path(args.out).is_absolute() else Path(args.out)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    if args.data:  # the MkDocs hooks read the catalogue folder from the environment
        data = Path(args.data).resolve()
        env["VEIVISER_DATA"] = str(data)
        # Feedback exports name services of one catalogue: use those beside this data folder
        # (<dir>/surveys/exports, as in the project), not the real ones.
        env.setdefault("VEIVISER_EXPORTS", str(data.parent / "surveys" / "exports"))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(root / "mkdocs.yml"),
           "-d", str(tmp)]
    # --quiet must not reach MkDocs: its --quiet drops warnings before --strict counts them.
    # Keep the output instead, and show it only when the build fails.
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=args.quiet, text=True)
    if result.returncode != 0:
        if args.quiet:
            sys.stderr.write(result.stdout + result.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"veiviser build: failed; {out} is unchanged", file=sys.stderr)
        return result.returncode
    # Swap in the new site whole, so a half-built site is never served.
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    print(f"veiviser build: site written to {out}")
    return 0


def cmd_serve(args) -> int:
    from .server import serve
    root = project_root()
    site = (root / args.dir) if not Path(args.dir).is_absolute() else Path(args.dir)
    if not (site / "index.html").is_file():
        raise SystemExit(f"veiviser serve: {site} has no index.html; run `make build` first")
    serve(site, host=args.host, port=args.port)
    return 0


def cmd_validate(args) -> int:
    from .site import build
    from .site.catalogue import CatalogueError
    root = project_root()
    try:
        ctx = build.load(root, Path(args.data).resolve() if args.data else None)
    except CatalogueError as exc:
        print(exc, file=sys.stderr)
        return 1
    cat = ctx.catalogue
    print(f"veiviser validate: catalogue OK: {len(cat.municipalities)} municipalities, "
          f"{len(cat.services)} services, {len(cat.laws)} laws and guidelines, {len(cat.tools)} tools")
    from .site import surveys
    try:
        found = surveys.load_all(root, extra=args.surveys)
    except surveys.SurveyError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"veiviser validate: survey definitions OK: {', '.join(s.file for s in found)}")
    return 0


def cmd_aggregate(args) -> int:
    """Responses (JSON Lines or CSV) -> one export, written atomically; nothing on error."""
    import datetime
    import hashlib
    from . import atomic
    from .core import export as export_mod
    from .site import surveys
    root = project_root()
    notes: list[str] = []
    try:
        survey = surveys.find(surveys.load_all(root, extra=args.surveys), args.survey)
        responses = surveys.read_responses(Path(args.responses), survey.definition, args.map, notes)
        # Default device: the same for the same input file, so a re-run supersedes at merge.
        device = args.device or hashlib.sha256(str(Path(args.responses).resolve()).encode()).hexdigest()[:16]
        month = args.month or datetime.date.today().strftime("%Y-%m")
        doc = surveys.aggregate_file(survey.definition, responses, month, device, args.service, args.k)
    except surveys.SurveyError as exc:
        print(f"veiviser aggregate: nothing written.\n{exc}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"veiviser aggregate: {note}", file=sys.stderr)
    atomic.write_text(args.out, export_mod.to_json(doc))
    print(f"veiviser aggregate: {args.out}: n = {doc['n']} of {len(responses)} responses "
          f"(whole batches of k = {doc['k']})")
    return 0


def cmd_merge(args) -> int:
    """Exports -> one merged export (the latest per device), written atomically; nothing on error."""
    from . import atomic
    from .core import export as export_mod
    from .site import surveys
    try:
        doc = surveys.merge_files([Path(p) for p in args.exports])
    except surveys.SurveyError as exc:
        print(f"veiviser merge: nothing written.\n{exc}", file=sys.stderr)
        return 1
    atomic.write_text(args.out, export_mod.to_json(doc))
    print(f"veiviser merge: {args.out}: n = {doc['n']} from {len(doc['devices'])} device(s)")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="veiviser", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the site into --out (default build/site)")
    b.add_argument("--out", default="build/site")
    b.add_argument("--quiet", action="store_true")
    b.add_argument("--data", help="catalogue folder instead of data/ (e.g. a synthetic one)")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="serve the built site on http://127.0.0.1:PORT")
    s.add_argument("--dir", default="build/site")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    s.set_defaults(func=cmd_serve)
    v = sub.add_parser("validate", help="check the catalogue and survey definitions")
    v.add_argument("--data", help="catalogue folder instead of data/")
    v.add_argument("--surveys", help="a local folder of extra survey definitions")
    v.set_defaults(func=cmd_validate)
    a = sub.add_parser("aggregate", help="survey responses (JSON Lines or CSV) -> an aggregate export")
    a.add_argument("survey", metavar="SURVEY_ID")
    a.add_argument("responses", metavar="RESPONSES", help=".jsonl (one object per line) or .csv")
    a.add_argument("-o", "--out", required=True)
    a.add_argument("--map", help="YAML file renaming CSV columns to item ids (e.g. a Nettskjema export)")
    a.add_argument("--surveys", help="a local folder of extra survey definitions")
    a.add_argument("--k", type=int, help="batch size (default: the definition's k)")
    a.add_argument("--device", help="device id (default: made from the input file's path)")
    a.add_argument("--service", help="service key, e.g. klepp/moteplassen")
    a.add_argument("--month", help="YYYY-MM the responses belong to (default: this month)")
    a.set_defaults(func=cmd_aggregate)
    m = sub.add_parser("merge", help="merge exports: the latest per device wins")
    m.add_argument("exports", nargs="+", metavar="EXPORT")
    m.add_argument("-o", "--out", required=True)
    m.set_defaults(func=cmd_merge)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
