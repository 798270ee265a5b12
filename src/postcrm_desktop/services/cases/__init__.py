"""The case library (案例库): answers to questions the counter hears again and again.

`library` writes cases (by hand, or drafted from a resolved complaint without the
customer's data) and `search` finds them (the search box, and suggestions on a
complaint). Everyone reads; writing needs `cases.edit`; HQ's cases are read-only.
"""

from postcrm_desktop.services.cases.library import (
    case_of_complaint,
    create_case,
    draft_from_complaint,
    get_case,
    restore_case,
    retire_case,
    set_case_active,
    update_case,
)
from postcrm_desktop.services.cases.search import search_cases, suggest_cases
from postcrm_desktop.services.cases.types import CaseDetail, CaseDraft, CaseInput, CaseRow

__all__ = [
    "CaseDetail",
    "CaseDraft",
    "CaseInput",
    "CaseRow",
    "case_of_complaint",
    "create_case",
    "draft_from_complaint",
    "get_case",
    "restore_case",
    "retire_case",
    "search_cases",
    "set_case_active",
    "suggest_cases",
    "update_case",
]
