"""`rasm serve`: its options are checked before anything starts (the uvicorn run itself is
tested in test_service_uvicorn.py)."""

from __future__ import annotations

import logging.config

import pytest
from service_fixtures import GAZETTEER

from rasm.cli import build_parser, main


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # `rasm serve` writes RASM_* variables for its workers; undo that after each test.
    for var in ("RASM_GAZETTEERS", "RASM_BUILTIN", "RASM_LOG_LEVEL", "RASM_MAX_BATCH"):
        monkeypatch.delenv(var, raising=False)


def test_defaults_bind_loopback() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.workers) == ("127.0.0.1", 8000, 1)


@pytest.mark.parametrize(("argv", "message"), [
    (["serve", "--port", "0"], "--port must be between 1 and 65535"),
    (["serve", "--port", "70000"], "--port must be between 1 and 65535"),
    (["serve", "--workers", "0"], "--workers must be at least 1"),
    (["serve", "--no-builtin"], "--no-builtin needs at least one --gazetteer"),
    (["serve", "--gazetteer", "/no/such/table.tsv"], "no such file"),
])
def test_bad_options_fail_before_starting(argv: list[str], message: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_bad_environment_fails_before_starting(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RASM_MAX_BATCH", "many")
    assert main(["serve", "--no-builtin", "--gazetteer", str(GAZETTEER)]) == 2
    assert "RASM_MAX_BATCH='many'" in capsys.readouterr().err


def test_log_config_carries_request_ids() -> None:
    from rasm.commands.serve import log_config

    config = log_config("warning")
    logging.config.dictConfig(config)  # valid for the logging module
    service = config["loggers"]["service"]
    assert service["level"] == "WARNING" and not service["propagate"]
    assert config["handlers"]["service"]["filters"] == ["request_id"]
    assert "%(request_id)s" in config["formatters"]["service"]["format"]
