"""Links of Later posts and creator profiles, derived from ids (nothing stored per post).

Shapes follow the seed (seeds/later-posts-performance.txt: ``contentUrl``
``https://www.instagram.com/p/ABC123/``, ``profileLink`` ``https://instagram.com/janesmith``)
and each network's public URL forms. Images live on a mock CDN host (``.example`` is
reserved for documentation, RFC 2606), so no link points at a real person.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

IMAGE_HOST = "https://cdn.later-mock.example"
SHORTCODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

PROFILE_LINKS = {
    "instagram": "https://instagram.com/{handle}",
    "facebook": "https://facebook.com/{handle}",
    "tiktok": "https://www.tiktok.com/@{handle}",
    "youtube": "https://www.youtube.com/@{handle}",
}

_CODE_TABLE = bytes(ord(SHORTCODE_ALPHABET[b % 64]) for b in range(256))
"""``_CODE_TABLE[b]`` is ``SHORTCODE_ALPHABET[b % 64]``: a shortcode in one ``translate``."""


def _code(digest: bytes) -> str:
    """11 shortcode characters from bytes 0-10."""
    return digest[:11].translate(_CODE_TABLE).decode("ascii")


def _number(digest: bytes) -> int:
    """19 digits from bytes 11-18."""
    return int.from_bytes(digest[11:19], "big") % 10**18 + 10**18


def _group(digest: bytes) -> int:
    """16 digits from bytes 19-24."""
    return int.from_bytes(digest[19:25], "big") % 10**15 + 10**15


CONTENT_LINKS: dict[str, Callable[[bytes, str], str]] = {
    "instagram_post": lambda d, h: f"https://www.instagram.com/p/{_code(d)}/",
    "instagram_reel": lambda d, h: f"https://www.instagram.com/reel/{_code(d)}/",
    "instagram_story": lambda d, h: f"https://www.instagram.com/stories/{h}/{_number(d)}/",
    "facebook_post": lambda d, h: f"https://www.facebook.com/{h}/posts/{_number(d)}",
    "facebook_live": lambda d, h: f"https://www.facebook.com/{h}/videos/{_number(d)}",
    "facebook_group": lambda d, h: (
        f"https://www.facebook.com/groups/{_group(d)}/posts/{_number(d)}"
    ),
    "facebook_reel": lambda d, h: f"https://www.facebook.com/reel/{_number(d)}",
    "tiktok": lambda d, h: f"https://www.tiktok.com/@{h}/video/{_number(d)}",
    "youtube_video": lambda d, h: f"https://www.youtube.com/watch?v={_code(d)}",
    "youtube_shorts": lambda d, h: f"https://www.youtube.com/shorts/{_code(d)}",
}
"""Per content type: the link from the post's digest and the creator's handle."""


def _digest(seed: int, post_id: int) -> bytes:
    return hashlib.sha256(f"later\x1fpost\x1f{seed}\x1f{post_id}".encode()).digest()


def content_url(seed: int, post_id: int, content_type: str, handle: str | None) -> str:
    """The post's public URL on its network, from the SHA-256 of (seed, post id)."""
    return CONTENT_LINKS[content_type](_digest(seed, post_id), handle or "later.creator")


def content_image_url(post_id: int) -> str:
    """The post's thumbnail."""
    return f"{IMAGE_HOST}/posts/{post_id}.jpg"


def profile_link(network: str, handle: str) -> str:
    """The creator's profile URL on ``network``."""
    return PROFILE_LINKS[network].format(handle=handle)


def profile_image(creator_id: int, network: str) -> str:
    """The creator's avatar on ``network``."""
    return f"{IMAGE_HOST}/profiles/{creator_id}_{network}.jpg"
