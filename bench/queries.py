"""Thousands of distinct dashboard queries per endpoint, so no response cache can stand in.

Each function returns ``METHOD PATH [BODY]`` lines for wrk and the headers to send. The
queries are the typical dashboard ones named in the vendor issues: Later a year by month,
a 50-item page sorted by impressions, and a quarter's summary; Layers a 90-day daily series
for a project; Buffer a year's aggregate for an organization and a 50-post page with metrics.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

SORTS = ("impressions", "engagements", "engagementRate", "postDate", "cpm", "paidImpressions")

Lines = tuple[list[str], dict[str, str]]


def later_over_time(catalog: dict[str, Any], count: int) -> Lines:
    client = catalog["later"]["clients"][0]
    lines = []
    for i in range(count):
        end = date(2026, 10, 31) - timedelta(days=i % 365)
        start = end - timedelta(days=364)
        subset = client["instanceIds"][: 1 + (i // 365) % len(client["instanceIds"])]
        basis = ("post_date", "performance_date")[(i // 1095) % 2]
        lines.append(
            f"GET /v2/instances/performance-over-time?startDate={start}&endDate={end}"
            f"&granularity=month&instanceIds={','.join(subset)}&dateBasis={basis}"
        )
    return lines, {"Authorization": f"Bearer {client['token']}"}


def later_posts(catalog: dict[str, Any], count: int) -> Lines:
    client = catalog["later"]["clients"][0]
    lines = []
    for i in range(count):
        end = date(2026, 10, 31) - timedelta(days=i % 600)
        start = end - timedelta(days=89)
        direction = "DESC" if (i // 600) % 2 == 0 else "ASC"
        lines.append(
            f"GET /v2/posts/performance?startDate={start}&endDate={end}&pageSize=50"
            f"&pageNumber={1 + (i // 1200) % 5}&sortProperty={SORTS[i % len(SORTS)]}"
            f"&sortDirection={direction}"
        )
    return lines, {"Authorization": f"Bearer {client['token']}"}


SUMMARY_METRICS = (
    "impressions,engagements,engagementRate",
    "impressions,reach,views,engagements,engagementRate,cpm,cpe",
    "impressions,paidImpressions,paidEngagements,returnOnInvestment,paidCpm,trackingLinksClicks",
)


def later_summary(catalog: dict[str, Any], count: int) -> Lines:
    """A dashboard's headline figures: a quarter, a few metrics, some of the instances."""
    client = catalog["later"]["clients"][0]
    lines = []
    for i in range(count):
        end = date(2026, 10, 31) - timedelta(days=i % 500)
        start = end - timedelta(days=89)
        subset = client["instanceIds"][: 1 + (i // 500) % len(client["instanceIds"])]
        lines.append(
            f"GET /v2/instances/performance?startDate={start}&endDate={end}"
            f"&metrics={SUMMARY_METRICS[i % len(SUMMARY_METRICS)]}"
            f"&instanceIds={','.join(subset)}"
        )
    return lines, {"Authorization": f"Bearer {client['token']}"}


def layers_project_series(catalog: dict[str, Any], count: int) -> Lines:
    org = catalog["layers"]["organizations"][0]
    projects = [p["id"] for p in org["projects"]]
    lines = []
    for i in range(count):
        project = projects[i % len(projects)]
        until = date(2026, 11, 1) - timedelta(days=(i // len(projects)) % 270)
        since = until - timedelta(days=90)
        metrics = ("", "&metrics=views&metrics=engagement_rate")[(i // 1000) % 2]
        lines.append(
            f"GET /v1/projects/{project}/metrics?scope=project&id={project}"
            f"&since={since}T00:00:00Z&until={until}T00:00:00Z&granularity=day{metrics}"
        )
    return lines, {"Authorization": f"Bearer {org['token']}"}


def buffer_aggregate(catalog: dict[str, Any], count: int) -> Lines:
    org = catalog["buffer"]["organizations"][0]
    query = (
        "query($i: AggregatedPostMetricsInput!) { aggregatedPostMetrics(input: $i) "
        "{ metrics { type value unit } metricsUpdatedAt } }"
    )
    lines = []
    for i in range(count):
        end = date(2026, 10, 31) - timedelta(days=i % 400)
        start = end - timedelta(days=364)
        channels = [c["id"] for c in org["channels"]]
        subset = None if (i // 400) % 2 == 0 else channels[: 1 + (i // 800) % len(channels)]
        variables = {
            "i": {
                "organizationId": org["id"],
                "startDateTime": f"{start}T00:00:00Z",
                "endDateTime": f"{end}T00:00:00Z",
                "channelIds": subset,
            }
        }
        body = json.dumps({"query": query, "variables": variables}, separators=(",", ":"))
        lines.append(f"POST /graphql {body}")
    headers = {"Authorization": f"Bearer {org['token']}", "Content-Type": "application/json"}
    return lines, headers


def buffer_posts_page(catalog: dict[str, Any], count: int) -> Lines:
    org = catalog["buffer"]["organizations"][0]
    channels = [c["id"] for c in org["channels"]]
    query = (
        "query($i: PostsInput!) { posts(input: $i, first: 50) { edges { cursor node { id "
        "sentAt metrics { type value unit } } } pageInfo { hasNextPage endCursor } } }"
    )
    lines = []
    for i in range(count):
        subset = channels[: 1 + (i // 400) % len(channels)]
        end = date(2026, 10, 31) - timedelta(days=i % 400)
        variables = {
            "i": {
                "organizationId": org["id"],
                "filter": {
                    "channelIds": subset,
                    "status": ["sent"],
                    "dueAt": {
                        "start": f"{end - timedelta(days=180)}T00:00:00Z",
                        "end": f"{end}T00:00:00Z",
                    },
                },
            }
        }
        body = json.dumps({"query": query, "variables": variables}, separators=(",", ":"))
        lines.append(f"POST /graphql {body}")
    headers = {"Authorization": f"Bearer {org['token']}", "Content-Type": "application/json"}
    return lines, headers


WORKLOADS = {
    "later over-time (year by month)": later_over_time,
    "later posts (50, sorted)": later_posts,
    "later summary (a quarter)": later_summary,
    "layers project 90-day daily": layers_project_series,
    "buffer aggregate (year)": buffer_aggregate,
    "buffer posts page (50)": buffer_posts_page,
}
