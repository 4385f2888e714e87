"""YAML for catalogue entries, written in the standard library (the browser has no PyYAML): the
proposal form turns an entry into the file an editor puts under data/services/.

Careful rather than general. It writes only what JSON can hold (mappings, lists, strings,
whole and decimal numbers, true/false, null), in the house style of data/ (two-space indent,
short lists of words in brackets, long text folded with `>-`, sources as one-line mappings),
and it quotes every string that YAML 1.1 (PyYAML) could read as anything but that same string:
yes/no/on/off, numbers, dates, ~, strings with «: » or « #», leading indicators, and any
character YAML cannot carry as it is (escaped inside double quotes). The tests read every
output back with yaml.safe_load.

An edit keeps the file's own text wherever the entry did not change (`update`): only the
top-level fields whose value changed are written anew, so the diff an editor sees, and the
patch `git apply` takes, hold that change and nothing else.
"""
from __future__ import annotations

import difflib
import re

from .schema_check import equal

WIDTH = 118          # the longest line before text folds (the house style of data/)
FLOW_ITEM = 60       # lists of words up to this long each stay on one line: [a, b, c]

# PyYAML's printable characters; others are escaped. NEL, LS and PS are line breaks to YAML,
# and a BOM is dropped at the start of a stream: those are escaped too.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\U00010000-\U0010FFFF]")
# Strings YAML 1.1 resolves to null, a boolean, a number, a date or a merge/value key.
_SPECIAL = re.compile(r"""^(?:~|null|true|false|yes|no|on|off|y|n|<<|=|\.inf|-\.inf|\+\.inf|\.nan)$""", re.I)
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = set(",[]{}")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


# --- scalars ----------------------------------------------------------------------------------

def plain_ok(text: str, flow: bool = False) -> bool:
    """Whether a string can stand unquoted and read back as the same string."""
    if not text or text != text.strip(" ") or text[0] in _INDICATORS or text[0] in "0123456789+.":
        return False
    if _NON_PRINTABLE.search(text) or any(c in text for c in "\t\n\r"):
        return False
    if ": " in text or " #" in text or text.endswith(":") or _SPECIAL.match(text):
        return False
    # in a flow list PyYAML also stops at «?» and «:» before «]» or «,» («[A?]» does not read back)
    if flow and any(c in _FLOW_INDICATORS or c in "?:#" for c in text):
        return False
    return True


def quoted(text: str) -> str:
    """A double-quoted scalar: every character YAML could misread is escaped."""
    out = []
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _NON_PRINTABLE.match(ch) or ch == "\r":
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def scalar(value, flow: bool = False) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        return text if ("." in text or "e" in text) else text + ".0"
    if isinstance(value, str):
        return value if plain_ok(value, flow) else quoted(value)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def foldable(text: str) -> bool:
    """Whether a string can be a folded block (`>-`) and read back the same: one paragraph of
    printable text with single spaces between words at every place a line may break."""
    return (bool(text) and text == text.strip() and "\n" not in text and "\r" not in text and "\t" not in text
            and not _NON_PRINTABLE.search(text) and " " in text)


def fold(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (a longer word stays whole), broken only at a single
    space between two non-spaces, so folding joins them back with that one space."""
    breaks = [i for i, ch in enumerate(text)
              if ch == " " and 0 < i < len(text) - 1 and text[i - 1] != " " and text[i + 1] != " "]
    lines: list[str] = []
    start, prev = 0, None
    for b in breaks:
        if b - start > width:
            if prev is not None and prev >= start:
                lines.append(text[start:prev])
                start = prev + 1
            if b - start > width:   # one word longer than a line: break right after it
                lines.append(text[start:b])
                start, prev = b + 1, None
                continue
        prev = b
    if len(text) - start > width and prev is not None and prev >= start:
        lines.append(text[start:prev])
        start = prev + 1
    lines.append(text[start:])
    return lines


def key_text(key) -> str:
    key = str(key)
    return key if _KEY.match(key) and not _SPECIAL.match(key) else quoted(key)


# --- collections --------------------------------------------------------------------------------

def ordered(mapping: dict, schema: dict | None) -> list:
    """The keys in the schema's order; keys the schema does not name after them, as they came."""
    known = list((schema or {}).get("properties", {}))
    return [k for k in known if k in mapping] + [k for k in mapping if k not in known]


def sub_schema(schema: dict | None, key) -> dict | None:
    if not schema:
        return None
    return schema.get("properties", {}).get(key)


def item_schema(schema: dict | None) -> dict | None:
    return schema.get("items") if schema and isinstance(schema.get("items"), dict) else None


def is_scalar(value) -> bool:
    return not isinstance(value, (dict, list))


def flow_list(items: list) -> str | None:
    if all(is_scalar(i) and not (isinstance(i, str) and len(i) > FLOW_ITEM) for i in items):
        return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"
    return None


def flow_mapping(mapping: dict, schema: dict | None) -> str | None:
    if all(is_scalar(v) for v in mapping.values()):
        return "{" + ", ".join(f"{key_text(k)}: {scalar(mapping[k], flow=True)}" for k in ordered(mapping, schema)) + "}"
    return None


class Emitter:
    """flow_keys: list fields whose items are written as one-line mappings when they fit
    (`sources: - {report: klepp-2020, lines: "178"}`)."""

    def __init__(self, schema: dict | None = None, flow_keys=("sources", "source")):
        self.schema = schema
        self.flow_keys = set(flow_keys)

    def mapping(self, mapping: dict, indent: int, schema: dict | None) -> list[str]:
        lines: list[str] = []
        for key in ordered(mapping, schema):
            lines += self.entry(key, mapping[key], indent, sub_schema(schema, key))
        return lines

    def entry(self, key, value, indent: int, schema: dict | None) -> list[str]:
        head = " " * indent + key_text(key) + ":"
        if isinstance(value, dict):
            if not value:
                return [head + " {}"]
            if key in self.flow_keys:
                flow = flow_mapping(value, schema)
                if flow and len(head) + 1 + len(flow) <= WIDTH:
                    return [head + " " + flow]
            return [head] + self.mapping(value, indent + 2, schema)
        if isinstance(value, list):
            if not value:
                return [head + " []"]
            flow = flow_list(value)
            if flow and len(head) + 1 + len(flow) <= WIDTH:
                return [head + " " + flow]
            return [head] + self.sequence(value, indent + 2, item_schema(schema), flow_items=key in self.flow_keys)
        return self.scalar_lines(head + " ", value, indent + 2)

    def sequence(self, items: list, indent: int, schema: dict | None, flow_items: bool) -> list[str]:
        lines: list[str] = []
        pad = " " * indent
        for item in items:
            if isinstance(item, dict) and item:
                flow = flow_mapping(item, schema) if flow_items else None
                if flow and indent + 2 + len(flow) <= WIDTH:
                    lines.append(pad + "- " + flow)
                    continue
                sub = self.mapping(item, indent + 2, schema)
                lines += [pad + "- " + sub[0][indent + 2:]] + sub[1:]
            elif isinstance(item, list) and item:
                sub = self.sequence(item, indent + 2, item_schema(schema), False)
                lines += [pad + "- " + sub[0][indent + 2:]] + sub[1:]
            elif isinstance(item, (dict, list)):
                lines.append(pad + "- " + ("{}" if isinstance(item, dict) else "[]"))
            else:
                lines += self.scalar_lines(pad + "- ", item, indent + 2)
        return lines

    def scalar_lines(self, head: str, value, content_indent: int) -> list[str]:
        text = scalar(value)
        if isinstance(value, str) and len(head) + len(text) > WIDTH and foldable(value):
            return [head + ">-"] + [" " * content_indent + line for line in fold(value, WIDTH - content_indent)]
        return [head + text]


def dump(entry: dict, schema: dict | None = None) -> str:
    """A whole entry as a YAML file (a mapping at the top, keys in the schema's order)."""
    return "\n".join(Emitter(schema).mapping(entry, 0, schema)) + "\n"


def dump_field(key, value, schema: dict | None = None) -> str:
    """One top-level field as it stands in a file."""
    return "\n".join(Emitter(schema).entry(key, value, 0, sub_schema(schema, key))) + "\n"


# --- editing a file in place ------------------------------------------------------------------------

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]|$)")


def lines_of(text: str) -> list[str]:
    """Lines split at \\n only (str.splitlines would also split at characters YAML keeps)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


# A value that starts with an anchor, an alias or a tag: such a file is written anew.
_NODE_PROPERTY = re.compile(r"(?:^\s*(?:- )*|: |[\[{,] ?)[&*!]\S")


def blocks(text: str) -> list[tuple[str | None, str]] | None:
    """A file cut into top-level fields: [(key, text)]. Comments and blank lines before the
    first key are (None, text); a blank line after a field goes with that field, a comment at
    the left edge with the field after it. None when the file is not a plain mapping of
    `key: ...` lines (anchors, aliases, tags, several documents, text at the left edge)."""
    out: list[list] = []
    pending = ""   # comments (and the blank lines among them) waiting for the next key
    for line in lines_of(text):
        body = line.rstrip("\n")
        match = _TOP_KEY.match(body)
        if _NODE_PROPERTY.search(body):
            return None
        if match:
            if pending and not out:
                out.append([None, pending])
                pending = ""
            out.append([match[1], pending + line])
            pending = ""
        elif not body.strip():
            if out and not pending:
                out[-1][1] += line
            else:
                pending += line
        elif body.startswith("#"):
            pending += line
        elif body[0] in " \t" and out and out[-1][0] is not None:
            out[-1][1] += pending + line
            pending = ""
        else:
            return None
    if pending:
        out.append([None, pending])
    keys = [k for k, _ in out if k]
    return [(k, t) for k, t in out] if keys and len(keys) == len(set(keys)) else None


def update(text: str | None, old: dict | None, new: dict, schema: dict | None = None) -> str:
    """The file `text` (whose data is `old`) with the data `new`: fields that did not change
    keep their text, changed ones are written anew, removed ones go, new ones are placed after
    the field before them in the schema's order. Without a usable text, the whole file anew."""
    parts = blocks(text) if text and old is not None else None
    if parts is None or old is None or {k for k, _ in parts if k} != set(old):
        return dump(new, schema)
    order = ordered(new, schema)
    rank: dict = {}
    for k in [*(schema or {}).get("properties", {}), *order]:
        rank.setdefault(k, len(rank))
    result: list[tuple[str | None, str]] = []
    for key, block in parts:
        if key is None:
            result.append((None, block))
        elif key in new:
            if equal(old[key], new[key]):
                result.append((key, block))
            else:
                lines = lines_of(block)
                start = next(i for i, line in enumerate(lines) if _TOP_KEY.match(line))
                end = len(lines)
                while end > start + 1 and not lines[end - 1].strip():
                    end -= 1
                # comments above the field and blank lines after it stay
                result.append((key, "".join(lines[:start]) + dump_field(key, new[key], schema) + "".join(lines[end:])))
    for key in order:
        if key in old:
            continue
        index = 0
        for i, (k, _) in enumerate(result):
            if k is None and i == 0:
                index = 1
            elif k is not None and rank[k] < rank[key]:
                index = i + 1
        result.insert(index, (key, dump_field(key, new[key], schema)))
    out = "".join(block for _, block in result)
    return out if out.endswith("\n") else out + "\n"


def unified_diff(old: str, new: str, path: str) -> str:
    """A patch `git apply` takes (paths a/<path> and b/<path>; /dev/null for a new file)."""
    old_lines, new_lines = lines_of(old), lines_of(new)
    for lines in (old_lines, new_lines):
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n\\ No newline at end of file\n"
    diff = difflib.unified_diff(old_lines, new_lines, "a/" + path if old else "/dev/null", "b/" + path, n=3)
    return "".join(diff)
