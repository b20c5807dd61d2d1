"""Random codes and tokens, and the keyed digests stored instead of them."""

import hashlib
import hmac
import re
from pathlib import Path

import pytest

from mantelzorg_app import settings
from mantelzorg_app.services.platform import digests
from tests.unit.auth_fixtures import SECRET_KEY, use_test_secret_key


def test_new_code_is_six_digits() -> None:
    codes = [digests.new_code() for _ in range(500)]
    for code in codes:
        assert re.fullmatch(r"\d{6}", code), code
    assert len(set(codes)) > 450  # random, not a counter or a constant


def test_new_code_keeps_leading_zeros(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digests.secrets, "randbelow", lambda _: 42)
    assert digests.new_code() == "000042"


def test_new_token_is_long_random_and_url_safe() -> None:
    tokens = {digests.new_token() for _ in range(100)}
    assert len(tokens) == 100
    for token in tokens:
        assert len(token) >= 43  # 32 random bytes
        assert re.fullmatch(r"[A-Za-z0-9_-]+", token), token


def test_digest_is_hmac_sha256_with_the_secret_key() -> None:
    expected = hmac.new(SECRET_KEY.encode(), b"123456", hashlib.sha256).hexdigest()
    assert digests.digest("123456") == expected
    assert re.fullmatch(r"[0-9a-f]{64}", expected)


def test_digest_is_stable_and_not_the_value() -> None:
    assert digests.digest("123456") == digests.digest("123456")
    assert digests.digest("123456") != digests.digest("123457")
    assert "123456" not in digests.digest("123456")


def test_same_is_true_only_for_the_matching_value() -> None:
    stored = digests.digest("123456")
    assert digests.same("123456", stored)
    assert not digests.same("123457", stored)
    assert not digests.same("", stored)
    assert not digests.same(" 123456", stored)  # callers strip; same() compares exactly
    assert not digests.same("123456", "")


def test_digest_depends_on_the_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    under_first_key = digests.digest("123456")

    use_test_secret_key(monkeypatch, "another key")

    assert digests.digest("123456") != under_first_key
    assert not digests.same("123456", under_first_key)  # a copy of the database is useless without the key


def test_secret_key_from_the_environment_writes_no_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(settings, "INSTANCE", tmp_path / "instance")
    assert settings.secret_key() == SECRET_KEY.encode()
    assert not (tmp_path / "instance").exists()


def test_secret_key_without_the_environment_is_made_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("MANTELZORG_SECRET_KEY")
    monkeypatch.setattr(settings, "INSTANCE", tmp_path / "instance")

    first = settings.secret_key()

    key_file = tmp_path / "instance" / "secret.key"
    assert len(first) == 32
    assert key_file.read_bytes() == first
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert settings.secret_key() == first
