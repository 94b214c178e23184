/// The subset of CSS selectors the simulator matches ("matches CSS selector" conditions).
///
/// Supported: type (`a`, `*`), `#id`, `.class`, attribute selectors `[attr]`, `[attr=value]`,
/// `[attr^=value]`, `[attr$=value]`, `[attr*=value]`, `[attr~=value]` (quoted or bare values),
/// compound selectors (`a.btn[target=_blank]`), descendant (`div.card a`) and child
/// (`ul > li`) combinators over the element's listed `ancestors`, and selector lists (`a, button`).
/// Not supported: pseudo-classes and pseudo-elements (`:hover`, `:nth-child`), sibling
/// combinators (`+`, `~`) and namespaces; a selector using them parses to nil and matches nothing.
struct CSSSelector: Sendable, Equatable {
    /// One `tag#id.class[attr]` step.
    struct Compound: Sendable, Equatable {
        var tag: String?
        var ids: [String] = []
        var classes: [String] = []
        var attributes: [AttributeTest] = []
    }

    struct AttributeTest: Sendable, Equatable {
        var name: String
        /// nil for `[attr]`; otherwise the operator (`=`, `^=`, `$=`, `*=`, `~=`) and value.
        var op: String?
        var value: String
    }

    enum Combinator: Sendable, Equatable { case descendant, child }

    /// One complex selector: compounds left to right, with the combinator before each one after the first.
    struct Complex: Sendable, Equatable {
        var compounds: [Compound]
        var combinators: [Combinator]
    }

    var alternatives: [Complex]

    /// Parses `text`; nil when it uses anything outside the supported subset.
    init?(_ text: String) {
        var parser = Parser(Array(text))
        guard let alternatives = parser.parseList() else { return nil }
        self.alternatives = alternatives
    }

    /// Whether `element` (with its ancestors) matches: `element.matches(selector)`.
    func matches(_ element: ScenarioElement) -> Bool {
        let chain = [element] + element.ancestors
        return alternatives.contains { CSSSelector.match($0, compoundIndex: $0.compounds.count - 1, chain: chain, at: 0) }
    }

    private static func match(_ complex: Complex, compoundIndex: Int, chain: [ScenarioElement], at position: Int) -> Bool {
        guard position < chain.count, complex.compounds[compoundIndex].matches(chain[position]) else { return false }
        if compoundIndex == 0 { return true }
        switch complex.combinators[compoundIndex - 1] {
        case .child:
            return match(complex, compoundIndex: compoundIndex - 1, chain: chain, at: position + 1)
        case .descendant:
            for ancestor in (position + 1)..<max(position + 1, chain.count) {
                if match(complex, compoundIndex: compoundIndex - 1, chain: chain, at: ancestor) { return true }
            }
            return false
        }
    }
}

extension CSSSelector.Compound {
    func matches(_ element: ScenarioElement) -> Bool {
        if let tag, tag != "*", tag.lowercased() != element.tagName { return false }
        for id in ids where element.attribute("id") != id { return false }
        let classes = Set(element.classes)
        for name in self.classes where !classes.contains(name) { return false }
        for test in attributes {
            guard let actual = element.attribute(test.name) else { return false }
            guard let op = test.op else { continue }
            let ok: Bool
            switch op {
            case "=": ok = actual == test.value
            case "^=": ok = !test.value.isEmpty && actual.hasPrefix(test.value)
            case "$=": ok = !test.value.isEmpty && actual.hasSuffix(test.value)
            case "*=": ok = !test.value.isEmpty && actual.contains(test.value)
            case "~=": ok = actual.split(separator: " ").contains { $0 == test.value }
            default: ok = false
            }
            if !ok { return false }
        }
        return true
    }
}

extension CSSSelector {
    /// A small recursive-descent parser over the selector's characters.
    fileprivate struct Parser {
        let chars: [Character]
        var i = 0

        init(_ chars: [Character]) { self.chars = chars }

        mutating func parseList() -> [Complex]? {
            var list: [Complex] = []
            repeat {
                skipSpaces()
                guard let complex = parseComplex() else { return nil }
                list.append(complex)
                skipSpaces()
            } while eat(",")
            return i == chars.count && !list.isEmpty ? list : nil
        }

        private mutating func parseComplex() -> Complex? {
            guard let first = parseCompound() else { return nil }
            var compounds = [first], combinators: [Combinator] = []
            while i < chars.count {
                let hadSpace = skipSpaces()
                if i >= chars.count || chars[i] == "," { break }
                if eat(">") {
                    skipSpaces()
                    combinators.append(.child)
                } else if hadSpace {
                    combinators.append(.descendant)
                } else {
                    return nil
                }
                guard let next = parseCompound() else { return nil }
                compounds.append(next)
            }
            return Complex(compounds: compounds, combinators: combinators)
        }

        private mutating func parseCompound() -> Compound? {
            var compound = Compound()
            var any = false
            if i < chars.count, chars[i] == "*" {
                compound.tag = "*"
                i += 1
                any = true
            } else if let tag = identifier() {
                compound.tag = tag
                any = true
            }
            while i < chars.count {
                if eat("#") {
                    guard let id = identifier() else { return nil }
                    compound.ids.append(id)
                } else if eat(".") {
                    guard let name = identifier() else { return nil }
                    compound.classes.append(name)
                } else if eat("[") {
                    guard let test = attributeTest() else { return nil }
                    compound.attributes.append(test)
                } else {
                    break
                }
                any = true
            }
            return any ? compound : nil
        }

        private mutating func attributeTest() -> AttributeTest? {
            skipSpaces()
            guard let name = identifier() else { return nil }
            skipSpaces()
            if eat("]") { return AttributeTest(name: name, op: nil, value: "") }
            var op = ""
            if i < chars.count, "^$*~".contains(chars[i]) {
                op.append(chars[i])
                i += 1
            }
            guard eat("=") else { return nil }
            op += "="
            skipSpaces()
            let value: String
            if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                let quote = chars[i]
                i += 1
                var text = ""
                while i < chars.count, chars[i] != quote {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    text.append(chars[i])
                    i += 1
                }
                guard eat(quote) else { return nil }
                value = text
            } else {
                guard let bare = identifier() else { return nil }
                value = bare
            }
            skipSpaces()
            guard eat("]") else { return nil }
            return AttributeTest(name: name, op: op, value: value)
        }

        /// A CSS identifier: letters, digits, `-`, `_`, non-ASCII and `\`-escaped characters.
        private mutating func identifier() -> String? {
            var text = ""
            while i < chars.count {
                let c = chars[i]
                if c == "\\", i + 1 < chars.count {
                    text.append(chars[i + 1])
                    i += 2
                } else if c.isLetter || c.isNumber || c == "-" || c == "_" || !c.isASCII {
                    text.append(c)
                    i += 1
                } else {
                    break
                }
            }
            return text.isEmpty ? nil : text
        }

        @discardableResult
        private mutating func skipSpaces() -> Bool {
            let start = i
            while i < chars.count, chars[i].isWhitespace { i += 1 }
            return i > start
        }

        private mutating func eat(_ c: Character) -> Bool {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
            return true
        }
    }
}
