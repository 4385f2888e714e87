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
import sys
from pathlib import Path


from .problems import VeiviserError


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
        print(f"veiviser build: failed; {args.out} is unchanged", file=sys.stderr)
        return 1
    print(f"veiviser build: site written to {out}")
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
        raise SystemExit(f"veiviser serve: {site} has no index.html; run `make build` first")
    serve(site, host=args.host, port=args.port)
    return 0


def cmd_validate(args) -> int:
    from .catalogue import load as catalogue_load
    from .surveys import definitions
    try:
        s = settings(args.data)
        cat = catalogue_load.load(s.data_dir)
        print(f"veiviser validate: catalogue OK: {len(cat.municipalities)} municipalities, "
              f"{len(cat.services)} services, {len(cat.laws)} laws and guidelines, {len(cat.tools)} tools")
        local = Path(args.surveys) if args.surveys else s.local_surveys_dir
        found = definitions.load_all(s.surveys_dir, local, root=s.root)
    except VeiviserError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"veiviser validate: survey definitions OK: {', '.join(x.file for x in found)}")
    return 0


def cmd_aggregate(args) -> int:
    """Responses (JSON Lines or CSV) -> one export, written atomically; nothing on error."""
    import datetime
    import hashlib
    from . import atomic
    from .core import export as export_mod
    from .surveys import definitions, model
    from .surveys import responses as surveys
    notes: list[str] = []
    try:
        s = settings()
        local = Path(args.surveys) if args.surveys else s.local_surveys_dir
        survey = model.find(definitions.load_all(s.surveys_dir, local, root=s.root), args.survey)
        responses = surveys.read_responses(Path(args.responses), survey.definition, args.map, notes)
        # Default device: the same for the same input file, so a re-run supersedes at merge.
        device = args.device or hashlib.sha256(str(Path(args.responses).resolve()).encode()).hexdigest()[:16]
        month = args.month or datetime.date.today().strftime("%Y-%m")
        doc = surveys.aggregate_file(survey.definition, responses, month, device, args.service, args.k,
                                     surveys.asked_items(Path(args.responses), responses))
    except VeiviserError as exc:
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
    from .surveys import responses as surveys
    try:
        doc = surveys.merge_files([Path(p) for p in args.exports])
    except VeiviserError as exc:
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
