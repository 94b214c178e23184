import GTMModel

/// Risky constructs in Custom HTML code (SPEC §3 coverage: `document.write`, `eval`, `http:`
/// script sources, secrets pasted into code).
enum CustomHTMLRisks {
    static func risks(in code: String) -> [String] {
        let text = SearchableText(code)
        var found: [String] = []
        if text.contains("document.write") { found.append("uses document.write (blocks parsing; breaks when loaded asynchronously)") }
        if containsCall(text, "eval(") || text.contains("new function(") { found.append("evaluates strings as code (eval/new Function)") }
        if text.containsAny(["src=\"http:", "src='http:", "src = \"http:", "src = 'http:"]) {
            found.append("loads a script over plain http: (mixed content, blocked on https pages)")
        }
        if let secret = secretKind(in: code, text: text) { found.append("contains what looks like a secret (\(secret)); anyone can read it in the page") }
        return found
    }

    /// `eval(` as a call, not as the end of an identifier such as `retrieval(`.
    private static func containsCall(_ text: SearchableText, _ call: String) -> Bool {
        var from = 0
        while let offset = text.firstOffset(of: call, from: from) {
            if offset == 0 { return true }
            let before = text.bytes[offset - 1]
            let isIdentifier = (before | 0x20) &- 0x61 < 26 || before &- 0x30 < 10 || before == 0x5F || before == 0x24 || before == 0x2E
            if !isIdentifier { return true }
            from = offset + 1
        }
        return false
    }

    /// A credential pasted into client code: Meta access tokens, Stripe live keys, AWS key ids,
    /// `access_token`/`api_secret` assignments with a long literal.
    static func secretKind(in code: String, text: SearchableText) -> String? {
        if text.contains("eaa") || text.contains("sk_live_") || text.contains("akia") {
            let tokens = code.utf8.split { !(($0 | 0x20) &- 0x61 < 26 || $0 &- 0x30 < 10 || $0 == 0x5F || $0 == 0x2D) }
            for token in tokens {
                let t = String(decoding: token, as: UTF8.self)
                if t.hasPrefix("EAA"), t.utf8.count >= 60, t.utf8.allSatisfy({ ($0 | 0x20) &- 0x61 < 26 || $0 &- 0x30 < 10 }) { return "a Meta access token" }
                if t.hasPrefix("sk_live_") { return "a Stripe live secret key" }
                if t.hasPrefix("AKIA"), t.utf8.count == 20, t.utf8.allSatisfy({ $0 &- 0x41 < 26 || $0 &- 0x30 < 10 }) { return "an AWS access key id" }
            }
        }
        for key in ["access_token", "api_secret", "client_secret", "secret_key", "private_key"] {
            var from = 0
            while let offset = text.firstOffset(of: key, from: from) {
                var i = offset + key.utf8.count
                let bytes = text.bytes
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x22 || bytes[i] == 0x27 { i += 1 }
                if i < bytes.count, bytes[i] == 0x3D || bytes[i] == 0x3A {
                    i += 1
                    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x22 || bytes[i] == 0x27 { i += 1 }
                    var length = 0
                    while i + length < bytes.count, (bytes[i + length] | 0x20) &- 0x61 < 26 || bytes[i + length] &- 0x30 < 10 || bytes[i + length] == 0x5F || bytes[i + length] == 0x2D {
                        length += 1
                    }
                    if length >= 20 { return "an \(key) value" }
                }
                from = offset + 1
            }
        }
        return nil
    }
}
