"""Links of Later posts and creator profiles, derived from ids (nothing stored per post
but, once per world, the parts of the content links that take hashing: :func:`link_table`).

Shapes follow the seed (seeds/later-posts-performance.txt: ``contentUrl``
``https://www.instagram.com/p/ABC123/``, ``profileLink`` ``https://instagram.com/janesmith``)
and each network's public URL forms. Images live on a mock CDN host (``.example`` is
reserved for documentation, RFC 2606), so no link points at a real person.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from mock_server.world.derived import Derived

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


DEFAULT_HANDLE = "later.creator"
"""The handle in the links of a post whose creator has no profile on its network."""


def _digest(seed: int, post_id: int) -> bytes:
    return hashlib.sha256(f"later\x1fpost\x1f{seed}\x1f{post_id}".encode()).digest()


def content_url(seed: int, post_id: int, content_type: str, handle: str | None) -> str:
    """The post's public URL on its network, from the SHA-256 of (seed, post id)."""
    return CONTENT_LINKS[content_type](_digest(seed, post_id), handle or DEFAULT_HANDLE)


LINK_TEXTS: dict[str, str] = {
    "instagram_post": "https://www.instagram.com/p/%s/%.0s%.0s%.0s",
    "instagram_reel": "https://www.instagram.com/reel/%s/%.0s%.0s%.0s",
    "instagram_story": "https://www.instagram.com/stories/%.0s%s/%.0s%s/",
    "facebook_post": "https://www.facebook.com/%.0s%s/posts/%.0s%s",
    "facebook_live": "https://www.facebook.com/%.0s%s/videos/%.0s%s",
    "facebook_group": "https://www.facebook.com/groups/%.0s%.0s%s/posts/%s",
    "facebook_reel": "https://www.facebook.com/reel/%.0s%.0s%.0s%s",
    "tiktok": "https://www.tiktok.com/@%.0s%s/video/%.0s%s",
    "youtube_video": "https://www.youtube.com/watch?v=%s%.0s%.0s%.0s",
    "youtube_shorts": "https://www.youtube.com/shorts/%s%.0s%.0s%.0s",
}
""":data:`CONTENT_LINKS` as ``%`` templates over (code, handle, group, number), the order
in which every link shows its parts (:func:`_code`, the handle, :func:`_group`,
:func:`_number`); a ``%.0s`` slot takes a part the link does not show and writes nothing
(tests/perf_equivalence/test_equivalence_later_links.py)."""

_CODES = np.frombuffer(_CODE_TABLE, np.uint8)
_UINT48 = np.uint64(2**48 - 1)
CHUNK = 1 << 16
"""Posts hashed at a time while a :class:`LinkTable` is built (bounds the peak memory)."""


class LinkParts(NamedTuple):
    """The parts of posts' links that come from their digests, one list per part, in the
    order :data:`LINK_TEXTS` takes them (with the handle between ``code`` and ``group``)."""

    codes: list[str]
    groups: list[int]
    numbers: list[int]


@dataclass(frozen=True)
class LinkTable:
    """:func:`_code`, :func:`_group` and :func:`_number` of many posts' digests, as arrays.

    A page's links then cost no hashing: reading 50 posts' parts from the table takes
    about 8 us, hashing them and cutting the parts out 27 us (a tenth of writing the posts'
    JSON). For a whole world (:func:`link_table`): 27 bytes per post, 27 MB and 0.4 s at
    scale large (a million posts).
    """

    codes: NDArray[np.bytes_]  # 11 characters of SHORTCODE_ALPHABET each
    groups: NDArray[np.uint64]
    numbers: NDArray[np.uint64]

    @classmethod
    def of(cls, seed: int, post_ids: Sequence[int]) -> LinkTable:
        """The parts of the posts ``post_ids``, in that order."""
        starts = range(0, max(len(post_ids), 1), CHUNK)
        tables = [cls._of(seed, post_ids[k : k + CHUNK]) for k in starts]
        return cls(
            np.concatenate([t.codes for t in tables]),
            np.concatenate([t.groups for t in tables]),
            np.concatenate([t.numbers for t in tables]),
        )

    @classmethod
    def _of(cls, seed: int, post_ids: Sequence[int]) -> LinkTable:
        """The parts of a chunk of posts, cut out of their digests as arrays."""
        digests = _digests(seed, post_ids)
        return cls(
            _CODES[digests[:, :11]].view("S11").ravel(),
            (_big_endian(digests[:, 17:25]) & _UINT48) % 10**15 + 10**15,
            _big_endian(digests[:, 11:19]) % 10**18 + 10**18,
        )

    def parts(self, at: NDArray[np.intp] | slice = slice(None)) -> LinkParts:
        """The parts of the posts ``at`` (positions in the table) as Python values."""
        codes = [code.decode("ascii") for code in self.codes[at].tolist()]
        return LinkParts(codes, self.groups[at].tolist(), self.numbers[at].tolist())


_tables: Derived[LinkTable] = Derived()


def link_table(seed: int, post_ids: NDArray[np.int64]) -> LinkTable:
    """The :class:`LinkTable` of every post of ``post_ids`` (a world's, read-only), built on
    first use: by the serving process before it forks its workers
    (``mock_server.serving.prepare``), else by a worker's first posts request, the other
    requests waiting for it."""
    return _tables.get(post_ids, seed, lambda: LinkTable.of(seed, post_ids.tolist()))


def _digests(seed: int, post_ids: Sequence[int]) -> NDArray[np.uint8]:
    """One row of :func:`_digest`'s 32 bytes per post: the prefix they share is hashed
    once, and each post's id added to a copy of that state."""
    prefix = hashlib.sha256(f"later\x1fpost\x1f{seed}\x1f".encode())
    digests = []
    for post_id in post_ids:
        state = prefix.copy()
        state.update(f"{post_id}".encode())
        digests.append(state.digest())
    return np.frombuffer(b"".join(digests), np.uint8).reshape(len(digests), 32)


def _big_endian(columns: NDArray[np.uint8]) -> NDArray[np.uint64]:
    """Each row's 8 bytes as one big-endian unsigned number (``int.from_bytes``)."""
    return np.ascontiguousarray(columns).view(">u8").ravel().astype(np.uint64)


POST_IMAGE_TEXT = IMAGE_HOST + "/posts/%s.jpg"
"""A post's thumbnail, the post id left to fill."""


def content_image_url(post_id: int) -> str:
    """The post's thumbnail."""
    return POST_IMAGE_TEXT % post_id


def profile_link(network: str, handle: str) -> str:
    """The creator's profile URL on ``network``."""
    return PROFILE_LINKS[network].format(handle=handle)


def profile_image(creator_id: int, network: str) -> str:
    """The creator's avatar on ``network``."""
    return f"{IMAGE_HOST}/profiles/{creator_id}_{network}.jpg"
