"""Reference data of the geo app, built as plain values so that migrations and tests can use it without the ORM.

Country names come from CLDR (through the pinned Babel) rather than being typed here, so that they follow the
names Chinese and English readers expect; codes come from ISO 3166-1 (through the pinned pycountry). Provinces and
aliases are short, stable lists and are typed below.
"""

import pycountry
from babel import Locale

# The 27 member states of the European Union (since the United Kingdom left on 31 January 2020).
EU_MEMBERS: tuple[str, ...] = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)  # fmt: skip

# Southeast Asia: the ten older ASEAN members and Timor-Leste (ASEAN's eleventh member since October 2025).
SOUTHEAST_ASIA: tuple[str, ...] = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL")

# Province-level divisions: GB/T 2260 code, Chinese name, English name, one-character abbreviation (简称; where
# there are two, the one used on number plates).
PROVINCES: tuple[tuple[str, str, str, str], ...] = (
    ("110000", "北京市", "Beijing", "京"),
    ("120000", "天津市", "Tianjin", "津"),
    ("130000", "河北省", "Hebei", "冀"),
    ("140000", "山西省", "Shanxi", "晋"),
    ("150000", "内蒙古自治区", "Inner Mongolia Autonomous Region", "蒙"),
    ("210000", "辽宁省", "Liaoning", "辽"),
    ("220000", "吉林省", "Jilin", "吉"),
    ("230000", "黑龙江省", "Heilongjiang", "黑"),
    ("310000", "上海市", "Shanghai", "沪"),
    ("320000", "江苏省", "Jiangsu", "苏"),
    ("330000", "浙江省", "Zhejiang", "浙"),
    ("340000", "安徽省", "Anhui", "皖"),
    ("350000", "福建省", "Fujian", "闽"),
    ("360000", "江西省", "Jiangxi", "赣"),
    ("370000", "山东省", "Shandong", "鲁"),
    ("410000", "河南省", "Henan", "豫"),
    ("420000", "湖北省", "Hubei", "鄂"),
    ("430000", "湖南省", "Hunan", "湘"),
    ("440000", "广东省", "Guangdong", "粤"),
    ("450000", "广西壮族自治区", "Guangxi Zhuang Autonomous Region", "桂"),
    ("460000", "海南省", "Hainan", "琼"),
    ("500000", "重庆市", "Chongqing", "渝"),
    ("510000", "四川省", "Sichuan", "川"),
    ("520000", "贵州省", "Guizhou", "贵"),
    ("530000", "云南省", "Yunnan", "云"),
    ("540000", "西藏自治区", "Xizang Autonomous Region", "藏"),
    ("610000", "陕西省", "Shaanxi", "陕"),
    ("620000", "甘肃省", "Gansu", "甘"),
    ("630000", "青海省", "Qinghai", "青"),
    ("640000", "宁夏回族自治区", "Ningxia Hui Autonomous Region", "宁"),
    ("650000", "新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region", "新"),
    ("710000", "台湾省", "Taiwan", "台"),
    ("810000", "香港特别行政区", "Hong Kong Special Administrative Region", "港"),
    ("820000", "澳门特别行政区", "Macao Special Administrative Region", "澳"),
)

# Other names of provinces that reports use and that the lookup cannot derive from the names above: the second
# abbreviations and older or other English spellings. Short forms (广西, Guangxi, Hong Kong) are derived.
PROVINCE_OTHER_NAMES: dict[str, str] = {
    "黔": "520000",
    "蜀": "510000",
    "滇": "530000",
    "秦": "610000",
    "陇": "620000",
    "Tibet": "540000",
    "Macau": "820000",
    "Xinjiang Uyghur Autonomous Region": "650000",
}

# Names that reports and import files use and that differ from CLDR's: each resolves to one or more ISO codes.
# ISO's own short names (Viet Nam, Russian Federation …) are added by country_aliases() from pycountry.
_ALIASES: dict[str, tuple[str, ...]] = {
    # Simplified Chinese: short, older or fuller forms.
    "澳洲": ("AU",),
    "大不列颠": ("GB",),
    "大不列颠及北爱尔兰联合王国": ("GB",),
    "美利坚": ("US",),
    "美利坚合众国": ("US",),
    "纽西兰": ("NZ",),
    "中华人民共和国": ("CN",),
    "香港": ("HK",),
    "中国香港": ("HK",),
    "香港特别行政区": ("HK",),
    "澳门": ("MO",),
    "中国澳门": ("MO",),
    "澳门特别行政区": ("MO",),
    "中国台湾": ("TW",),
    "南韩": ("KR",),
    "大韩民国": ("KR",),
    "北韩": ("KP",),
    "朝鲜民主主义人民共和国": ("KP",),
    "俄罗斯联邦": ("RU",),
    "阿联酋": ("AE",),
    "沙特": ("SA",),
    "印尼": ("ID",),
    "捷克共和国": ("CZ",),
    "刚果金": ("CD",),
    "刚果民主共和国": ("CD",),
    "刚果布": ("CG",),
    "刚果共和国": ("CG",),
    "多米尼加": ("DO",),
    "巴勒斯坦": ("PS",),
    "马其顿": ("MK",),
    "象牙海岸": ("CI",),
    "东帝汶民主共和国": ("TL",),
    # Traditional Chinese, as written in Hong Kong, Macao and Taiwan, for the usual destinations.
    "中國": ("CN",),
    "中國香港": ("HK",),
    "澳門": ("MO",),
    "中國澳門": ("MO",),
    "台灣": ("TW",),
    "中國台灣": ("TW",),
    "美國": ("US",),
    "美利堅合眾國": ("US",),
    "澳大利亞": ("AU",),
    "紐西蘭": ("NZ",),
    "新西蘭": ("NZ",),
    "英國": ("GB",),
    "大不列顛": ("GB",),
    "泰國": ("TH",),
    "馬來西亞": ("MY",),
    "菲律賓": ("PH",),
    "緬甸": ("MM",),
    "印度尼西亞": ("ID",),
    "老撾": ("LA",),
    "寮國": ("LA",),
    "韓國": ("KR",),
    "南韓": ("KR",),
    "北韓": ("KP",),
    "朝鮮": ("KP",),
    "法國": ("FR",),
    "德國": ("DE",),
    "義大利": ("IT",),
    "荷蘭": ("NL",),
    "比利時": ("BE",),
    "奧地利": ("AT",),
    "愛爾蘭": ("IE",),
    "俄羅斯": ("RU",),
    "阿聯酋": ("AE",),
    "阿拉伯聯合酋長國": ("AE",),
    "沙烏地阿拉伯": ("SA",),
    "巴拿馬": ("PA",),
    "哥倫比亞": ("CO",),
    "委內瑞拉": ("VE",),
    "秘魯": ("PE",),
    "厄瓜多爾": ("EC",),
    "多明尼加": ("DO",),
    "斐濟": ("FJ",),
    "瓦努阿圖": ("VU",),
    "萬那杜": ("VU",),
    # English: everyday and former names.
    "UK": ("GB",),
    "U.K.": ("GB",),
    "Britain": ("GB",),
    "Great Britain": ("GB",),
    "U.S.": ("US",),
    "U.S.A.": ("US",),
    "America": ("US",),
    "United States of America": ("US",),
    "PRC": ("CN",),
    "People's Republic of China": ("CN",),
    "Macau": ("MO",),
    "Hong Kong SAR": ("HK",),
    "Macao SAR": ("MO",),
    "Republic of Korea": ("KR",),
    "UAE": ("AE",),
    "Turkey": ("TR",),
    "Czech Republic": ("CZ",),
    "Holland": ("NL",),
    "Burma": ("MM",),
    "Ivory Coast": ("CI",),
    "Swaziland": ("SZ",),
    "Macedonia": ("MK",),
    "East Timor": ("TL",),
    "Vatican": ("VA",),
    "Palestine": ("PS",),
    "DR Congo": ("CD",),
    "DRC": ("CD",),
    # Groups of countries.
    "欧盟": EU_MEMBERS,
    "欧盟成员国": EU_MEMBERS,
    "欧盟国家": EU_MEMBERS,
    "歐盟": EU_MEMBERS,
    "歐盟成員國": EU_MEMBERS,
    "EU": EU_MEMBERS,
    "European Union": EU_MEMBERS,
    "EU member states": EU_MEMBERS,
    "东南亚": SOUTHEAST_ASIA,
    "東南亞": SOUTHEAST_ASIA,
    "Southeast Asia": SOUTHEAST_ASIA,
    "South-East Asia": SOUTHEAST_ASIA,
    "东盟": SOUTHEAST_ASIA,
    "東盟": SOUTHEAST_ASIA,
    "東協": SOUTHEAST_ASIA,
    "ASEAN": SOUTHEAST_ASIA,
}


def countries() -> list[dict[str, str]]:
    """Every ISO 3166-1 country or region with CLDR's Chinese and English names, for the Country table."""
    zh = Locale.parse("zh_Hans").territories
    en = Locale.parse("en").territories
    rows = []
    for country in pycountry.countries:
        code = country.alpha_2
        rows.append(
            {
                "code": code,
                "alpha3": country.alpha_3,
                "name_zh": zh.get(code) or country.name,
                "name_en": en.get(code) or country.name,
            }
        )
    return sorted(rows, key=lambda row: row["code"])


def provinces() -> list[dict[str, str]]:
    """The 34 province-level divisions, for the Province table."""
    return [
        {"code": code, "name_zh": name_zh, "name_en": name_en, "abbreviation": abbreviation}
        for code, name_zh, name_en, abbreviation in PROVINCES
    ]


def country_aliases() -> list[tuple[str, tuple[str, ...]]]:
    """Aliases and the codes each resolves to: the typed list plus ISO short names where CLDR's differ.

    An alias that merely repeats a code or a CLDR name is left out, so that every alias adds a way to name a
    country and none can compete with a name.
    """
    taken = {key for row in countries() for key in (row["code"], row["alpha3"], row["name_zh"], row["name_en"])}
    taken = {key.casefold() for key in taken}
    aliases: dict[str, tuple[str, ...]] = {}
    seen: set[str] = set()
    for alias, codes in _ALIASES.items():
        if alias.casefold() in seen:
            raise ValueError(f"alias {alias!r} is typed twice")
        seen.add(alias.casefold())
        if alias.casefold() not in taken:
            aliases[alias] = codes
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name and name.casefold() not in taken and name.casefold() not in seen:
                seen.add(name.casefold())
                aliases[name] = (country.alpha_2,)
    return sorted(aliases.items())
