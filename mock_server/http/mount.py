"""How a vendor plugs into the app: its URL prefixes, its error envelope, its headers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Response

from mock_server.http.errors import ApiError


def _unchanged(response: Response) -> Response:
    return response


@dataclass(frozen=True)
class VendorMount:
    """A mounted vendor. ``render_error`` turns an :class:`ApiError` into its envelope;
    ``finish`` adds the headers every one of its responses carries (error or not)."""

    name: str
    prefixes: tuple[str, ...]
    render_error: Callable[[ApiError], Response]
    finish: Callable[[Response], Response] = _unchanged

    def owns(self, path: str) -> bool:
        """Whether a request path belongs to this vendor."""
        return any(path == p or path.startswith(p + "/") for p in self.prefixes)
