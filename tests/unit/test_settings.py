"""Branch settings: defaults, validation, permission, audit and change announcement."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from postcrm_desktop.core.errors import PermissionDenied, ValidationError
from postcrm_desktop.services import events, settings
from postcrm_desktop.store.models.system import AuditEntry


def test_idle_lock_minutes_defaults_to_ten(branch):
    assert settings.get(branch, settings.IDLE_LOCK_MINUTES) == 10
    assert settings.get_all(branch)["idle_lock_minutes"] == 10


def test_set_stores_value_audits_and_announces(branch):
    seen = []
    unsubscribe = events.subscribe(seen.append)
    try:
        assert settings.set(branch, settings.IDLE_LOCK_MINUTES, "15") == 15
    finally:
        unsubscribe()
    assert settings.get(branch, settings.IDLE_LOCK_MINUTES) == 15
    assert any(c.touches("setting") and "idle_lock_minutes" in c.entities["setting"]
               for c in seen)
    with branch.session() as s:
        row = s.execute(select(AuditEntry).where(AuditEntry.action == "setting.changed")
                        ).scalar_one()
    assert row.entity_id == "idle_lock_minutes"
    settings.set(branch, settings.IDLE_LOCK_MINUTES, 20)
    assert settings.get(branch, settings.IDLE_LOCK_MINUTES) == 20


@pytest.mark.parametrize("bad", [0, -5, 31, 60, 240, 241, "abc", 2.5, True])
def test_out_of_range_or_wrong_type_is_refused(branch, bad):
    with pytest.raises(ValidationError) as err:
        settings.set(branch, settings.IDLE_LOCK_MINUTES, bad)
    assert err.value.field == "idle_lock_minutes"
    assert settings.get(branch, settings.IDLE_LOCK_MINUTES) == 10


def test_unknown_key_is_refused(branch):
    with pytest.raises(ValidationError):
        settings.get(branch, "no_such_setting")
    with pytest.raises(ValidationError):
        settings.set(branch, "no_such_setting", 1)


def test_setting_needs_settings_manage(demo_login):
    clerk = demo_login("clerk1")
    assert settings.get(clerk, settings.IDLE_LOCK_MINUTES) == 10
    with pytest.raises(PermissionDenied):
        settings.set(clerk, settings.IDLE_LOCK_MINUTES, 5)


def test_idle_lock_is_capped_at_thirty_minutes_even_when_stored_longer(branch):
    assert settings.set(branch, settings.IDLE_LOCK_MINUTES, 30) == 30
    from postcrm_desktop.store.models.system import Setting

    with branch.session() as s, s.begin():  # a value an older version allowed
        s.merge(Setting(key=settings.IDLE_LOCK_MINUTES, value=240))
    assert settings.get(branch, settings.IDLE_LOCK_MINUTES) <= 30
