"""metrics-mock serve options: flags, a TOML config file (flags win), and the workers' env."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mock_server.cli import build_parser, config_from_args, main, resolve_options
from mock_server.config import Config
from mock_server.serving import ENV_KEY, config_from_env, config_to_env

FROZEN = "2026-11-01T00:00:00Z"


def serve_config(*argv: str) -> Config:
    args = resolve_options(build_parser().parse_args(["serve", *argv]))
    return config_from_args(args)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mock.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- flags --------------------------------------------------------------------------------


def test_serve_without_flags_has_every_transport_option_at_its_default() -> None:
    config = serve_config("--now", FROZEN)
    assert config.cors_origins == ("*",)
    assert (config.latency_ms, config.rate_limits, config.log_requests) == (0, False, False)
    assert config.vendors == ("layers", "later", "buffer")
    assert (config.seed, config.scale) == (42, "default")


def test_serve_flags_set_the_transport_options() -> None:
    config = serve_config(
        "--cors-origin", "http://localhost:5173", "--latency", "200",
        "--rate-limits", "--log-requests",
    )  # fmt: skip
    assert config.cors_origins == ("http://localhost:5173",)
    assert (config.latency_ms, config.rate_limits, config.log_requests) == (200, True, True)


def test_no_cors_turns_cors_off() -> None:
    assert serve_config("--no-cors").cors_origins == ()


def test_api_mounts_only_that_vendor() -> None:
    from mock_server import create_app

    config = serve_config("--api", "later", "--scale", "tiny", "--now", FROZEN)
    assert config.vendors == ("later",)
    rules = {rule.rule for rule in create_app(config).url_map.iter_rules()}
    assert "/v2/posts/performance" in rules
    assert "/graphql" not in rules
    assert not any(rule.startswith("/v1/") for rule in rules)


# --- config file --------------------------------------------------------------------------


def test_a_config_file_carries_what_the_flags_carry(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'seed = 7\nnow = "2026-04-18T00:00:00Z"\nscale = "tiny"\napi = ["later", "buffer"]\n'
        'cors_origins = ["http://localhost:3000"]\nlatency_ms = 150\nrate_limits = true\n'
        "log_requests = true\ndebug = true\n",
    )
    config = serve_config("--config", str(path))
    assert config == Config(
        seed=7,
        now=datetime(2026, 4, 18, tzinfo=UTC),
        scale="tiny",
        vendors=("later", "buffer"),
        debug=True,
        cors_origins=("http://localhost:3000",),
        latency_ms=150,
        rate_limits=True,
        log_requests=True,
    )


def test_flags_win_over_the_config_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'seed = 7\nrate_limits = true\napi = ["later"]\nlatency_ms = 5\n')
    config = serve_config(
        "--config", str(path), "--seed", "9", "--no-rate-limits", "--api", "buffer"
    )
    assert (config.seed, config.rate_limits, config.vendors) == (9, False, ("buffer",))
    assert config.latency_ms == 5


def test_host_port_and_workers_come_from_the_file_too(tmp_path: Path) -> None:
    path = write(tmp_path, 'host = "0.0.0.0"\nport = 9000\nworkers = 3\n')
    args = resolve_options(build_parser().parse_args(["serve", "--config", str(path)]))
    assert (args.host, args.port, args.workers) == ("0.0.0.0", 9000, 3)


def test_fixture_paths_in_the_file_are_relative_to_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'fixtures = ["fixtures/demo.yaml"]\n')
    config = serve_config("--config", str(path))
    assert config.fixtures == (tmp_path / "fixtures" / "demo.yaml",)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("sede = 7\n", "unknown key(s) sede"),
        ('port = "8080"\n', "'port' must be an integer"),
        ("rate_limits = 1\n", "'rate_limits' must be true or false"),
        ('now = "yesterday"\n', "'now' is not ISO 8601"),
        ("seed = \n", "not valid TOML"),
        ("latency_ms = 20000\n", "latency must be 0..10000 ms"),
    ],
)
def test_a_bad_config_file_is_refused_with_a_message_that_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, complaint: str
) -> None:
    path = write(tmp_path, text)
    assert main(["serve", "--config", str(path)]) == 2
    assert complaint in capsys.readouterr().err


def test_the_readme_config_example_loads(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    config = serve_config("--config", str(write(tmp_path, example)))
    assert (config.seed, config.cors_origins) == (42, ("http://localhost:5173",))


def test_a_missing_config_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--config", str(tmp_path / "nope.toml")]) == 2
    assert "cannot read config file" in capsys.readouterr().err


# --- workers rebuild the same config from the environment --------------------------------


def test_the_workers_environment_carries_the_transport_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = Config(
        now=datetime(2026, 11, 1, tzinfo=UTC),
        scale="tiny",
        cors_origins=("http://localhost:5173",),
        latency_ms=75,
        rate_limits=True,
        log_requests=True,
    )
    monkeypatch.setenv(ENV_KEY, config_to_env(config))
    assert config_from_env() == config


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"latency_ms": -1}, "latency must be 0..10000 ms"),
        ({"cors_origins": ("localhost:5173",)}, "CORS origins look like"),
    ],
)
def test_config_refuses_impossible_transport_options(
    changes: dict[str, object], complaint: str
) -> None:
    with pytest.raises(ValueError, match=complaint):
        Config().replace(**changes)
