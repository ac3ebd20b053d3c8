"""The bounded memo (http/memo.py): it empties itself instead of growing past its limit."""

from __future__ import annotations

import pytest

from mock_server.http.memo import Memo


def test_remember_empties_a_full_memo_first() -> None:
    memo: Memo[int, str] = Memo(limit=3)
    for key in range(3):
        assert memo.remember(key, str(key)) == str(key)
    assert dict(memo) == {0: "0", 1: "1", 2: "2"}
    memo.remember(3, "3")
    assert dict(memo) == {3: "3"}


def test_remember_all_keeps_what_fits_and_empties_for_what_does_not() -> None:
    memo: Memo[int, str] = Memo(limit=4)
    memo.remember_all([1, 2], ["a", "b"])
    memo.remember_all([3, 4], ["c", "d"])  # exactly full
    assert dict(memo) == {1: "a", 2: "b", 3: "c", 4: "d"}
    memo.remember_all([5], ["e"])  # would be 5: emptied first
    assert dict(memo) == {5: "e"}
    memo.remember_all([], [])
    assert dict(memo) == {5: "e"}


def test_remember_all_never_holds_more_than_its_limit() -> None:
    memo: Memo[int, int] = Memo(limit=3)
    memo.remember_all(list(range(5)), list(range(5)))
    assert dict(memo) == {0: 0, 1: 1, 2: 2}
    with pytest.raises(ValueError, match="2 keys for 1 values"):
        memo.remember_all([7, 8], [7])
