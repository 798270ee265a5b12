"""A branch database from before a migration opens after it, with its data in place:
here tags that customers carry (the table they point at cannot be rebuilt under them).
"""

from __future__ import annotations

import importlib

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from postcrm_desktop.services import auth, demo


def test_tags_gain_active_on_a_branch_with_tagged_customers(demo_path) -> None:
    migration = importlib.import_module(
        "postcrm_desktop.store.migrations.versions.0013_tag_active")
    branch = auth.login(demo_path, "admin", demo.DEMO_PASSWORD)
    try:
        with branch.db.connect() as conn:
            tagged = conn.execute(text("SELECT count(*) FROM customer_tags")).scalar_one()
            assert tagged > 0
            # The tags table as it was before the migration, then the migration itself,
            # with foreign keys enforced as the app's connections have them.
            conn.execute(text("ALTER TABLE tags DROP COLUMN active"))
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            with Operations.context(MigrationContext.configure(conn)):
                migration.upgrade()
            assert conn.execute(text("SELECT count(*) FROM tags WHERE active")).scalar_one() \
                == conn.execute(text("SELECT count(*) FROM tags")).scalar_one() > 0
            assert conn.execute(text("SELECT count(*) FROM customer_tags")).scalar_one() \
                == tagged
            conn.rollback()
    finally:
        branch.close()
