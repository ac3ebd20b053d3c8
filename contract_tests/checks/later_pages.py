"""Later pages, buckets, filters and sorting, each judged from one response.

Sources: seeds/later-posts-performance.txt (Pagination, Sorting, filters, dateBasis),
seeds/later-instances-performance-over-time.txt (granularity table: ISO weeks, calendar
months and quarters; "Partial buckets are returned at the edges"),
seeds/later-instances-performance.txt ("Only the selected metrics will be returned").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from contract_tests.checks.base import SKIP, Skip, response_check
from contract_tests.exchange import Exchange
from contract_tests.registry import ensure
from mock_server.domain.calendar import Granularity, bucket_start, next_bucket_start, parse_utc_z
from mock_server.domain.pagination import page_count
from mock_server.domain.sorting import order_indices

POSTS, OVER_TIME, SUMMARY = (
    "getPostsPerformance",
    "getInstancesPerformanceOverTime",
    "getInstancesPerformance",
)
PAGED = (POSTS, OVER_TIME)
PLATFORM_TYPES = {
    "instagram": ("instagram_post", "instagram_reel", "instagram_story"),
    "facebook": ("facebook_post", "facebook_live", "facebook_group", "facebook_reel"),
    "tiktok": ("tiktok",),
    "youtube": ("youtube_video", "youtube_shorts"),
    "twitter": (),
}


def _int_param(ex: Exchange, name: str, default: int) -> int:
    value = ex.param(name)
    return int(value) if value is not None else default


@response_check(
    "later.pagination.arithmetic",
    "pagination echoes pageNumber (default 1) and pageSize (default 50), totalPages = "
    "ceil(totalItems / pageSize), and a page within range holds min(pageSize, items left)",
    "later-posts-performance.txt: Pagination",
    operations=PAGED,
)
def pagination_arithmetic(ex: Exchange) -> Skip | None:
    p, data = ex.json["pagination"], ex.json["data"]
    page, size = _int_param(ex, "pageNumber", 1), _int_param(ex, "pageSize", 50)
    ensure(p["page"] == page, f"pagination.page {p['page']} != requested pageNumber {page}")
    ensure(p["pageSize"] == size, f"pagination.pageSize {p['pageSize']} != requested {size}")
    total, pages = p["totalItems"], p["totalPages"]
    ensure(
        pages == page_count(total, size),
        f"totalPages {pages} != ceil(totalItems {total} / pageSize {size}) = "
        f"{page_count(total, size)}",
    )
    if page <= pages:
        expected = min(size, total - (page - 1) * size)
        ensure(
            len(data) == expected,
            f"page {page} of {pages} holds {len(data)} items, expected {expected} of {total}",
        )
    return None


@response_check(
    "later.pagination.past_end",
    "A page past the last is 200 with data [] and the true totals",
    "specs/openapi/later.yaml PageNumber x-mock-choice",
    operations=PAGED,
    gap=True,
)
def past_end(ex: Exchange) -> Skip | None:
    p = ex.json["pagination"]
    if p["page"] <= p["totalPages"]:
        return SKIP
    ensure(ex.json["data"] == [], f"page {p['page']} of {p['totalPages']} must be empty")
    return None


def _range(ex: Exchange) -> tuple[date, date]:
    return date.fromisoformat(ex.param("startDate") or ""), date.fromisoformat(
        ex.param("endDate") or ""
    )


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _unit(day: date, g: Granularity) -> tuple[date, date]:
    """First and last day of the calendar unit of ``g`` holding ``day``."""
    start = bucket_start(midnight(day), g)
    return start.date(), (next_bucket_start(start, g) - timedelta(days=1)).date()


@response_check(
    "later.buckets.calendar",
    "Each bucket lies in one calendar unit of the granularity (ISO week from Monday, month, "
    "quarter, year), is clipped to the requested range and is whole inside it; no two "
    "buckets share a unit",
    "later-instances-performance-over-time.txt: granularity table, partial edge buckets",
    operations=(OVER_TIME,),
)
def bucket_calendar(ex: Exchange) -> Skip | None:
    granularity = ex.param("granularity")
    if granularity is None:
        return SKIP
    g, (first, last) = Granularity(granularity), _range(ex)
    seen: set[date] = set()
    for bucket in ex.json["data"]:
        start, end = date.fromisoformat(bucket["startDate"]), date.fromisoformat(bucket["endDate"])
        unit_start, unit_end = _unit(start, g)
        name = f"bucket {start}..{end}"
        ensure(unit_start not in seen, f"{name}: two buckets in the {g} of {unit_start}")
        seen.add(unit_start)
        ensure(
            max(unit_start, first) == start,
            f"{name}: a {g} bucket must start on "
            f"{max(unit_start, first)} (its {g} or the range start {first})",
        )
        ensure(
            min(unit_end, last) == end,
            f"{name}: a {g} bucket must end on "
            f"{min(unit_end, last)} (its {g} or the range end {last})",
        )
    return None


@response_check(
    "later.buckets.order",
    "Buckets come in ascending date order; without granularity they are calendar months",
    "specs/openapi/later.yaml performance-over-time and Granularity x-mock-choice",
    operations=(OVER_TIME,),
    gap=True,
)
def bucket_order(ex: Exchange) -> Skip | None:
    starts = [b["startDate"] for b in ex.json["data"]]
    ensure(starts == sorted(starts), f"buckets are not in ascending order: {starts[:6]}")
    if ex.param("granularity") is None:
        first, last = _range(ex)
        for b in ex.json["data"]:
            start, end = _unit(date.fromisoformat(b["startDate"]), Granularity.MONTH)
            want = (max(start, first).isoformat(), min(end, last).isoformat())
            got = (b["startDate"], b["endDate"])
            ensure(got == want, f"default buckets are months: {got} should be {want}")
    return None


@response_check(
    "later.summary.requested",
    "data.metrics holds exactly the requested metrics and nextCursor is null",
    "later-instances-performance.txt: 'Only the selected metrics will be returned'",
    operations=(SUMMARY,),
)
def summary_requested(ex: Exchange) -> Skip | None:
    wanted = set(ex.query.get("metrics") or ())
    got = set(ex.json["data"]["metrics"])
    ensure(got == wanted, f"data.metrics has {sorted(got)}, requested {sorted(wanted)}")
    ensure(ex.json.get("nextCursor") is None, "nextCursor must be null on the summary")
    return None


def _allowed_types(ex: Exchange) -> set[str] | None:
    if "contentType" in ex.query:
        return set(ex.query["contentType"])
    if "platform" in ex.query:
        return {t for p in ex.query["platform"] for t in PLATFORM_TYPES.get(p, ())}
    return None


@response_check(
    "later.filters.posts",
    "Every post matches the filters: instanceId in instanceIds, campaignId in campaignIds, "
    "contentType in contentType or in the platform's types, and with dateBasis post_date "
    "(the default) a postDate inside startDate..endDate",
    "later-posts-performance.txt: instanceIds, campaignIds, platform, contentType, dateBasis",
    operations=(POSTS,),
)
def post_filters(ex: Exchange) -> Skip | None:
    first, last = _range(ex)
    types = _allowed_types(ex)
    by_post_date = (ex.param("dateBasis") or "post_date") == "post_date"
    for post in ex.json["data"]:
        name = f"post {post['postId']}"
        if "instanceIds" in ex.query:
            ensure(
                post["instanceId"] in ex.query["instanceIds"],
                f"{name}: instanceId {post['instanceId']} was not asked for",
            )
        if "campaignIds" in ex.query:
            ensure(
                str(post.get("campaignId")) in ex.query["campaignIds"],
                f"{name}: campaignId {post.get('campaignId')} was not asked for",
            )
        if types is not None:
            ensure(
                post["contentType"] in types,
                f"{name}: contentType {post['contentType']} outside {sorted(types)}",
            )
        if by_post_date:
            day = parse_utc_z(post["postDate"]).date()
            ensure(
                first <= day <= last,
                f"{name}: postDate {post['postDate']} outside "
                f"{first}..{last} with dateBasis=post_date",
            )
    return None


def _sort_value(post: dict[str, Any], prop: str) -> Any:
    value = post.get(prop)
    return parse_utc_z(value) if prop == "postDate" and isinstance(value, str) else value


@response_check(
    "later.sort.page",
    "With sortProperty, the non-null values of a page are ordered by sortDirection (default DESC)",
    "later-posts-performance.txt: Sorting",
    operations=(POSTS,),
)
def page_sorted(ex: Exchange) -> Skip | None:
    prop = ex.param("sortProperty")
    if prop is None:
        return SKIP
    descending = (ex.param("sortDirection") or "DESC") == "DESC"
    values = [v for v in (_sort_value(p, prop) for p in ex.json["data"]) if v is not None]
    expected = sorted(values, reverse=descending)
    ensure(
        values == expected,
        f"{prop} values are not in {'DESC' if descending else 'ASC'} "
        f"order: {[str(v) for v in values[:8]]}",
    )
    return None


@response_check(
    "later.sort.ties",
    "Pages follow one total order: sortProperty (default postDate), nulls last in both "
    "directions, ties by postId ascending",
    "specs/openapi/later.yaml SortProperty x-mock-choice",
    operations=(POSTS,),
    gap=True,
)
def page_total_order(ex: Exchange) -> Skip | None:
    prop = ex.param("sortProperty") or "postDate"
    descending = (ex.param("sortDirection") or "DESC") == "DESC"
    data = ex.json["data"]
    ids = [p["postId"] for p in data]
    order = order_indices([_sort_value(p, prop) for p in data], ids, descending)
    expected = [ids[i] for i in order]
    ensure(
        ids == expected,
        f"postIds {ids[:8]} should be {expected[:8]} (by {prop}, nulls last, ties by postId)",
    )
    return None
