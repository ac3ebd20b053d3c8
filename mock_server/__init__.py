"""Metrics mock server: one seeded world behind Layers, Later and Buffer reporting APIs."""

from mock_server.app import create_app
from mock_server.config import Config

__all__ = ["Config", "create_app"]
