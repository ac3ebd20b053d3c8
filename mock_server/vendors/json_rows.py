"""JSON text of many same-shaped objects, without a dict per object.

A page of posts or a series is dozens of objects with the same keys in the same order.
``json.dumps`` of dicts escapes every key of every object again, and building the dicts
costs as much; a :class:`RowTemplate` encodes the keys once and writes all the objects
with one ``%`` formatting of their values (:func:`filled`).

Values are given ready: an int or a float as it is (``%s`` writes ``repr``, as ``json``
does), :data:`NULL` for null, and any other JSON (a string literal from :func:`strings`,
a nested object from :func:`dumps`) as text. The result equals ``json.dumps`` of the
dicts with ``separators=(",", ":")`` (tests/perf_equivalence/test_equivalence_json_rows.py).
Floats are finite: the domain never produces NaN or infinity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import chain
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any


class _Null:
    """``%s`` writes ``null``."""

    __slots__ = ()

    def __str__(self) -> str:
        return "null"

    def __repr__(self) -> str:
        return "NULL"


NULL = _Null()
"""A null value in a row (``None`` would be written ``None``)."""


_ENCODERS = {
    ascii_only: json.JSONEncoder(separators=(",", ":"), ensure_ascii=ascii_only, allow_nan=False)
    for ascii_only in (False, True)
}
"""One encoder per escaping, made once (``json.dumps`` with options makes one per call)."""


def dumps(value: Any, ascii_only: bool = False) -> str:
    """Compact JSON of one value (as the vendors' responses are written)."""
    return _ENCODERS[ascii_only].encode(value)


def strings(values: Iterable[str], ascii_only: bool = False) -> list[str]:
    """JSON string literals of ``values`` (``\\u`` escapes for non-ASCII when asked)."""
    encode = encode_basestring_ascii if ascii_only else encode_basestring
    return list(map(encode, values))


FLOAT_TEXT_LIMIT = 100_000
"""Distinct floats whose text :func:`float_texts` keeps (a few MiB at most)."""


class _FloatTexts(dict[object, str]):
    """``repr`` of the floats written so far, and ``null`` for :data:`NULL` (zero is not
    kept: 0.0 and -0.0 are equal keys with different texts)."""

    def __missing__(self, value: object) -> str:
        text = repr(value)
        if value and len(self) < FLOAT_TEXT_LIMIT:
            self[value] = text
        return text


_FLOAT_TEXTS = _FloatTexts({NULL: "null"})


def float_texts(values: Iterable[Any]) -> list[str]:
    """The JSON text of each float (``repr``, as ``json`` writes it) or :data:`NULL`,
    remembered: a rate rounded to a few decimals takes few distinct values, and looking its
    text up costs a third of writing it. Floats and NULL only: an int equal to a remembered
    float would get the float's text."""
    return list(map(_FLOAT_TEXTS.__getitem__, values))


def members(keys: Sequence[str]) -> str:
    """``"a":%s,"b":%s``: the members of an object with ``keys``, values left to fill."""
    return ",".join(encode_basestring_ascii(key).replace("%", "%%") + ":%s" for key in keys)


class RowTemplate:
    """Objects with ``keys`` in this order, from columns of ready values."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = tuple(keys)
        self.text = "{" + members(self.keys) + "}"

    def array(self, columns: Sequence[Sequence[Any]]) -> str:
        """``[row,row,...]``: an object per row of the equally long ``columns`` (one per
        key), written by one ``%`` over every value."""
        return "[" + filled(self.text, columns) + "]"


def filled(text: str, columns: Sequence[Sequence[Any]]) -> str:
    """``text`` filled from each row of the equally long ``columns`` (one per ``%s`` slot),
    the rows joined by commas: one ``%`` over every value."""
    values = tuple(chain.from_iterable(zip(*columns, strict=True)))
    rows = len(columns[0]) if columns else 0
    return ",".join([text] * rows) % values
