"""The executable schema, built schema-first from specs/graphql/buffer.graphql.

The SDL is the only schema: Ariadne loads it and binds the resolvers and scalars to it
(STYLE.md, "Schema first"); nothing here restates a type.
"""

from __future__ import annotations

from pathlib import Path

from ariadne import load_schema_from_path, make_executable_schema
from graphql import GraphQLSchema

from mock_server.specs import GRAPHQL_SDL
from mock_server.vendors.buffer.resolvers import BINDABLES
from mock_server.vendors.buffer.scalars import scalar_types


def build_schema(sdl: Path = GRAPHQL_SDL) -> GraphQLSchema:
    """The SDL with Buffer's resolvers and scalars bound."""
    return make_executable_schema(load_schema_from_path(str(sdl)), *BINDABLES, *scalar_types())
