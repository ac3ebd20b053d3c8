"""Hostile-query limits, checked as graphql-core validation rules before anything executes.

Buffer documents "Query limits: depth 25, at most 30 aliases" (DOMAIN.md section 4). The
mock adds a cost limit (mock choice, stated in the SDL's Query description): every selected
field costs 1 point, and whatever is selected under ``posts`` counts once per requested post
(``first``, 20 when omitted or null, at most 100); a query above :data:`MAX_COST` points is
refused. A full page of 100 posts with every field costs about 3,300 points.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from graphql.validation import ASTValidationRule, ValidationContext, ValidationRule

MAX_DEPTH = 25
MAX_ALIASES = 30
MAX_COST = 10_000
MAX_TOKENS = 5_000
"""Lexical tokens the parser accepts (a large client query has a few hundred)."""
DEFAULT_FIRST = 20
MAX_FIRST = 100


class DepthLimitRule(ValidationRule):
    """Refuses an operation whose fields nest deeper than :data:`MAX_DEPTH` (fragments
    expanded; each fragment's depth is computed once)."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.fragment_depths: dict[str, int] = {}

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        depth = self.depth(node.selection_set, set())
        if depth > MAX_DEPTH:
            self.report_error(
                GraphQLError(f"Query depth {depth} exceeds the maximum depth of {MAX_DEPTH}.", node)
            )

    def depth(self, selection_set: SelectionSetNode | None, visiting: set[str]) -> int:
        """Deepest chain of fields below ``selection_set``."""
        best = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                best = max(best, 1 + self.depth(selection.selection_set, visiting))
            elif isinstance(selection, InlineFragmentNode):
                best = max(best, self.depth(selection.selection_set, visiting))
            elif isinstance(selection, FragmentSpreadNode):
                best = max(best, self.fragment_depth(selection.name.value, visiting))
        return best

    def fragment_depth(self, name: str, visiting: set[str]) -> int:
        if name in self.fragment_depths:
            return self.fragment_depths[name]
        fragment = self.context.get_fragment(name)
        if fragment is None or name in visiting:  # unknown or cyclic: other rules report it
            return 0
        visiting.add(name)
        depth = self.depth(fragment.selection_set, visiting)
        visiting.discard(name)
        self.fragment_depths[name] = depth
        return depth


class AliasLimitRule(ValidationRule):
    """Refuses a document that uses more than :data:`MAX_ALIASES` aliases."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.aliases = 0

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.alias is not None:
            self.aliases += 1

    def leave_document(self, node: DocumentNode, *_: Any) -> None:
        if self.aliases > MAX_ALIASES:
            self.report_error(
                GraphQLError(
                    f"Query uses {self.aliases} aliases; at most {MAX_ALIASES} are allowed."
                )
            )


class QueryCostRule(ValidationRule):
    """Refuses an operation costing more than :data:`MAX_COST` points (module docstring)."""

    variables: Mapping[str, Any] = {}

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.fragment_costs: dict[str, int] = {}

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        root = self.context.schema.get_root_type(node.operation)
        cost = self.cost(node.selection_set, root, set())
        if cost > MAX_COST:
            self.report_error(
                GraphQLError(
                    f"Query cost {cost} exceeds the maximum cost of {MAX_COST} points (each "
                    "field costs 1; fields under posts count once per requested post).",
                    node,
                )
            )

    def cost(self, selection_set: SelectionSetNode | None, parent: Any, visiting: set[str]) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += self.field_cost(selection, parent, visiting)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.context.schema.get_type(condition.name.value) if condition else parent
                total += self.cost(selection.selection_set, inner, visiting)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment_cost(selection.name.value, visiting)
        return total

    def field_cost(
        self, node: FieldNode, parent: GraphQLNamedType | None, visiting: set[str]
    ) -> int:
        field = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            field = parent.fields.get(node.name.value)
        child = get_named_type(field.type) if field is not None else None
        inner = self.cost(node.selection_set, child, visiting)
        is_posts = parent is self.context.schema.query_type and node.name.value == "posts"
        return 1 + inner * (self.page_size(node) if is_posts else 1)

    def page_size(self, node: FieldNode) -> int:
        """``first`` as the resolver will read it, capped at the largest page."""
        value: Any = None
        for argument in node.arguments or ():
            if argument.name.value != "first":
                continue
            if isinstance(argument.value, IntValueNode):
                value = int(argument.value.value)
            elif isinstance(argument.value, VariableNode):
                value = self.variables.get(argument.value.name.value)
        if not isinstance(value, int) or isinstance(value, bool):
            value = DEFAULT_FIRST
        return min(max(int(value), 0), MAX_FIRST)

    def fragment_cost(self, name: str, visiting: set[str]) -> int:
        if name in self.fragment_costs:
            return self.fragment_costs[name]
        fragment = self.context.get_fragment(name)
        if fragment is None or name in visiting:
            return 0
        visiting.add(name)
        condition = self.context.schema.get_type(fragment.type_condition.name.value)
        cost = self.cost(fragment.selection_set, condition, visiting)
        visiting.discard(name)
        self.fragment_costs[name] = cost
        return cost


def validation_rules(
    variables: object,
) -> list[type[ASTValidationRule]]:
    """The three limit rules; the cost rule reads ``first`` from these request variables."""
    bound = dict(variables) if isinstance(variables, dict) else {}
    cost_rule = type("BoundQueryCostRule", (QueryCostRule,), {"variables": bound})
    return [DepthLimitRule, AliasLimitRule, cost_rule]


def rules_for_request(
    _context: Any, _document: DocumentNode, data: Any
) -> list[type[ASTValidationRule]]:
    """Ariadne's ``validation_rules`` callable: limits bound to this request's variables."""
    return validation_rules(data.get("variables") if isinstance(data, dict) else None)
