"""The JSON Schemas of every data file (published by the site under data/schemas/).

`load(name)` reads one; `validator(name)` makes one Draft 2020-12 validator per schema and
reuses it (a national catalogue checks thousands of files against the same few schemas).
Error messages are made in veiviser.problems, nowhere else.
"""
from __future__ import annotations

import functools
import json
from importlib import resources


def names() -> list[str]:
    """Every schema file name (x.schema.json), sorted."""
    return sorted(e.name for e in resources.files(__package__).iterdir() if e.name.endswith(".schema.json"))


@functools.lru_cache(maxsize=None)
def text(name: str) -> str:
    """The schema file's text; name is "service" or "service.schema.json"."""
    file = name if name.endswith(".json") else f"{name}.schema.json"
    return resources.files(__package__).joinpath(file).read_text("utf-8")


def load(name: str) -> dict:
    return json.loads(text(name))


@functools.lru_cache(maxsize=None)
def validator(name: str):
    from jsonschema import Draft202012Validator   # build time only: the browser never imports this
    return Draft202012Validator(load(name))
