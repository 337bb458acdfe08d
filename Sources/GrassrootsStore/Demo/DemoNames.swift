import GrassrootsCore

/// Word lists for generated demo people and places: plausible, and obviously not real records.
enum DemoNames {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰志强桂兰淑珍海燕红梅丹凤晓东文博子涵雨欣浩然梓轩思远佳怡宇航欣怡").map(String.init)
    static let compoundWords = ["阳光", "邛海", "月城", "泸山", "建昌", "航天", "金色", "幸福", "和平", "滨河", "锦绣", "安宁", "彝海", "凉山", "紫荆", "丽景", "凤凰", "康宁"]
    static let compoundSuffixes = ["小区", "花园", "家园", "苑", "院落", "公寓", "新村"]
    static let villageGroups = ["一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组"]
    static let firms = ["邛海商圈", "航天大道商务楼宇", "月城电商产业园", "建昌互联网科技有限公司", "西昌云数据有限公司", "长安商务中心"]

    static func person(_ rng: inout SeededRandom) -> String {
        rng.pick(surnames) + rng.pick(given) + (rng.chance(0.6) ? rng.pick(given) : "")
    }
}
