"""The Buffer SDL builds, and matches the live names and rules (seeds/buffer-post-metrics.txt)."""

from pathlib import Path

import ariadne
import graphql
import pytest
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType, GraphQLSchema

SDL_PATH = Path(__file__).resolve().parents[1] / "specs" / "graphql" / "buffer.graphql"

LIVE_METRIC_TYPES = {
    "reactions", "comments", "shares", "reposts", "reach", "impressions", "views", "clicks",
    "engagementRate", "saves", "follows", "quotes", "viewers", "totalTimeWatched", "likes",
    "postCount",
}  # fmt: skip

# Seed table "Deprecated metric types to avoid": value -> what the reason must name.
DEPRECATED_METRIC_TYPES = {
    "favorites": "reactions",
    "retweets": "reposts",
    "reblogs": "reposts",
    "repins": "No replacement",
    "replies": "comments",
    "link_clicks": "No replacement",
    "other": "No replacement",
}

SERVICES = {
    "instagram", "facebook", "twitter", "linkedin", "pinterest", "tiktok", "googlebusiness",
    "startPage", "mastodon", "youtube", "threads", "bluesky",
}  # fmt: skip

# The seed's two example queries, verbatim.
SEED_SINGLE_POST_QUERY = """
query {
  post(input: { id: "your_post_id" }) {
    id
    text
    metrics {
      type
      name
      value
      unit
    }
    metricsUpdatedAt
  }
}
"""

SEED_AGGREGATE_QUERY = """
query {
  aggregatedPostMetrics(
    input: {
      organizationId: "your_organization_id"
      startDateTime: "2026-01-01T00:00:00Z"
      endDateTime: "2026-03-31T23:59:59Z"
      channelIds: ["your_channel_id"]
    }
  ) {
    metrics {
      type
      value
      unit
    }
    metricsUpdatedAt
  }
}
"""

# Shapes a client written against the live API sends (DOMAIN.md section 4).
PAGINATED_POSTS_QUERY = """
query SentPosts($organizationId: OrganizationId!, $after: String, $sort: [PostSortInput!]) {
  posts(
    input: {
      organizationId: $organizationId
      filter: { status: [sent], tags: { in: ["t1"] }, dueAt: { start: "2026-01-01T00:00:00Z" } }
      sort: $sort
    }
    first: 100
    after: $after
  ) {
    edges { cursor node { id status sentAt channelService metrics { type value } } }
    pageInfo { startCursor endCursor hasPreviousPage hasNextPage }
  }
}
"""

UNLOCKED_CHANNELS_QUERY = """
query Channels($organizationId: OrganizationId!) {
  channels(input: { organizationId: $organizationId, filter: { isLocked: false } }) {
    id name displayName service avatar timezone isLocked organizationId
  }
}
"""

AGGREGATE_WITH_VARIABLES_QUERY = """
query Aggregate($input: AggregatedPostMetricsInput!) {
  aggregatedPostMetrics(input: $input) { metrics { type name value unit description } }
}
"""


@pytest.fixture(scope="session")
def schema() -> GraphQLSchema:
    return graphql.build_schema(SDL_PATH.read_text(encoding="utf-8"))


def enum_type(schema: GraphQLSchema, name: str) -> GraphQLEnumType:
    named = schema.get_type(name)
    assert isinstance(named, GraphQLEnumType), f"{name} is not an enum"
    return named


def test_sdl_builds_with_graphql_core(schema: GraphQLSchema) -> None:
    assert graphql.validate_schema(schema) == []


def test_sdl_builds_as_an_ariadne_executable_schema() -> None:
    type_defs = ariadne.load_schema_from_path(SDL_PATH)
    executable = ariadne.make_executable_schema(type_defs)
    assert executable.query_type is not None
    assert executable.query_type.name == "Query"


def test_post_metric_type_has_exactly_the_sixteen_live_values(schema: GraphQLSchema) -> None:
    values = enum_type(schema, "PostMetricType").values
    live = {name for name, value in values.items() if value.deprecation_reason is None}
    assert live == LIVE_METRIC_TYPES


def test_post_metric_type_has_exactly_the_seven_deprecated_values(schema: GraphQLSchema) -> None:
    values = enum_type(schema, "PostMetricType").values
    deprecated = {name for name, value in values.items() if value.deprecation_reason}
    assert deprecated == set(DEPRECATED_METRIC_TYPES)


@pytest.mark.parametrize(("value", "replacement"), sorted(DEPRECATED_METRIC_TYPES.items()))
def test_each_deprecated_metric_type_names_its_replacement(
    schema: GraphQLSchema, value: str, replacement: str
) -> None:
    reason = enum_type(schema, "PostMetricType").values[value].deprecation_reason
    assert reason is not None and replacement in reason


@pytest.mark.parametrize("value", sorted(DEPRECATED_METRIC_TYPES))
def test_each_deprecated_metric_type_mentions_its_removal_date(
    schema: GraphQLSchema, value: str
) -> None:
    description = enum_type(schema, "PostMetricType").values[value].description
    assert description is not None and "2026-07-31" in description


def test_every_metric_type_value_is_described(schema: GraphQLSchema) -> None:
    values = enum_type(schema, "PostMetricType").values
    assert [name for name, value in values.items() if not value.description] == []


def test_metric_unit_is_count_or_percentage(schema: GraphQLSchema) -> None:
    assert set(enum_type(schema, "PostMetricUnit").values) == {"count", "percentage"}


def test_service_has_the_twelve_networks(schema: GraphQLSchema) -> None:
    assert set(enum_type(schema, "Service").values) == SERVICES


def test_post_status_has_the_six_lifecycle_states(schema: GraphQLSchema) -> None:
    statuses = set(enum_type(schema, "PostStatus").values)
    assert statuses == {"draft", "needs_approval", "scheduled", "sending", "sent", "error"}


@pytest.mark.parametrize(
    ("field", "arguments", "result_type"),
    [
        ("post", ["input"], "Post!"),
        ("posts", ["input", "first", "after"], "PostsResults!"),
        ("aggregatedPostMetrics", ["input"], "AggregatedPostMetrics!"),
        ("channels", ["input"], "[Channel!]!"),
        ("channel", ["input"], "Channel!"),
    ],
)
def test_query_root_field_has_the_live_arguments_and_type(
    schema: GraphQLSchema, field: str, arguments: list[str], result_type: str
) -> None:
    assert schema.query_type is not None
    root_field = schema.query_type.fields[field]
    assert list(root_field.args) == arguments
    assert str(root_field.type) == result_type


def test_query_root_has_only_the_five_mocked_fields(schema: GraphQLSchema) -> None:
    assert schema.query_type is not None
    assert set(schema.query_type.fields) == {
        "post", "posts", "aggregatedPostMetrics", "channels", "channel",
    }  # fmt: skip


def test_posts_pagination_arguments_are_optional(schema: GraphQLSchema) -> None:
    assert schema.query_type is not None
    args = schema.query_type.fields["posts"].args
    assert (str(args["first"].type), str(args["after"].type)) == ("Int", "String")


def test_tag_comparator_is_empty_defaults_to_false(schema: GraphQLSchema) -> None:
    comparator = schema.get_type("TagComparator")
    assert isinstance(comparator, GraphQLInputObjectType)
    assert str(comparator.fields["isEmpty"].type) == "Boolean!"
    assert graphql.coerce_input_value({"in": []}, comparator) == {"in": [], "isEmpty": False}


def test_aggregated_post_metrics_input_requires_organization_and_window(
    schema: GraphQLSchema,
) -> None:
    aggregate_input = schema.get_type("AggregatedPostMetricsInput")
    assert isinstance(aggregate_input, GraphQLInputObjectType)
    types = {name: str(field.type) for name, field in aggregate_input.fields.items()}
    assert types == {
        "organizationId": "OrganizationId!",
        "startDateTime": "DateTime!",
        "endDateTime": "DateTime!",
        "channelIds": "[ChannelId!]",
        "tags": "TagComparator",
    }


def test_post_metrics_are_nullable_and_their_values_are_not(schema: GraphQLSchema) -> None:
    post, metric = schema.get_type("Post"), schema.get_type("PostMetric")
    assert isinstance(post, GraphQLObjectType) and isinstance(metric, GraphQLObjectType)
    assert str(post.fields["metrics"].type) == "[PostMetric!]"
    assert str(post.fields["metricsUpdatedAt"].type) == "DateTime"
    assert str(metric.fields["value"].type) == "Float!"


@pytest.mark.parametrize(
    "query",
    [
        # The seed's own examples.
        pytest.param(SEED_SINGLE_POST_QUERY, id="seed-single-post"),
        pytest.param(SEED_AGGREGATE_QUERY, id="seed-aggregate"),
        # Live client shapes.
        pytest.param(PAGINATED_POSTS_QUERY, id="paginated-posts"),
        pytest.param(UNLOCKED_CHANNELS_QUERY, id="unlocked-channels"),
        pytest.param(AGGREGATE_WITH_VARIABLES_QUERY, id="aggregate-with-variables"),
    ],
)
def test_client_query_validates_against_the_schema(schema: GraphQLSchema, query: str) -> None:
    assert graphql.validate(schema, graphql.parse(query)) == []


def test_a_query_for_a_field_buffer_does_not_have_is_rejected(schema: GraphQLSchema) -> None:
    errors = graphql.validate(schema, graphql.parse('{ post(input: {id: "p"}) { likes } }'))
    assert [error.message for error in errors] == ["Cannot query field 'likes' on type 'Post'."]
