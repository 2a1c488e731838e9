"""The cases' record types, for the tests that loop over every type (repatria.core.testing.RecordSpec)."""

from repatria.core.testing import RecordSpec

from .models import Case, CasePerson, ProgressReport, Return, Supervision


def new_case(records: dict) -> dict:
    """A case like the given one: in its lead office's province, assigned to the same organisations."""
    case, office = records["case"], records["organisation"]
    return {
        "number": f"{case.number}-NEW",
        "title": "新案",
        "province": office.province_id,
        "lead_organisation": office.pk,
        "opened_on": "2020-01-01",
        "assigned_organisations": [organisation.pk for organisation in case.assigned_organisations.all()],
    }


SPECS = [
    RecordSpec(Case, marker=lambda case: case.number, api_payload=new_case, api_text="summary"),
    RecordSpec(CasePerson, marker=lambda member: member.person.display_name, parent="case"),
    RecordSpec(
        Return,
        marker=lambda record: record.person.display_name,
        api_payload=lambda records: {
            "case": records["case"].pk,
            "person": records["person"].pk,
            "date": "2020-02-02",
            "method": "surrender",
        },
        api_text="notes",
    ),
    RecordSpec(Supervision, marker=lambda record: record.get_supervisor_display(), parent="case"),
    RecordSpec(ProgressReport, marker=lambda report: report.summary, parent="supervision"),
]
