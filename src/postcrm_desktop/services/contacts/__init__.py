"""Contacts, follow-up and care: one module per concern, plain dataclasses in and out.

- `types`: the dataclasses the services take and return (`ContactInput`, `ContactRow`,
  `TaskRow`, `CareItem`...).
- `records`: `log_contact`, `update_contact`, `get_contact`, `list_contacts` (keyset
  pages, newest first), `count_contacts`, `stats` per owner and channel.
- `rules`: the branch admin's stage-based follow-up rules (`create_rule`...,
  `add_default_rules`) and `apply_rules` / `apply_rules_daily` (idempotent).
- `tasks`: `create_task`, `update_task`, `complete_task`, `reopen_task`, `cancel_task`,
  `list_tasks` (keyset pages by due time), `open_tasks_of`; `due_between` and
  `next_due_after` drive "a task came due" notifications.
- `care`: care dates (`add_care_date`, `add_birthday_from_profile`, `care_dates_of`...),
  `upcoming` / `upcoming_with_total` and `care_calendar` (a month).
- `greetings`: greeting templates with placeholders, `greeting_text`, `greeting_list`
  (and `sms_csv` for an SMS platform), `record_greeting_sent`.
- `workbench`: `today(branch, now, tz=...)` -> `Workbench` with sections today /
  overdue / care / complaints, each item one click from its customer.
- `timeline`: `customer_timeline(branch, customer_id)` for the profile page.
- `bulk`, `demo_data`: fast synthetic data for `postcrm demo` and benchmarks.

Errors are those of `core.errors` with Chinese messages naming the field; a form gets
`ValidationErrors` with every problem at once. Accepted-but-odd input (a due time in
the past) comes back as `Notice`s in the result. Writes announce their changes
(entities "contact", "task", "follow_up_rule", "care_date", "greeting_template",
"customer") through `services.events`.

Times: every instant in and out is aware UTC; "today" and date-only due dates are local
days of the zone a caller passes (IANA name or tzinfo), or of the PC (`core.local_time`).
"""
