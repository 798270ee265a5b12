"""Writing tables for people to open in a spreadsheet: every export goes through here.

`write_table` (xlsx or CSV by the file's suffix) and `table_csv` neutralise cells that a
spreadsheet would run as formulas (see core.spreadsheet_safety). Permission checks and the
audit entry stay with the service that produced the rows.
"""

from postcrm_desktop.services.exports.tables import table_csv, write_table

__all__ = ["table_csv", "write_table"]
