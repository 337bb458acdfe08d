import Testing
@testable import GrassrootsCore

struct SeededRandomTests {
    private func sequence(seed: UInt64, count: Int) -> [UInt64] {
        var random = SeededRandom(seed: seed)
        var values: [UInt64] = []
        for _ in 0..<count { values.append(random.next()) }
        return values
    }

    @Test("The same seed gives the same sequence")
    func sameSeedSameSequence() {
        #expect(sequence(seed: 2024, count: 64) == sequence(seed: 2024, count: 64))
        var a = SeededRandom(seed: 7), b = SeededRandom(seed: 7)
        var intsA: [Int] = [], intsB: [Int] = []
        for _ in 0..<50 {
            intsA.append(a.int(1...1000))
            intsB.append(b.int(1...1000))
        }
        #expect(intsA == intsB)
    }

    @Test("Different seeds give different sequences")
    func differentSeedsDiffer() {
        let a = sequence(seed: 1, count: 16)
        let b = sequence(seed: 2, count: 16)
        #expect(a != b)
        #expect(Set(a).isDisjoint(with: Set(b)))
        #expect(sequence(seed: 0, count: 4) != sequence(seed: 42, count: 4))
    }

    @Test("Values are not repeated within a short sequence")
    func noShortCycle() {
        let values = sequence(seed: 99, count: 1000)
        #expect(Set(values).count == values.count)
    }

    @Test("The generator is SplitMix64 (reference outputs)")
    func splitMix64Reference() {
        let seed0: [UInt64] = [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F]
        let seed42: [UInt64] = [0xBDD7_3226_2FEB_6E95, 0x28EF_E333_B266_F103]
        #expect(sequence(seed: 0, count: 3) == seed0)
        #expect(sequence(seed: 42, count: 2) == seed42)
    }

    @Test("A copy continues the same sequence independently")
    func valueSemantics() {
        var a = SeededRandom(seed: 5)
        _ = a.next()
        var b = a
        let firstA = a.next(), firstB = b.next()
        let secondA = a.next(), secondB = b.next()
        #expect(firstA == firstB)
        #expect(secondA == secondB)
        #expect(firstA != secondA)
    }

    @Test("int stays in range and reaches both ends")
    func intRange() {
        var random = SeededRandom(seed: 11)
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let n = random.int(1...6)
            #expect((1...6).contains(n))
            seen.insert(n)
        }
        #expect(seen == Set(1...6))
        let fixed = random.int(3...3)
        #expect(fixed == 3)
    }

    @Test("chance(0) is never and chance(1) is always")
    func chanceBounds() {
        var random = SeededRandom(seed: 3)
        var hits = 0
        for _ in 0..<500 {
            let never = random.chance(0)
            let always = random.chance(1)
            #expect(!never)
            #expect(always)
            if random.chance(0.5) { hits += 1 }
        }
        #expect(hits > 150 && hits < 350)
    }

    @Test("pick returns elements of the array and is deterministic")
    func pick() {
        let items = ["长安", "新村", "北城", "西郊"]
        var a = SeededRandom(seed: 8), b = SeededRandom(seed: 8)
        var picksA: [String] = [], picksB: [String] = []
        for _ in 0..<40 {
            picksA.append(a.pick(items))
            picksB.append(b.pick(items))
        }
        #expect(picksA == picksB)
        #expect(picksA.allSatisfy { items.contains($0) })
        #expect(Set(picksA).count > 1)
        var single = SeededRandom(seed: 1)
        let only = single.pick(["only"])
        #expect(only == "only")
    }
}
