"""The rule registry: every check the kit runs, the document it enforces, and whether the
documents are silent on it (a *gap*, where the rule is the mock's choice).

Three kinds of rule exist:

* ``schema``: a built-in Schemathesis check (status codes, response schemas, headers, ...)
  applied to every request Schemathesis generates from specs/;
* ``response``: a domain rule that one response is enough to check (pagination arithmetic,
  formulas recomputed from the response's own figures, bucket alignment, error envelopes);
  it runs on every response the kit sees, generated or scenario-made;
* ``scenario``: a rule that compares several requests (a full pagination walk, totals that
  agree across endpoints, auth isolation), driven by Hypothesis.

``--skip-gaps`` leaves out every rule with ``gap=True`` so that a correct implementation
that chose differently where the vendor documents are silent is not failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

Vendor = Literal["layers", "later", "buffer"]
Kind = Literal["schema", "response", "scenario"]
VENDORS: tuple[Vendor, ...] = ("layers", "later", "buffer")
KIND_ORDER: tuple[Kind, ...] = ("schema", "response", "scenario")


@dataclass(frozen=True)
class Rule:
    """One rule of one vendor's contract.

    ``id`` is dotted and starts with the vendor (``later.pagination.total_pages``);
    ``source`` names the document and section it comes from
    (``later-posts-performance.txt: Pagination``); ``gap`` marks the mock's own choice.
    """

    id: str
    vendor: Vendor
    title: str
    source: str
    kind: Kind
    gap: bool = False

    @property
    def slug(self) -> str:
        """The id as a Python identifier (Schemathesis check names must be identifiers)."""
        return "kit_" + self.id.replace(".", "__").replace("-", "_")


@dataclass
class Registry:
    """All rules by id, in registration order."""

    rules: dict[str, Rule] = field(default_factory=dict)

    def add(self, rule: Rule) -> Rule:
        existing = self.rules.get(rule.id)
        if existing is not None and existing != rule:
            raise ValueError(f"rule {rule.id} registered twice with different definitions")
        self.rules[rule.id] = rule
        return rule

    def get(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise KeyError(f"unknown rule {rule_id!r}") from None

    def select(
        self, vendors: Iterable[str], *, skip_gaps: bool = False, kinds: Iterable[Kind] = ()
    ) -> list[Rule]:
        """Rules of ``vendors`` (optionally of some kinds), gaps left out on request."""
        load_all()
        wanted_vendors, wanted_kinds = set(vendors), set(kinds)
        chosen = [
            r
            for r in self.rules.values()
            if r.vendor in wanted_vendors
            and (not wanted_kinds or r.kind in wanted_kinds)
            and not (skip_gaps and r.gap)
        ]
        order = {kind: i for i, kind in enumerate(KIND_ORDER)}
        return sorted(chosen, key=lambda r: (VENDORS.index(r.vendor), order[r.kind], r.id))


REGISTRY = Registry()
_loaded = False


def load_all() -> None:
    """Import every module that declares rules, so the registry is complete."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import contract_tests.bridge  # noqa: F401  (checks, differential, Schemathesis built-ins)
    import contract_tests.scenarios  # noqa: F401


def rule(rule_id: str, title: str, source: str, *, kind: Kind, gap: bool = False) -> Rule:
    """Declare a rule; the vendor is the first part of the id."""
    vendor = rule_id.split(".", 1)[0]
    if vendor not in VENDORS:
        raise ValueError(f"rule id {rule_id!r} must start with a vendor: {', '.join(VENDORS)}")
    return REGISTRY.add(Rule(rule_id, vendor, title, source, kind, gap))


class Violation(AssertionError):
    """A rule is broken. The message says what was expected and what came back."""


def ensure(condition: bool, message: str | Callable[[], str]) -> None:
    """Raise :class:`Violation` with ``message`` unless ``condition`` holds."""
    if not condition:
        raise Violation(message() if callable(message) else message)
