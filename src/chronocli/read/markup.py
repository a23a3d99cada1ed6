"""Case notes exported from a case system's rich-text editor: HTML markup read as the plain text it shows."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

# Markup a rich-text case note carries ("<p>Visited home.&nbsp;Mum &amp; partner present.</p>"): tags a
# note editor writes, or a character entity. Text that merely holds "<" or "&" ("Mum & dad", "<2nd centile")
# matches neither.
_MARKUP = re.compile(r"</?(?:p|br|div|span|li|ul|ol|b|i|u|strong|em|font|table|tr|td|th|h[1-6])\b[^<>]{0,200}>"
                     r"|&(?:[a-z]{2,8}|#\d{2,5}|#x[0-9a-f]{2,4});", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|tr|h[1-6])\s*>", re.IGNORECASE)  # where the editor showed a new line
_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^<>]{0,200}>", re.IGNORECASE)


def has_markup(text: str) -> bool:
    return ("<" in text or "&" in text) and _MARKUP.search(text) is not None


def plain(text: str) -> str:
    """The text a rich-text note shows: line breaks where its paragraphs and breaks were, tags gone, entities as
    their characters (a non-breaking space as a space), blank lines and trailing spaces dropped."""
    text = _TAG.sub("", _BREAK.sub("\n", text))
    text = html.unescape(text).replace("\xa0", " ")
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def without_markup(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each cell as plain text, and which cells changed. Only cells holding '<' or '&' are looked at (a
    million cells are checked for those in a few tens of milliseconds), each distinct one once."""
    maybe = np.fromiter((isinstance(v, str) and ("<" in v or "&" in v) for v in values), dtype=bool, count=len(values))
    changed = np.zeros(len(values), dtype=bool)
    if not maybe.any():
        return values, changed
    at = np.flatnonzero(maybe)
    codes, distinct = pd.factorize(values[at])
    read = np.array([plain(v) if has_markup(v) else v for v in distinct], dtype=object)
    differs = (read != np.asarray(distinct, dtype=object))[codes]
    if not differs.any():
        return values, changed
    shown = values.copy()
    shown[at[differs]] = read[codes][differs]
    changed[at[differs]] = True
    return shown, changed
