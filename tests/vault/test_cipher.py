"""AES-256-GCM fields: round trip, fresh nonces, and AAD that pins a blob to its place."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nargis_desktop.vault.cipher import (
    FORMAT,
    HEADER_BYTES,
    FieldKey,
    key_id,
    new_data_key,
    unwrap_key,
    wrap_key,
)
from nargis_desktop.vault.errors import DamagedEntryError


@pytest.fixture
def key() -> FieldKey:
    return FieldKey(1, new_data_key())


def test_round_trip_keeps_unicode(key: FieldKey) -> None:
    text = "Dear diary — naïve café, 日本語, emoji 🌧️"
    blob = key.seal("journal_entries", "row-1", "body", text)
    assert blob[0] == FORMAT
    assert text.encode() not in blob
    assert key.open("journal_entries", "row-1", "body", blob) == text


def test_every_write_gets_a_fresh_nonce(key: FieldKey) -> None:
    blobs = {key.seal("journal_entries", "r", "body", "same text") for _ in range(50)}
    assert len(blobs) == 50
    nonces = {b[5:HEADER_BYTES] for b in blobs}
    assert len(nonces) == 50 and all(len(n) == 12 for n in nonces)


@pytest.mark.parametrize("place", [
    ("journal_entries", "row-2", "body"),    # another row
    ("journal_entries", "row-1", "title"),   # another column
    ("tasks", "row-1", "body"),              # another table
])
def test_blob_moved_elsewhere_fails(key: FieldKey, place: tuple[str, str, str]) -> None:
    blob = key.seal("journal_entries", "row-1", "body", "secret")
    with pytest.raises(DamagedEntryError, match="authentication failed"):
        key.open(*place, blob)


def test_relabelled_key_version_fails(key: FieldKey) -> None:
    raw = key.raw
    blob = key.seal("journal_entries", "r", "body", "secret")
    same_key_other_version = FieldKey(2, raw)
    with pytest.raises(DamagedEntryError):
        same_key_other_version.open("journal_entries", "r", "body", blob)
    forged = blob[:1] + (2).to_bytes(4, "big") + blob[5:]
    with pytest.raises(DamagedEntryError, match="authentication failed"):
        same_key_other_version.open("journal_entries", "r", "body", forged)


@pytest.mark.parametrize("mangle", [
    lambda b: b[:-1],                                  # truncated tag
    lambda b: b[:10],                                  # truncated to the header
    lambda b: b[:20] + bytes([b[20] ^ 1]) + b[21:],    # one flipped bit
    lambda b: bytes([9]) + b[1:],                      # unknown format
])
def test_tampered_or_truncated_blob_is_damaged(key: FieldKey, mangle: object) -> None:
    blob = key.seal("journal_entries", "abcdef12-x", "body", "secret text")
    with pytest.raises(DamagedEntryError) as err:
        key.open("journal_entries", "abcdef12-x", "body", mangle(blob))  # type: ignore[operator]
    assert "abcdef12" in str(err.value)
    assert err.value.row_id == "abcdef12-x"


def test_text_where_ciphertext_belongs_is_damaged(key: FieldKey) -> None:
    with pytest.raises(DamagedEntryError, match="stored as text"):
        key.open("journal_entries", "r", "body", "plain words")


def test_wrong_key_cannot_open(key: FieldKey) -> None:
    other = FieldKey(1, new_data_key())
    blob = key.seal("journal_entries", "r", "body", "secret")
    with pytest.raises(DamagedEntryError):
        other.open("journal_entries", "r", "body", blob)


def test_key_wrap_binds_vault_and_version() -> None:
    kek, data = new_data_key(), new_data_key()
    wrapped = wrap_key(kek, data, "vault-a", 1)
    assert unwrap_key(kek, wrapped, "vault-a", 1) == data
    assert unwrap_key(kek, wrapped, "vault-b", 1) is None
    assert unwrap_key(kek, wrapped, "vault-a", 2) is None
    assert unwrap_key(new_data_key(), wrapped, "vault-a", 1) is None
    assert data not in wrapped


def test_name_key_is_keyed_and_normalized(key: FieldKey) -> None:
    a = key.name_key("Morning  Run")
    assert a == key.name_key("morning run")
    assert "morning" not in a and a.startswith("hmac:")
    assert FieldKey(1, new_data_key()).name_key("morning run") != a
    assert key_id(key.raw) == key.id and key.raw.hex() not in key.id


def _outcome(fn: Callable[..., str], *args: object) -> str:
    try:
        return "ok: " + fn(*args)
    except DamagedEntryError as exc:
        return f"damaged {exc.table}/{exc.row_id}/{exc.column}: {exc.reason}"


@pytest.mark.parametrize("mangle", [
    lambda b: b,                                       # intact
    lambda b: b[:-1],                                  # truncated tag
    lambda b: b[:10],                                  # truncated to the header
    lambda b: b[:20] + bytes([b[20] ^ 1]) + b[21:],    # one flipped bit
    lambda b: bytes([9]) + b[1:],                      # unknown format
    lambda b: b[:1] + (2).to_bytes(4, "big") + b[5:],  # relabelled key version
    lambda b: "plain words",                           # text where ciphertext belongs
    lambda b: bytearray(b),                            # not bytes: the careful path
])
@pytest.mark.parametrize("place", [
    ("journal_entries", "row-1", "body"),    # its own place
    ("journal_entries", "row-2", "body"),    # another row
    ("journal_entries", "row-1", "title"),   # another column
    ("tasks", "row-1", "body"),              # another table
    ("journal_entries", "rów-ü", "body"),    # a non-ASCII row id
])
def test_opener_decides_exactly_like_open(key: FieldKey, mangle: object,
                                          place: tuple[str, str, str]) -> None:
    """Search opens thousands of fields with the prepared opener: same answers, same errors."""
    table, row_id, column = place
    sealed = key.seal("journal_entries", "row-1", "body", "secret — naïve")
    blob = mangle(sealed)  # type: ignore[operator]
    expected = _outcome(key.open, table, row_id, column, blob)
    assert _outcome(key.opener(table, column), row_id, blob) == expected


def test_opener_round_trip(key: FieldKey) -> None:
    blob = key.seal("journal_entries", "row-1", "title", "Dear diary — 日本語")
    assert key.opener("journal_entries", "title")("row-1", blob) == "Dear diary — 日本語"
