"""Against the mock, ``GET {base}/_mock/catalog`` tells the kit everything a config file
would: tokens, ids to query, another tenant's ids, the tokens without scope, the clock.

The first tenant of each vendor is the caller; the second one provides the ids that the
caller's token must never see.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import requests

from contract_tests.target import ConfigError, parse_instant


def fetch_catalog(base_url: str, session: requests.Session | None = None) -> dict[str, Any]:
    """The mock's catalog, or ConfigError when the target is not the mock."""
    url = base_url.rstrip("/") + "/_mock/catalog"
    try:
        response = (session or requests.Session()).get(url, timeout=30)
    except requests.RequestException as exc:
        raise ConfigError(f"cannot reach {url}: {exc}") from None
    if response.status_code != 200:
        raise ConfigError(
            f"{url} answered {response.status_code}: pass --config FILE for a target that is "
            "not the mock"
        )
    data: dict[str, Any] = response.json()
    return data


def _second(items: list[Any]) -> Any:
    return items[1] if len(items) > 1 else None


def _layers(section: dict[str, Any]) -> dict[str, Any]:
    orgs = section.get("organizations") or []
    if not orgs:
        return {}
    org, other = orgs[0], _second(orgs)
    projects = [
        {
            "id": p["id"],
            "platform_posts": p.get("platform_posts", []),
            "social_accounts": p.get("social_accounts", []),
            "layers": p.get("layers", []),
            "all_layers_listed": True,  # the catalog lists every layer of a project
            "sibling_accounts": p.get("reconnected_social_accounts", []),
        }
        for p in org.get("projects", [])
    ]
    config: dict[str, Any] = {
        "token": org["token"],
        "token_without_scope": org.get("token_without_metrics_scope"),
        "organization_id": org.get("id"),
        "projects": projects,
    }
    foreign = (other or {}).get("projects") or []
    if foreign:
        config["foreign_project_id"] = foreign[0]["id"]
        config["foreign_ids"] = {
            scope: foreign[0][key][0]
            for scope, key in (
                ("platform_post", "platform_posts"),
                ("project_layer", "layers"),
                ("social_account", "social_accounts"),
            )
            if foreign[0].get(key)
        }
    if other:
        config.setdefault("foreign_ids", {})["organization"] = other["id"]
    return config


def _later(section: dict[str, Any]) -> dict[str, Any]:
    clients = section.get("clients") or []
    if not clients:
        return {}
    client, other = clients[0], _second(clients)
    campaigns = client.get("campaignIds") or section.get("campaignIds") or []
    return {
        "token": client["token"],
        "instance_ids": client.get("instanceIds", []),
        "foreign_instance_id": (other or {}).get("instanceIds", [None])[0],
        "campaign_ids": campaigns,
    }


def _buffer(section: dict[str, Any]) -> dict[str, Any]:
    orgs = section.get("organizations") or []
    if not orgs:
        return {}
    org, other = orgs[0], _second(orgs) or {}
    return {
        "token": org["token"],
        "token_without_insights": org.get("token_without_insights"),
        "organization_id": org["id"],
        "channels": org.get("channels", []),
        "post_ids": org.get("posts", []),
        "tag_ids": [t["id"] if isinstance(t, dict) else t for t in org.get("tags", [])],
        "foreign_organization_id": other.get("id"),
        "foreign_channel_id": (other.get("channels") or [{}])[0].get("id"),
        "foreign_post_id": (other.get("posts") or [None])[0],
    }


def config_from_catalog(catalog: dict[str, Any]) -> dict[str, Any]:
    """A config dict (the shape of a config file) describing the mock's first tenants."""
    now = parse_instant(catalog["now"], "catalog.now")
    config: dict[str, Any] = {"now": catalog["now"]}
    for vendor, build in (("layers", _layers), ("later", _later), ("buffer", _buffer)):
        section = catalog.get(vendor)
        if isinstance(section, dict):
            part = {k: v for k, v in build(section).items() if v is not None}
            part.setdefault("data_since", (now - timedelta(days=180)).isoformat())
            part.setdefault("data_until", now.isoformat())
            config[vendor] = part
    return config
