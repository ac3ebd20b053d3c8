"""Static checks of specs/openapi/later.yaml: valid OpenAPI 3.1, examples that match their
schemas, the vocabulary of the vendor documents (seeds/later-*.txt), the arithmetic their
examples confirm (DOMAIN.md section 2), and requests as openapi-core sees them."""

import json
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.validation.request.exceptions import (
    InvalidParameter,
    SecurityValidationError,
)
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).parents[1] / "specs" / "openapi" / "later.yaml"
SPEC_URI = "urn:later-spec"
POSTS = "/v2/posts/performance"
OVER_TIME = "/v2/instances/performance-over-time"
SUMMARY = "/v2/instances/performance"
RANGE = [("startDate", "2024-01-01"), ("endDate", "2024-12-31")]

# The `metrics` parameter's "Supported values" in seeds/later-instances-performance.txt.
SEED_METRICS = [
    "engagements", "impressions", "engagementRate", "postsCount", "reach", "views",
    "estimatedValueGenerated", "estimatedContentCost", "campaignsCost", "returnOnInvestment",
    "cpe", "cpm", "paidEngagements", "paidImpressions", "paidEngagementRate", "paidPostsCount",
    "paidViews", "paidAdSpend", "paidReturnOnAdSpend", "paidCpe", "paidCpm",
    "trackingLinksClicks", "trackingLinksConversions", "trackingLinksConversionValue",
    "affiliateLinksClicks", "affiliateLinksConversions", "affiliateLinksSales",
]  # fmt: skip
# "Supported sortProperty values" in seeds/later-posts-performance.txt.
SEED_SORT_PROPERTIES = [
    "engagements", "impressions", "engagementRate", "estimatedValueGenerated", "cpe", "cpm",
    "postDate", "paidEngagements", "paidImpressions", "paidEngagementRate", "paidCpe", "paidCpm",
]  # fmt: skip
# The contentType list of every Later seed (its rendered enum shows only the first five).
SEED_CONTENT_TYPES = [
    "instagram_post", "instagram_reel", "instagram_story", "facebook_post", "facebook_live",
    "facebook_group", "facebook_reel", "tiktok", "youtube_video", "youtube_shorts",
]  # fmt: skip
POST_METRICS = [p for p in SEED_SORT_PROPERTIES if p != "postDate"]
POST_METADATA = {
    "postId", "instanceId", "campaignId", "creatorId", "creatorProfile", "postDate",
    "contentType", "contentUrl", "contentImageUrl",
}  # fmt: skip
RATE_LIMIT_HEADERS = {"X-Ratelimit-Limit": "120", "X-Ratelimit-Window": "60s"}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def openapi(spec: dict[str, Any]) -> OpenAPI:
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_dict(spec, config=config)


@pytest.fixture(scope="module")
def seeds(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The metric objects of the vendor's example responses, by a short name."""
    january, february = (b["metrics"] for b in _seed_body(spec, OVER_TIME)["data"])
    return {
        "post": _seed_body(spec, POSTS)["data"][0],
        "january": january,
        "february": february,
        "summary": _seed_body(spec, SUMMARY)["data"]["metrics"],
    }


# --- helpers ---------------------------------------------------------------------------


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    """Follow in-file `$ref`s (`#/components/...`) until a real object is reached."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _validator_at(spec: dict[str, Any], pointer: str) -> Draft202012Validator:
    """A validator for the schema at `pointer`, with the spec's own `#/...` refs resolvable."""
    registry = Registry().with_resource(SPEC_URI, Resource(spec, specification=DRAFT202012))
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}#{pointer}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _examples(spec: dict[str, Any], node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """(pointer to the schema, example value) for every object that has `schema` beside
    `example` or `examples` (media types, headers, parameters), refs to examples resolved."""
    if isinstance(node, dict):
        if "schema" in node:
            if "example" in node:
                yield f"{pointer}/schema", node["example"]
            for example in node.get("examples", {}).values():
                yield f"{pointer}/schema", _resolve(spec, example)["value"]
        for key, child in node.items():
            escaped = str(key).replace("~", "~0").replace("/", "~1")
            yield from _examples(spec, child, f"{pointer}/{escaped}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _examples(spec, child, f"{pointer}/{index}")


def _operation(spec: dict[str, Any], path: str) -> dict[str, Any]:
    return spec["paths"][path]["get"]


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in (POSTS, OVER_TIME, SUMMARY):
        yield path, _operation(spec, path)


def _parameters(spec: dict[str, Any], path: str) -> list[dict[str, Any]]:
    return [_resolve(spec, p) for p in _operation(spec, path)["parameters"]]


def _seed_body(spec: dict[str, Any], path: str) -> Any:
    content = _operation(spec, path)["responses"]["200"]["content"]["application/json"]
    return content["examples"]["seed"]["value"]


def _problem_examples(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for _, operation in _operations(spec):
        for response in operation["responses"].values():
            media = _resolve(spec, response).get("content", {}).get("application/problem+json")
            for example in (media or {}).get("examples", {}).values():
                yield _resolve(spec, example)["value"]


def _ratio(numerator: float, denominator: float, scale: int = 1) -> Decimal:
    """A ratio of sums rounded half up to 2 decimals, the way the mock computes it."""
    exact = Decimal(str(numerator)) * scale / Decimal(str(denominator))
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _whole_cost(cpm: float, impressions: int) -> int:
    """The whole-unit cost behind a cpm (the seeds do not show the cost itself)."""
    return round(Decimal(str(cpm)) * impressions / 1000)


def _normalise(query: str, arrays: set[str]) -> list[tuple[str, str]]:
    """The server's documented preparation: `key[]` -> `key`, `a,b` -> repeated keys."""
    out: list[tuple[str, str]] = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        name = key.removesuffix("[]")
        values = value.split(",") if name in arrays else [value]
        out.extend((name, v) for v in values)
    return out


def _array_names(spec: dict[str, Any]) -> set[str]:
    return {
        p["name"]
        for p in spec["components"]["parameters"].values()
        if p["schema"].get("type") == "array"
    }


def _request(path: str, args: list[tuple[str, str]]) -> MockRequest:
    return MockRequest(
        "http://localhost:8000",
        "get",
        path,
        args=args,
        headers={"Authorization": "Bearer test-token"},  # type: ignore[arg-type]
    )


# --- the document itself -------------------------------------------------------------


def test_spec_is_a_valid_openapi_3_1_document(spec: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_server_url_is_relative_so_openapi_core_accepts_any_host(spec: dict[str, Any]) -> None:
    assert spec["servers"] == [{"url": "/"}]


def test_operations_have_the_agreed_operation_ids(spec: dict[str, Any]) -> None:
    ids = {path: operation["operationId"] for path, operation in _operations(spec)}
    assert ids == {
        POSTS: "getPostsPerformance",
        OVER_TIME: "getInstancesPerformanceOverTime",
        SUMMARY: "getInstancesPerformance",
    }


def test_bearer_auth_applies_to_every_operation(spec: dict[str, Any]) -> None:
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert all("security" not in operation for _, operation in _operations(spec))


def test_every_operation_declares_the_documented_error_statuses(spec: dict[str, Any]) -> None:
    for path, operation in _operations(spec):
        assert {"400", "401", "403", "404", "429", "500"} <= set(operation["responses"]), path


def test_every_response_declares_the_rate_limit_headers_as_optional(
    spec: dict[str, Any],
) -> None:
    for path, operation in _operations(spec):
        for status, response in operation["responses"].items():
            headers = {k: _resolve(spec, v) for k, v in _resolve(spec, response)["headers"].items()}
            for name in RATE_LIMIT_HEADERS:
                assert headers[name]["required"] is False, (path, status, name)


def test_too_many_requests_always_carries_retry_after(spec: dict[str, Any]) -> None:
    headers = spec["components"]["responses"]["TooManyRequests"]["headers"]
    assert _resolve(spec, headers["Retry-After"])["required"] is True


# --- parameters ------------------------------------------------------------------------


def test_every_array_parameter_takes_repeated_keys_and_names_all_three_forms(
    spec: dict[str, Any],
) -> None:
    for name in sorted(_array_names(spec)):
        param = next(p for p in spec["components"]["parameters"].values() if p["name"] == name)
        assert (param.get("style"), param.get("explode")) == ("form", True), name
        assert "Supported array formats: a,b,c" in param["description"], name
        assert f"{name}[]=" in param["description"], name


def test_every_array_item_is_an_enum_or_a_pattern_so_junk_fails(spec: dict[str, Any]) -> None:
    for name in sorted(_array_names(spec)):
        param = next(p for p in spec["components"]["parameters"].values() if p["name"] == name)
        items = _resolve(spec, param["schema"]["items"])
        assert {"enum", "pattern", "maximum"} & set(items), name


def test_posts_and_over_time_share_filters_and_paging(spec: dict[str, Any]) -> None:
    shared = [
        "startDate",
        "endDate",
        "instanceIds",
        "campaignIds",
        "platform",
        "contentType",
        "dateBasis",
        "pageSize",
        "pageNumber",
    ]
    assert [p["name"] for p in _parameters(spec, POSTS)] == [
        *shared,
        "sortProperty",
        "sortDirection",
    ]
    assert [p["name"] for p in _parameters(spec, OVER_TIME)] == [*shared, "granularity"]


def test_sort_property_enum_is_the_twelve_documented_values(spec: dict[str, Any]) -> None:
    assert spec["components"]["parameters"]["SortProperty"]["schema"]["enum"] == (
        SEED_SORT_PROPERTIES
    )


def test_content_type_enum_has_all_ten_documented_types(spec: dict[str, Any]) -> None:
    assert spec["components"]["schemas"]["ContentType"]["enum"] == SEED_CONTENT_TYPES


def test_every_mock_choice_is_a_sentence(spec: dict[str, Any]) -> None:
    def choices(node: Any) -> Iterator[Any]:
        if isinstance(node, dict):
            yield from ([node["x-mock-choice"]] if "x-mock-choice" in node else [])
            for child in node.values():
                yield from choices(child)
        elif isinstance(node, list):
            for child in node:
                yield from choices(child)

    found = list(choices(spec))
    assert len(found) >= 10
    assert all(isinstance(c, str) and c.endswith(".") for c in found)


# --- metric vocabulary -----------------------------------------------------------------


def test_valid_metrics_are_the_documented_names_plus_crossposted_views(
    spec: dict[str, Any],
) -> None:
    valid = spec["components"]["parameters"]["Metrics"]["x-valid-metrics"]
    assert valid == [*SEED_METRICS, "crosspostedFacebookOnlyViews"]


def test_summary_metrics_schema_allows_exactly_the_valid_metrics(spec: dict[str, Any]) -> None:
    schema = spec["components"]["schemas"]["SummaryMetrics"]
    assert list(schema["properties"]) == [*SEED_METRICS, "crosspostedFacebookOnlyViews"]
    assert schema["additionalProperties"] is False


def test_seed_summary_example_carries_every_documented_metric(
    seeds: dict[str, dict[str, Any]],
) -> None:
    assert list(seeds["summary"]) == SEED_METRICS


def test_metric_items_are_a_pattern_not_an_enum(spec: dict[str, Any]) -> None:
    items = spec["components"]["parameters"]["Metrics"]["schema"]["items"]
    assert "enum" not in items and items["pattern"] == "^[A-Za-z]{1,64}$"


@pytest.mark.parametrize("schema_name", ["PostPerformance", "BucketMetrics", "SummaryMetrics"])
def test_every_metric_field_accepts_null(spec: dict[str, Any], schema_name: str) -> None:
    properties = spec["components"]["schemas"][schema_name]["properties"]
    for name in set(properties) - POST_METADATA:
        assert "null" in _resolve(spec, properties[name])["type"], f"{schema_name}.{name}"


def test_a_post_requires_every_metric_key(spec: dict[str, Any]) -> None:
    required = spec["components"]["schemas"]["PostPerformance"]["required"]
    assert set(required) == {"postId", "instanceId", "postDate", "contentType", *POST_METRICS}


# --- examples ------------------------------------------------------------------------


def test_every_example_validates_against_its_schema(spec: dict[str, Any]) -> None:
    examples = list(_examples(spec, spec))
    assert len(examples) >= 30, "the walk should find parameter, response and error examples"
    for pointer, value in examples:
        errors = [e.message for e in _validator_at(spec, pointer).iter_errors(value)]
        assert not errors, f"example at {pointer} does not match its schema: {errors}"


def test_example_validation_rejects_a_post_without_a_metric_key(spec: dict[str, Any]) -> None:
    body = json.loads(json.dumps(_seed_body(spec, POSTS)))
    del body["data"][0]["paidCpm"]
    assert not _validator_at(spec, "/components/schemas/PostsPerformanceResponse").is_valid(body)


def test_example_validation_rejects_a_problem_with_a_mismatched_status(
    spec: dict[str, Any],
) -> None:
    problem = {"type": "ANL_00403", "title": "Forbidden", "status": 400, "detail": "x"}
    assert not _validator_at(spec, "/components/schemas/ForbiddenProblem").is_valid(problem)


def test_every_problem_type_in_the_catalog_is_anl_and_its_status(spec: dict[str, Any]) -> None:
    for name, entry in spec["x-problem-details"].items():
        assert entry["type"] == f"ANL_{entry['status']:05d}", name


def test_every_problem_example_comes_from_the_problem_catalog(spec: dict[str, Any]) -> None:
    catalog = spec["x-problem-details"].values()
    patterns = [
        (e["type"], re.compile(".+".join(map(re.escape, re.split(r"\{\w+\}", e["detail"])))))
        for e in catalog
    ]
    for problem in _problem_examples(spec):
        detail = " ".join(problem["detail"].split())
        assert any(t == problem["type"] and p.fullmatch(detail) for t, p in patterns), detail


@pytest.mark.parametrize(
    "detail",
    [
        # DOMAIN.md section 4, the vendor's own texts
        "Maximum of 50 campaignIds allowed.",
        "Invalid sortProperty 'likes' for /posts/performance. Valid values are: "
        + ", ".join(SEED_SORT_PROPERTIES),
        # the rule every seed request breaks
        "platform and contentType cannot be combined; provide only one of the two.",
    ],
)
def test_vendor_error_texts_appear_as_examples(spec: dict[str, Any], detail: str) -> None:
    assert detail in {" ".join(p["detail"].split()) for p in _problem_examples(spec)}


def test_response_examples_pass_openapi_core_response_validation(
    spec: dict[str, Any],
    openapi: OpenAPI,
) -> None:
    checked = 0
    for path, operation in _operations(spec):
        for status, response in operation["responses"].items():
            response = _resolve(spec, response)
            headers = {**RATE_LIMIT_HEADERS, **({"Retry-After": "12"} if status == "429" else {})}
            for media_type, media in response.get("content", {}).items():
                for example in media.get("examples", {}).values():
                    data = json.dumps(_resolve(spec, example)["value"]).encode()
                    reply = MockResponse(data, int(status), headers, content_type=media_type)
                    openapi.validate_response(_request(path, RANGE), reply)
                    checked += 1
    assert checked >= 20


# --- seed arithmetic (DOMAIN.md section 2) ------------------------------------------------


@pytest.mark.parametrize(("bucket", "expected"), [("january", 2280), ("february", 2670)])
def test_bucket_engagements_are_likes_comments_shares_and_clicks(
    seeds: dict[str, dict[str, Any]],
    bucket: str,
    expected: int,
) -> None:
    m = seeds[bucket]
    assert m["engagements"] == expected == m["likes"] + m["comments"] + m["shares"] + m["clicks"]


@pytest.mark.parametrize(
    ("subject", "expected"),
    [("post", 14.59), ("summary", 14.49), ("january", 12.32), ("february", 12.71)],
)
def test_engagement_rate_is_engagements_over_impressions_in_percent(
    seeds: dict[str, dict[str, Any]],
    subject: str,
    expected: float,
) -> None:
    m = seeds[subject]
    assert m["engagementRate"] == expected
    assert _ratio(m["engagements"], m["impressions"], 100) == Decimal(str(expected))


@pytest.mark.parametrize(
    ("subject", "expected"),
    [("post", 7.31), ("summary", 6.92), ("january", 7.88), ("february", 7.78)],
)
def test_paid_engagement_rate_is_paid_engagements_over_paid_impressions_in_percent(
    seeds: dict[str, dict[str, Any]],
    subject: str,
    expected: float,
) -> None:
    m = seeds[subject]
    assert m["paidEngagementRate"] == expected
    assert _ratio(m["paidEngagements"], m["paidImpressions"], 100) == Decimal(str(expected))


def test_summary_cpe_and_cpm_divide_the_campaigns_cost(seeds: dict[str, dict[str, Any]]) -> None:
    m = seeds["summary"]
    assert (m["cpe"], m["cpm"]) == (0.33, 48.08)
    assert _ratio(m["campaignsCost"], m["engagements"]) == Decimal("0.33")
    assert _ratio(m["campaignsCost"], m["impressions"], 1000) == Decimal("48.08")


def test_summary_paid_cpe_and_cpm_divide_the_paid_ad_spend(
    seeds: dict[str, dict[str, Any]],
) -> None:
    m = seeds["summary"]
    assert (m["paidCpe"], m["paidCpm"]) == (0.66, 45.95)
    assert _ratio(m["paidAdSpend"], m["paidEngagements"]) == Decimal("0.66")
    assert _ratio(m["paidAdSpend"], m["paidImpressions"], 1000) == Decimal("45.95")


@pytest.mark.parametrize(
    ("subject", "cpe", "cpm", "engagements", "impressions", "cost"),
    [
        # the seeds hide the cost; cpe and cpm must agree on one whole amount
        ("post", "cpe", "cpm", "engagements", "impressions", 300),
        ("post", "paidCpe", "paidCpm", "paidEngagements", "paidImpressions", 300),
        ("january", "cpe", "cpm", "engagements", "impressions", 650),
        ("february", "cpe", "cpm", "engagements", "impressions", 710),
    ],
)
def test_cpe_and_cpm_agree_on_one_hidden_cost(
    seeds: dict[str, dict[str, Any]],
    subject: str,
    cpe: str,
    cpm: str,
    engagements: str,
    impressions: str,
    cost: int,
) -> None:
    m = seeds[subject]
    assert _whole_cost(m[cpm], m[impressions]) == cost
    assert _ratio(cost, m[engagements]) == Decimal(str(m[cpe]))
    assert _ratio(cost, m[impressions], 1000) == Decimal(str(m[cpm]))


def test_return_on_investment_is_value_generated_over_campaigns_cost(
    seeds: dict[str, dict[str, Any]],
) -> None:
    m = seeds["summary"]
    assert m["returnOnInvestment"] == 8.33
    assert _ratio(m["estimatedValueGenerated"], m["campaignsCost"]) == Decimal("8.33")


@pytest.mark.parametrize("bucket", ["january", "february"])
def test_paid_engagements_exceed_the_listed_paid_parts_by_the_hidden_paid_clicks(
    seeds: dict[str, dict[str, Any]],
    bucket: str,
) -> None:
    m = seeds[bucket]
    assert m["paidEngagements"] - (m["paidLikes"] + m["paidComments"] + m["paidShares"]) == 400


# --- requests through openapi-core -----------------------------------------------------


@pytest.mark.parametrize("path", [POSTS, OVER_TIME])
def test_seed_request_passes_the_spec_so_the_handler_rejects_the_combination(
    spec: dict[str, Any],
    openapi: OpenAPI,
    path: str,
) -> None:
    seed = _operation(spec, path)["x-seed-request-examples"][0]
    assert (seed["status"], seed["problem"]) == (400, "platformWithContentType")
    args = _normalise(seed["query"], _array_names(spec))
    result = openapi.unmarshal_request(_request(path, args))
    assert result.errors == []
    query = result.parameters.query
    assert query["platform"] == ["instagram", "tiktok"]
    assert query["contentType"] == ["instagram_reel", "tiktok"]


def test_summary_seed_request_is_rejected_by_the_spec_for_its_empty_items(
    spec: dict[str, Any],
    openapi: OpenAPI,
) -> None:
    seed = _operation(spec, SUMMARY)["x-seed-request-examples"][0]
    args = _normalise(seed["query"], _array_names(spec))
    errors = openapi.unmarshal_request(_request(SUMMARY, args)).errors
    assert {e.name for e in errors} <= {"metrics", "instanceIds"} and errors
    fixed = [(k, v) for k, v in args if k != "instanceIds"]
    fixed = [(k, "engagements" if k == "metrics" else v) for k, v in fixed]
    assert openapi.unmarshal_request(_request(SUMMARY, fixed)).errors == []


def test_comma_repeated_and_bracket_forms_mix_into_one_list(
    spec: dict[str, Any],
    openapi: OpenAPI,
) -> None:
    query = "campaignIds=1,2&campaignIds[]=3&campaignIds=4&platform[]=instagram,tiktok"
    args = [*RANGE, *_normalise(query, _array_names(spec))]
    result = openapi.unmarshal_request(_request(POSTS, args))
    assert result.errors == []
    assert result.parameters.query["campaignIds"] == [1, 2, 3, 4]
    assert result.parameters.query["platform"] == ["instagram", "tiktok"]


@pytest.mark.parametrize(
    ("path", "defaults"),
    [
        (
            POSTS,
            {
                "dateBasis": "post_date",
                "pageSize": 50,
                "pageNumber": 1,
                "sortProperty": "postDate",
                "sortDirection": "DESC",
            },
        ),
        (
            OVER_TIME,
            {"dateBasis": "post_date", "pageSize": 50, "pageNumber": 1, "granularity": "month"},
        ),
    ],
)
def test_omitted_parameters_get_their_documented_defaults(
    openapi: OpenAPI,
    path: str,
    defaults: dict[str, Any],
) -> None:
    result = openapi.unmarshal_request(_request(path, RANGE))
    assert result.errors == []
    assert {k: result.parameters.query[k] for k in defaults} == defaults


def test_unknown_metric_name_passes_the_spec_so_the_handler_can_list_valid_ones(
    openapi: OpenAPI,
) -> None:
    args = [*RANGE, ("metrics", "crosspostedFacebookOnlyViews"), ("metrics", "bogusMetric")]
    assert openapi.unmarshal_request(_request(SUMMARY, args)).errors == []


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        # dates are YYYY-MM-DD, nothing else
        (POSTS, "startDate", "2024-1-1"),
        (POSTS, "endDate", "2024-12-31T00:00:00Z"),
        # an item that still holds a comma (not normalised) or is empty is junk
        (POSTS, "platform", "instagram,tiktok"),
        (POSTS, "instanceIds", ""),
        (SUMMARY, "metrics", ""),
        (SUMMARY, "metrics", "engagements,cpm"),
        # enums
        (POSTS, "contentType", "instagram"),
        (POSTS, "platform", "linkedin"),
        (POSTS, "sortProperty", "likes"),
        (POSTS, "sortDirection", "asc"),
        (POSTS, "dateBasis", "publish_date"),
        (OVER_TIME, "granularity", "hour"),
        # ranges
        (POSTS, "campaignIds", "0"),
        (POSTS, "pageSize", "101"),
        (OVER_TIME, "pageNumber", "501"),
        (OVER_TIME, "pageNumber", "0"),
    ],
)
def test_malformed_query_parameter_is_rejected_by_the_spec(
    openapi: OpenAPI,
    path: str,
    name: str,
    value: str,
) -> None:
    args = [(k, v) for k, v in RANGE if k != name] + [(name, value)]
    if path == SUMMARY and name != "metrics":
        args.append(("metrics", "engagements"))
    errors = openapi.unmarshal_request(_request(path, args)).errors
    assert [(type(e), e.name) for e in errors] == [(InvalidParameter, name)], f"{name}={value!r}"


def test_fifty_campaign_ids_pass_and_fifty_one_fail(openapi: OpenAPI) -> None:
    def errors(count: int) -> list[Exception]:
        ids = [("campaignIds", str(i)) for i in range(1, count + 1)]
        return list(openapi.unmarshal_request(_request(POSTS, [*RANGE, *ids])).errors)

    assert errors(50) == []
    assert [(type(e), e.name) for e in errors(51)] == [(InvalidParameter, "campaignIds")]


def test_a_request_without_a_bearer_token_fails_security(openapi: OpenAPI) -> None:
    request = MockRequest("http://localhost:8000", "get", POSTS, args=RANGE)  # type: ignore[arg-type]
    errors = openapi.unmarshal_request(request).errors
    assert [type(e) for e in errors] == [SecurityValidationError]
