"""Smaller HTML pages: drop the indentation Material's templates put at the start of each line.

A national catalogue has thousands of service pages, and a quarter of each page's bytes was
indentation. Only leading spaces and tabs after a newline go; the newline stays, so text and
inline elements render exactly as before. <pre>, <textarea> and <script> keep every byte
(whitespace matters there).
"""
from __future__ import annotations

import re

KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2\s*>)", re.S | re.I)
INDENT = re.compile(r"\n[ \t]+")


def compact_html(html: str) -> str:
    parts = KEEP.split(html)
    # split() with two groups gives [text, kept, tag name, text, kept, tag name, ..., text]
    out = []
    for i in range(0, len(parts), 3):
        out.append(INDENT.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
