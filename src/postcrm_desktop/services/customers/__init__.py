"""Customer files, one module per concern.

- `types`: the dataclasses every customer service takes and returns.
- `records`: create, edit, recycle bin, reveal, numbering, stage history.
- `tags`: the tag catalogue and a customer's tags.
- `attachments`: files kept inside the encrypted database.
- `search`: the search box, filters, sorting, keyset pages, counts, saved views.
- `duplicates`: duplicate candidates and field-by-field merge.
- `demo_data`: synthetic customers for `postcrm demo`.

Shared helpers: `access` (who sees which customer: `visible_clause`, masking),
`validation` (`validate_input` behind `records`), `numbering` (customer numbers),
`related` (records referencing a customer, found from the schema), `rows` (list rows).
"""
