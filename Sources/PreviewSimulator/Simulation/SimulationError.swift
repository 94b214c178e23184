/// Why a container cannot be simulated.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The simulator runs web (and AMP) containers; server containers receive requests from
    /// clients, not page events.
    case unsupportedContainer(publicId: String, name: String, usageContext: String)

    public var description: String {
        switch self {
        case .unsupportedContainer(let publicId, let name, let context):
            "\(publicId) (\(name)): a \(context) container receives requests, not page events: the preview simulator runs web containers only"
        }
    }
}
