import Foundation
/// Risky constructs in Custom HTML code (SPEC §3 coverage: `document.write`, `eval`, `http:`
/// script sources, secrets pasted into code).
enum CustomHTMLRisks {
    static func risks(in code: String) -> [String] {
        let lower = code.lowercased()
        var found: [String] = []
        if lower.contains("document.write") { found.append("uses document.write (blocks parsing; breaks when loaded asynchronously)") }
        if containsCall(lower, "eval(") || lower.contains("new function(") { found.append("evaluates strings as code (eval/new Function)") }
        if lower.contains("src=\"http:") || lower.contains("src='http:") || lower.contains("src = \"http:") || lower.contains(".src=\"http:") || lower.contains(".src='http:") || lower.contains(".src = 'http:") || lower.contains(".src = \"http:") {
            found.append("loads a script over plain http: (mixed content, blocked on https pages)")
        }
        if let secret = secretKind(in: code) { found.append("contains what looks like a secret (\(secret)); anyone can read it in the page") }
        return found
    }

    /// `eval(` as a call, not as part of `retrieval(`.
    private static func containsCall(_ lower: String, _ call: String) -> Bool {
        var search = lower[...]
        while let range = search.range(of: call) {
            if range.lowerBound == lower.startIndex { return true }
            let before = lower[lower.index(before: range.lowerBound)]
            if !(before.isLetter || before.isNumber || before == "_" || before == "$" || before == ".") { return true }
            search = lower[range.upperBound...]
        }
        return false
    }

    /// A credential pasted into client code: Meta access tokens, Stripe live keys, AWS key ids,
    /// `access_token`/`api_secret` assignments with a long literal.
    static func secretKind(in code: String) -> String? {
        let tokens = code.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        for token in tokens {
            if token.hasPrefix("EAA"), token.count >= 60, token.allSatisfy({ $0.isLetter || $0.isNumber }) { return "a Meta access token" }
            if token.hasPrefix("sk_live_") { return "a Stripe live secret key" }
            if token.hasPrefix("AKIA"), token.count == 20, token.allSatisfy({ $0.isUppercase || $0.isNumber }) { return "an AWS access key id" }
        }
        let lower = code.lowercased()
        for key in ["access_token", "api_secret", "client_secret", "secret_key", "private_key"] {
            var search = lower[...]
            while let range = search.range(of: key) {
                let rest = lower[range.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" }
                if let first = rest.first, first == "=" || first == ":" {
                    let value = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                    if value.count >= 20 { return "an \(key) value" }
                }
                search = lower[range.upperBound...]
            }
        }
        return nil
    }
}
