"""Later validation and access rules: what must be refused, with which problem.

Sources: seeds/later-*.txt (platform and contentType "cannot be combined"; instanceIds
"outside that set returns 403 with type: ANL_00403"; unsupported summary metric "400 error,
along with a list of valid metrics") and DOMAIN.md section 4 (Later public reference:
"Maximum of 50 campaignIds allowed.", "Invalid sortProperty ...", range at most 2 years).
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from contract_tests.exchange import Exchange
from contract_tests.scenarios.base import Context, scenario, scenario_rule
from contract_tests.scenarios.later import POSTS, SUMMARY, draw_range, needs_instances
from contract_tests.target import Target

PATHS = ("/v2/posts/performance", "/v2/instances/performance-over-time", SUMMARY)
COMBINED = scenario_rule(
    "later.validation.platform_with_content_type",
    "platform together with contentType is 400 ANL_00400",
    "later-posts-performance.txt: platform/contentType ('Cannot be combined')",
)
CAMPAIGNS = scenario_rule(
    "later.validation.campaign_ids",
    "More than 50 campaignIds is 400 'Maximum of 50 campaignIds allowed.'",
    "DOMAIN.md 4 (Later public reference); later-posts-performance.txt campaignIds (...50)",
)
SORT_PROPERTY = scenario_rule(
    "later.validation.sort_property",
    "An unsupported sortProperty is 400 \"Invalid sortProperty '<x>' for /posts/performance. "
    'Valid values are: ..."',
    "DOMAIN.md 4 (Later public reference); later-posts-performance.txt: Sorting",
)
TWO_YEARS = scenario_rule(
    "later.validation.two_years",
    "A range longer than 2 years is 400 'Date range cannot exceed 2 years.'; one year is fine",
    "DOMAIN.md 4 (Later public reference: date range at most 2 years)",
)
UNSUPPORTED = scenario_rule(
    "later.validation.unsupported_metric",
    "An unsupported summary metric is 400 with the metrics valid for the current filters",
    "later-instances-performance.txt: metrics (crosspostedFacebookOnlyViews: Instagram Reels)",
)
DATE_ORDER = scenario_rule(
    "later.validation.date_order",
    "startDate after endDate is 400 ANL_00400",
    "specs/openapi/later.yaml StartDate x-mock-choice",
    gap=True,
)
MISSING_TOKEN = scenario_rule(
    "later.auth.missing_token",
    "No or an unknown bearer token is 401 ANL_00401 on every endpoint, never data",
    "DOMAIN.md 4 (Later: ANL_00401); specs/openapi/later.yaml bearerAuth",
)
FOREIGN = scenario_rule(
    "later.auth.foreign_instance",
    "An instanceId outside the client's set is 403 ANL_00403 on every endpoint, never data",
    "later-instances-performance.txt: instanceIds ('403 with type: ANL_00403')",
)


def _problem(ctx: Context, rule_id: str, ex: Exchange, status: int, detail: str = "") -> bool:
    body = ex.json if isinstance(ex.json, dict) else {}
    kind, text = body.get("type"), str(body.get("detail", ""))
    expected = f"ANL_{status:05d}"
    good = ex.status == status and kind in (expected, "ANL_00422" if status == 400 else expected)
    return ctx.check(
        rule_id,
        good and detail in text,
        f"expected {status} {expected}"
        + (f" with detail containing {detail!r}" if detail else "")
        + f", got {ex.status} {kind!r} {text!r}",
        ex,
    )


def _range(ctx: Context, data: st.DataObject) -> dict[str, object]:
    start, end = draw_range(data, ctx.target)
    return {"startDate": start.isoformat(), "endDate": end.isoformat()}


@scenario(
    "later.validation",
    rules=(COMBINED, CAMPAIGNS, SORT_PROPERTY, TWO_YEARS, UNSUPPORTED, DATE_ORDER),
    needs=needs_instances,
    weight=0.1,
)
def validation(ctx: Context, data: st.DataObject) -> None:
    dates = _range(ctx, data)
    path = data.draw(st.sampled_from(PATHS), label="path")
    extra = {"metrics": "engagements"} if path == SUMMARY else {}
    both = {**dates, **extra, "platform": "instagram", "contentType": "instagram_reel"}
    _problem(ctx, COMBINED.id, ctx.client.get(path, both), 400)
    many = {**dates, **extra, "campaignIds": list(range(1, 52))}
    _problem(
        ctx, CAMPAIGNS.id, ctx.client.get(path, many), 400, "Maximum of 50 campaignIds allowed."
    )
    bad_sort = {**dates, "sortProperty": "likes"}
    _problem(
        ctx,
        SORT_PROPERTY.id,
        ctx.client.get(POSTS, bad_sort),
        400,
        "Invalid sortProperty 'likes' for /posts/performance. Valid values are:",
    )
    start = ctx.target.data_until.date() - timedelta(days=800)
    too_long = {
        **extra,
        "startDate": start.isoformat(),
        "endDate": (start + timedelta(days=760)).isoformat(),
    }
    _problem(
        ctx, TWO_YEARS.id, ctx.client.get(path, too_long), 400, "Date range cannot exceed 2 years."
    )
    one_year = {**too_long, "endDate": (start + timedelta(days=364)).isoformat()}
    ex = ctx.client.get(path, one_year)
    ctx.check(TWO_YEARS.id, ex.status == 200, f"a one-year range got {ex.status}", ex)
    reels_only = {**dates, "metrics": "crosspostedFacebookOnlyViews", "platform": "instagram"}
    if _problem(ctx, UNSUPPORTED.id, ctx.client.get(SUMMARY, reels_only), 400):
        ex = ctx.client.get(SUMMARY, reels_only)
        ctx.check(
            UNSUPPORTED.id,
            "engagements" in str(ex.json.get("detail")),
            "the detail does not list the valid metrics",
            ex,
        )
    backwards = {**extra, "startDate": dates["endDate"], "endDate": dates["startDate"]}
    if backwards["startDate"] != backwards["endDate"]:
        _problem(ctx, DATE_ORDER.id, ctx.client.get(path, backwards), 400)


def _foreign(target: Target) -> str | None:
    if target.later.foreign_instance_id:
        return needs_instances(target)
    return "config lacks later.foreign_instance_id"


@scenario("later.auth", rules=(MISSING_TOKEN, FOREIGN), needs=_foreign, weight=0.1)
def auth(ctx: Context, data: st.DataObject) -> None:
    dates = _range(ctx, data)
    path = data.draw(st.sampled_from(PATHS), label="path")
    params = {**dates, **({"metrics": "engagements"} if path == SUMMARY else {})}
    for token in (None, "not-a-token"):
        _problem(ctx, MISSING_TOKEN.id, ctx.client.get(path, params, token=token), 401)
    mine = list(ctx.target.later.instance_ids[:1])
    foreign = ctx.target.later.foreign_instance_id
    ex = ctx.client.get(path, {**params, "instanceIds": [*mine, foreign]})
    _problem(ctx, FOREIGN.id, ex, 403)
