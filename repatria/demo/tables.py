"""What the demo plan draws from: frequencies, word lists and shares, approximate but plausible.

Shares come from the central office's published bulletins where they give them (the yearly Sky Net figures, the
"100 list" returns), as the comment of each table says; the rest are rough public orders of magnitude. Employers
and places are invented ("某市", "某国有银行"): no real company, office or person is named.
"""

import datetime
import hashlib

from repatria.accounts.models import AgencyType
from repatria.assets.models import AssetKind
from repatria.cases.models import ReturnMethod
from repatria.core.models import Currency
from repatria.registry.models import Confidence

# The last day the demo data reaches ("today" of the demo), fixed so that a seed gives the same data any day.
UNTIL = datetime.date(2026, 10, 31)
DEMO_PASSWORD = "repatria-demo"  # noqa: S105 - published in the README: demo accounts only.

# Surnames in the order of their share of the population (%, rounded from the public security ministry's counts),
# and a few compound surnames, rarely.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 7.12), ("李", 7.00), ("张", 6.83), ("刘", 5.38), ("陈", 4.53), ("杨", 3.08), ("黄", 2.23), ("赵", 2.21),
    ("吴", 2.03), ("周", 1.99), ("徐", 1.48), ("孙", 1.47), ("马", 1.45), ("朱", 1.36), ("胡", 1.29), ("郭", 1.15),
    ("何", 1.15), ("林", 1.13), ("罗", 1.06), ("高", 1.03), ("郑", 0.96), ("梁", 0.93), ("谢", 0.86), ("宋", 0.84),
    ("唐", 0.81), ("许", 0.79), ("韩", 0.76), ("冯", 0.73), ("邓", 0.73), ("曹", 0.71), ("彭", 0.68), ("曾", 0.64),
    ("肖", 0.63), ("田", 0.62), ("董", 0.61), ("袁", 0.59), ("潘", 0.58), ("于", 0.57), ("蒋", 0.56), ("蔡", 0.56),
    ("余", 0.55), ("杜", 0.53), ("叶", 0.53), ("程", 0.52), ("苏", 0.50), ("魏", 0.49), ("吕", 0.49), ("丁", 0.48),
    ("任", 0.47), ("沈", 0.46), ("姚", 0.45), ("卢", 0.45), ("姜", 0.44), ("崔", 0.43), ("钟", 0.42), ("谭", 0.41),
    ("陆", 0.40), ("汪", 0.39), ("范", 0.38), ("金", 0.37), ("石", 0.36), ("廖", 0.35), ("贾", 0.35), ("夏", 0.34),
    ("韦", 0.33), ("付", 0.33), ("方", 0.32), ("白", 0.32), ("邹", 0.31), ("孟", 0.30), ("熊", 0.30), ("秦", 0.29),
    ("邱", 0.29), ("江", 0.28), ("尹", 0.28), ("薛", 0.27), ("闫", 0.27), ("段", 0.26), ("雷", 0.26), ("侯", 0.25),
    ("龙", 0.25), ("史", 0.24), ("陶", 0.24), ("黎", 0.23), ("贺", 0.23), ("顾", 0.22), ("毛", 0.22), ("郝", 0.21),
    ("龚", 0.21), ("邵", 0.21), ("万", 0.20), ("钱", 0.20), ("严", 0.19), ("覃", 0.19), ("武", 0.19), ("戴", 0.18),
    ("莫", 0.18), ("孔", 0.17), ("向", 0.17), ("汤", 0.16),
    ("欧阳", 0.03), ("司徒", 0.01), ("上官", 0.005), ("司马", 0.005), ("诸葛", 0.003),
)  # fmt: skip

# Common given-name characters of the generations born 1945–1985, weighted: the first ones are the commonest.
MALE_GIVEN: tuple[tuple[str, float], ...] = tuple(
    (ch, 3.0 if i < 20 else 2.0 if i < 50 else 1.0)
    for i, ch in enumerate(
        "伟建国明军华平强志勇文斌海东林刚峰波辉"
        "成新生俊杰涛永德庆红春宏光兴学忠福金荣敏鹏飞宇超亮磊庆胜利中"
        "民力振祥发清才武彬富顺信元全良山仁贵龙安健世广义达天立坚群"
    )
)
FEMALE_GIVEN: tuple[tuple[str, float], ...] = tuple(
    (ch, 3.0 if i < 20 else 2.0 if i < 45 else 1.0)
    for i, ch in enumerate(
        "秀英华丽芳敏静玉红燕霞梅兰萍娟桂琴云凤"
        "艳珍洁玲莉慧晓淑素翠雪春荣爱丹琳颖倩婷芬菊莲月美"
        "娜琼瑞蓉香佳薇岚虹欣茹晶雯妍婕琦悦"
    )
)
SINGLE_GIVEN_SHARE = 0.25  # 张伟 rather than 张伟明

# Surnames whose traditional form is the simplified one although OpenCC's s2t changes the character elsewhere
# (于 is not 於 in a name, nor 余 餘, 范 範, 郁 鬱, 后 後).
SURNAMES_UNCHANGED_IN_TRADITIONAL: frozenset[str] = frozenset("于余范郁后")

# Names the demo must never produce: famous people and every person named in the press articles the project started
# from (kept outside the repository), so that no generated fugitive is mistaken for a real one. They are kept as the
# first 16 hex digits of the SHA-256 of the name, so that the repository holds no real person's name.
BLOCKED_NAME_DIGESTS: frozenset[str] = frozenset(
    {
        "0192266a4f0a2018",
        "0878f704c6efaf5c",
        "0e49f815f5a4fcf3",
        "0edacf6c533d6a76",
        "1680a001b4814db3",
        "2070c97b7899532d",
        "26b0eeec1de31a0b",
        "299ae926ff6ef4a6",
        "323087e57195f7cf",
        "3a984a00fe230003",
        "436263a1db0eb466",
        "49fe431756b9c3ff",
        "5e8dc08e0f89f64d",
        "5f870ef57d06c847",
        "61a40d8f1296d387",
        "62431bd96550b5c1",
        "668ccf4277b2816c",
        "6baffcb4ad2cb37a",
        "72de766bc2b79798",
        "754aa121c9211575",
        "85086d2b2058f1d6",
        "88aa4ac8071cf25a",
        "8ae3e50d5fc91a19",
        "8c0affa8bf07ac57",
        "8fa1c1faaeb7064e",
        "92a054e84d6e2e13",
        "9b4142f0c8a2da66",
        "9fdc4f7b3e87ea3f",
        "a067d6e36dbada2b",
        "a16c7d5157506212",
        "ab78351346a1fcfb",
        "ac2e5da71c01c035",
        "b4f47cb0689213a4",
        "b5a1d35a355ebe9d",
        "b72387c3010358ae",
        "bd07282f70c9a93e",
        "c837b1efc19779b5",
        "c9f7b98eb529376f",
        "e0589300c849b3ff",
        "e1f448e64e807e3b",
        "e540426218dfc1c9",
        "f57195c736be9ec3",
        "f9ea95389cd4106c",
    }
)


def is_blocked(name: str) -> bool:
    return hashlib.sha256(name.encode()).hexdigest()[:16] in BLOCKED_NAME_DIGESTS


WESTERN_MALE = ("David", "Michael", "Peter", "John", "Kevin", "Tony", "Jack", "Eric", "Jason", "Frank", "Henry")
WESTERN_MALE += ("Steven", "Raymond", "William", "Richard", "Andy", "Vincent", "Simon", "Daniel", "Alex")
WESTERN_FEMALE = ("Helen", "Grace", "Linda", "Amy", "Jenny", "Lily", "Mary", "Susan", "Cindy", "Emily", "Vivian")
WESTERN_FEMALE += ("Nancy", "Angela", "Alice", "Joyce", "Wendy", "Annie", "Sandy")

# Name shares among persons.
MALE_SHARE = 0.8
TRADITIONAL_ALIAS_SHARE = 0.34
ROMANISATION_SHARE = 0.85
WESTERN_NAME_SHARE = 0.12
# Romanisation styles: passport ("ZHANG Wei"), Western order ("Wei Zhang"), Chinese order ("Zhang Wei").
ROMANISATION_STYLES: tuple[tuple[str, float], ...] = (("passport", 50), ("western", 35), ("chinese", 15))

# Birth dates and their precision.
BIRTH_YEARS = (1945, 1985)
BIRTH_PRECISION: tuple[tuple[str, float], ...] = (("day", 70), ("year", 20), ("month", 10))
MIN_AGE_AT_FLIGHT, MAX_AGE_AT_FLIGHT = 25, 65

# Categories.
FUNCTIONARY_SHARE = 0.35
RED_NOTICE_SHARE = 0.05
HUNDRED_LIST_PER_PERSONS = 40  # min(100, N // 40) persons on the "100 list"
HUNDRED_LIST_PUBLISHED = datetime.date(2015, 4, 22)
CENTRAL_KEY_CASE_SHARE = 0.05
ACCOMPLICE_SHARE = 0.10
FOREIGN_NATIONALITY_SHARE = 0.15
PASSPORT_SHARE = 0.60
FOREIGN_PASSPORT_SHARE = 0.7  # of the persons with a foreign nationality
AMOUNT_UNKNOWN_SHARE = 0.05
AMOUNT_IN_USD_SHARE = 0.06
AMOUNT_MEDIAN_CNY = 8_000_000
ASSET_CASE_SHARE = 0.30

# Cases opened per year: the bulletins' busy years 2014–2019, fewer since (2026 runs to UNTIL).
CASE_YEARS: tuple[tuple[int, float], ...] = (
    (2014, 10), (2015, 14), (2016, 11), (2017, 10), (2018, 12), (2019, 13), (2020, 8),
    (2021, 7), (2022, 5), (2023, 5), (2024, 4), (2025, 3), (2026, 2),
)  # fmt: skip
FLIGHT_GAP_MEAN_DAYS = 1100  # from flight to the opening of the case; 姚锦旗 was abroad 13 years
FLIGHT_GAP_MAX_DAYS = 20 * 365

# Returns: about 70% have returned (the "100 list": 60 by late 2019, 63 by mid-2025).
RETURN_SHARE = 0.70
RETURN_DELAY_MEAN_DAYS = 700
HUNDRED_RETURNS: tuple[tuple[float, datetime.date, datetime.date], ...] = (
    (0.60, datetime.date(2015, 5, 1), datetime.date(2019, 11, 30)),
    (0.03, datetime.date(2019, 12, 1), datetime.date(2025, 7, 1)),
)
# The method mix of Sky Net 2018 (counts of its 1,335 returns).
RETURN_METHODS: tuple[tuple[str, float], ...] = (
    (ReturnMethod.PERSUASION, 500),
    (ReturnMethod.ARREST, 275),
    (ReturnMethod.BORDER_ALERT, 202),
    (ReturnMethod.CAUGHT_AT_HOME, 198),
    (ReturnMethod.SURRENDER, 76),
    (ReturnMethod.REPATRIATION, 66),
    (ReturnMethod.EXTRADITION, 17),
    (ReturnMethod.PROSECUTION_ABROAD, 1),
)

# Provinces where cases are opened (GB/T 2260 codes), weighted to the coastal provinces with most fugitives.
CASE_PROVINCES: tuple[tuple[str, float], ...] = (
    ("440000", 12), ("330000", 9), ("320000", 8), ("350000", 8), ("370000", 7), ("110000", 6), ("310000", 6),
    ("410000", 5), ("210000", 5), ("420000", 4), ("430000", 4), ("510000", 4), ("130000", 4), ("230000", 3),
    ("220000", 3), ("340000", 3), ("360000", 3), ("450000", 3), ("530000", 3), ("500000", 3), ("610000", 3),
    ("140000", 3), ("120000", 3), ("150000", 2), ("460000", 2), ("520000", 2), ("620000", 1), ("650000", 1),
    ("640000", 1), ("630000", 1), ("540000", 0.5),
)  # fmt: skip
BIRTHPLACE_IS_CASE_PROVINCE_SHARE = 0.7
MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})

# Where fugitives go (ISO codes; Hong Kong and Macao count as regions abroad in the bulletins).
DESTINATIONS: tuple[tuple[str, float], ...] = (
    ("US", 20), ("CA", 14), ("AU", 10), ("NZ", 5), ("TH", 7), ("MY", 5), ("SG", 4), ("KH", 4), ("PH", 3),
    ("MM", 3), ("GB", 3), ("HK", 3), ("MO", 2), ("FR", 2), ("JP", 2), ("KR", 2), ("VN", 2), ("ID", 2), ("LA", 1),
    ("AE", 1), ("DE", 1), ("IT", 1), ("ES", 1), ("NL", 1), ("RU", 1), ("AR", 1), ("BR", 1), ("FJ", 1), ("VC", 0.5),
    ("BG", 0.5),
)  # fmt: skip
# The "100 list": 40 of its first 60 returned from these five.
HUNDRED_DESTINATIONS: tuple[tuple[str, float], ...] = (
    ("US", 20), ("CA", 10), ("AU", 5), ("NZ", 3), ("GB", 2), ("SG", 2), ("TH", 2), ("MY", 1), ("FR", 1), ("BG", 1),
)  # fmt: skip
# States with an extradition treaty in force with China among the destinations (an extradition comes from one).
EXTRADITION_PARTNERS: tuple[tuple[str, float], ...] = (
    ("TH", 3), ("KR", 2), ("PH", 2), ("FR", 2), ("ES", 2), ("IT", 2), ("BG", 1), ("KH", 1), ("LA", 1), ("VN", 1),
    ("ID", 1), ("AE", 1), ("RU", 1),
)  # fmt: skip
# Countries that naturalise residents, and those that sell citizenship by investment (付耀波 fled to St Vincent).
NATURALISING = frozenset({"US", "CA", "AU", "NZ", "GB", "SG", "FR", "JP", "KR", "DE", "IT", "ES", "NL", "AR", "BR"})
CITIZENSHIP_BY_INVESTMENT: tuple[tuple[str, float], ...] = (
    ("VC", 2), ("KN", 3), ("DM", 2), ("AG", 2), ("GD", 2), ("VU", 2), ("CY", 1), ("MT", 1),
)  # fmt: skip
PLACES: dict[str, tuple[str, ...]] = {
    "US": ("纽约", "洛杉矶", "旧金山", "西雅图", "休斯敦", "波士顿"),
    "CA": ("温哥华", "多伦多", "蒙特利尔", "卡尔加里"),
    "AU": ("悉尼", "墨尔本", "布里斯班", "珀斯"),
    "NZ": ("奥克兰", "惠灵顿"),
    "TH": ("曼谷", "清迈", "芭提雅"),
    "MY": ("吉隆坡", "槟城", "新山"),
    "SG": ("新加坡",),
    "KH": ("金边", "西哈努克"),
    "PH": ("马尼拉", "宿务"),
    "MM": ("仰光", "曼德勒"),
    "GB": ("伦敦", "曼彻斯特"),
    "FR": ("巴黎", "尼斯"),
    "JP": ("东京", "大阪"),
    "KR": ("首尔", "釜山"),
    "VN": ("胡志明市", "河内"),
    "AE": ("迪拜",),
}
WHEREABOUTS_COUNTS: tuple[tuple[int, float], ...] = ((1, 55), (2, 30), (3, 15))
DATE_FROM_PRECISION: tuple[tuple[str, float], ...] = (("day", 45), ("month", 40), ("year", 15))
CONFIDENCES: tuple[tuple[str, float], ...] = (
    (Confidence.CONFIRMED, 30),
    (Confidence.PROBABLE, 45),
    (Confidence.POSSIBLE, 25),
)
SOURCES: tuple[tuple[str, float], ...] = (
    ("出入境记录", 25), ("合作方联络点通报", 15), ("国际刑警组织通报", 10), ("群众举报", 15),
    ("境外举报", 8), ("资金流向分析", 10), ("驻外使领馆", 7), ("亲属证言", 6), ("公开网络信息", 4),
)  # fmt: skip

# Who leads a case: a provincial office mostly, an agency sometimes; central key cases the centre or an agency.
PROVINCIAL_LEADS: tuple[tuple[str, float], ...] = (
    ("province", 85), (AgencyType.POLICE, 8), (AgencyType.PROCURATORATE, 4), (AgencyType.SUPERVISION, 3),
)  # fmt: skip
CENTRAL_LEADS: tuple[tuple[str, float], ...] = (("central", 40), (AgencyType.SUPERVISION, 40), (AgencyType.POLICE, 20))

# Former employers (invented, "{place}" becomes 广东省某市 or 北京市某区) and posts, by category.
FUNCTIONARY_EMPLOYERS: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("{place}国土资源局", ("局长", "副局长", "科长"), 10),
    ("{county}人民政府", ("县长", "副县长", "常务副县长"), 8),
    ("{place}住房和城乡建设局", ("局长", "副局长"), 6),
    ("{place}发展和改革委员会", ("主任", "副主任"), 5),
    ("{place}财政局", ("局长", "会计科科长"), 5),
    ("{place}某国有银行支行", ("行长", "副行长", "信贷部主任"), 10),
    ("{place}某国有企业集团有限公司", ("董事长", "总经理", "财务总监", "财务人员"), 12),
    ("{place}交通运输局", ("局长", "处长"), 4),
    ("{place}某街道办事处", ("主任", "党工委书记"), 4),
    ("{county}某村党支部", ("书记",), 4),
    ("{place}某人民医院", ("院长", "副院长"), 3),
    ("{place}某大学", ("副校长", "基建处处长"), 3),
    ("{place}烟草专卖局", ("局长",), 2),
    ("{county}农村信用合作社", ("主任",), 3),
    ("{place}某开发区管理委员会", ("主任", "副主任"), 4),
)
OTHER_EMPLOYERS: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("{place}某投资有限公司", ("实际控制人", "法定代表人", "总经理"), 10),
    ("{place}某贸易有限公司", ("法定代表人", "总经理"), 8),
    ("{place}某房地产开发有限公司", ("董事长", "总经理"), 8),
    ("{place}某物业管理有限公司", ("实际控制人",), 3),
    ("{place}某科技有限公司", ("财务人员", "出纳", "总经理"), 6),
    ("{place}某融资担保有限公司", ("总经理", "董事长"), 5),
    ("{county}某农民专业合作社", ("理事长",), 2),
)
FUNCTIONARY_OFFENCES: tuple[tuple[str, float], ...] = (
    ("bribe_taking", 40), ("embezzlement", 30), ("misappropriation", 12), ("abuse_of_power", 8),
    ("unexplained_wealth", 4), ("dereliction", 3), ("money_laundering", 2), ("other", 1),
)  # fmt: skip
OTHER_OFFENCES: tuple[tuple[str, float], ...] = (
    ("fraud", 20), ("contract_fraud", 15), ("illegal_deposits", 15), ("occupational_embezzlement", 15),
    ("bribery", 12), ("unit_bribery", 10), ("money_laundering", 8), ("other", 5),
)  # fmt: skip
OFFENCE_COUNTS: tuple[tuple[int, float], ...] = ((1, 55), (2, 35), (3, 10))

# Assets abroad.
ASSET_COUNTS: tuple[tuple[int, float], ...] = ((1, 60), (2, 30), (3, 10))
ASSET_KINDS: tuple[tuple[str, float], ...] = (
    (AssetKind.REAL_ESTATE, 35), (AssetKind.BANK_ACCOUNT, 30), (AssetKind.COMPANY_SHARE, 12),
    (AssetKind.SECURITIES, 8), (AssetKind.VEHICLE, 6), (AssetKind.CASH, 4), (AssetKind.OTHER, 5),
)  # fmt: skip
ASSET_MEDIAN_CNY = 3_000_000
ASSET_HAVENS: tuple[tuple[str, float], ...] = (("HK", 4), ("SG", 3), ("CH", 2), ("VG", 2), ("KY", 1))
ASSET_IN_WHEREABOUTS_SHARE = 0.75
# The stage an asset has reached by the end; the path runs identified → traced → frozen → confiscated → returned,
# and a release can end it at any stage.
ASSET_FINAL_STAGES: tuple[tuple[str, float], ...] = (
    ("identified", 15), ("traced", 20), ("frozen", 25), ("confiscated", 15), ("returned", 20), ("released", 5),
)  # fmt: skip
CURRENCIES: dict[str, str] = {
    "US": Currency.USD, "CA": Currency.CAD, "AU": Currency.AUD, "NZ": Currency.NZD, "GB": Currency.GBP,
    "SG": Currency.SGD, "HK": Currency.HKD, "JP": Currency.JPY, "TH": Currency.THB, "MY": Currency.MYR,
    "CH": Currency.CHF, "FR": Currency.EUR, "DE": Currency.EUR, "IT": Currency.EUR, "ES": Currency.EUR,
    "NL": Currency.EUR, "CY": Currency.EUR, "MT": Currency.EUR,
}  # fmt: skip
# CNY per unit, rounded averages of 2014–2026: enough to value a demo asset and to report its recovery in CNY.
CNY_PER_UNIT: dict[str, float] = {
    Currency.CNY: 1.0, Currency.USD: 6.9, Currency.EUR: 7.6, Currency.GBP: 8.8, Currency.CAD: 5.1,
    Currency.AUD: 4.8, Currency.NZD: 4.4, Currency.HKD: 0.88, Currency.SGD: 5.1, Currency.JPY: 0.055,
    Currency.CHF: 7.3, Currency.THB: 0.2, Currency.MYR: 1.6,
}  # fmt: skip

# Recoveries: this share of the assets returned comes back in the currency it was held in, the rest already in yuan.
RECOVERED_IN_HELD_CURRENCY_SHARE = 0.4

# Exchange rates: one per foreign currency on the first business day of each month (not a weekend, New Year's Day
# or the National Day week), from the first month of the demo's cases. Synthetic: each drifts around its average
# in CNY_PER_UNIT by this much a month (standard deviation of the log change), pulled back towards it.
RATES_FROM = datetime.date(2014, 1, 1)
HOLIDAYS: frozenset[tuple[int, int]] = frozenset({(1, 1), *((10, day) for day in range(1, 8))})
RATE_MONTHLY_DRIFT: dict[str, float] = {
    Currency.USD: 0.012, Currency.EUR: 0.02, Currency.GBP: 0.022, Currency.CAD: 0.02, Currency.AUD: 0.024,
    Currency.NZD: 0.024, Currency.SGD: 0.014, Currency.JPY: 0.025, Currency.CHF: 0.018, Currency.THB: 0.02,
    Currency.MYR: 0.022,
}  # fmt: skip
RATE_PULL_BACK = 0.06
HKD_PER_USD = 7.8  # the Hong Kong dollar is pegged to the US dollar
RATE_SOURCE = "人民币汇率中间价（演示数据，非真实汇率）"

# Campaigns: a yearly Sky Net campaign from 2015 on, with its operations (lead agency, Chinese and English names);
# the supervision commissions' own operation since they were set up in 2018. Targets are set near what the demo's
# cases achieve, give or take TARGET_SPREAD.
SKY_NET_FROM = 2015
SUPERVISION_OPERATION_FROM = 2018
TARGET_SPREAD = 0.2
