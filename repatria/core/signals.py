"""What the ground floor tells the apps above it: looks at records, exports, reads through the API, bulk writes.

The audit trail hears these (audit.apps connects its access log to them), so that core's views and API never import
the audit app. Each is sent with the model as `sender`.
"""

from django.dispatch import Signal

# A sensitive record's page was shown: `record`.
record_viewed = Signal()
# A list was exported: `query` (its filters as a query string), `rows`, `fmt` (csv, xlsx …).
records_exported = Signal()
# A sensitive record was read through the API: `record`.
api_record_read = Signal()
# A page of a sensitive list was read through the API: `query`, `rows`.
api_list_read = Signal()
# A record's stored file was handed out: `record`, `field`.
file_read = Signal()
# Records were saved together by bulk_create, which sends no post_save: `records`.
records_created = Signal()
