"""Metrics mock server: one seeded world behind Layers, Later and Buffer reporting APIs.

``create_app`` and ``Config`` are loaded lazily, so importing the pure ``mock_server.domain``
(as the contract kit does) never pulls in Flask or the world.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Config", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from mock_server.app import create_app

        return create_app
    if name == "Config":
        from mock_server.config import Config

        return Config
    raise AttributeError(name)
