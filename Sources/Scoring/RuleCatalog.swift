/// Every rule the scorer runs, grouped by dimension. Rule ids are stable: add rules, never rename.
public enum RuleCatalog {
    public static let all: [any Rule] =
        CoverageRules.all + ParameterRules.all + DedupRules.all + ConsentRules.all + NamingRules.all
        + VariableRules.all + TriggerRules.all + FolderRules.all + AlignmentRules.all

    /// The descriptors, in catalog order, for `gtm-autoresearch rules`.
    public static var descriptors: [RuleDescriptor] { all.map(\.descriptor) }

    /// The rule with this id.
    public static func rule(id: String) -> (any Rule)? { all.first { $0.descriptor.id == id } }
}
