"""Customer numbers: `<branch code>-<year>-<6-digit sequence>`, e.g. `GZ01-2026-000123`
(allocated as `services.numbering` describes, counter `customer_seq:<year>`)."""

from __future__ import annotations

import re

from postcrm_desktop.services.numbering import NumberSeries, local_year
from postcrm_desktop.store.models.customers import Customer

NUMBER_PATTERN = re.compile(r"(?P<branch>[A-Z0-9]{1,12})-(?P<year>[0-9]{4})-(?P<seq>[0-9]{6})")

SERIES = NumberSeries("customer_seq", Customer.number, "客户编号")
counter_key = SERIES.counter_key
format_number = SERIES.format_number
allocate_numbers = SERIES.allocate_numbers

__all__ = ["NUMBER_PATTERN", "allocate_numbers", "counter_key", "format_number", "local_year"]
