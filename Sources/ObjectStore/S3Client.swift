import Crypto
public import CurlHTTP
public import Foundation

/// An S3-compatible object store client (AWS S3, Cloudflare R2, MinIO, moto) over ``HTTPClient``.
///
/// Builds path-style requests, signs each attempt with ``SigV4Signer`` (so a retry after a long
/// wait carries a fresh `x-amz-date`), retries under the configuration's ``RetryPolicy``, and
/// turns error replies into ``S3Error``. It never touches libcurl itself (STYLE §8): tests pass
/// an in-memory ``HTTPClient``, production the default ``CurlHTTPClient``.
public struct S3Client: Sendable {
    public let configuration: S3Configuration
    let http: any HTTPClient
    let now: @Sendable () -> Date
    let signer: SigV4Signer

    /// - Parameter now: the clock requests are signed with; injected so tests can fix it.
    public init(configuration: S3Configuration, http: any HTTPClient = CurlHTTPClient(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.http = http
        self.now = now
        signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region, service: "s3")
    }

    // MARK: - Objects

    /// Stores `bytes` under `key`, replacing any object there; returns the new ETag.
    ///
    /// Sends both the body's SHA-256 (`x-amz-content-sha256`, part of the signature) and its MD5
    /// (`Content-MD5`), so the service rejects a body damaged on the way instead of storing it.
    /// - Throws: ``S3Error``.
    @discardableResult
    public func putObject(key: String, bytes: [UInt8], contentType: String = "application/octet-stream") async throws -> String? {
        let md5 = Data(Insecure.MD5.hash(data: bytes)).base64EncodedString()
        let response = try await send(.putObject, key: key, method: .put,
                                      headers: [("Content-Type", contentType), ("Content-MD5", md5)], body: bytes)
        return response.header("etag")?.unquotedETag
    }

    /// The bytes stored under `key`.
    /// - Throws: ``S3Error``; ``S3Error/isNotFound`` when there is no such object. A body whose
    ///   length differs from its `Content-Length` is an error, never a silently short result.
    public func getObject(key: String) async throws -> [UInt8] {
        let response = try await send(.getObject, key: key, method: .get)
        // A decoded (compressed) transfer no longer matches Content-Length; S3 objects written
        // by this client never have a Content-Encoding.
        if response.header("content-encoding") == nil, let expected = response.header("content-length").flatMap(Int.init),
           expected != response.body.count
        {
            throw S3Error(operation: .getObject, bucket: configuration.bucket, key: key,
                          failure: .incompleteBody(expected: expected, received: response.body.count),
                          requestID: response.header("x-amz-request-id"), attempts: 1)
        }
        return response.body
    }

    /// What the store holds under `key`, or `nil` when it holds nothing.
    /// - Throws: ``S3Error`` for any failure other than a missing object.
    public func headObject(key: String) async throws -> S3ObjectMetadata? {
        do {
            let response = try await send(.headObject, key: key, method: .head)
            guard let length = response.header("content-length").flatMap(Int.init) else {
                throw S3Error(operation: .headObject, bucket: configuration.bucket, key: key,
                              failure: .malformedResponse(status: response.status, reason: "no Content-Length"), attempts: 1)
            }
            return S3ObjectMetadata(contentLength: length, contentType: response.header("content-type"),
                                    eTag: response.header("etag")?.unquotedETag, lastModified: response.header("last-modified"))
        } catch let error as S3Error where error.isNotFound {
            return nil
        }
    }

    // MARK: - Buckets

    /// Creates the configured bucket; succeeds when it already exists and is yours.
    ///
    /// Meant for tests and first-time setup: production buckets are usually made in the
    /// provider's console, with their own access policy.
    /// - Throws: ``S3Error``.
    public func createBucket() async throws {
        var body: [UInt8] = []
        // AWS wants the region spelt out everywhere but us-east-1 (moto too, `auto` included);
        // R2 documents `auto` as its LocationConstraint.
        if configuration.region != "us-east-1" {
            body = Array(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        do {
            _ = try await send(.createBucket, key: nil, method: .put,
                               headers: body.isEmpty ? [] : [("Content-Type", "application/xml")], body: body)
        } catch let error as S3Error where error.code == "BucketAlreadyOwnedByYou" {
            return
        }
    }
}
