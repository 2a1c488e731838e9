"""The offences the office's cases name (Criminal Law of the PRC), as reference data."""

OFFENCES: list[tuple[str, str, str]] = [
    ("embezzlement", "贪污", "embezzlement"),
    ("bribe_taking", "受贿", "taking bribes"),
    ("bribery", "行贿", "offering bribes"),
    ("unit_bribery", "单位行贿", "bribery by a unit"),
    ("misappropriation", "挪用公款", "misappropriation of public funds"),
    ("abuse_of_power", "滥用职权", "abuse of power"),
    ("dereliction", "玩忽职守", "dereliction of duty"),
    ("unexplained_wealth", "巨额财产来源不明", "huge property of unidentified sources"),
    ("occupational_embezzlement", "职务侵占", "occupational embezzlement"),
    ("fraud", "诈骗", "fraud"),
    ("contract_fraud", "合同诈骗", "contract fraud"),
    ("illegal_deposits", "非法吸收公众存款", "illegally taking public deposits"),
    ("money_laundering", "洗钱", "money laundering"),
    ("other", "其他", "other"),
]
