public import GTMModel

/// A tag that fired on an event, with what it sent.
public struct FiredTag: Sendable, Equatable, Codable {
    public var tagId: String
    public var name: String
    /// The type code (`gaawe`, `html`, `cvt_…`).
    public var type: String
    /// Where the tag sends data and what it is for, as the scorer classifies it.
    public var destination: Destination?
    public var role: TagRole
    /// The triggers that fired it (names; GTM's names for built-in ids). Empty for a tag fired
    /// as another tag's setup or teardown.
    public var firedBy: [String]
    /// Set when the tag fired as the setup tag of the named tag.
    public var setupFor: String?
    /// Set when the tag fired as the teardown tag of the named tag.
    public var teardownFor: String?
    /// The parameters, resolved.
    public var parameters: ResolvedParameters
    /// The ecommerce object a GA4 event tag sends with "Send Ecommerce data" (from the data
    /// layer's `ecommerce`, or the object variable it names).
    public var ecommerce: PreviewValue?
    /// The (destination, event) pairs the tag sends; empty for tags that send nothing.
    public var sends: [SentEvent]
    /// For Google tags (built-in consent checks): the consent types that were denied when it
    /// fired, so it sent cookieless pings (Consent Mode) rather than nothing.
    public var consentModeDenied: [String]
    /// References in parameters that are undefined, not evaluable or unknown.
    public var diagnostics: [ValueDiagnostic]

    private enum CodingKeys: String, CodingKey {
        case tagId, name, type, destination, role, firedBy, setupFor, teardownFor, parameters, ecommerce, sends,
             consentModeDenied, diagnostics
    }

    /// Creates the value from its parts.
    public init(tagId: String, name: String, type: String, destination: Destination?, role: TagRole, firedBy: [String],
                setupFor: String? = nil, teardownFor: String? = nil, parameters: ResolvedParameters,
                ecommerce: PreviewValue? = nil, sends: [SentEvent], consentModeDenied: [String] = [], diagnostics: [ValueDiagnostic] = [])
    {
        self.tagId = tagId
        self.name = name
        self.type = type
        self.destination = destination
        self.role = role
        self.firedBy = firedBy
        self.setupFor = setupFor
        self.teardownFor = teardownFor
        self.parameters = parameters
        self.ecommerce = ecommerce
        self.sends = sends
        self.consentModeDenied = consentModeDenied
        self.diagnostics = diagnostics
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tagId = try c.decode(String.self, forKey: .tagId)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(String.self, forKey: .type)
        destination = try c.decodeIfPresent(String.self, forKey: .destination).flatMap(Destination.init(rawValue:))
        role = TagRole(rawValue: try c.decode(String.self, forKey: .role)) ?? .measurement
        firedBy = try c.decodeIfPresent([String].self, forKey: .firedBy) ?? []
        setupFor = try c.decodeIfPresent(String.self, forKey: .setupFor)
        teardownFor = try c.decodeIfPresent(String.self, forKey: .teardownFor)
        parameters = try c.decodeIfPresent(ResolvedParameters.self, forKey: .parameters) ?? ResolvedParameters()
        ecommerce = try c.decodeIfPresent(PreviewValue.self, forKey: .ecommerce)
        sends = try c.decodeIfPresent([SentEvent].self, forKey: .sends) ?? []
        consentModeDenied = try c.decodeIfPresent([String].self, forKey: .consentModeDenied) ?? []
        diagnostics = try c.decodeIfPresent([ValueDiagnostic].self, forKey: .diagnostics) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tagId, forKey: .tagId)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(destination?.rawValue, forKey: .destination)
        try c.encode(role.rawValue, forKey: .role)
        try c.encode(firedBy, forKey: .firedBy)
        try c.encodeIfPresent(setupFor, forKey: .setupFor)
        try c.encodeIfPresent(teardownFor, forKey: .teardownFor)
        try c.encode(parameters, forKey: .parameters)
        try c.encodeIfPresent(ecommerce, forKey: .ecommerce)
        try c.encode(sends, forKey: .sends)
        if !consentModeDenied.isEmpty { try c.encode(consentModeDenied, forKey: .consentModeDenied) }
        if !diagnostics.isEmpty { try c.encode(diagnostics, forKey: .diagnostics) }
    }
}
