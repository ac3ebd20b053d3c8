"""Links of Later posts and creator profiles, derived from ids (nothing stored per post).

Shapes follow the seed (seeds/later-posts-performance.txt: ``contentUrl``
``https://www.instagram.com/p/ABC123/``, ``profileLink`` ``https://instagram.com/janesmith``)
and each network's public URL forms. Images live on a mock CDN host (``.example`` is
reserved for documentation, RFC 2606), so no link points at a real person.
"""

from __future__ import annotations

import hashlib

IMAGE_HOST = "https://cdn.later-mock.example"
SHORTCODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

PROFILE_LINKS = {
    "instagram": "https://instagram.com/{handle}",
    "facebook": "https://facebook.com/{handle}",
    "tiktok": "https://www.tiktok.com/@{handle}",
    "youtube": "https://www.youtube.com/@{handle}",
}

CONTENT_LINKS = {
    "instagram_post": "https://www.instagram.com/p/{code}/",
    "instagram_reel": "https://www.instagram.com/reel/{code}/",
    "instagram_story": "https://www.instagram.com/stories/{handle}/{number}/",
    "facebook_post": "https://www.facebook.com/{handle}/posts/{number}",
    "facebook_live": "https://www.facebook.com/{handle}/videos/{number}",
    "facebook_group": "https://www.facebook.com/groups/{group}/posts/{number}",
    "facebook_reel": "https://www.facebook.com/reel/{number}",
    "tiktok": "https://www.tiktok.com/@{handle}/video/{number}",
    "youtube_video": "https://www.youtube.com/watch?v={code}",
    "youtube_shorts": "https://www.youtube.com/shorts/{code}",
}


def _digest(seed: int, post_id: int) -> bytes:
    return hashlib.sha256(f"later\x1fpost\x1f{seed}\x1f{post_id}".encode()).digest()


def content_url(seed: int, post_id: int, content_type: str, handle: str | None) -> str:
    """The post's public URL on its network."""
    digest = _digest(seed, post_id)
    code = "".join(SHORTCODE_ALPHABET[b % 64] for b in digest[:11])
    number = str(int.from_bytes(digest[11:19], "big") % 10**18 + 10**18)
    group = str(int.from_bytes(digest[19:25], "big") % 10**15 + 10**15)
    return CONTENT_LINKS[content_type].format(
        code=code, number=number, group=group, handle=handle or "later.creator"
    )


def content_image_url(post_id: int) -> str:
    """The post's thumbnail."""
    return f"{IMAGE_HOST}/posts/{post_id}.jpg"


def profile_link(network: str, handle: str) -> str:
    """The creator's profile URL on ``network``."""
    return PROFILE_LINKS[network].format(handle=handle)


def profile_image(creator_id: int, network: str) -> str:
    """The creator's avatar on ``network``."""
    return f"{IMAGE_HOST}/profiles/{creator_id}_{network}.jpg"
