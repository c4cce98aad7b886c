"""Decoding of downloaded bytes: declared charset, BOM, <meta>/XML declaration, else guessed."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""")


def decode(content: bytes, charset: str | None = None) -> str:
    """Decode a body by its declared charset, a BOM, a <meta>/XML declaration, else UTF-8/cp1252."""
    for candidate in (charset, _bom(content), _declared(content[:4096])):
        if candidate and _known(candidate):
            return content.decode(candidate, errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # Pages without a charset that are not UTF-8 are, in practice, latin-1 / Windows-1252.
        return content.decode("cp1252", errors="replace")


def _bom(content: bytes) -> str | None:
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if content.startswith(bom):
            return name
    return None


def _declared(head: bytes) -> str | None:
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True
