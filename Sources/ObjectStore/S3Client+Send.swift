import CurlHTTP
import Foundation

/// One S3 exchange: build the path-style request, sign it, send it, retry what is worth
/// retrying, and turn a final error reply into ``S3Error``.
extension S3Client {
    /// The request for `operation`, sent until it succeeds (2xx) or the policy gives up.
    /// - Parameter key: the object key, `nil` for a bucket-level request.
    func send(_ operation: S3Error.Operation, key: String?, method: HTTPRequest.Method,
              query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
              body: [UInt8] = []) async throws -> HTTPResponse
    {
        let bucket = configuration.bucket
        if let key, let reason = S3Client.problem(withKey: key) {
            throw S3Error(operation: operation, bucket: bucket, key: key, failure: .invalidRequest(reason: "invalid key: \(reason)"), attempts: 0)
        }
        let path = "/" + (configuration.basePath + [bucket]).joined(separator: "/") + (key.map { "/" + $0 } ?? "")
        let queryText = SigV4Signer.canonicalQuery(query)
        let url = configuration.origin + SigV4Signer.canonicalURI(path) + (queryText.isEmpty ? "" : "?" + queryText)
        let unsigned = SigV4Request(method: method.rawValue, path: path, query: query,
                                    headers: [("Host", configuration.host)] + headers,
                                    payloadHash: body.isEmpty ? SigV4Signer.emptyPayloadHash : SigV4Signer.hexSHA256(body))

        let policy = configuration.retryPolicy
        var generator = SystemRandomNumberGenerator()
        return try await policy.retrying(using: &generator) { attempt in
            // Signed again for each attempt: a retry after a wait carries a fresh x-amz-date.
            let request = HTTPRequest(method: method, url: url, headers: signer.sign(unsigned, at: now()), body: body,
                                      timeout: configuration.requestTimeout)
            let response: HTTPResponse
            do {
                response = try await http.send(request)
            } catch let error as HTTPError {
                return .failure(policy.decision(for: error)) { reason in
                    S3Error(operation: operation, bucket: bucket, key: key, failure: .transport(error), attempts: attempt, notRetriedBecause: reason)
                }
            }
            if (200..<300).contains(response.status) { return .success(response) }

            let reply = S3ErrorBody(response: response)
            // HEAD replies carry no body, so a 404 there has no code of its own.
            let code = reply.code ?? (method == .head && response.status == 404 ? "NotFound" : nil)
            return .failure(policy.decision(status: response.status, code: code, headers: response.headers)) { reason in
                S3Error(operation: operation, bucket: bucket, key: key, failure: .status(response.status), code: code,
                        message: reply.message, requestID: reply.requestID, attempts: attempt, notRetriedBecause: reason)
            }
        }
    }

    /// Why `key` cannot be sent as an object key, or `nil`.
    ///
    /// libcurl removes `.` and `..` path segments before sending (RFC 3986), so such a key would
    /// reach another object than the one signed; control characters cannot appear in the XML of
    /// a listing.
    static func problem(withKey key: String) -> String? {
        if key.isEmpty { return "it is empty" }
        if key.utf8.count > 1024 { return "it is longer than 1024 bytes" }
        if key.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == "." || $0 == ".." }) {
            return "it has a \".\" or \"..\" segment"
        }
        if key.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "it contains a control character" }
        return nil
    }
}
