import Testing
@testable import GrassrootsCore

struct DivisionCodeTests {
    // Real 2023 statistical codes of 西昌市 (Xichang, Liangshan, Sichuan).
    static let xichang = "513401000000"
    static let street = "513401001000"      // 长安街道
    static let town = "513401101000"        // a 镇
    static let township = "513401203000"    // a 乡
    static let community = "513401001003"   // a 社区 under the street
    static let village = "513401228201"     // a 村 under a 乡
    static let grid = "513401001003001"     // grid 1 of the community

    @Test("A city (县级市) code is accepted and has no township or village tier")
    func cityCode() throws {
        let code = try DivisionCode(Self.xichang, kind: .city)
        #expect(code.value == "513401000000")
        #expect(code.description == "513401000000")
        #expect(code.townshipKind == nil)
        #expect(code.villageKind == nil)
        #expect(code.impliedParent == "513400000000")
    }

    @Test("Province and prefecture codes are accepted")
    func provinceAndPrefecture() throws {
        let province = try DivisionCode("510000000000", kind: .province)
        #expect(province.impliedParent == nil)
        let prefecture = try DivisionCode("513400000000", kind: .prefecture)
        #expect(prefecture.impliedParent == "510000000000")
    }

    @Test("Street, town and township codes are told apart by digits 7–9")
    func townshipKinds() throws {
        let cases: [(String, DivisionCode.TownshipKind)] = [
            (Self.street, .street), (Self.town, .town), (Self.township, .township),
            ("513401099000", .street), ("513401100000", .town), ("513401199000", .town),
            ("513401200000", .township), ("513401399000", .township),
        ]
        for (raw, expected) in cases {
            let code = try DivisionCode(raw, kind: .street)
            #expect(code.townshipKind == expected, "\(raw)")
            #expect(code.villageKind == nil, "\(raw)")
            #expect(code.impliedParent == Self.xichang, "\(raw)")
        }
        #expect(DivisionCode.TownshipKind.street.label.zh == "街道")
        #expect(DivisionCode.TownshipKind.town.label.zh == "镇")
        #expect(DivisionCode.TownshipKind.township.label.zh == "乡")
    }

    @Test("A community (社区) code is a residents' committee under its street")
    func communityCode() throws {
        let code = try DivisionCode(Self.community, kind: .community)
        #expect(code.villageKind == DivisionCode.VillageKind.community)
        #expect(code.townshipKind == DivisionCode.TownshipKind.street)
        #expect(code.impliedParent == Self.street)
        #expect(DivisionCode.VillageKind.community.label.zh == "社区")
    }

    @Test("A village (村) code is a villagers' committee under its township")
    func villageCode() throws {
        let code = try DivisionCode(Self.village, kind: .community)
        #expect(code.villageKind == DivisionCode.VillageKind.village)
        #expect(code.townshipKind == DivisionCode.TownshipKind.township)
        #expect(code.impliedParent == "513401228000")
        #expect(DivisionCode.VillageKind.village.label.zh == "村")
    }

    @Test("Village-tier boundaries: 001–199 community, 200–399 village, 400–499 virtual community, 500–599 virtual living area")
    func villageBoundaries() throws {
        let cases: [(String, DivisionCode.VillageKind, String)] = [
            ("513401001001", .community, "社区"), ("513401001199", .community, "社区"),
            ("513401001200", .village, "村"), ("513401001399", .village, "村"),
            ("513401400400", .virtualCommunity, "虚拟社区"), ("513401450499", .virtualCommunity, "虚拟社区"),
            ("513401599500", .virtualLivingArea, "虚拟生活区"), ("513401001599", .virtualLivingArea, "虚拟生活区"),
        ]
        for (raw, expected, label) in cases {
            let code = try DivisionCode(raw, kind: .community)
            #expect(code.villageKind == expected, "\(raw)")
            #expect(code.tierLabel?.zh == label, "\(raw)")
            #expect(DivisionCode.kindLabel(.community, code: raw).zh == label, "\(raw)")
        }
    }

    @Test("Township-tier 400–599 are the other township-level units (开发区, 农场, 林场…)")
    func otherTownshipLevelUnits() throws {
        for raw in ["513401400000", "513401499000", "513401500000", "513401599000"] {
            let code = try DivisionCode(raw, kind: .street)
            #expect(code.townshipKind == .other, "\(raw)")
            #expect(code.villageKind == nil, "\(raw)")
            #expect(code.impliedParent == Self.xichang, "\(raw)")
            #expect(DivisionCode.kindLabel(.street, code: raw).zh == "其他乡级单位", "\(raw)")
        }
        #expect(DivisionCode.kindLabel(.street, code: "513401101000").zh == "镇")
        #expect(DivisionCode.kindLabel(.street, code: nil).zh == "街道/乡镇")
        #expect(DivisionCode.kindLabel(.city, code: Self.xichang).zh == "县市区")
        #expect(DivisionCode.TownshipKind.allCases.map(\.label.zh) == ["街道", "镇", "乡", "其他乡级单位"])
        #expect(DivisionCode.VillageKind.allCases.map(\.label.zh) == ["社区", "村", "虚拟社区", "虚拟生活区"])
    }

    @Test("A grid code extends its community's code by a 3-digit sequence")
    func gridCode() throws {
        let code = try DivisionCode(Self.grid, kind: .grid)
        #expect(code.value == Self.grid)
        #expect(code.impliedParent == Self.community)
        #expect(code.villageKind == DivisionCode.VillageKind.community)
        #expect(code.townshipKind == DivisionCode.TownshipKind.street)
    }

    @Test("grid(community:sequence:) pads the sequence to three digits")
    func gridBuilder() throws {
        #expect(DivisionCode.grid(community: Self.community, sequence: 1) == "513401001003001")
        #expect(DivisionCode.grid(community: Self.community, sequence: 42) == "513401001003042")
        #expect(DivisionCode.grid(community: Self.community, sequence: 999) == "513401001003999")
        let built = try DivisionCode(DivisionCode.grid(community: Self.community, sequence: 7), kind: .grid)
        #expect(built.impliedParent == Self.community)
    }

    @Test("Surrounding white space is trimmed")
    func trimmed() throws {
        let code = try DivisionCode("  513401001000\t", kind: .street)
        #expect(code.value == Self.street)
    }

    @Test("impliedParent walks grid → community → street → city → prefecture → province")
    func impliedParentChain() throws {
        var code = try DivisionCode(Self.grid, kind: .grid)
        var chain: [String] = []
        for kind in [UnitKind.community, .street, .city, .prefecture, .province] {
            let parent = try #require(code.impliedParent)
            chain.append(parent)
            code = try DivisionCode(parent, kind: kind)
        }
        #expect(chain == ["513401001003", "513401001000", "513401000000", "513400000000", "510000000000"])
        #expect(code.impliedParent == nil)
    }

    @Test("A village's parent is its township, whose parent is the city")
    func villageChain() throws {
        let village = try DivisionCode(Self.village, kind: .community)
        let township = try DivisionCode(try #require(village.impliedParent), kind: .street)
        #expect(township.value == "513401228000")
        #expect(township.townshipKind == DivisionCode.TownshipKind.township)
        #expect(township.impliedParent == Self.xichang)
    }

    @Test("Wrong lengths are refused")
    func wrongLength() {
        let cases: [(String, UnitKind)] = [
            ("", .city), ("51340100000", .city), ("5134010000000", .city),
            ("51340100100", .street), ("5134010010000", .street),
            (Self.community, .grid), ("5134010010030001", .grid),
            (Self.grid, .community),
        ]
        for (raw, kind) in cases {
            let error = #expect(throws: FieldError.self, "\(raw) as \(kind)") { try DivisionCode(raw, kind: kind) }
            #expect(error?.field == "code")
            #expect(error?.message.en.contains("digits") == true, "\(raw)")
        }
    }

    @Test("Letters and non-ASCII digits are refused")
    func nonDigits() {
        let cases: [(String, UnitKind)] = [
            ("51340100100A", .street), ("5134O1000000", .city), ("５１３４０１０００００００", .city),
            ("51340100100300a", .grid), ("513401-01000", .street),
        ]
        for (raw, kind) in cases {
            let error = #expect(throws: FieldError.self, "\(raw)") { try DivisionCode(raw, kind: kind) }
            #expect(error?.field == "code")
        }
    }

    @Test("Codes whose digits do not fit the tier are refused")
    func wrongTierDigits() {
        let cases: [(String, UnitKind, String)] = [
            (Self.community, .street, "street code with village digits"),
            ("513401600000", .street, "township 600"),
            ("513401999000", .street, "township 999"),
            (Self.xichang, .street, "township 000"),
            ("513401600001", .community, "community under township 600"),
            ("513401000003", .community, "community under township 000"),
            (Self.street, .community, "village 000"),
            ("513401001600", .community, "village 600"),
            ("513401001003000", .grid, "grid sequence 000"),
            ("513400000000", .city, "city with county digits 00"),
            (Self.street, .city, "city with township digits"),
            ("510000000000", .prefecture, "prefecture with digits 3–4 zero"),
            (Self.xichang, .prefecture, "prefecture with county digits"),
            ("513400000000", .province, "province with prefecture digits"),
        ]
        for (raw, kind, why) in cases {
            let error = #expect(throws: FieldError.self, "\(why)") { try DivisionCode(raw, kind: kind) }
            #expect(error?.field == "code", "\(why)")
        }
    }

    @Test("Compounds and buildings have no division code")
    func kindsWithoutCode() {
        for kind in [UnitKind.compound, .building] {
            for raw in [Self.community, Self.grid, "anything"] {
                let error = #expect(throws: FieldError.self, "\(kind) \(raw)") { try DivisionCode(raw, kind: kind) }
                #expect(error?.field == "code")
                #expect(error?.message.en.contains("no division code") == true)
            }
        }
        let error = #expect(throws: FieldError.self) { try DivisionCode(Self.community, kind: .compound) }
        #expect(error?.message.en == "A Compound has no division code")
        #expect(error?.message.zh == "小区/院落没有统计区划代码")
    }

    @Test("Character.isASCIIDigit accepts 0–9 only")
    func asciiDigit() {
        #expect("0123456789".allSatisfy { $0.isASCIIDigit })
        #expect(!Character("５").isASCIIDigit)
        #expect(!Character("a").isASCIIDigit)
        #expect(!Character("٣").isASCIIDigit)
    }
}
