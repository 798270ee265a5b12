"""Names in one normal form, and the search index of what people type for them.

Names stored before `core.search_text.normalize_name` (with a space, a no-break or a
full-width space inside, full-width letters, middle dot variants) are normalised, so the
name typed with or without the space finds them; the index gains the name without its
middle dots and the mixed pinyin keys (`zhangsf`, `zsanfeng`) of every person.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from postcrm_desktop.core.search_text import normalize_name
from postcrm_desktop.store import search_index

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        search_index.normalize_names(bind.connection)
        return
    # No search index elsewhere: the names alone.
    rows = bind.execute(text("SELECT id, name FROM customers")).all()
    for cid, name in rows:
        new = normalize_name(name)
        if new and new != name:
            bind.execute(text("UPDATE customers SET name = :n WHERE id = :i"),
                         {"n": new, "i": cid})


def downgrade() -> None:
    # Normalised names stay (they are the same names); the extra keys are harmless.
    pass
