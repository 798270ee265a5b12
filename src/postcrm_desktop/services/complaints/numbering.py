"""Complaint numbers: `TS-<branch code>-<year>-<6-digit sequence>`, e.g. `TS-GZ01-2026-000123`
(allocated as `services.numbering` describes, counter `complaint_seq:<year>`)."""

from __future__ import annotations

from postcrm_desktop.services.numbering import NumberSeries
from postcrm_desktop.store.models.complaints import Complaint

SERIES = NumberSeries("complaint_seq", Complaint.number, "投诉编号", prefix="TS-")
counter_key = SERIES.counter_key
format_number = SERIES.format_number
allocate_numbers = SERIES.allocate_numbers

__all__ = ["allocate_numbers", "counter_key", "format_number"]
