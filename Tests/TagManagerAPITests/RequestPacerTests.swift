import TagManagerAPI
import Testing

/// Real pacing with a short interval: request starts are spaced, even for callers racing.
@Suite(.timeLimit(.minutes(1)))
struct RequestPacerTests {
    @Test func concurrentCallersStartAtLeastTheIntervalApart() async throws {
        let interval = Duration.milliseconds(60)
        let pacer = RequestPacer(minimumInterval: interval)
        let started = ContinuousClock.now
        let grants = try await withThrowingTaskGroup(of: ContinuousClock.Instant.self) { group in
            for _ in 0..<6 { group.addTask { try await pacer.waitForTurn() } }
            var grants: [ContinuousClock.Instant] = []
            for try await grant in group { grants.append(grant) }
            return grants.sorted()
        }
        #expect(grants.count == 6)
        for (earlier, later) in zip(grants, grants.dropFirst()) {
            #expect(later - earlier >= interval, "starts \(later - earlier) apart")
        }
        #expect(ContinuousClock.now - started >= interval * 5)
        #expect(await pacer.grantedCount == 6)
    }

    @Test func aCallerAfterAQuietSpellDoesNotWait() async throws {
        let pacer = RequestPacer(minimumInterval: .milliseconds(30))
        try await pacer.waitForTurn()
        try await Task.sleep(for: .milliseconds(60))
        let before = ContinuousClock.now
        try await pacer.waitForTurn()
        #expect(ContinuousClock.now - before < .milliseconds(25))
    }

    @Test func theDefaultConfigurationPacesForAQuarterRequestPerSecond() throws {
        let configuration = try TagManagerConfiguration(credentials: .accessToken("fixture-token"))
        #expect(configuration.requestInterval == .seconds(4))
    }

    @Test func cancellingAWaiterEndsItsWait() async throws {
        let pacer = RequestPacer(minimumInterval: .seconds(30))
        try await pacer.waitForTurn()
        let waiter = Task { try await pacer.waitForTurn() }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
    }
}
