"""Which Later data a request selects: groups of posts and a run of days.

seeds/later-*.txt: startDate and endDate are inclusive; instanceIds, campaignIds, platform
(all its content types) and contentType narrow the scope; dateBasis decides whether the
days are publication days (post_date) or days on which metrics were recorded
(performance_date). Every filter selects whole (campaign, content type) groups of the
world's index, so a selection is a set of groups plus a day range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from mock_server.world.later import LaterWorld
from mock_server.world.later_index import LaterIndex
from mock_server.world.later_model import CONTENT_TYPES, CampaignLookup
from mock_server.world.later_profile import ACCRUAL_DAYS

I64 = NDArray[np.int64]
POST_DATE = "post_date"
PERFORMANCE_DATE = "performance_date"


@dataclass(frozen=True)
class LaterFilter:
    """A validated request scope (the vendor layer has checked access and dates)."""

    start: date
    end: date
    instance_ids: tuple[str, ...]
    campaign_ids: tuple[int, ...] | None = None
    content_types: tuple[str, ...] | None = None
    basis: str = POST_DATE


@dataclass(frozen=True)
class Selection:
    """Selected groups and the requested days as indices of the world's day axis."""

    index: LaterIndex
    groups: NDArray[np.intp]
    start: date
    end: date
    first: int  # day index of startDate (may lie outside the axis)
    last: int  # day index of endDate
    basis: str

    def publish_spans(self, first: I64, last: I64) -> tuple[I64, I64]:
        """Inclusive publish-day ranges of the posts that count for days ``first..last``.

        post_date: posts published in the range. performance_date: posts with at least one
        recorded day in it (published up to ACCRUAL_DAYS - 1 days earlier, recorded days
        being the ones before the clock's date). An empty range is ``(1, 0)``.
        """
        if self.basis == POST_DATE:
            return first, last
        recorded_last = np.minimum(last, self.index.clock_day - 1)
        empty = first > recorded_last
        lo = np.where(empty, 1, first - ACCRUAL_DAYS + 1)
        return lo, np.where(empty, 0, recorded_last)

    def publish_days(self, first: int, last: int) -> tuple[int, int]:
        """:meth:`publish_spans` of one range."""
        if self.basis == POST_DATE:
            return first, last
        lo, hi = self.publish_spans(np.array([first], np.int64), np.array([last], np.int64))
        return int(lo[0]), int(hi[0])

    def spans(self) -> Spans:
        """The selection's index positions as runs, one per group: its posts of the days."""
        lo, hi = self.publish_days(self.first, self.last)
        days = self.index.days
        lo, hi = max(lo, 0), min(hi, days - 1)
        if lo > hi or self.groups.size == 0:
            empty = np.zeros(0, np.intp)
            return Spans(empty, empty, lo, hi)
        cells = self.index.cell_starts  # a group's posts of days lo..hi: cells lo to hi + 1
        return Spans(cells[self.groups, lo], cells[self.groups, hi + 1], lo, hi)

    def positions(self) -> NDArray[np.intp]:
        """Positions (in the index's post order) of every post the selection includes."""
        runs = self.spans()
        return _ranges(runs.starts, runs.stops)


@dataclass(frozen=True)
class Spans:
    """A selection's index positions as runs ``starts[i] <= p < stops[i]``, and the publish
    days they cover, ``lo..hi`` (meaningful when ``total > 0``)."""

    starts: NDArray[np.intp]
    stops: NDArray[np.intp]
    lo: int
    hi: int

    @cached_property
    def total(self) -> int:
        return int((self.stops - self.starts).sum())


def _ranges(starts: NDArray[np.intp], stops: NDArray[np.intp]) -> NDArray[np.intp]:
    """Concatenated ``arange(start, stop)`` for each pair, without a Python loop."""
    lengths = stops - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.intp)
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return np.asarray(offsets + np.arange(total), dtype=np.intp)


EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
NO_CAMPAIGNS = np.zeros(0, np.intp)


def day_index(index: LaterIndex, day: date) -> int:
    """Index of a calendar day on the world's axis (any integer)."""
    return day.toordinal() - EPOCH_ORDINAL - index.origin


def _campaigns_of(
    lookup: CampaignLookup, instance_ids: Sequence[str], campaign_ids: Sequence[int] | None
) -> NDArray[np.bool_]:
    """Per campaign (at least one entry): whether it belongs to one of ``instance_ids`` and,
    when ``campaign_ids`` is given, is one of them."""
    wanted = np.zeros(max(lookup.count, 1), np.bool_)
    for instance_id in instance_ids:
        wanted[lookup.of_instance.get(instance_id, NO_CAMPAIGNS)] = True
    if campaign_ids is not None:
        named = np.zeros_like(wanted)
        named[[lookup.by_id[c] for c in campaign_ids if c in lookup.by_id]] = True
        wanted &= named
    return wanted


def select(world: LaterWorld, scope: LaterFilter) -> Selection:
    """The groups matching the filter's instances, campaigns and content types.

    Each filter is a boolean table over campaigns (tens of them) or content types, looked
    up per group.
    """
    index = world.index
    wanted = _campaigns_of(world.campaign_lookup, scope.instance_ids, scope.campaign_ids)
    keep = wanted[index.group_campaign]
    if scope.content_types is not None:
        types = np.zeros(len(CONTENT_TYPES), np.bool_)
        types[[CONTENT_TYPES.index(ct) for ct in scope.content_types]] = True
        keep &= types[index.group_content_type]
    return Selection(
        index=index,
        groups=np.flatnonzero(keep).astype(np.intp),
        start=scope.start,
        end=scope.end,
        first=day_index(index, scope.start),
        last=day_index(index, scope.end),
        basis=scope.basis,
    )
