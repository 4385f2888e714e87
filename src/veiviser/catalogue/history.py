"""«Endringer» on each service page: the commits that changed its file, newest first (date and
message), read with one `git log` per build. Left out quietly when there is no history to
read: git missing, the catalogue not in a git repository (an exported copy, a test catalogue),
or a file no commit has touched yet.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

LIMIT = 10            # the newest commits shown per service
MESSAGE_LENGTH = 160  # a longer first line is cut with «…»


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], capture_output=True, text=True,
                              timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def short(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= MESSAGE_LENGTH else message[: MESSAGE_LENGTH - 1].rstrip() + "…"


def service_history(data_dir: Path) -> dict[str, list[dict]]:
    """Service key ("klepp/moteplassen") -> [{"date": "2026-11-29", "message": "..."}], newest
    first; {} when there is no git history to read."""
    data_dir = Path(data_dir).resolve()
    top = _git("-C", str(data_dir), "rev-parse", "--show-toplevel")
    if not top:
        return {}
    root = Path(top.strip()).resolve()
    try:
        services = (data_dir / "services").relative_to(root).as_posix()
    except ValueError:
        return {}
    log = _git("-C", str(root), "log", "--format=%x1e%as%x1f%s", "--name-only", "--", services)
    if log is None:
        return {}
    out: dict[str, list[dict]] = {}
    for chunk in log.split("\x1e")[1:]:
        head, _, names = chunk.partition("\n")
        date, _, message = head.partition("\x1f")
        for name in names.split("\n"):
            if not (name.startswith(services + "/") and name.endswith(".yaml")):
                continue
            parts = name[len(services) + 1: -len(".yaml")].split("/")
            if len(parts) == 2:
                out.setdefault("/".join(parts), []).append({"date": date, "message": short(message)})
    return out
