import GTMModel

/// Rules of the `variables` dimension: every `{{reference}}` resolves, every variable is used
/// once and defined once, data-layer variables read version 2, ids live in one variable, and
/// Custom JavaScript variables return something and stay readable.
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
            var lowercased: [String: String] = [:]
            for name in graph.definedVariableNames.sorted() where lowercased[name.lowercased()] == nil { lowercased[name.lowercased()] = name }
            for use in graph.variableUses {
                let what = VariableRules.describe(use.entity)
                for name in use.names {
                    guard !graph.definedVariableNames.contains(name) else {
                        results.pass()
                        continue
                    }
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
            for variable in context.container.variables {
                let me = variable.reference
                let referrers = graph.referrers[variable.name] ?? []
                let used = referrers.contains { $0 != me }
                let message = referrers.isEmpty
                    ? "Variable \"\(variable.name)\" is referenced nowhere in the container."
                    : "Variable \"\(variable.name)\" is referenced only by itself."
                results.check(used, me, message)
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
            var first: [String: Variable] = [:]
            // Unfilled template constants ("VALUE_HERE") are placeholders for different ids, not copies.
            for variable in context.container.variables where !VariableRules.Canonical.isPlaceholderConstant(variable) {
                let key = VariableRules.Canonical.variable(variable)
                if let original = first[key] {
                    results.fail(variable.reference,
                                 "Variable \"\(variable.name)\" has the same type (\(variable.type)) and settings as \"\(original.name)\".",
                                 ref: original.name)
                } else {
                    first[key] = variable
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
            for variable in context.container.variables where variable.type == "v" {
                let version = variable.parameters.value("dataLayerVersion")?.filter { !$0.isWhitespace }
                results.check(version != "1", variable.reference,
                              "Data Layer Variable \"\(variable.name)\" reads data layer version 1.")
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
            let idsPerTag = tags.map { VariableRules.MeasurementIDs.literals(in: $0) }
            var tagCount: [String: Int] = [:]
            for ids in idsPerTag { for id in ids.keys { tagCount[id, default: 0] += 1 } }
            for (tag, ids) in zip(tags, idsPerTag) {
                if ids.isEmpty {
                    if VariableRules.MeasurementIDs.referencesIDVariable(tag) { results.pass() }
                    continue
                }
                for (id, description) in ids.sorted(by: { $0.key < $1.key }) {
                    let count = tagCount[id] ?? 1
                    results.check(count < 2, tag.reference,
                                  "Tag \"\(tag.name)\" holds the literal \(description), which is pasted into \(count) tags.", ref: id)
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
            for variable in context.container.variables where variable.type == "jsm" {
                let code = variable.parameters.value("javascript") ?? ""
                let shape = VariableRules.JavaScript.shape(of: code)
                if !shape.isFunction {
                    results.fail(variable.reference, "Custom JavaScript variable \"\(variable.name)\" is not a function () { … } expression.")
                } else if !shape.returns {
                    results.fail(variable.reference, "Custom JavaScript variable \"\(variable.name)\" has no return statement of its own and always evaluates to undefined.")
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
            for variable in context.container.variables where variable.type == "jsm" {
                let lines = VariableRules.JavaScript.lineCount(variable.parameters.value("javascript") ?? "")
                results.check(lines <= CustomJavaScriptLong.maximumLines, variable.reference,
                              "Custom JavaScript variable \"\(variable.name)\" is \(lines) lines long (more than \(CustomJavaScriptLong.maximumLines)).")
            }
        }
    }

    /// "Tag \"GA4 - purchase\"", "Trigger \"CE - purchase\"", … for messages.
    static func describe(_ entity: EntityReference) -> String {
        let kind = entity.kind.rawValue.prefix(1).uppercased() + entity.kind.rawValue.dropFirst()
        return "\(kind) \"\(entity.name)\""
    }
}
