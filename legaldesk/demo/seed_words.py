"""The words synthetic cases are made of (``demo.seed``): enterprise names, topics and
sentences per category, countries with their weights.

Realistic enough for the benchmarks: names of city + brand + trade + company form
(杭州远航物流有限公司), so pinyin initials (``hzyhwlyxgs``) and two- or four-character
searches hit a believable share of cases; topics follow the category; foreign cases
name their country in the summary and the description (美国出口管制咨询), whose
opening sentence fits the category.

Every part's pinyin initials are the same alone as inside any name made of them
(tests/test_seed_rows.py checks a sample), so the seed computes a name's initials from
its parts instead of running pypinyin over each of a million names.
"""

from __future__ import annotations

CITIES = ["杭州", "宁波", "温州", "绍兴", "嘉兴", "湖州", "金华", "台州", "舟山", "丽水", "衢州"]
# fmt: off
BRANDS = [
    "远航", "恒信", "华通", "鼎盛", "东方", "海天", "瑞丰", "金桥", "新宇", "百川", "启明",
    "天成", "中联", "永昌", "嘉禾", "锦程", "博远", "汇丰", "宏达", "凯旋", "星辰", "蓝海",
    "青松", "钱江", "西湖", "运河", "之江", "明珠", "富春", "润泽", "安信", "德邦", "万通",
    "亚太", "环球", "凌云", "聚源", "丰泰", "和信", "伟业", "腾飞", "卓越", "精诚", "同创",
    "祥瑞", "兴隆", "鑫源", "通达", "泰和", "华夏", "银河", "佳禾", "新锐", "越秀", "良渚",
    "拱宸", "湖畔", "云栖", "天目", "兰亭",
]
TRADES = [
    "物流", "国际物流", "丝绸", "五金", "电子", "食品", "机械", "纺织", "化工", "医药",
    "数据", "贸易", "供应链", "跨境电商", "新材料", "光伏", "汽车配件", "家居", "服饰",
    "智能装备",
]
# fmt: on
FORMS = ["有限公司", "股份有限公司", "进出口有限公司", "科技有限公司", "实业有限公司"]

# Topics (the summary) by category code; a category not listed uses OTHER_TOPICS.
TOPICS = {
    "export_control": ["出口管制咨询", "出口许可申请", "制裁名单筛查", "两用物项出口"],
    "trade_remedies": ["反倾销应诉", "反补贴调查应对", "保障措施咨询"],
    "cross_border_contracts": ["货款纠纷", "合同纠纷", "国际货物买卖合同审查", "信用证争议"],
    "overseas_ip": ["商标被抢注", "海外专利侵权", "展会知识产权纠纷", "海外商标注册"],
    "overseas_warehouse": ["海外仓纠纷", "货物滞港", "物流货损索赔", "清关受阻"],
    "foreign_investment": ["境外投资设立", "外商投资准入", "境外子公司股权转让"],
    "cross_border_ecommerce": ["跨境电商平台封店", "跨境电商税务合规", "平台资金冻结"],
    "overseas_labour": ["境外劳务用工", "外派员工工伤", "境外劳动合同纠纷"],
    "data_compliance": ["数据出境评估", "数据合规", "个人信息保护合规"],
    "credit_repair": ["信用修复", "行政处罚信息修复", "经营异常名录移出"],
    "domestic_commercial": ["合同纠纷", "货款追收", "股权纠纷", "租赁合同纠纷"],
}
OTHER_TOPICS = ["法律咨询", "合规体检", "政策咨询"]

# The first sentence of a description, by category; {country} is the country's
# Chinese name, or 境外 when a foreign-related category names none.
OPENINGS = {
    "export_control": [
        "企业拟向{country}出口一批数控设备，询问是否涉及出口管制。",
        "企业收到{country}客户的订单，担心对方在制裁名单上。",
    ],
    "trade_remedies": [
        "{country}对企业的出口产品发起反倾销调查，企业收到调查问卷。",
        "企业产品在{country}面临反补贴调查，询问如何应诉。",
    ],
    "cross_border_contracts": [
        "企业与{country}客户签订的买卖合同履行中发生争议，对方拖欠货款。",
        "{country}买方以质量问题为由拒付信用证项下款项。",
    ],
    "overseas_ip": [
        "企业在{country}的商标被抢注，影响产品出口。",
        "企业在{country}的展会上被指控专利侵权。",
    ],
    "overseas_warehouse": [
        "企业在{country}的海外仓货物被扣，需要协助处理。",
        "企业发往{country}的货物在港口滞留，物流公司拒绝赔偿。",
    ],
    "foreign_investment": [
        "企业计划在{country}设立子公司，咨询投资准入与合规要求。",
        "{country}投资者拟入股企业，询问外商投资的审批流程。",
    ],
    "cross_border_ecommerce": [
        "企业在{country}电商平台的店铺被封，资金被冻结。",
        "企业经营面向{country}的跨境电商业务，咨询税务合规。",
    ],
    "overseas_labour": [
        "企业外派至{country}的员工发生工伤，咨询赔偿责任。",
        "企业在{country}项目的当地雇员提出劳动仲裁。",
    ],
    "data_compliance": [
        "企业需向{country}总部传输员工个人信息，咨询数据出境评估。",
        "企业的{country}客户要求签署数据处理协议。",
    ],
    "credit_repair": [
        "企业因逾期报送年报被列入经营异常名录，咨询信用修复流程。",
        "企业受过行政处罚，希望修复信用记录以参加招投标。",
    ],
    "domestic_commercial": [
        "企业与上游供应商发生合同纠纷，对方拒绝交货。",
        "企业的应收货款逾期未付，询问催收与诉讼途径。",
        "企业股东之间就股权转让发生争议。",
    ],
}
OTHER_OPENINGS = ["企业希望对日常经营做一次合规体检。", "企业咨询近期出台的涉企政策。"]
ABROAD = "境外"
SENTENCES = [
    "涉及金额约数十万元。",
    "涉及金额约数百万元，企业希望尽快得到书面意见。",
    "企业已提供合同、发票和往来邮件。",
    "对方已发出律师函，要求十五日内答复。",
    "企业此前未就此事咨询过律师。",
    "企业希望了解调解和仲裁的可行性。",
    "企业负责人电话沟通后前来窗口补充材料。",
    "货款纠纷已持续三个月，双方协商未果。",
]
MARKER = "（合成数据，用于性能测试。）"

# (code, weight): the United States, Europe, Japan and Korea, ASEAN most often;
# Hong Kong, Macao and Taiwan are regions of China, counted as 涉港澳台.
COUNTRY_WEIGHTS = [
    ("US", 12), ("DE", 6), ("JP", 6), ("KR", 5), ("GB", 4), ("FR", 3), ("SG", 4),
    ("VN", 5), ("TH", 2), ("MY", 2), ("ID", 2), ("RU", 4), ("KZ", 2), ("AE", 3),
    ("SA", 1), ("BR", 2), ("MX", 2), ("IN", 2), ("IT", 2), ("ES", 1), ("NL", 2),
    ("HK", 5), ("TW", 3), ("MO", 1),
]  # fmt: skip
# How many countries a case names, by whether its category is foreign by nature.
COUNTRY_COUNTS_FOREIGN = (1, 1, 1, 1, 1, 2, 2, 0)
COUNTRY_COUNTS_DOMESTIC = (0, 0, 0, 0, 0, 0, 0, 0, 1)

CHANNEL_WEIGHTS = [("walk_in", 3), ("phone", 4), ("online", 2), ("referral", 1)]
CLOSING_WEIGHTS = [("A", 8), ("B", 2), ("C", 1), ("F", 2), ("L", 1), ("K", 1)]
