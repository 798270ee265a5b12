"""Demo contacts, follow-up rules, tasks, care dates and greeting templates.

Runs after the customers (`services.demo`); reads the customers from the database, so it
also works on any branch that has some. About five contacts per customer over the past
year (in working hours, each after its customer was filed; each customer's last
activity is its latest contact), the default rules and templates, a manageable number
of open tasks per person (some overdue, some due today), and birthdays from the
customers' files (some lunar), with a few falling this week so the first workbench has
something to show.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from postcrm_desktop.core.local_time import local_date
from postcrm_desktop.core.sla import DEFAULT_ZONE
from postcrm_desktop.services.contacts import bulk, greetings, rules
from postcrm_desktop.services.demo import DemoContext
from postcrm_desktop.store.types import utcnow

CONTACTS_PER_CUSTOMER = 5
TASK_SHARE = 0.2  # open manual tasks per customer, at most...
TASKS_PER_PERSON = 30  # ...this many per member of staff (a quarter of them due today)
APPLY_RULES_UP_TO = 5_000  # customers; above that the rules run at the first workbench


def fill_demo(ctx: DemoContext) -> None:
    branch, rng = ctx.branch, ctx.rng
    ctx.progress("跟进规则与祝福模板…")
    rules.add_default_rules(branch)
    greetings.add_default_templates(branch)
    seeds = bulk.load_seeds(branch)
    if not seeds:
        return
    now = utcnow()
    tz = ZoneInfo(DEFAULT_ZONE)
    staff = [uid for name, uid in ctx.user_ids.items() if name.startswith(("manager", "clerk"))]
    bulk.fill_contacts(branch, seeds, CONTACTS_PER_CUSTOMER * len(seeds), rng=rng, until=now,
                       span_days=365, staff=staff, tz=tz, progress=ctx.progress)
    bulk.set_last_activity(branch)
    owners = {seed.owner_id for seed in seeds}
    count = min(int(len(seeds) * TASK_SHARE), TASKS_PER_PERSON * len(owners))
    bulk.fill_tasks(branch, seeds, max(8, count), rng=rng, now=now, tz=tz,
                    progress=ctx.progress)
    bulk.fill_care_dates(branch, seeds, rng=rng, progress=ctx.progress)
    # A few care dates in the coming days for each owner, so the first workbench shows some.
    today = local_date(now, tz)
    soon = []
    by_owner: dict[str | None, int] = {}
    for seed in seeds:
        if by_owner.get(seed.owner_id, 0) >= 3:
            continue
        by_owner[seed.owner_id] = by_owner.get(seed.owner_id, 0) + 1
        day = today + timedelta(days=rng.randint(0, 6))
        if day.month == 2 and day.day == 29:
            day -= timedelta(days=1)
        soon.append((seed.id, seed.owner_id, day))
    bulk.custom_care_dates(branch, soon, "开户纪念日")
    if len(seeds) <= APPLY_RULES_UP_TO:
        ctx.progress("按跟进规则生成任务…")
        rules.apply_rules(branch, now, tz=tz)
    ctx.shared["contacts_filled"] = True


__all__ = ["fill_demo"]
