"""Later dateBasis, the seed's own example: "a post published on Jan 5 that receives
engagement on Feb 10 will appear in a Feb 1-28 query with performance_date, but in a
Jan 1-31 query with post_date" (seeds/later-posts-performance.txt, dateBasis).

The scenario finds such posts in the responses: the posts published on the last days of a
month M (a post_date query inside M, so "in a Jan query with post_date" holds by
construction and later.filters.posts judges the dates), then looks each one up in the
performance_date query of the month after, N, narrowed to the post's campaign, instance
and content type. Posts keep gaining engagement for days after publication, so at least
one of them must be there, and it cannot show more engagement in N than in its lifetime.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from contract_tests.scenarios.base import Context, scenario, scenario_rule
from contract_tests.scenarios.later import POSTS, SEED, needs_instances
from mock_server.domain.calendar import parse_utc_z

EXAMPLE = scenario_rule(
    "later.date_basis.example",
    "A post published on the last days of a month that keeps gaining engagement appears in "
    "the next month's performance_date query (with at most its lifetime engagements), and "
    "in its own month's post_date query",
    f"{SEED}: dateBasis example (published Jan 5, engagement Feb 10)",
)
CANDIDATES = 3  # posts of the last days of M looked up in N
LAST_DAYS = 7  # how far back from the end of M they may be published
MAX_PAGES = 2  # pages read after the binary search finds the post's page (ties straddle)


def _month_start(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _months(ctx: Context, data: st.DataObject) -> tuple[date, date, date, date]:
    """(M start, M end, N start, N end), N the month after M, N cut at the last day
    before the clock (performance is recorded for days that are over)."""
    last_recorded = ctx.target.now.date() - timedelta(days=1)
    back = data.draw(st.integers(1, 3), label="months before the clock's month")
    m_start = _month_start(last_recorded, back + 1)
    n_start = _month_start(last_recorded, back)
    n_end = min(_month_start(last_recorded, back - 1) - timedelta(days=1), last_recorded)
    return m_start, n_start - timedelta(days=1), n_start, n_end


def _narrowed(post: dict[str, Any], start: date, end: date, basis: str) -> dict[str, Any]:
    params: dict[str, Any] = {
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "dateBasis": basis,
        "instanceIds": post["instanceId"],
        "contentType": post["contentType"],
        "sortProperty": "postDate",
        "sortDirection": "ASC",
        "pageSize": 100,
    }
    if post.get("campaignId") is not None:
        params["campaignIds"] = post["campaignId"]
    return params


def _find(ctx: Context, post: dict[str, Any], params: dict[str, Any]) -> dict[str, Any] | None:
    """The post in an ASC-by-postDate query: binary search over the pages for the one whose
    postDates span the post's, then that page and its neighbours (ties may straddle pages).
    At most about log2(pages) + 2 requests, whatever the size of the world."""
    published = parse_utc_z(post["postDate"])

    def page_of(number: int) -> tuple[list[dict[str, Any]], int]:
        ex = ctx.ok(ctx.client.get(POSTS, {**params, "pageNumber": number}), "posts")
        return list(ex.json["data"]), int(ex.json["pagination"]["totalPages"])

    items, total = page_of(1)
    low, high = 1, min(total, 500)
    while low < high:
        middle = (low + high + 1) // 2
        items, _ = page_of(middle)
        if items and parse_utc_z(items[0]["postDate"]) <= published:
            low = middle
        else:
            high = middle - 1
    for number in range(max(1, low - 1), min(total, low + MAX_PAGES - 1) + 1):
        items, _ = page_of(number)
        for item in items:
            if item["postId"] == post["postId"]:
                return dict(item)
    return None


@scenario("later.date_basis_example", rules=(EXAMPLE,), needs=needs_instances, weight=0.2)
def date_basis_example(ctx: Context, data: st.DataObject) -> None:
    m_start, m_end, n_start, n_end = _months(ctx, data)
    late = {
        "startDate": (m_end - timedelta(days=LAST_DAYS - 1)).isoformat(),
        "endDate": m_end.isoformat(),
        "dateBasis": "post_date",
        "sortProperty": "engagements",
        "sortDirection": "DESC",
        "pageSize": CANDIDATES,
    }
    own = ctx.ok(ctx.client.get(POSTS, late), "posts of the last days of M")
    posts = [p for p in own.json["data"] if (p.get("engagements") or 0) > 0]
    ctx.require(bool(posts), f"no post with engagements published {late['startDate']}..{m_end}")
    found = []
    for post in posts:
        seen = _find(ctx, post, _narrowed(post, n_start, n_end, "performance_date"))
        if seen is not None:
            found.append(post["postId"])
            ctx.check(
                EXAMPLE.id,
                (seen.get("engagements") or 0) <= post["engagements"],
                f"post {post['postId']}: {seen.get('engagements')} engagements recorded in "
                f"{n_start}..{n_end} (performance_date), {post['engagements']} in its lifetime",
                own,
            )
    ctx.check(
        EXAMPLE.id,
        bool(found),
        f"none of the posts {[p['postId'] for p in posts]} published {late['startDate']}.."
        f"{m_end} with engagements (post_date) appears in the performance_date query of "
        f"{n_start}..{n_end}, the month after",
        own,
    )
