/// Object storage configured wrongly: which setting, and why.
public enum S3ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingVariable(String)
    case invalidEndpoint(String, reason: String)
    case invalidBucket(String, reason: String)
    case invalidRegion(String)

    public var description: String {
        switch self {
        case .missingVariable(let name):
            "\(name) is not set, but \(S3Configuration.Variable.endpoint) is: object storage needs an endpoint, a bucket and a key pair"
        case .invalidEndpoint(let endpoint, let reason): "S3 endpoint \"\(endpoint)\" is invalid: \(reason)"
        case .invalidBucket(let bucket, let reason): "S3 bucket name \"\(bucket)\" is invalid: \(reason)"
        case .invalidRegion(let region): "S3 region \"\(region)\" is invalid: expected lowercase letters, digits and hyphens (\"auto\" for R2)"
        }
    }
}
