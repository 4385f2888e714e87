"""Shared by the proposal tests (tests/core/test_core_proposal.py runs in Pyodide too, so this
module is standard library only): what the browser's form sends for an entry."""
from veiviser.core import proposal


def form_pairs(entry):
    """What the browser's FormData holds for the form filled in with entry: every text control
    (empty ones too), checked boxes and chosen radios only."""
    shown = proposal.form_values(entry)
    values, groups = shown["values"], shown["groups"]
    pairs = []

    def walk(fields, prefix):
        for f in fields:
            name = prefix + f.key
            if f.kind == "group":
                for i in groups.get(name, [0]):
                    walk(f.fields, f"{name}.{i}.")
            elif f.kind == "object":
                walk(f.fields, name + ".")
            elif f.kind == "set":
                pairs.extend([name, v] for v in values.get(name, []))
            elif f.kind == "checkbox":
                if values.get(name):
                    pairs.append([name, "on"])
            elif f.kind == "choice":
                if values.get(name):
                    pairs.append([name, values[name]])
            else:
                pairs.append([name, values.get(name, "")])
    walk(proposal.fields(), "")
    return pairs


def set_pair(pairs, name, value):
    return [[n, value if n == name else v] for n, v in pairs]
