import O1CoderCore
import Testing

@Suite struct BoundedConcurrencyTests {
    @Test("Keeps input order, reports every completion, respects the limit")
    func orderAndLimit() async throws {
        let tracker = InFlightTracker()
        var seen = 0
        let output = try await boundedMap(Array(0..<20), limit: 3, onEach: { completed, _ in seen = completed }) { value in
            await tracker.enter()
            await Task.yield()
            await tracker.leave()
            return value * 2
        }
        #expect(output == (0..<20).map { $0 * 2 })
        #expect(seen == 20)
        #expect(await tracker.peak <= 3)
    }

    @Test("A throw from onEach (storing a result failed) stops the rest")
    func onEachThrows() async {
        struct Full: Error {}
        let started = InFlightTracker()
        await #expect(throws: Full.self) {
            try await boundedForEach(Array(0..<50), limit: 2, onEach: { completed, _, _ in if completed == 3 { throw Full() } }) { value in
                await started.enter()
                return value
            }
        }
        #expect(await started.peak < 50, "no new item starts after the throw")
    }

    @Test("An error from one item propagates")
    func errorPropagates() async {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            _ = try await boundedMap([1, 2, 3], limit: 2) { value in
                if value == 2 { throw Boom() }
                return value
            }
        }
    }
}

actor InFlightTracker {
    var current = 0
    var peak = 0
    func enter() {
        current += 1
        peak = max(peak, current)
    }
    func leave() { current -= 1 }
}
