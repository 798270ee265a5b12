"""Complaint desk (投诉与服务请求), one module per concern.

- `types`: the dataclasses every complaint service takes and returns.
- `desk`: intake, edits, priority, assignment, the workflow steps (start, resolve,
  revisit, close, reopen), notes, escalation to head office, attachments, detail.
- `listing`: the complaint list (filters, overdue first, keyset pages) and counts.
- `policy`: the SLA policy (hours per priority, calendar or working hours).
- `categories`: the editable category list.
- `workdays`: the Chinese working-day calendar with make-up working days.
- `stats`: counts, on-time rate, satisfaction, trends, frequent phrases, cross-tabs.
- `workbench`, `timeline`: what the contact workbench and customer timeline show.
- `demo_data`: synthetic complaints for `postcrm demo`.
"""
