import Foundation
import LosslessJSON
import Mutation

/// Turns a model's answer, `{ops, rationale, rule}`, into a ``Mutation/Proposal``.
///
/// Only the shape is checked here: an object with an `ops` array becomes `.json(ops)` and the
/// guard judges the operations themselves, so every bad answer is logged with the guard's
/// reason instead of vanishing here.
enum PatchAnswer {
    /// A tool input or a parsed content document.
    static func proposal(from answer: JSONValue, usage: Usage) -> Proposal {
        let text = JSONWriter().string(of: answer)
        guard let object = answer.objectValue else {
            return Proposal(patch: .unparsable(text: text, reason: "the answer is \(answer.kindDescription), not an object with an \"ops\" array"),
                            rationale: "", usage: usage)
        }
        let rationale = object["rationale"]?.stringValue ?? ""
        let rule = object["rule"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        guard let opsValue = object["ops"] else {
            return Proposal(patch: .unparsable(text: text, reason: "the answer has no \"ops\" array"), rationale: rationale, rule: rule, usage: usage)
        }
        guard let ops = opsValue.arrayValue else {
            return Proposal(patch: .unparsable(text: text, reason: "\"ops\" is \(opsValue.kindDescription), not an array"),
                            rationale: rationale, rule: rule, usage: usage)
        }
        if ops.isEmpty {
            return Proposal(patch: .none(reason: "nothing_to_propose", detail: rationale.isEmpty ? "the model proposed no operation" : rationale),
                            rationale: rationale, rule: rule, usage: usage)
        }
        var operations: [JSONValue] = []
        for (index, op) in ops.enumerated() {
            switch operation(op) {
            case .success(let value): operations.append(value)
            case .failure(let problem):
                return Proposal(patch: .unparsable(text: text, reason: "operation \(index): \(problem.reason)"), rationale: rationale, rule: rule, usage: usage)
            }
        }
        return Proposal(patch: .json(.array(operations)), rationale: rationale, rule: rule, usage: usage)
    }

    /// A chat completion's content: JSON text, possibly in a Markdown code fence (models without
    /// structured output support like to add one).
    static func proposal(fromText content: String, usage: Usage) -> Proposal {
        do {
            return proposal(from: try JSONParser().parse(unfenced(content)), usage: usage)
        } catch {
            return Proposal(patch: .unparsable(text: content, reason: "the answer is not JSON: \(error)"), rationale: "", usage: usage)
        }
    }

    struct Problem: Error { var reason: String }

    /// An operation in RFC 6902 form: the strict schema's `value_json` parsed into `value`, and
    /// the `null` placeholders strict mode requires dropped.
    private static func operation(_ op: JSONValue) -> Result<JSONValue, Problem> {
        guard var object = op.objectValue else { return .success(op) }
        if object["from"]?.isNull == true { object["from"] = nil }
        if let valueJSON = object["value_json"] {
            object["value_json"] = nil
            switch valueJSON {
            case .null: break
            case .string(let text):
                do {
                    object["value"] = try JSONParser().parse(text)
                } catch {
                    return .failure(Problem(reason: "value_json is not JSON text (\(error))"))
                }
            default:
                object["value"] = valueJSON  // a model that ignored the schema and sent the value itself
            }
        }
        return .success(.object(object))
    }

    private static func unfenced(_ content: String) -> String {
        let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("```"), trimmed.hasSuffix("```"), trimmed.count >= 6 else { return trimmed }
        var body = trimmed.dropFirst(3).dropLast(3)
        if let newline = body.firstIndex(of: "\n") { body = body[body.index(after: newline)...] }  // the ```json tag
        return String(body)
    }
}
