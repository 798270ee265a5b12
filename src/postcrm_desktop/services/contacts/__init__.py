"""Contacts, follow-up and care: one module per concern, plain dataclasses in and out.

- `types`: the dataclasses the contact and task services take and return.
- `records`: log, edit, list (keyset pages) and count contacts; statistics per owner and
  channel.
- `rules`: the branch admin's stage-based follow-up rules and `apply_rules`.
- `tasks`: follow-up tasks by hand, complete / reopen / cancel, lists.
- `care`: care dates (solar or lunar birthdays, anniversaries, custom dates), upcoming
  dates and the care calendar.
- `greetings`: greeting templates, rendering, SMS lists, recording a greeting sent.
- `workbench`: today's and overdue tasks, upcoming care dates, optional sections from
  other areas (complaints near their deadline).
- `timeline`: a customer's history for the profile page, newest first.
- `bulk`: fast raw inserts for demo data and benchmarks.
- `demo_data`: synthetic contacts, rules, tasks and care dates for `postcrm demo`.

Times: every instant in and out is aware UTC; "today" and date-only due dates are local
days of the zone a caller passes (IANA name or tzinfo), or of the PC (`core.local_time`).
"""
