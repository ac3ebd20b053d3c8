"""Later scenarios: full pagination walks, sort order across pages, totals that agree
across the three endpoints, dateBasis additivity, the three array forms.

Sources: seeds/later-posts-performance.txt (Pagination, Sorting, array formats, dateBasis),
seeds/later-instances-performance-over-time.txt, seeds/later-instances-performance.txt,
DOMAIN.md section 5 ("totals agree across endpoints ... as a real backend's would").
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from contract_tests.exchange import Exchange
from contract_tests.scenarios.base import Context, scenario, scenario_rule
from contract_tests.target import Target
from mock_server.domain.pagination import page_count

POSTS, OVER_TIME, SUMMARY = (
    "/v2/posts/performance",
    "/v2/instances/performance-over-time",
    "/v2/instances/performance",
)
SEED = "later-posts-performance.txt"
MAX_PAGES = 12  # pages a walk aims for; more when pages of 100 cannot cover it
MAX_ITEMS = 5000
SUMMED = (
    "engagements",
    "impressions",
    "paidEngagements",
    "paidImpressions",
    "estimatedValueGenerated",
)
RATIOS = (
    "engagementRate",
    "cpe",
    "cpm",
    "paidEngagementRate",
    "paidCpe",
    "paidCpm",
    "returnOnInvestment",
    "campaignsCost",
    "paidAdSpend",
)
SORTABLE = (
    "engagements",
    "impressions",
    "engagementRate",
    "estimatedValueGenerated",
    "cpe",
    "cpm",
    "postDate",
    "paidEngagements",
    "paidImpressions",
    "paidEngagementRate",
    "paidCpe",
    "paidCpm",
)
BUCKET_SIZES = ("week", "month", "day", "quarter", "year")  # ISO weeks straddle months first
PLATFORMS = ("instagram", "tiktok", "facebook", "youtube", "twitter")
CONTENT_TYPES = (
    "instagram_post",
    "instagram_reel",
    "instagram_story",
    "facebook_post",
    "facebook_reel",
    "tiktok",
    "youtube_video",
    "youtube_shorts",
)

WALK = scenario_rule(
    "later.pagination.walk",
    "Walking every page returns each item exactly once, totalItems items in all, with the same "
    "totals on every page",
    f"{SEED}: Pagination",
)
SORT_WALK = scenario_rule(
    "later.sort.across_pages",
    "Across page boundaries the sortProperty values keep sortDirection's order",
    f"{SEED}: Sorting",
)
TOTALS = scenario_rule(
    "later.consistency.totals",
    "For the same filters, posts summed = summary = buckets summed (engagements, "
    "impressions, paid figures, estimated value) and postsCount = the posts' totalItems",
    "DOMAIN.md 5 (one world, three views); later-instances-performance.txt",
)
DATE_ADDITIVE = scenario_rule(
    "later.date_basis.additive",
    "Splitting a range in two splits the summary: both halves sum to the whole (postsCount "
    "too with post_date), for both dateBasis values",
    f"{SEED}: dateBasis (post_date: published in range; performance_date: recorded in range)",
)
ARRAYS = scenario_rule(
    "later.arrays.forms",
    "a,b,c, repeated keys and key[] give the same answer (instanceIds and platform)",
    f"{SEED}: 'Supported array formats'",
)


def needs_instances(target: Target) -> str | None:
    return None if target.later.instance_ids else "config lists no later.instance_ids"


def draw_range(data: st.DataObject, target: Target, max_days: int = 120) -> tuple[date, date]:
    last = target.data_until.date() - timedelta(days=1)
    end = last - timedelta(days=data.draw(st.integers(0, 60), label="days before data end"))
    start = end - timedelta(days=data.draw(st.integers(13, max_days), label="range days"))
    return start, end


def draw_filters(data: st.DataObject, target: Target) -> dict[str, Any]:
    start, end = draw_range(data, target)
    params: dict[str, Any] = {"startDate": start.isoformat(), "endDate": end.isoformat()}
    ids = target.later.instance_ids
    params["instanceIds"] = data.draw(
        st.one_of(st.none(), st.lists(st.sampled_from(ids), min_size=1, unique=True)), "instances"
    )
    kind = data.draw(st.sampled_from(["none", "platform", "contentType"]), label="filter")
    if kind == "platform":
        params["platform"] = data.draw(
            st.lists(st.sampled_from(PLATFORMS), min_size=1, max_size=2, unique=True),
            label="platform",
        )
    elif kind == "contentType":
        params["contentType"] = data.draw(
            st.lists(st.sampled_from(CONTENT_TYPES), min_size=1, max_size=3, unique=True),
            label="types",
        )
    params["dateBasis"] = data.draw(
        st.sampled_from([None, "post_date", "performance_date"]), label="dateBasis"
    )
    return params


def walk(
    ctx: Context, data: st.DataObject, path: str, params: dict[str, Any], key: str
) -> tuple[list[dict[str, Any]], Exchange]:
    """Every item of ``path`` for ``params``, page by page; checks the walk as it goes."""
    probe = ctx.ok(ctx.client.get(path, {**params, "pageSize": 100}), "first page")
    total = probe.json["pagination"]["totalItems"]
    if total > MAX_ITEMS:
        ctx.stop(f"{total} items are more than a walk reads ({MAX_ITEMS}); narrower draws will fit")
    smallest = min(100, max(1, -(-total // MAX_PAGES)))
    size = data.draw(st.integers(smallest, 100), label="pageSize")
    items: list[dict[str, Any]] = []
    last = probe
    for page in range(1, page_count(total, size) + 1):
        last = ctx.ok(
            ctx.client.get(path, {**params, "pageSize": size, "pageNumber": page}), "page"
        )
        got = last.json["pagination"]["totalItems"]
        ctx.check(
            WALK.id, got == total, f"totalItems {got} on page {page}, {total} on page 1", last
        )
        items += last.json["data"]
    beyond = page_count(total, size) + 1
    if beyond <= 500:  # a page past the last; the past_end rule judges its body
        ctx.client.get(path, {**params, "pageSize": size, "pageNumber": beyond})
    keys = [str(item[key]) for item in items]
    ctx.check(
        WALK.id,
        len(keys) == len(set(keys)) == total,
        f"{len(keys)} items ({len(set(keys))} distinct) over the pages of size {size}, "
        f"totalItems {total}",
        last,
    )
    return items, last


def _tied(ctx: Context, params: dict[str, Any]) -> list[str]:
    """The sort properties whose values (null included) repeat among the first 100 posts,
    the most repeated first: ties are where a sort without a tie-break lets pages overlap
    or skip a post."""
    probe = ctx.ok(ctx.client.get(POSTS, {**params, "pageSize": 100}), "probe")
    posts = probe.json["data"]
    largest = {p: max(Counter(str(x.get(p)) for x in posts).values(), default=0) for p in SORTABLE}
    return sorted((p for p in SORTABLE if largest[p] > 1), key=lambda p: -largest[p])


@scenario("later.walk", rules=(WALK, SORT_WALK), needs=needs_instances, weight=0.3)
def pagination_walk(ctx: Context, data: st.DataObject) -> None:
    params = draw_filters(data, ctx.target)
    if data.draw(st.booleans(), label="buckets?"):
        params["granularity"] = data.draw(
            st.sampled_from(["day", "week", "month", "quarter", "year", None]), "granularity"
        )
        walk(ctx, data, OVER_TIME, params, "startDate")
        return
    prop = data.draw(st.sampled_from(_tied(ctx, params) or SORTABLE), label="sortProperty")
    direction = data.draw(st.sampled_from(["ASC", "DESC", None]), label="sortDirection")
    params.update(sortProperty=prop, sortDirection=direction)
    posts, last = walk(ctx, data, POSTS, params, "postId")
    values = [p[prop] for p in posts if p.get(prop) is not None]
    descending = direction != "ASC"
    ctx.check(
        SORT_WALK.id,
        values == sorted(values, reverse=descending),
        f"{prop} is not {'DESC' if descending else 'ASC'} across pages",
        last,
    )


def _summary(ctx: Context, params: dict[str, Any], metrics: tuple[str, ...]) -> Exchange:
    return ctx.ok(ctx.client.get(SUMMARY, {**params, "metrics": list(metrics)}), "summary")


def _agree(total: float, count: int, reported: object) -> bool:
    if count == 0:
        return reported in (None, 0)
    return isinstance(reported, int | float) and abs(float(reported) - total) < 0.01


def _sum(rows: list[dict[str, Any]], metric: str) -> tuple[float, int]:
    values = [r[metric] for r in rows if r.get(metric) is not None]
    return float(sum(values)), len(values)


@scenario("later.totals", rules=(TOTALS,), needs=needs_instances, weight=0.3)
def totals_agree(ctx: Context, data: st.DataObject) -> None:
    params = draw_filters(data, ctx.target)
    summary = _summary(ctx, params, (*SUMMED, "postsCount", *RATIOS))
    reported = summary.json["data"]["metrics"]
    posts, last = walk(ctx, data, POSTS, params, "postId")
    granularity = data.draw(st.sampled_from(BUCKET_SIZES), label="bucket granularity")
    buckets, _ = walk(ctx, data, OVER_TIME, {**params, "granularity": granularity}, "startDate")
    ctx.check(
        TOTALS.id,
        _agree(len(posts), len(posts) or 1, reported["postsCount"]),
        f"summary postsCount {reported['postsCount']}, the posts walk found {len(posts)}",
        summary,
    )
    for metric in SUMMED:
        for name, rows in (("posts", posts), ("buckets", [b["metrics"] for b in buckets])):
            total, count = _sum(rows, metric)
            ctx.check(
                TOTALS.id,
                _agree(total, count, reported[metric]),
                f"summary {metric} = {reported[metric]} but the {name} sum to {total:g}",
                summary,
            )


@scenario("later.date_basis", rules=(DATE_ADDITIVE,), needs=needs_instances, weight=0.2)
def date_basis_additive(ctx: Context, data: st.DataObject) -> None:
    params = draw_filters(data, ctx.target)
    start, end = date.fromisoformat(params["startDate"]), date.fromisoformat(params["endDate"])
    if start == end:
        return
    cut = start + timedelta(days=data.draw(st.integers(0, (end - start).days - 1), "cut"))
    metrics = (*SUMMED, "postsCount")
    whole = _summary(ctx, params, metrics).json["data"]["metrics"]
    first = _summary(ctx, {**params, "endDate": cut.isoformat()}, metrics)
    second = _summary(ctx, {**params, "startDate": (cut + timedelta(days=1)).isoformat()}, metrics)
    additive = SUMMED if params["dateBasis"] == "performance_date" else metrics
    for metric in additive:
        parts = [first.json["data"]["metrics"][metric], second.json["data"]["metrics"][metric]]
        summed = sum(p for p in parts if p is not None)
        ctx.check(
            DATE_ADDITIVE.id,
            _agree(summed, 1, whole[metric] or 0),
            f"{metric}: {params['startDate']}..{cut} gives {parts[0]}, the rest {parts[1]}, "
            f"but the whole range {whole[metric]} (dateBasis {params['dateBasis']})",
            first,
        )


@scenario("later.arrays", rules=(ARRAYS,), needs=needs_instances, weight=0.1)
def array_forms(ctx: Context, data: st.DataObject) -> None:
    arrays = {
        "instanceIds": data.draw(
            st.lists(st.sampled_from(ctx.target.later.instance_ids), min_size=1, unique=True),
            label="instances",
        ),
        "platform": data.draw(
            st.lists(st.sampled_from(PLATFORMS), min_size=1, max_size=2, unique=True), "platform"
        ),
    }
    start, end = draw_range(data, ctx.target)
    base: list[tuple[str, object]] = [
        ("startDate", start),
        ("endDate", end),
        ("metrics", "engagements,impressions,postsCount"),
    ]
    for key, values in arrays.items():
        forms: dict[str, list[tuple[str, object]]] = {
            "a,b": [(key, ",".join(values))],
            "repeated": [(key, v) for v in values],
            "key[]": [(f"{key}[]", v) for v in values],
        }
        answers = {name: ctx.client.get(SUMMARY, base + pairs) for name, pairs in forms.items()}
        reference = answers["repeated"]
        for name, ex in answers.items():
            ctx.check(
                ARRAYS.id,
                (ex.status, ex.json) == (reference.status, reference.json),
                f"{key} as {name} answered {ex.status} {ex.body[:200]!r}, repeated keys "
                f"{reference.status} {reference.body[:200]!r}",
                ex,
            )
