import GTMModel

/// Rules of the `variables` dimension: every `{{reference}}` resolves, every variable is used
/// once and defined once, data-layer variables read version 2, ids live in one variable, and
/// Custom JavaScript variables return something and stay readable.
///
/// Loops over all variables or tags go by index and read fields through the array: copying each
/// entity (a dozen reference-counted fields) would cost more than most checks.
enum VariableRules {
    static let all: [any Rule] = [
        UndefinedReference(), Unused(), Duplicate(), DataLayerVersion1(), HardcodedMeasurementID(),
        CustomJavaScriptNoReturn(), CustomJavaScriptLong(),
    ]

    struct UndefinedReference: Rule {
        let descriptor = RuleDescriptor(
            "undefined_reference", .variables, .error,
            title: "A {{reference}} names no variable and no enabled built-in variable",
            rationale: "GTM resolves `{{Name}}` by display name against the user-defined variables and the enabled built-in variables (plus the reserved `{{_event}}`). A name that matches neither is a typo, a variable that was renamed or deleted, or a built-in that was never enabled. GTM refuses to publish a workspace with such a reference, and a container imported without the variable silently sends the literal text or `undefined` in its place.",
            hint: "Create the missing variable, enable the built-in variable of that name (Variables → Configure), or point the reference at the variable that replaced it.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let graph = context.graph
            // Each distinct name is looked up once; in most containers every one resolves.
            let undefined = Set(graph.referrers.keys.filter { !graph.definedVariableNames.contains($0) })
            lazy var lowercased: [String: String] = {
                var lowercased: [String: String] = [:]
                for name in graph.definedVariableNames.sorted() where lowercased[name.lowercased()] == nil { lowercased[name.lowercased()] = name }
                return lowercased
            }()
            for use in graph.variableUses {
                for name in use.names {
                    guard !undefined.isEmpty, undefined.contains(name) else {
                        results.pass()
                        continue
                    }
                    let what = VariableRules.describe(use.entity)
                    var message = "\(what) references {{\(name)}}, which is neither a variable of the container nor an enabled built-in variable."
                    var hint: String?
                    if VariableRules.BuiltInNames.all.contains(name) {
                        message = "\(what) references the built-in variable {{\(name)}}, which is not enabled in this container."
                        hint = "Enable the built-in variable \"\(name)\" (Variables → Configure built-in variables), or export the container with it enabled."
                    } else if let near = lowercased[name.lowercased()] {
                        message += " Variable names are case-sensitive: {{\(near)}} exists."
                        hint = "Change the reference to {{\(near)}}, the variable's exact name."
                    }
                    results.fail(use.entity, message, ref: name, hint: hint)
                }
            }
        }
    }

    struct Unused: Rule {
        let descriptor = RuleDescriptor(
            "unused", .variables, .warning,
            title: "A variable is referenced by no tag, trigger, other variable, client or transformation",
            rationale: "A variable that nothing references is never evaluated. Unused variables are usually left over from removed tags or copied recipes; they make the container harder to read, invite edits that change nothing, and hide which data-layer keys the site really has to provide. A variable that only references itself counts as unused.",
            hint: "Delete the variable, or reference it where it was meant to be used.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let graph = context.graph
            let variables = context.container.variables
            for index in variables.indices {
                let me = variables[index].reference
                let referrers = graph.referrers[me.name] ?? []
                let used = referrers.contains { $0 != me }
                results.check(used, me, referrers.isEmpty
                    ? "Variable \"\(me.name)\" is referenced nowhere in the container."
                    : "Variable \"\(me.name)\" is referenced only by itself.")
            }
        }
    }

    struct Duplicate: Rule {
        let descriptor = RuleDescriptor(
            "duplicate", .variables, .warning,
            title: "Two variables have the same type and the same settings",
            rationale: "Two variables that read the same thing (the same data-layer key, cookie, constant or lookup) drift apart as soon as one is edited and the other forgotten, so tags that should agree start sending different values. Parameters are compared as a normalised structure (order of settings and of unordered lists ignored; RegEx Table rows keep their order, since the first match wins); names, folders and notes are ignored, the format-value options are not. Constants that still hold a template placeholder (`VALUE_HERE`, `YOUR_ID`) are not compared.",
            hint: "Keep the first variable, point every {{reference}} to the duplicate at it, and delete the duplicate.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let variables = context.container.variables
            var first: [VariableRules.Canonical.VariableSettings: Int] = [:]
            // Unfilled template constants ("VALUE_HERE") are placeholders for different ids, not copies.
            for index in variables.indices {
                let (type, parameters) = (variables[index].type, variables[index].parameters)
                guard !VariableRules.Canonical.isPlaceholderConstant(type: type, parameters: parameters) else { continue }
                let key = VariableRules.Canonical.VariableSettings(type: type, parameters: parameters, raw: variables[index].raw)
                if let original = first[key].map({ variables[$0].name }) {
                    results.fail(variables[index].reference,
                                 "Variable \"\(variables[index].name)\" has the same type (\(type)) and settings as \"\(original)\".",
                                 ref: original)
                } else {
                    first[key] = index
                    results.pass()
                }
            }
        }
    }

    struct DataLayerVersion1: Rule {
        let descriptor = RuleDescriptor(
            "data_layer_v1", .variables, .warning,
            title: "A Data Layer Variable reads data layer version 1",
            rationale: "Version 1 Data Layer Variables read only the most recent push of a key and treat dots as part of the key name, so `ecommerce.purchase.actionField.id` is not read as a nested value the way version 2 variables (the default, and what the rest of a container expects) read it. Mixing versions is a known source of values that are set in the data layer but arrive empty.",
            hint: "Set Data Layer Version to \"Version 2\" and check that the key path still matches the data layer.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let variables = context.container.variables
            for index in variables.indices where variables[index].type == "v" {
                let version = VariableRules.value("dataLayerVersion", in: variables[index].parameters).map(VariableRules.withoutWhitespace)
                results.check(version != "1", variables[index].reference,
                              "Data Layer Variable \"\(variables[index].name)\" reads data layer version 1.")
            }
        }
    }

    struct HardcodedMeasurementID: Rule {
        let descriptor = RuleDescriptor(
            "hardcoded_measurement_id", .variables, .warning,
            title: "The same measurement id is pasted as a literal into several tags",
            rationale: "A GA4 measurement id (G-…), Google Ads conversion id (AW-…), Floodlight advertiser id (DC-…) or Meta pixel id typed into many tags has to be changed in every one of them when the property changes or a staging property is used; one missed tag keeps sending to the old destination. Holding the id once in a Constant (or settings) variable makes the change a single edit.",
            hint: "Create a Constant variable with the id and replace the literal in every tag with its {{reference}}.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let tags = context.container.tags
            let idsPerTag = tags.indices.map { VariableRules.MeasurementIDs.literals(type: tags[$0].type, parameters: tags[$0].parameters) }
            var tagCount: [String: Int] = [:]
            for ids in idsPerTag { for id in ids.keys { tagCount[id, default: 0] += 1 } }
            for (index, ids) in idsPerTag.enumerated() {
                if ids.isEmpty {
                    if VariableRules.MeasurementIDs.referencesIDVariable(tags[index].parameters) { results.pass() }
                    continue
                }
                for (id, description) in ids.sorted(by: { $0.key < $1.key }) {
                    let count = tagCount[id] ?? 1
                    results.check(count < 2, tags[index].reference,
                                  "Tag \"\(tags[index].name)\" holds the literal \(description), which is pasted into \(count) tags.", ref: id)
                }
            }
        }
    }

    struct CustomJavaScriptNoReturn: Rule {
        let descriptor = RuleDescriptor(
            "custom_js_no_return", .variables, .error,
            title: "A Custom JavaScript variable is not a function that returns a value",
            rationale: "GTM evaluates a Custom JavaScript variable by calling the anonymous function it contains and uses the return value. Code that is not a `function () { … }` expression fails to compile, and a function without a `return` of its own (a `return` inside a nested callback does not count) always evaluates to undefined, so every tag and trigger reading the variable gets nothing.",
            hint: "Write the variable as `function () { …; return value; }`; move side effects (pushes, DOM changes) to a tag.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let variables = context.container.variables
            for index in variables.indices where variables[index].type == "jsm" {
                let shape = VariableRules.JavaScript.shape(of: VariableRules.value("javascript", in: variables[index].parameters) ?? "")
                if !shape.isFunction {
                    results.fail(variables[index].reference,
                                 "Custom JavaScript variable \"\(variables[index].name)\" is not a function () { … } expression.")
                } else if !shape.returns {
                    results.fail(variables[index].reference,
                                 "Custom JavaScript variable \"\(variables[index].name)\" has no return statement of its own and always evaluates to undefined.")
                } else {
                    results.pass()
                }
            }
        }
    }

    struct CustomJavaScriptLong: Rule {
        static let maximumLines = 60

        let descriptor = RuleDescriptor(
            "custom_js_long", .variables, .info,
            title: "A Custom JavaScript variable is longer than 60 lines",
            rationale: "Custom JavaScript variables run every time they are read, often several times per event, and long ones are hard to review for errors, performance and privacy. Long variable code is usually business logic (parsing, lookups, formatting) that belongs in the site's data layer or in a custom template.",
            hint: "Push the computed value to the data layer from the site, or split the code into smaller variables or a custom variable template.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let variables = context.container.variables
            for index in variables.indices where variables[index].type == "jsm" {
                let lines = VariableRules.JavaScript.lineCount(VariableRules.value("javascript", in: variables[index].parameters) ?? "")
                results.check(lines <= CustomJavaScriptLong.maximumLines, variables[index].reference,
                              "Custom JavaScript variable \"\(variables[index].name)\" is \(lines) lines long (more than \(CustomJavaScriptLong.maximumLines)).")
            }
        }
    }

    /// The value of the top-level parameter with this key, as `parameters.value(key)`, read in
    /// place rather than copying each parameter.
    static func value(_ key: String, in parameters: [Parameter]) -> String? {
        parameters.indices.first { parameters[$0].key == key }.flatMap { parameters[$0].value }
    }

    /// "Tag \"GA4 - purchase\"", "Trigger \"CE - purchase\"", … for messages.
    static func describe(_ entity: EntityReference) -> String {
        let kind = entity.kind.rawValue.prefix(1).uppercased() + entity.kind.rawValue.dropFirst()
        return "\(kind) \"\(entity.name)\""
    }
}
