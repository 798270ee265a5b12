"""Small widgets and helpers shared by several pages (customers, contacts, complaints)."""
