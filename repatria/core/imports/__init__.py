"""Bulk import from CSV or XLSX: every row is checked, every problem reported, and either all rows are written or none.

Half an import leaves the registry in a state nobody can describe, so a file with any bad row writes nothing:
the officer fixes the rows the report names and sends the whole file again. Rows are written through the apps'
services (so the timeline and the lifecycle rules apply), each in a savepoint inside one outer transaction that
a dry run, or any error, rolls back.
"""
