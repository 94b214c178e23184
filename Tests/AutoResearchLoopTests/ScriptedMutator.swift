import Foundation
import LosslessJSON
import Mutation
import Synchronization

/// A mutator that answers from a script, one entry per round, so loop tests control exactly what
/// each round proposes. Round numbers come from the request, so a resumed run continues the script.
final class ScriptedMutator: Mutator, Sendable {
    enum Step: Sendable {
        case patch(String, usage: Usage = .zero)
        case raw(String)
        case decline
        case fail
    }

    let name = "scripted"
    let steps: [Step]
    let calls = Mutex<[Int]>([])

    init(_ steps: [Step]) { self.steps = steps }

    struct Failure: Error, CustomStringConvertible { var description: String { "the scripted API is down" } }

    func propose(_ request: MutationRequest) async throws -> Proposal {
        calls.withLock { $0.append(request.round) }
        let step = request.round <= steps.count ? steps[request.round - 1] : .decline
        switch step {
        case .patch(let text, let usage):
            return Proposal(patch: .json(try JSONParser().parse(text)), rationale: "scripted round \(request.round)", usage: usage)
        case .raw(let text):
            return Proposal(patch: .unparsable(text: text, reason: "not JSON"), rationale: "")
        case .decline:
            return Proposal(patch: .none(reason: "nothing_to_propose", detail: "script exhausted"), rationale: "")
        case .fail:
            throw Failure()
        }
    }
}
