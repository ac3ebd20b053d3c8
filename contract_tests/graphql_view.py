"""A GraphQL response read through its query and the Buffer SDL.

:func:`view` walks ``data`` along the query's selection set with the schema's types: it
reports every value that breaks its declared type (a null non-null field, an unknown enum
value, a string where an Int belongs, a missing or unrequested key) and collects every
object by GraphQL type with aliases undone, so the Buffer rules can ask for "every Post" or
"every PostMetric" whatever the query looked like.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    build_schema,
    parse,
)
from graphql.utilities import value_from_ast_untyped

from contract_tests.exchange import Exchange
from contract_tests.specs import GRAPHQL_SDL

INT_RANGE = (-(2**31), 2**31 - 1)


@lru_cache(maxsize=1)
def buffer_schema() -> GraphQLSchema:
    return build_schema(GRAPHQL_SDL.read_text(encoding="utf-8"))


@dataclass
class Root:
    """A root field as asked (name, arguments) and its normalised value."""

    name: str
    args: dict[str, Any]
    value: Any


@dataclass
class GraphQLView:
    problems: list[str] = field(default_factory=list)
    objects: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    roots: list[Root] = field(default_factory=list)

    def of(self, type_name: str) -> list[dict[str, Any]]:
        return self.objects.get(type_name, [])


class _Walker:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode], view: GraphQLView) -> None:
        self.fragments = fragments
        self.view = view

    def fields(self, type_: GraphQLObjectType, selections: SelectionSetNode) -> Iterator[FieldNode]:
        for node in selections.selections:
            if isinstance(node, FieldNode):
                yield node
                continue
            fragment: InlineFragmentNode | FragmentDefinitionNode
            if isinstance(node, FragmentSpreadNode):
                fragment = self.fragments[node.name.value]
            else:
                assert isinstance(node, InlineFragmentNode)
                fragment = node
            condition = fragment.type_condition
            if condition is None or condition.name.value == type_.name:
                yield from self.fields(type_, fragment.selection_set)

    def obj(
        self, type_: GraphQLObjectType, selections: SelectionSetNode, value: Any, path: str
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.view.problems.append(f"{path}: expected a {type_.name} object, got {value!r}")
            return {}
        out: dict[str, Any] = {}
        keys: set[str] = set()
        for node in self.fields(type_, selections):
            name = node.name.value
            key = node.alias.value if node.alias else name
            keys.add(key)
            if key not in value:
                self.view.problems.append(f"{path}.{key}: requested but missing")
                continue
            if name == "__typename":
                if value[key] != type_.name:
                    self.view.problems.append(f"{path}.{key}: {value[key]!r} != {type_.name}")
                continue
            field_type = type_.fields[name].type
            out.setdefault(name, self.value(field_type, node, value[key], f"{path}.{key}"))
        extra = sorted(set(value) - keys)
        if extra:
            self.view.problems.append(f"{path}: keys that were not requested: {extra}")
        self.view.objects[type_.name].append(out)
        return out

    def value(self, type_: GraphQLOutputType, node: FieldNode, value: Any, path: str) -> Any:
        if isinstance(type_, GraphQLNonNull):
            if value is None:
                self.view.problems.append(f"{path}: null in a non-null {type_}")
                return None
            type_ = type_.of_type
        if value is None:
            return None
        if isinstance(type_, GraphQLList):
            if not isinstance(value, list):
                self.view.problems.append(f"{path}: expected a list, got {value!r}")
                return None
            return [self.value(type_.of_type, node, v, f"{path}[{i}]") for i, v in enumerate(value)]
        if isinstance(type_, GraphQLObjectType):
            assert node.selection_set is not None
            return self.obj(type_, node.selection_set, value, path)
        if isinstance(type_, GraphQLEnumType):
            if value not in type_.values:
                self.view.problems.append(f"{path}: {value!r} is not a {type_.name} value")
            return value
        problem = scalar_problem(getattr(type_, "name", ""), value)
        if problem:
            self.view.problems.append(f"{path}: {problem}")
        return value


def scalar_problem(name: str, value: Any) -> str | None:
    """Why ``value`` is not a valid serialised ``name`` scalar, or None."""
    if name == "Int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        ok = ok and INT_RANGE[0] <= value <= INT_RANGE[1]
    elif name == "Float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif name == "Boolean":
        ok = isinstance(value, bool)
    elif name == "DateTime":
        ok = isinstance(value, str) and _is_instant(value)
    else:  # String, ID and Buffer's id scalars serialise as strings
        ok = isinstance(value, str)
    return None if ok else f"{value!r} is not a valid {name}"


def _is_instant(text: str) -> bool:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def request_document(ex: Exchange) -> tuple[str, dict[str, Any]] | None:
    payload = ex.request_json
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return None
    variables = payload.get("variables")
    return payload["query"], variables if isinstance(variables, dict) else {}


def view(ex: Exchange) -> GraphQLView | None:
    """Walk the response of a GraphQL exchange; None when the request is not a query."""
    request = request_document(ex)
    body = ex.json
    if request is None or not isinstance(body, dict):
        return None
    try:
        document = parse(request[0])
    except GraphQLSyntaxError:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or operations[0].operation.value != "query":
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    result = GraphQLView()
    data = body.get("data")
    if data is None:
        return result
    query_type = buffer_schema().query_type
    assert query_type is not None
    walker = _Walker(fragments, result)
    normalised = walker.obj(query_type, operations[0].selection_set, data, "data")
    for node in walker.fields(query_type, operations[0].selection_set):
        args = {
            a.name.value: value_from_ast_untyped(a.value, request[1]) for a in node.arguments or ()
        }
        result.roots.append(Root(node.name.value, args, normalised.get(node.name.value)))
    return result
