/// Event names that code sends: `fbq('track', 'Purchase')`, `gtag('event', 'purchase')`, …
enum CodeEvents {
    /// (call prefix, index of the verb argument or nil, verbs that send an event, index of the event name)
    private static let calls: [(prefix: String, verbs: Set<String>, nameIndex: Int)] = [
        ("fbq(", ["track", "trackcustom"], 1),
        ("fbq(", ["tracksingle", "tracksinglecustom"], 2),
        ("ttq.track(", [], 0),
        ("snaptr(", ["track"], 1),
        ("pintrk(", ["track"], 1),
        ("rdt(", ["track"], 1),
        ("gtag(", ["event"], 1),
        ("twq(", ["event", "track"], 1),
        ("uetq.push(", ["event"], 1),
        ("window.uetq.push(", ["event"], 1),
        ("mixpanel.track(", [], 0),
        ("amplitude.track(", [], 0),
        ("_learnq.push(", ["track"], 1),
    ]

    /// Canonical names of the events `code` sends to `destination`.
    static func events(in code: String, destination: Destination?) -> [String] {
        var result: [String] = []
        let bytes = Array(code.utf8)
        let lower = SearchableText(code).bytes
        for call in calls {
            let prefix = Array(call.prefix.utf8)
            var i = 0
            while let start = find(prefix, in: lower, from: i) {
                i = start + prefix.count
                let args = stringArguments(bytes, from: i)
                let name: String?
                if call.verbs.isEmpty {
                    name = args.first
                } else if let verb = args.first?.lowercased(), call.verbs.contains(verb), args.count > call.nameIndex {
                    name = args[call.nameIndex]
                } else {
                    name = nil
                }
                // twq/lintrk conversions name a pixel event id, not an event: report a conversion.
                if let name, !name.isEmpty {
                    let canonical = call.prefix == "twq(" ? "conversion" : EventNames.canonical(name, for: destination)
                    if !result.contains(canonical) { result.append(canonical) }
                }
            }
        }
        if let start = find(Array("lintrk(".utf8), in: lower, from: 0), stringArguments(bytes, from: start + 7).first?.lowercased() == "track" {
            if !result.contains("conversion") { result.append("conversion") }
        }
        return result
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// The leading string-literal arguments after an opening parenthesis: `'track', "Purchase", {…}`
    /// gives ["track", "Purchase"]; stops at the first argument that is not a plain literal.
    private static func stringArguments(_ bytes: [UInt8], from start: Int) -> [String] {
        var args: [String] = []
        var i = start
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
            guard i < bytes.count, bytes[i] == 0x27 || bytes[i] == 0x22 else { break }
            let quote = bytes[i]
            var j = i + 1
            while j < bytes.count, bytes[j] != quote, bytes[j] != 0x0A { j += 1 }
            guard j < bytes.count, bytes[j] == quote else { break }
            args.append(String(decoding: bytes[(i + 1)..<j], as: UTF8.self))
            i = j + 1
            while i < bytes.count, bytes[i] == 0x20 { i += 1 }
            guard i < bytes.count, bytes[i] == 0x2C else { break }
            i += 1
        }
        return args
    }
}
