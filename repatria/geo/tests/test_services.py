import pytest
from django.utils import translation

from repatria.geo.services import resolve_countries, resolve_country, resolve_province

pytestmark = pytest.mark.django_db


def codes(countries):
    return [country.code for country in countries]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CN", "CN"),
        ("cn", "CN"),
        ("USA", "US"),
        ("usa", "US"),
        ("中国", "CN"),
        ("  美国 ", "US"),
        ("美国\u3000", "US"),
        ("united states", "US"),
        ("United  Kingdom", "GB"),
        ("新西兰", "NZ"),
        ("澳洲", "AU"),
        ("英國", "GB"),
        ("uk", "GB"),
        ("Great Britain", "GB"),
        ("美國", "US"),
        ("America", "US"),
        ("紐西蘭", "NZ"),
        ("義大利", "IT"),
        ("意大利", "IT"),
        ("多明尼加", "DO"),
        ("香港", "HK"),
        ("Viet Nam", "VN"),
        ("Turkey", "TR"),
    ],
)
def test_resolve_country(text, code):
    assert resolve_country(text).code == code


def test_a_group_alias_resolves_to_every_member():
    eu = codes(resolve_countries("欧盟成员国"))
    assert len(eu) == 27
    assert {"FR", "DE"} <= set(eu)
    assert codes(resolve_countries("EU member states")) == eu
    assert len(resolve_countries("东南亚")) == 11


@pytest.mark.parametrize("text", ["", "   ", "Narnia", "XX", "美", "United"])
def test_unknown_countries(text):
    assert resolve_countries(text) == []
    with pytest.raises(ValueError, match="Unknown country or region"), translation.override("en"):
        resolve_country(text)


def test_a_group_is_not_one_country():
    with translation.override("en"), pytest.raises(ValueError, match="names several countries"):
        resolve_country("东南亚")


def test_lookup_is_a_couple_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        resolve_countries("澳洲")
    with django_assert_max_num_queries(1):
        resolve_province("粤")


@pytest.mark.parametrize("text", ["广东", "广东省", "粤", "Guangdong", "guangdong", "440000", " 广东省 "])
def test_resolve_province(text):
    assert resolve_province(text).code == "440000"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("北京", "110000"),
        ("北京市", "110000"),
        ("京", "110000"),
        ("广西", "450000"),
        ("广西壮族自治区", "450000"),
        ("Guangxi", "450000"),
        ("Guangxi Zhuang Autonomous Region", "450000"),
        ("内蒙古", "150000"),
        ("新疆", "650000"),
        ("宁夏", "640000"),
        ("香港", "810000"),
        ("澳门特别行政区", "820000"),
        ("Macau", "820000"),
        ("台湾", "710000"),
        ("黔", "520000"),
        ("Shaanxi", "610000"),
        ("Shanxi", "140000"),
    ],
)
def test_resolve_province_forms(text, code):
    assert resolve_province(text).code == code


@pytest.mark.parametrize("text", ["", "广", "吉林市", "Canton", "440100"])
def test_unknown_province(text):
    with translation.override("en"), pytest.raises(ValueError, match="Unknown province"):
        resolve_province(text)
