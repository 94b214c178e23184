public import GTMModel

/// Which QA checks the loop runs on which scenario, and what the purchase check expects.
///
/// Every scenario gets ``QAChecks/nothingFiresBeforeConsent(_:allowingConsentModeTags:)`` and
/// ``QAChecks/noUndefinedParameters(_:)``. The purchase check runs on the scenarios in which the
/// run's *initial* container sends a `purchase`, and expects one at exactly the destinations it
/// reached there: a container that never sent a purchase to Meta is not asked to, and one that
/// did may not stop or start sending it twice. Derived from the initial container's simulation,
/// which never changes, so a resumed run (or another worker) expects the same.
public struct QAPlan: Sendable, Equatable {
    /// Scenario name → the destinations that must receive `purchase` exactly once there.
    public var purchaseDestinations: [String: [Destination]]

    /// Creates the value from its parts.
    public init(purchaseDestinations: [String: [Destination]]) {
        self.purchaseDestinations = purchaseDestinations
    }

    /// The plan of a run whose initial container gave `initial` (one result per scenario).
    public init(expectingPurchasesAsIn initial: [SimulationResult]) {
        var expected: [String: [Destination]] = [:]
        for result in initial {
            let destinations = Set(result.sentEvents.filter { $0.event == "purchase" }.map(\.destination))
            if !destinations.isEmpty { expected[result.scenario] = destinations.sorted() }
        }
        purchaseDestinations = expected
    }

    /// The checks' verdicts on `results`, scenario by scenario in their order: the purchase
    /// check (where it applies), then consent, then undefined parameters.
    public func verdicts(for results: [SimulationResult]) -> [QAVerdict] {
        var verdicts: [QAVerdict] = []
        for result in results {
            if let destinations = purchaseDestinations[result.scenario], !destinations.isEmpty {
                verdicts.append(QAChecks.purchaseReachesDestinations(result, destinations: destinations))
            }
            verdicts.append(QAChecks.nothingFiresBeforeConsent(result))
            verdicts.append(QAChecks.noUndefinedParameters(result))
        }
        return verdicts
    }
}
