"""The attachments' record type, for the tests that loop over every type (repatria.core.testing.RecordSpec).

An attachment is a part of the record it hangs from, added from that record's page; the matrices' world attaches
one to each case, uploaded by the organisation that works the case.
"""

from repatria.core.testing import RecordSpec

from .models import Attachment

SPECS = [RecordSpec(Attachment, marker=lambda attachment: attachment.name, parent="case")]
