"""UUIDv7 keys and the hybrid logical clock that versions every synced row."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from postcrm_desktop.core.hlc import HybridClock, Stamp
from postcrm_desktop.core.ids import new_id, uuid7


def test_uuid7_version_variant_and_order() -> None:
    ids = [uuid7() for _ in range(5000)]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in ids)
    assert ids == sorted(ids), "ids made one after another sort in creation order"
    assert len(set(ids)) == len(ids)


def test_new_id_is_32_hex() -> None:
    value = new_id()
    assert len(value) == 32
    int(value, 16)


def test_clock_is_monotonic_when_wall_clock_stalls_or_goes_back() -> None:
    walls = iter([1000, 1000, 999, 500, 1001])
    clock = HybridClock("GZ01", wall=lambda: next(walls))
    stamps = [clock.now() for _ in range(5)]
    encoded = [s.encode() for s in stamps]
    assert encoded == sorted(encoded)
    assert len(set(encoded)) == 5


def test_observe_moves_past_remote_stamp() -> None:
    clock = HybridClock("GZ01", wall=lambda: 100)
    remote = Stamp(5000, 7, "HQ")
    local = clock.observe(remote)
    assert (local.wall_ms, local.counter) > (remote.wall_ms, remote.counter)
    assert clock.now().encode() > local.encode()


def test_restart_continues_after_persisted_stamp() -> None:
    last = Stamp(10_000, 3, "GZ01")
    clock = HybridClock("GZ01", last=last, wall=lambda: 9_000)
    assert clock.now().encode() > last.encode()


@given(st.integers(0, 2**48 - 1), st.integers(0, 0xFFFF),
       st.from_regex(r"[A-Z0-9]{1,8}", fullmatch=True))
def test_stamp_round_trip_and_text_order(ms: int, counter: int, site: str) -> None:
    stamp = Stamp(ms, counter, site)
    assert Stamp.decode(stamp.encode()) == stamp
    later = Stamp(ms, counter + 1, site) if counter < 0xFFFF else Stamp(ms + 1, 0, site)
    assert later.encode() > stamp.encode()
