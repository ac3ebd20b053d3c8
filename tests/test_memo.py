"""The bounded memo (http/memo.py): it empties itself instead of growing past its limit."""

from __future__ import annotations

from mock_server.http.memo import Memo


def test_remember_empties_a_full_memo_first() -> None:
    memo: Memo[int, str] = Memo(limit=3)
    for key in range(3):
        assert memo.remember(key, str(key)) == str(key)
    assert dict(memo) == {0: "0", 1: "1", 2: "2"}
    memo.remember(3, "3")
    assert dict(memo) == {3: "3"}
