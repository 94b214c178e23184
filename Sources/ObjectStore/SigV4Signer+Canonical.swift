/// The canonical request: the one text both sides build from a request and sign.
extension SigV4Signer {
    struct CanonicalRequest {
        var text: String
        /// Lowercase header names, sorted, joined by `;`.
        var signedHeaders: String
    }

    /// Method, encoded path, sorted encoded query, sorted lowercase headers with trimmed values,
    /// the signed header names and the payload hash, one per line.
    func canonicalRequest(_ request: SigV4Request) -> CanonicalRequest {
        // Repeated headers join in the order given, comma-separated, as the AWS suite specifies.
        var values: [String: [String]] = [:]
        for (name, value) in request.headers {
            values[name.lowercased(), default: []].append(SigV4Signer.canonicalHeaderValue(value))
        }
        let names = values.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let headerLines = names.map { "\($0):\(values[$0, default: []].joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let text = [request.method, SigV4Signer.canonicalURI(request.path), SigV4Signer.canonicalQuery(request.query),
                    headerLines, signedHeaders, request.payloadHash].joined(separator: "\n")
        return CanonicalRequest(text: text, signedHeaders: signedHeaders)
    }

    /// Each `/`-separated segment of the decoded path encoded once; `/` for an empty path.
    static func canonicalURI(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false).map { uriEncode(String($0)) }.joined(separator: "/")
        return encoded.hasPrefix("/") ? encoded : "/" + encoded
    }

    /// `name=value` pairs, both encoded (`/` too), sorted by name then value, joined by `&`.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (uriEncode($0.name), uriEncode($0.value)) }
            .sorted { $0.0 == $1.0 ? Array($0.1.utf8).lexicographicallyPrecedes(Array($1.1.utf8))
                                   : Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// The value with surrounding spaces removed and inner runs of spaces reduced to one.
    static func canonicalHeaderValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// S3's `UriEncode`: every UTF-8 byte except `A-Z a-z 0-9 - . _ ~` as `%XX`, upper-case hex.
    static func uriEncode(_ text: String) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                encoded += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}
