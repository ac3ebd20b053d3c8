"""Static checks of specs/openapi/layers.yaml: valid OpenAPI 3.1, examples that match their
schemas, and the metric vocabulary of the vendor document (seeds/layers-metrics.txt)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).parents[1] / "specs" / "openapi" / "layers.yaml"
SPEC_URI = "urn:layers-spec"
PROJECT = "prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39"

# The `metrics` parameter's "One of:" list in seeds/layers-metrics.txt, in the seed's order.
SEED_METRICS = [
    "views",
    "reach",
    "impressions",
    "likes",
    "comments",
    "shares",
    "saves",
    "watch_time_ms",
    "engagement_rate",
    "followers",
    "follower_delta",
    "posts_published",
]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def openapi() -> OpenAPI:
    return OpenAPI.from_file_path(str(SPEC_PATH))


def _validator_at(spec: dict[str, Any], pointer: str) -> Draft202012Validator:
    """A validator for the schema at `pointer`, with the spec's own `#/...` refs resolvable."""
    registry = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(spec))
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}#{pointer}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _examples(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """(pointer to the schema, example value) for every object that has `schema` beside
    `example` or `examples`: media types, headers, parameters, wherever they stand."""
    if isinstance(node, dict):
        if "schema" in node:
            if "example" in node:
                yield f"{pointer}/schema", node["example"]
            for example in node.get("examples", {}).values():
                yield f"{pointer}/schema", example["value"]
        for key, child in node.items():
            yield from _examples(child, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _examples(child, f"{pointer}/{index}")


def _operation(spec: dict[str, Any], path: str) -> Any:
    return spec["paths"][path]["get"]


def _metrics_parameter(spec: dict[str, Any]) -> Any:
    return spec["components"]["parameters"]["Metrics"]


def _request(args: list[tuple[str, str]]) -> MockRequest:
    return MockRequest(
        "http://localhost:8000",
        "get",
        f"/v1/projects/{PROJECT}/metrics",
        args=args,  # type: ignore[arg-type]  # a list of pairs keeps repeated keys
        headers={"Authorization": "Bearer lp_test"},
    )


# --- the document itself -------------------------------------------------------------


def test_spec_is_a_valid_openapi_3_1_document(spec: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_server_url_is_relative_so_openapi_core_accepts_any_host(spec: dict[str, Any]) -> None:
    assert spec["servers"] == [{"url": "/"}]


def test_operations_have_the_agreed_operation_ids(spec: dict[str, Any]) -> None:
    assert _operation(spec, "/v1/projects/{projectId}/metrics")["operationId"] == (
        "getProjectMetrics"
    )
    assert _operation(spec, "/v1/whoami")["operationId"] == "whoami"


# --- examples ------------------------------------------------------------------------


def test_every_example_validates_against_its_schema(spec: dict[str, Any]) -> None:
    examples = list(_examples(spec))
    assert len(examples) >= 8, "the walk should find the response and error examples"
    for pointer, value in examples:
        errors = [e.message for e in _validator_at(spec, pointer).iter_errors(value)]
        assert not errors, f"example at {pointer} does not match its schema: {errors}"


def test_example_validation_rejects_totals_without_post_count(spec: dict[str, Any]) -> None:
    ok = _operation(spec, "/v1/projects/{projectId}/metrics")["responses"]["200"]
    body = dict(ok["content"]["application/json"]["example"])
    body["totals"] = {"views": 1}
    assert not _validator_at(spec, "/components/schemas/MetricsResponse").is_valid(body)


def test_every_error_code_has_an_example_with_that_code(spec: dict[str, Any]) -> None:
    expected = {
        "Unauthenticated": "UNAUTHENTICATED",
        "ForbiddenScope": "FORBIDDEN_SCOPE",
        "NotFound": "NOT_FOUND",
        "Validation": "VALIDATION",
        "RateLimited": "RATE_LIMITED",
        "Internal": "INTERNAL",
    }
    responses = spec["components"]["responses"]
    for name, code in expected.items():
        assert responses[name]["content"]["application/json"]["example"]["error"]["code"] == code


# --- metric vocabulary -----------------------------------------------------------------


def test_valid_metrics_extension_equals_the_seed_list(spec: dict[str, Any]) -> None:
    assert _metrics_parameter(spec)["x-valid-metrics"] == SEED_METRICS


def test_metrics_description_names_every_valid_metric(spec: dict[str, Any]) -> None:
    description = _metrics_parameter(spec)["description"]
    assert [m for m in SEED_METRICS if m not in description] == []


def test_series_and_totals_allow_exactly_the_valid_metrics(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert set(schemas["SeriesEntry"]["properties"]) == {"bucket", *SEED_METRICS}
    assert set(schemas["Totals"]["properties"]) == {"post_count", *SEED_METRICS}


def test_default_bundles_cover_every_scope_with_valid_metrics(spec: dict[str, Any]) -> None:
    defaults = _metrics_parameter(spec)["x-default-metrics"]
    assert set(defaults) == set(spec["components"]["schemas"]["Scope"]["enum"])
    for scope, names in defaults.items():
        assert set(names) <= set(SEED_METRICS), scope


def test_metric_items_are_a_pattern_not_an_enum(spec: dict[str, Any]) -> None:
    items = _metrics_parameter(spec)["schema"]["items"]
    assert "enum" not in items and items["pattern"] == "^[a-z_]{1,64}$"


# --- requests through openapi-core -----------------------------------------------------


def test_seed_request_with_repeated_metrics_unmarshals_with_default_granularity(
    openapi: OpenAPI,
) -> None:
    args = [
        ("scope", "project"),
        ("id", PROJECT),
        ("since", "2026-04-01T00:00:00Z"),
        ("until", "2026-04-18T00:00:00Z"),
        ("metrics", "views"),
        ("metrics", "engagement_rate"),
    ]
    result = openapi.unmarshal_request(_request(args))
    assert result.errors == []
    assert result.parameters.query["metrics"] == ["views", "engagement_rate"]
    assert result.parameters.query["granularity"] == "day"


def test_unknown_metric_name_passes_the_spec_so_the_handler_can_name_it(openapi: OpenAPI) -> None:
    args = [("scope", "project"), ("id", PROJECT), ("metrics", "conversions")]
    result = openapi.unmarshal_request(_request(args))
    assert result.errors == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        # timestamps must be UTC with a Z suffix
        ("since", "2026-04-01T00:00:00+02:00"),
        ("until", "2026-04-18"),
        # a comma inside a metric name is an error, not a silent split
        ("metrics", "views,likes"),
        ("granularity", "month"),
    ],
)
def test_malformed_query_parameter_is_rejected_by_the_spec(
    openapi: OpenAPI, name: str, value: str
) -> None:
    args = [("scope", "project"), ("id", PROJECT), (name, value)]
    result = openapi.unmarshal_request(_request(args))
    assert result.errors, f"{name}={value} should not validate"
