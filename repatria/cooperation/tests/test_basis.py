"""The legal basis suggested for a request: a bilateral treaty in force that covers the kind, else a convention both
states are parties to, else reciprocity; INTERPOL's rules for its notices. A state absent from the (partial)
reference list of convention parties is unknown, never taken for a non-party."""

import datetime

import pytest

from repatria.cooperation.basis import suggest
from repatria.cooperation.models import ConventionParty, LegalBasis, RequestKind, Treaty, TreatyKind
from repatria.geo.models import Country

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 1)


def treaty(country: str, kind: str, *, in_force: str | None = "2010-01-01", terminated: str | None = None) -> Treaty:
    return Treaty.objects.create(
        country_id=country, kind=kind, title_zh=f"（演示）中华人民共和国和{country}{kind}条约", is_demo=True,
        in_force_on=in_force and datetime.date.fromisoformat(in_force),
        terminated_on=terminated and datetime.date.fromisoformat(terminated),
    )  # fmt: skip


def test_a_treaty_in_force_that_covers_the_kind_comes_first():
    made = treaty("AR", TreatyKind.EXTRADITION)
    chosen = suggest(RequestKind.EXTRADITION, Country.objects.get(pk="AR"), DAY)
    assert (chosen.legal_basis, chosen.treaty) == (LegalBasis.TREATY, made)


@pytest.mark.parametrize(
    ("kind", "in_force", "terminated"),
    [
        (TreatyKind.MLA, "2010-01-01", None),  # a treaty of another kind
        (TreatyKind.EXTRADITION, None, None),  # signed, not in force
        (TreatyKind.EXTRADITION, "2027-01-01", None),  # in force only later
        (TreatyKind.EXTRADITION, "2010-01-01", "2020-01-01"),  # terminated
    ],
)
def test_a_treaty_that_does_not_apply_gives_way_to_the_convention(kind, in_force, terminated):
    treaty("AR", kind, in_force=in_force, terminated=terminated)
    chosen = suggest(RequestKind.EXTRADITION, Country.objects.get(pk="AR"), DAY)
    assert (chosen.legal_basis, chosen.convention, chosen.treaty) == (LegalBasis.CONVENTION, "UNCAC", None)


def test_the_mla_treaty_covers_an_mla_request():
    made = treaty("AR", TreatyKind.MLA)
    assert suggest(RequestKind.MLA_BANK_RECORDS, Country.objects.get(pk="AR"), DAY).treaty == made


def test_uncac_unknown_for_the_state_but_both_in_untoc_suggests_untoc():
    ConventionParty.objects.filter(country="CA", convention="UNCAC").delete()  # unknown: left out of the list
    chosen = suggest(RequestKind.EXTRADITION, Country.objects.get(pk="CA"), DAY)
    assert (chosen.legal_basis, chosen.convention) == (LegalBasis.CONVENTION, "UNTOC")


def test_a_state_not_yet_party_on_the_day_is_not_a_party():
    ConventionParty.objects.filter(country="AR").update(party_since=datetime.date(2026, 7, 1))
    ConventionParty.objects.filter(country="CN", convention="UNTOC").delete()
    chosen = suggest(RequestKind.EXTRADITION, Country.objects.get(pk="AR"), DAY)
    assert chosen.legal_basis == LegalBasis.RECIPROCITY


def test_a_state_absent_from_the_reference_list_gets_reciprocity_and_a_word_of_caution():
    ConventionParty.objects.filter(country="US").delete()
    with_language = suggest(RequestKind.EXTRADITION, Country.objects.get(pk="US"), DAY)
    assert with_language.legal_basis == LegalBasis.RECIPROCITY
    assert "不在参考数据中" in with_language.why


def test_the_conventions_do_not_cover_the_transfer_of_sentenced_persons():
    assert suggest(RequestKind.TRANSFER, Country.objects.get(pk="AR"), DAY).legal_basis == LegalBasis.RECIPROCITY


def test_interpol_notices_rest_on_interpols_rules():
    treaty("AR", TreatyKind.EXTRADITION)
    assert suggest(RequestKind.INTERPOL_NOTICE, Country.objects.get(pk="AR"), DAY).legal_basis == LegalBasis.INTERPOL
