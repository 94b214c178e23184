import LosslessJSON

/// The weight of each dimension in the overall score.
public struct Weights: Sendable, Equatable {
    public private(set) var values: [Dimension: Double]

    /// SPEC §3's default profile.
    public static let `default` = Weights(values: Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0, $0.defaultWeight) }))

    public init(values: [Dimension: Double]) { self.values = values }

    public subscript(dimension: Dimension) -> Double { values[dimension] ?? 0 }

    /// Reads `{"coverage": 0.3, "naming": 0, …}`. Dimensions left out keep their default weight;
    /// weights must be finite and non-negative and not all zero.
    public static func parse(_ bytes: [UInt8], file: String) throws(ConfigurationError) -> Weights {
        let json = try ConfigurationError.parse(bytes, file: file)
        guard case .object(let object) = json else {
            throw ConfigurationError(file: file, path: .root, reason: "expected an object of dimension weights, found \(json.kindDescription)")
        }
        var weights = Weights.default
        for member in object.members {
            let path = JSONPath.root.appending(key: member.key)
            guard let dimension = Dimension(rawValue: member.key) else {
                let known = Dimension.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(file: file, path: path, reason: "unknown dimension \"\(member.key)\" (known: \(known))")
            }
            guard case .number(let n) = member.value, n.doubleValue.isFinite, n.doubleValue >= 0 else {
                throw ConfigurationError(file: file, path: path, reason: "expected a non-negative number, found \(member.value.kindDescription)")
            }
            weights.values[dimension] = n.doubleValue
        }
        guard weights.values.values.contains(where: { $0 > 0 }) else {
            throw ConfigurationError(file: file, path: .root, reason: "every weight is zero")
        }
        return weights
    }
}
