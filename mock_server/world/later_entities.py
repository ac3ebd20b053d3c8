"""Generated Later tenants: clients, instances (brands), campaigns and creators.

Each value comes from a generator seeded by (seed, "later", entity, ...) so that one
entity does not depend on another (world/base.py). Names are Faker's (pinned): brands from
its company provider, creators from its weighted en_US first and last names, drawn with
NumPy so that thousands of creators cost milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from faker.providers.person.en_US import Provider as PersonNames

from mock_server.world.base import derive_seed, faker_for, hex_id, rng_for
from mock_server.world.later_model import NETWORKS, Campaign, Creator, CreatorProfile, Instance

CLIENT_COUNT = 3
INSTANCES_PER_CLIENT = 3
SPAN_DAYS = 730
"""Days exist for the two years before the clock (the longest range a query may ask for)."""

THEMES: tuple[tuple[str, int, int], ...] = (
    # (name, first month, months)
    ("New Year Reset", 1, 1),
    ("Valentine's Edit", 2, 1),
    ("Spring Launch", 3, 2),
    ("Earth Month", 4, 1),
    ("Mother's Day Gifting", 4, 2),
    ("Summer Glow", 6, 3),
    ("Festival Season", 7, 2),
    ("Back to School", 8, 2),
    ("Fall Favorites", 9, 2),
    ("Black Friday", 11, 1),
    ("Holiday Gift Guide", 11, 2),
)


@dataclass(frozen=True)
class Client:
    """An OAuth client (client credentials); it sees only ``instance_ids``."""

    token: str
    instance_ids: tuple[str, ...]


def generate_clients(seed: int) -> tuple[Client, ...]:
    """Clients with disjoint instance sets, so isolation can be tried."""
    clients = []
    for index in range(CLIENT_COUNT):
        instances = tuple(
            "instance_" + format(derive_seed(seed, "later", "instance", index, i), "012x")
            for i in range(INSTANCES_PER_CLIENT)
        )
        token = "later_" + hex_id(seed, "later", "client", index, length=32)
        clients.append(Client(token=token, instance_ids=instances))
    return tuple(clients)


def generate_instances(seed: int, clients: tuple[Client, ...]) -> tuple[Instance, ...]:
    """One brand name per instance."""
    return tuple(
        Instance(instance_id, faker_for(seed, "later", "brand", instance_id).company())
        for client in clients
        for instance_id in client.instance_ids
    )


ALWAYS_ON_END = date(2099, 12, 31)
"""The ambassador programme is open-ended: an absolute date, not the clock."""


def span_days(now: datetime) -> tuple[int, int]:
    """Epoch days [first, stop) that exist under the clock: the SPAN_DAYS before its date
    (nothing on or after it). The clock decides only which days exist (DOMAIN.md section 5)."""
    stop = (now.date() - date(1970, 1, 1)).days
    return stop - SPAN_DAYS, stop


def span_years(now: datetime) -> range:
    """Calendar years the span touches; seasonal campaigns exist for each of them."""
    first, stop = span_days(now)
    return range(_year_of(first), _year_of(stop - 1) + 1)


def _year_of(epoch_day: int) -> int:
    return (date(1970, 1, 1) + timedelta(days=epoch_day)).year


def generate_campaigns(
    seed: int, instances: tuple[Instance, ...], years: range
) -> tuple[Campaign, ...]:
    """An always-on ambassador programme plus seasonal campaigns per instance and calendar
    year. Each campaign (id, name, absolute dates) comes from (seed, instance, year) alone,
    so a campaign of March 2026 is the same whatever the clock."""
    campaigns: list[Campaign] = []
    for number, instance in enumerate(instances):
        launch = rng_for(seed, "later", "always-on", instance.instance_id).integers(0, 365)
        start = date(2018, 1, 1) + timedelta(days=int(launch))
        windows = [(_campaign_id(number, 0, 0), "Always-on Ambassadors", start, ALWAYS_ON_END)]
        for year in years:
            pick = rng_for(seed, "later", "campaigns", instance.instance_id, year)
            for theme in pick.choice(len(THEMES), size=int(pick.integers(1, 4)), replace=False):
                name, month, months = THEMES[int(theme)]
                end = _month_end(year, month + months - 1)
                campaign_id = _campaign_id(number, year, int(theme) + 1)
                windows.append((campaign_id, f"{name} {year}", date(year, month, 1), end))
        for campaign_id, name, first, last in sorted(windows, key=lambda w: (w[2], w[1])):
            campaigns.append(Campaign(campaign_id, instance.instance_id, name, first, last))
    return tuple(campaigns)


def _campaign_id(instance: int, year: int, slot: int) -> int:
    """Stable ids: instance, year and theme (slot 0 is the always-on programme)."""
    return 41_000 + (instance * 100 + year % 100) * 12 + slot


def _month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def creator_count(posts: int) -> int:
    """About one creator per 25 posts, between 60 and 4,000."""
    return int(min(max(posts // 25, 60), 4_000))


def generate_creators(seed: int, count: int, first_id: int = 12_000) -> tuple[Creator, ...]:
    """Creators with a primary network and, often, one or two more."""
    rng = rng_for(seed, "later", "creators")
    firsts = _weighted(rng, PersonNames.first_names, count)
    lasts = _weighted(rng, PersonNames.last_names, count)
    primary = rng.choice(len(NETWORKS), size=count, p=[0.45, 0.15, 0.25, 0.15])
    extra = rng.random((count, len(NETWORKS))) < 0.3
    followers = np.clip(rng.lognormal(np.log(25_000), 1.3, (count, len(NETWORKS))), 800, 2e7)
    suffix = rng.integers(0, 100, count)
    ids = first_id + np.cumsum(rng.integers(1, 9, count))
    creators = []
    for i in range(count):
        handle = f"{firsts[i]}{lasts[i]}".lower().replace("'", "").replace(" ", "")
        handle += "" if suffix[i] < 40 else str(suffix[i])
        profiles = tuple(
            CreatorProfile(network, _handle_on(handle, n, i), int(followers[i, n]))
            for n, network in enumerate(NETWORKS)
            if n == primary[i] or extra[i, n]
        )
        creators.append(Creator(int(ids[i]), f"{firsts[i]} {lasts[i]}", profiles))
    return tuple(creators)


def _weighted(rng: np.random.Generator, table: dict[str, float], count: int) -> list[str]:
    names = list(table)
    weights = np.array([table[n] for n in names], dtype=np.float64)
    return [names[i] for i in rng.choice(len(names), size=count, p=weights / weights.sum())]


def _handle_on(handle: str, network: int, creator: int) -> str:
    """Mostly the same handle everywhere; some creators vary it per network."""
    variants = ("", "_", ".official", "tv")
    return handle + variants[(creator + network) % len(variants) if creator % 3 == 0 else 0]
