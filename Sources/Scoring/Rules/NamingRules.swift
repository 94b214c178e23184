import GTMModel

/// Rules of the `naming` dimension: one consistent `Platform - Type - Detail` scheme for tags, type
/// prefixes for triggers and variables, no default or duplicate names, and GA4 event names that
/// GA4 accepts. Names are judged as names here (the one dimension where that is the point).
enum NamingRules {
    static let all: [any Rule] = [
        DuplicateName(), DefaultName(), TagConvention(), VariablePrefix(), TriggerPrefix(), GA4EventName(),
    ]

    struct DuplicateName: Rule {
        let descriptor = RuleDescriptor(
            "duplicate_name", .naming, .warning,
            title: "Two or more tags, triggers, variables or folders share a name",
            rationale: "Names are how people find, review and reference entities: a `{{Variable}}` reference, a setup tag and a tag-sequencing entry all go by name, and so do change reviews and audit notes. Two entities of one kind with one name make every such reference ambiguous, and usually mean a copy or an import was left behind.",
            hint: "Rename the duplicates so each name says what the entity does, or delete the leftover copy.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let c = context.container
            check(c.tags, "tag", &results)
            check(c.triggers, "trigger", &results)
            check(c.variables, "variable", &results)
            check(c.folders, "folder", &results)
        }

        private func check(_ entities: [some ContainerEntity], _ noun: String, _ results: inout RuleResults) {
            var seen = Set<FirstWithName>(minimumCapacity: entities.count)
            for i in entities.indices {
                let name = entities[i].name
                let (isFirst, first) = seen.insert(FirstWithName(name: name, index: i))
                if isFirst {
                    results.pass()
                } else {
                    results.fail(entities[i].reference, "The \(noun) \"\(name)\" (id \(entities[i].id)) has the same name as \(noun) id \(entities[first.index].id).", ref: name)
                }
            }
        }

        /// The first entity with a name; equal by name, so inserting a later one finds the first.
        private struct FirstWithName: Hashable {
            var name: String
            var index: Int

            static func == (a: Self, b: Self) -> Bool { a.name == b.name }
            func hash(into hasher: inout Hasher) { hasher.combine(name) }
        }
    }

    struct DefaultName: Rule {
        let descriptor = RuleDescriptor(
            "default_name", .naming, .warning,
            title: "An entity keeps a default or copy name (\"Untitled Tag\", \"Copy of …\", \"Custom HTML 2\")",
            rationale: "Names GTM or people leave by default say nothing about what the entity does: \"Untitled Trigger\", \"Custom HTML 2\", \"Copy of GA4 - purchase\" or an import's \"_import_1\" suffix. They mark unfinished work or forgotten copies, make the container hard to review, and often come with duplicate configuration.",
            hint: "Give the entity a descriptive name in the container's scheme (tags: Platform - Type - Detail), or delete it if it is a leftover copy.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let c = context.container
            check(c.tags, "Tag", &results)
            check(c.triggers, "Trigger", &results)
            check(c.variables, "Variable", &results)
            check(c.folders, "Folder", &results)
        }

        private func check(_ entities: [some ContainerEntity], _ noun: String, _ results: inout RuleResults) {
            for i in entities.indices {
                let name = entities[i].name
                if let reason = NamingPatterns.defaultNameReason(name) {
                    results.fail(entities[i].reference, "\(noun) \"\(name)\" \(reason).")
                } else {
                    results.pass()
                }
            }
        }
    }

    struct TagConvention: Rule {
        let descriptor = RuleDescriptor(
            "tag_convention", .naming, .info,
            title: "A tag name does not follow the Platform - Type - Detail scheme",
            rationale: "A tag list sorted by name is the container's table of contents. With one scheme (`GA4 - Event - purchase`, `Meta - Pixel - Lead`) the tags of a platform sort together and the name alone says where data goes and what it is; a bare \"purchase\" or \"Pixel\" forces everyone to open the tag.",
            hint: "Rename the tag as Platform - Type - Detail using the configured separator (default \" - \"; configure another, such as \" | \" or \" – \", if your team uses it consistently).")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let separator = context.naming.separator
            guard !separator.isEmpty else { return }
            let required = max(1, context.naming.tagParts)
            let tags = context.container.tags
            for i in tags.indices {
                let name = tags[i].name
                let parts = NamingPatterns.partCount(of: name, separator: separator)
                results.check(parts >= required, tags[i].reference,
                              "Tag \"\(name)\" has \(parts) name part\(parts == 1 ? "" : "s") separated by \"\(separator)\"; the convention asks for at least \(required) (Platform\(separator)Type\(separator)Detail).")
            }
        }
    }

    struct VariablePrefix: Rule {
        let descriptor = RuleDescriptor(
            "variable_prefix", .naming, .info,
            title: "A variable name does not start with a prefix for its type",
            rationale: "Variables are referenced by name as `{{Name}}` in tags, triggers and other variables. A type prefix (`DLV - ecommerce.value`, `CJS - items`, `Const - GA4 ID`) tells the reader where the value comes from, whether it can run code, and keeps the variables of one type together in every picker.",
            hint: "Rename the variable with its type's prefix and the separator (DLV/DL for data layer, CJS for Custom JavaScript, Const for constants, URL, Cookie, LT for lookup tables, RegEx, DOM, JS, AEV, GT for Google tag settings, ED for event data, RH for request headers); template variables just need a \"Type - Detail\" name.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let separator = context.naming.separator
            let variables = context.container.variables
            for i in variables.indices {
                let (name, type) = (variables[i].name, variables[i].type)
                if type.hasPrefix("cvt_") {
                    let ok = !separator.isEmpty && NamingPatterns.contains(name, separator: separator)
                    results.check(ok, variables[i].reference,
                                  "Template variable \"\(name)\" has no \"Type\(separator)Detail\" name.")
                    continue
                }
                guard let prefixes = NamingPatterns.variablePrefixes[type] else { continue }
                results.check(NamingPatterns.hasPrefix(name, prefixes, separator: separator), variables[i].reference,
                              "Variable \"\(name)\" (type \(type)) does not start with a type prefix such as \"\(prefixes[0])\(separator)\".",
                              ref: prefixes[0])
            }
        }
    }

    struct TriggerPrefix: Rule {
        let descriptor = RuleDescriptor(
            "trigger_prefix", .naming, .info,
            title: "A trigger name has no \"Type - Detail\" prefix",
            rationale: "Trigger names appear in every tag's firing and blocking lists. A type prefix (`CE - purchase`, `Click - CTA`, `PV - Checkout`) says what kind of event fires the trigger without opening it, and keeps similar triggers together.",
            hint: "Rename the trigger as Type - Detail using the configured separator (e.g. \"CE - purchase\", \"Click - Outbound link\").")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let separator = context.naming.separator
            guard !separator.isEmpty else { return }
            let triggers = context.container.triggers
            for i in triggers.indices {
                results.check(NamingPatterns.contains(triggers[i].name, separator: separator), triggers[i].reference,
                              "Trigger \"\(triggers[i].name)\" (type \(triggers[i].type)) has no \"Type\(separator)Detail\" prefix.")
            }
        }
    }

    struct GA4EventName: Rule {
        let descriptor = RuleDescriptor(
            "ga4_event_name", .naming, .warning,
            title: "A GA4 event name is not snake_case, is longer than 40 characters, or is reserved",
            rationale: "GA4 event names are case-sensitive, limited to 40 characters and must start with a letter and use only letters, digits and underscores; names with reserved prefixes (ga_, google_, firebase_) or reserved names (session_start, first_visit, …) are rejected or dropped. Google's recommended events are snake_case, so `Purchase`, `add-to-cart` or `Form Submit` split reports and miss the built-in ecommerce and key-event features.",
            hint: "Use a lowercase snake_case name of at most 40 characters, preferably GA4's recommended event name (purchase, add_to_cart, generate_lead, …).")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let tags = context.container.tags
            for i in tags.indices where tags[i].type == "gaawe" {
                guard let name = tags[i].parameters.value("eventName"), EventNames.isLiteral(name) else { continue }
                let problems = NamingPatterns.ga4EventNameProblems(name)
                results.check(problems.isEmpty, tags[i].reference,
                              "GA4 event tag \"\(tags[i].name)\" sends the event name \"\(name)\", which \(problems.joined(separator: ", ")).",
                              ref: name)
            }
        }
    }
}

/// The name patterns the naming rules use.
enum NamingPatterns {
    /// Type prefixes per variable type code (case-insensitive), the preferred spelling first.
    static let variablePrefixes: [String: [String]] = [
        "v": ["DLV", "DL", "Data Layer"],
        "c": ["Const", "C", "Constant"],
        "jsm": ["CJS", "JS", "Custom JS", "Custom JavaScript"],
        "u": ["URL"],
        "k": ["Cookie", "1P Cookie", "1st Party Cookie", "First Party Cookie", "1PC"],
        "smm": ["LT", "Lookup", "Lookup Table"],
        "remm": ["RegEx", "RT", "RegEx Table"],
        "aev": ["AEV", "Auto", "Auto-Event"],
        "d": ["DOM"],
        "j": ["JS", "JSV"],
        "gas": ["GAS", "GA Settings"],
        "gtes": ["GT", "Google Tag", "GA4"],
        "gtcs": ["GT", "Google Tag", "GA4"],
        "ed": ["ED", "Event Data"],
        "rh": ["RH", "Header", "Request Header"],
    ]

    /// Characters that may follow a prefix besides the configured separator.
    static let prefixBoundaries: Set<Character> = [" ", ".", "-", "_", ":", "|", "/", "–"]

    /// Whether `name` (ignoring a leading `[Team]` bracket) starts with one of the prefixes followed by a boundary.
    static func hasPrefix(_ name: String, _ prefixes: [String], separator: String) -> Bool {
        NamingASCII.hasPrefix(name, prefixes, separator: separator).orElse { unicodeHasPrefix(name, prefixes, separator: separator) }
    }

    /// ``hasPrefix(_:_:separator:)`` for any name and separator, by `Character`.
    static func unicodeHasPrefix(_ name: String, _ prefixes: [String], separator: String) -> Bool {
        let lowered = stripNamespace(name).lowercased()
        for prefix in prefixes {
            let p = prefix.lowercased()
            guard lowered.hasPrefix(p) else { continue }
            let rest = lowered.dropFirst(p.count)
            if !separator.isEmpty, rest.hasPrefix(separator.lowercased()), rest.count > separator.count { return true }
            if let first = rest.first, prefixBoundaries.contains(first), rest.dropFirst().contains(where: { !$0.isWhitespace }) { return true }
        }
        return false
    }

    /// `[KBX] DLV - x` → `DLV - x`, `01 - DLV - x` → `DLV - x`: teams namespace names with a leading
    /// bracket or order them with a leading number; the type prefix comes after either.
    static func stripNamespace(_ name: String) -> String {
        var rest = Substring(name).drop { $0.isWhitespace }
        if rest.first == "[", let close = rest.firstIndex(of: "]") {
            rest = rest[rest.index(after: close)...].drop { $0.isWhitespace }
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty {
            let afterDigits = rest.dropFirst(digits.count).drop { $0 == " " }
            if let mark = afterDigits.first, "-.|_)".contains(mark) {
                let detail = afterDigits.dropFirst().drop { $0.isWhitespace }
                if !detail.isEmpty { rest = detail }
            }
        }
        return String(rest)
    }

    /// The number of non-empty parts of a name split by the separator.
    static func partCount(of name: String, separator: String) -> Int {
        guard !separator.isEmpty else { return parts(of: name, separator: separator).count }
        return NamingASCII.partCount(name, separator: separator).orElse { parts(of: name, separator: separator).count }
    }

    /// Non-empty parts of a name split by the separator.
    static func parts(of name: String, separator: String) -> [String] {
        name.split(separator: separator).map { part in
            String(part.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        }.filter { !$0.isEmpty }
    }

    /// Whether `name` contains `separator`, as `String.contains` finds it.
    static func contains(_ name: String, separator: String) -> Bool {
        NamingASCII.contains(name, separator: separator).orElse { name.contains(separator) }
    }

    /// Generic words GTM and people use as placeholder names, alone or with a number.
    static let genericWords: Set<String> = ["tag", "trigger", "variable", "folder", "new", "untitled"]

    /// Type names from GTM's pickers; a name that is just one of them plus a number ("Custom HTML 2") is a default.
    static let typeNames: Set<String> = [
        "custom html", "custom image", "google tag", "ga4 event", "google analytics: ga4 event", "google analytics ga4 event",
        "ga4 configuration", "google analytics: ga4 configuration", "google analytics", "universal analytics",
        "google analytics: universal analytics", "conversion linker", "google ads conversion tracking", "google ads remarketing",
        "google ads user-provided data event", "floodlight counter", "floodlight sales", "custom javascript",
        "data layer variable", "constant", "lookup table", "regex table", "url", "1st party cookie", "first-party cookie",
        "dom element", "auto-event variable", "javascript variable", "custom event", "page view", "dom ready", "window loaded",
        "click", "all elements", "just links", "form submission", "history change", "youtube video", "trigger group", "javascript error", "user-provided data",
        "google tag: event settings", "google tag: configuration settings", "event data", "request header",
    ]

    /// Why a name looks like one GTM or a person left by default, or nil.
    static func defaultNameReason(_ name: String) -> String? {
        NamingASCII.defaultNameReason(name).orElse { unicodeDefaultNameReason(name) }
    }

    /// ``defaultNameReason(_:)`` for any name, by `Character`.
    static func unicodeDefaultNameReason(_ name: String) -> String? {
        let n = name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if n.isEmpty { return "has no name" }
        if n.hasPrefix("untitled") { return "keeps GTM's placeholder name" }
        if n.hasPrefix("unnamed") || n.hasPrefix("no name") { return "has a placeholder name" }
        if n.hasPrefix("copy of ") { return "is named as a copy (\"Copy of …\")" }
        let base = stripTrailingNumber(n)
        if base == "copy" || base.hasSuffix("(copy)") || base.hasSuffix("_copy") || endsWithCopyWord(base) {
            return "is named as a copy (\"… copy\")"
        }
        if let range = n.ranges(of: "_import_").last, !n[range.upperBound...].isEmpty, n[range.upperBound...].allSatisfy(\.isNumber) {
            return "keeps an \"_import_N\" suffix, left by a container import that renamed a conflicting entity"
        }
        let word = base.hasPrefix("new ") ? String(base.dropFirst(4)) : base
        if genericWords.contains(word) || (base.hasPrefix("new ") && typeNames.contains(word)) {
            return "is a placeholder name, not a description"
        }
        if base != n, typeNames.contains(base) { return "is a bare type name with a number, as GTM suggests for new entities" }
        return nil
    }

    /// `meta - lead copy` but not `click - copy` (a trigger for copy-to-clipboard clicks).
    private static func endsWithCopyWord(_ n: String) -> Bool {
        guard n.hasSuffix(" copy") else { return false }
        let before = n.dropLast(" copy".count)
        guard let last = before.last else { return false }
        return last.isLetter || last.isNumber || last == ")"
    }

    /// `custom html 2` → `custom html`, `tag (3)` → `tag`; other names unchanged.
    private static func stripTrailingNumber(_ n: String) -> String {
        var s = Substring(n)
        if s.hasSuffix(")"), let open = s.lastIndex(of: "(") {
            let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
            if !inner.isEmpty, inner.allSatisfy(\.isNumber) { s = s[..<open] }
        } else {
            let digits = s.reversed().prefix { $0.isNumber }.count
            if digits > 0, digits < s.count { s = s.dropLast(digits) }
        }
        while let last = s.last, last == " " || last == "-" || last == "_" { s = s.dropLast() }
        return s.isEmpty ? n : String(s)
    }

    /// Reserved GA4 event-name prefixes.
    static let reservedEventPrefixes = ["ga_", "google_", "firebase_"]

    /// Names GA4 collects itself and rejects or misattributes when sent (web streams).
    static let reservedEventNames: Set<String> = [
        "app_remove", "app_store_refund", "app_store_subscription_cancel", "app_store_subscription_renew",
        "first_open", "first_visit", "in_app_purchase", "session_start", "user_engagement",
    ]

    /// What is wrong with a literal GA4 event name; empty when it is fine.
    static func ga4EventNameProblems(_ name: String) -> [String] {
        var problems: [String] = []
        // snake_case is ASCII, so its bytes decide it: a byte of a non-ASCII character is none of these.
        func isLowercaseLetter(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 }
        let isSnake = name.utf8.first.map(isLowercaseLetter) == true
            && name.utf8.allSatisfy { isLowercaseLetter($0) || NamingASCII.isDigit($0) || $0 == UInt8(ascii: "_") }
        if !isSnake { problems.append("is not snake_case (lowercase letters, digits and underscores, starting with a letter)") }
        // A name has at most as many characters as UTF-8 bytes: count characters only when it may matter.
        if name.utf8.count > 40, name.count > 40 { problems.append("is \(name.count) characters long (GA4 allows 40)") }
        let lower = isSnake ? name : name.lowercased()
        if let prefix = reservedEventPrefixes.first(where: { lower.hasPrefix($0) }) { problems.append("uses the reserved prefix \"\(prefix)\"") }
        if reservedEventNames.contains(lower) { problems.append("is a name GA4 reserves for its own events") }
        return problems
    }
}
