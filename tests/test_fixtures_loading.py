"""Bad fixture files get one clear line naming the file, the entry and the problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mock_server.world.fixtures import FixtureError, load_fixtures


@pytest.mark.parametrize(
    ("content", "entry", "problem"),
    [
        ("mode: merge\n", "mode", "must be 'replace' or 'extend'"),
        ("tiktok: {}\n", "tiktok", "unknown section"),
        ("later: [1, 2]\n", "later", "must be a mapping"),
        ("- just a list\n", "(file)", "top level must be a mapping"),
        ("later: {posts: [\n", "(file)", "not valid YAML"),
    ],
)
def test_a_bad_fixture_file_is_reported_by_file_entry_and_problem(
    tmp_path: Path, content: str, entry: str, problem: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(FixtureError) as caught:
        load_fixtures([path])
    assert caught.value.source == str(path)
    assert caught.value.entry == entry
    assert problem in caught.value.problem


def test_a_missing_fixture_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FixtureError, match="no such file"):
        load_fixtures([tmp_path / "absent.yaml"])


def test_a_directory_loads_every_yaml_file_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("later: {}\n")
    (tmp_path / "a.yaml").write_text("mode: replace\nlater: {}\n")
    loaded = load_fixtures([tmp_path])
    assert loaded.replace is True
    assert [f.source for f in loaded.for_vendor("later")] == [
        str(tmp_path / "a.yaml"),
        str(tmp_path / "b.yaml"),
    ]


def test_the_cli_prints_one_line_for_a_bad_fixture_never_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("mode: merge\n")
    cmd = [
        sys.executable,
        "-m",
        "mock_server",
        "export",
        "--scale",
        "tiny",
        "--fixtures",
        str(path),
        "--out",
        str(tmp_path / "out"),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}: mode: must be 'replace' or 'extend'" in result.stderr
