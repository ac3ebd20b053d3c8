"""Post text and links, derived lazily from (seed, post id) so the world stores no strings.

A bank of sentences is drawn once per world with a seeded Faker; a post's text picks from it
by the bits of its id, so the text of one post never depends on any other post.
"""

from __future__ import annotations

from collections.abc import Callable

from mock_server.world.base import faker_for

BANK_SIZE = 128
HASHTAGS: tuple[str, ...] = (
    "marketing", "socialmedia", "buildinpublic", "smallbusiness", "productlaunch",
    "behindthescenes", "tips", "community", "design", "startup", "growth", "newrelease",
    "teamwork", "mondaymotivation",
)  # fmt: skip


def text_bank(seed: int) -> tuple[str, ...]:
    """``BANK_SIZE`` sentences from Faker seeded by (seed, "buffer", "text-bank")."""
    fake = faker_for(seed, "buffer", "text-bank")
    return tuple(fake.sentence(nb_words=8 + i % 9) for i in range(BANK_SIZE))


def post_text(bank: tuple[str, ...], post_id: str) -> str:
    """Two sentences and a hashtag chosen by the id's random (non-timestamp) bits."""
    bits = int(post_id[8:], 16)
    first, second = bits % len(bank), (bits >> 8) % len(bank)
    tag = HASHTAGS[(bits >> 16) % len(HASHTAGS)]
    return f"{bank[first]} {bank[second]} #{tag}"


_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _code(post_id: str, length: int) -> str:
    bits = int(post_id, 16)
    return "".join(_ALPHABET[(bits >> (6 * i)) & 63] for i in range(length))


def _digits(post_id: str, length: int) -> str:
    return "7" + str(int(post_id, 16))[1 - length :].rjust(length - 1, "0")


LINKS: dict[str, Callable[[str, str], str]] = {
    "instagram": lambda h, p: f"https://www.instagram.com/p/{_code(p, 11)}/",
    "facebook": lambda h, p: f"https://www.facebook.com/{h}/posts/{_digits(p, 16)}",
    "twitter": lambda h, p: f"https://x.com/{h}/status/{_digits(p, 19)}",
    "linkedin": lambda h, p: f"https://www.linkedin.com/feed/update/urn:li:share:{_digits(p, 19)}",
    "pinterest": lambda h, p: f"https://www.pinterest.com/pin/{_digits(p, 18)}/",
    "tiktok": lambda h, p: f"https://www.tiktok.com/@{h}/video/{_digits(p, 19)}",
    "googlebusiness": lambda h, p: f"https://business.google.com/posts/l/{_digits(p, 19)}",
    "startPage": lambda h, p: f"https://{h}.start.page/#{_code(p, 8)}",
    "mastodon": lambda h, p: f"https://mastodon.social/@{h}/{_digits(p, 18)}",
    "youtube": lambda h, p: f"https://www.youtube.com/watch?v={_code(p, 11)}",
    "threads": lambda h, p: f"https://www.threads.net/@{h}/post/{_code(p, 11)}",
    "bluesky": lambda h, p: f"https://bsky.app/profile/{h}.bsky.social/post/{_code(p, 13)}",
}
"""Each network's public URL shape for a published post (handle, post id)."""


def external_link(service: str, handle: str, post_id: str) -> str:
    """The published post's URL on its network."""
    return LINKS[service](handle, post_id)
