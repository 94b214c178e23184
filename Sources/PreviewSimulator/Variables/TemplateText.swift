/// A GTM template string split into literal text and `{{Variable}}` references, parsed the way
/// GTM (and GTMModel's `VariableReferences`) read them: a name is one or more characters other
/// than `}`, and `{{{Name}}}` is `{` followed by `{{Name}}`.
struct TemplateText: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case text(String)
        case reference(String)
    }

    var segments: [Segment]

    init(_ text: String) {
        var segments: [Segment] = []
        let utf8 = Array(text.utf8)
        let n = utf8.count
        var literalStart = 0
        var i = 0
        func flush(upTo end: Int) {
            if end > literalStart { segments.append(.text(String(decoding: utf8[literalStart..<end], as: UTF8.self))) }
        }
        while i + 1 < n {
            guard utf8[i] == 0x7B, utf8[i + 1] == 0x7B else { i += 1; continue }
            var start = i + 2
            while start < n, utf8[start] == 0x7B { start += 1 }
            var j = start
            while j < n, utf8[j] != 0x7D { j += 1 }
            if j + 1 < n, utf8[j + 1] == 0x7D, j > start {
                flush(upTo: start - 2)
                segments.append(.reference(String(decoding: utf8[start..<j], as: UTF8.self)))
                i = j + 2
                literalStart = i
            } else {
                i = max(j, i + 2)
            }
        }
        flush(upTo: n)
        self.segments = segments
    }

    /// The name when the whole template is one reference (`{{DLV - value}}`): GTM then passes the
    /// variable's value through with its type (number, object, …) instead of as text.
    var soleReference: String? {
        if segments.count == 1, case .reference(let name) = segments[0] { return name }
        return nil
    }

    /// Whether the template references anything.
    var hasReferences: Bool {
        segments.contains { if case .reference = $0 { true } else { false } }
    }
}
