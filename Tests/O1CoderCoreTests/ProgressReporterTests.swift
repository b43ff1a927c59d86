import O1CoderCore
import Testing

@Suite struct ProgressReporterTests {
    @Test("The ETA counts only this process's items; a finished job says done; durations read as h/m/s")
    func eta() {
        #expect(ProgressReporter.eta(done: 15, total: 20, doneAtStart: 10, elapsed: .seconds(50)) == "ETA 50s")
        #expect(ProgressReporter.eta(done: 10, total: 20, doneAtStart: 10, elapsed: .seconds(50)) == "ETA ?")
        #expect(ProgressReporter.eta(done: 20, total: 20, doneAtStart: 0, elapsed: .seconds(5)) == "done")
        #expect(ProgressReporter.format(seconds: 3725) == "1h02m")
        #expect(ProgressReporter.format(seconds: 65) == "1m05s")
    }

    @Test("In a log a line is due for the first and last item, then per percent of the job or every ten seconds")
    func throttle() {
        let t0 = ContinuousClock.now
        #expect(ProgressReporter.isDue(done: 1, total: 10_000, last: nil, now: t0))
        #expect(!ProgressReporter.isDue(done: 50, total: 10_000, last: (1, t0), now: t0 + .seconds(1)))
        #expect(ProgressReporter.isDue(done: 101, total: 10_000, last: (1, t0), now: t0 + .seconds(1)))
        #expect(ProgressReporter.isDue(done: 50, total: 10_000, last: (1, t0), now: t0 + .seconds(11)))
        #expect(ProgressReporter.isDue(done: 10_000, total: 10_000, last: (9_999, t0), now: t0))
        // Small jobs (a search of 30 problems) write every item.
        #expect(ProgressReporter.isDue(done: 2, total: 30, last: (1, t0), now: t0))
    }
}

@Suite struct DurationSecondsTests {
    @Test("A Duration in seconds keeps its fraction")
    func seconds() {
        #expect(Duration.milliseconds(1500).seconds == 1.5)
        #expect(abs(Duration.nanoseconds(7).seconds - 7e-9) < 1e-18)
        #expect(ContinuousClock.now.elapsedSeconds >= 0)
    }
}
