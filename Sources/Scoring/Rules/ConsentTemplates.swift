#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GTMModel

/// Custom templates that are consent tools rather than vendor tags. The classifier looks for vendor
/// signatures first, so a Consent Mode template that mentions Microsoft's `uetq` becomes a Microsoft Ads
/// tag and a template relaying consent to Awin an Awin tag; both must fire whatever the consent state.
enum ConsentTemplateKind {
    case setsDefaults, relaysConsent

    /// Sandboxed APIs that load code or send data.
    private static let sendingAPIs: Set<String> = ["injectscript", "sendpixel", "sendhttprequest", "sendhttpget", "injecthiddeniframe"]
    /// Sandboxed APIs that read or write consent state.
    private static let consentAPIs: Set<String> = ["setdefaultconsentstate", "updateconsentstate", "isconsentgranted", "addconsentlistener"]

    /// What the template's web code does with consent, judged by the APIs it requires; nil for a
    /// template that is not a consent tool.
    init?(_ template: CustomTemplate) {
        guard let apis = ConsentTemplateKind.requiredAPIs(template) else { return nil }
        if apis.contains("setdefaultconsentstate") {
            self = .setsDefaults
        } else if !apis.isDisjoint(with: ConsentTemplateKind.consentAPIs), apis.isDisjoint(with: ConsentTemplateKind.sendingAPIs) {
            self = .relaysConsent
        } else {
            return nil
        }
    }

    /// The names, ASCII-lowercased, in the `require('…')` and `require("…")` calls of the template's
    /// web code (its `___SANDBOXED_JS_FOR_WEB_TEMPLATE___` section, found as `CustomTemplate.section`
    /// finds it, ignoring case); nil when it has none.
    ///
    /// Templates run to a hundred kilobytes, so this reads the bytes in place: `memchr` to each `_`
    /// that may start the heading and each `(` that may follow `require`, compared ignoring ASCII case.
    static func requiredAPIs(_ template: CustomTemplate) -> Set<String>? {
        var data = template.templateData
        return data.withUTF8 { bytes -> Set<String>? in
            let heading = Array("___SANDBOXED_JS_FOR_WEB_TEMPLATE___".utf8)
            guard let start = firstOffset(of: heading, in: bytes, from: 0) else { return nil }
            let bodyStart = start + heading.count
            let end = firstOffset(of: Array("\n___".utf8), in: bytes, from: bodyStart) ?? bytes.count
            let call = Array("require(".utf8)
            var apis = Set<String>()
            var position = bodyStart
            while let open = offset(of: UInt8(ascii: "("), in: bytes, from: position, to: end) {
                position = open + 1
                // require ( quote name quote ), all before the end of the section
                let callStart = open + 1 - call.count
                guard callStart >= bodyStart, matches(call, in: bytes, at: callStart), open + 1 < end else { continue }
                let quote = bytes[open + 1]
                guard quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""),
                      let close = offset(of: quote, in: bytes, from: open + 2, to: end),
                      close + 1 < end, bytes[close + 1] == UInt8(ascii: ")")
                else { continue }
                apis.insert(String(decoding: bytes[(open + 2)..<close].map(lowercased), as: UTF8.self))
            }
            return apis
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte }

    /// Whether `needle` occurs at `offset`, ignoring ASCII case.
    private static func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset >= 0, bytes.count - offset >= needle.count else { return false }
        for i in needle.indices where lowercased(bytes[offset + i]) != lowercased(needle[i]) { return false }
        return true
    }

    /// The first offset of `byte` in `bytes[start..<end]`.
    private static func offset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = bytes.baseAddress, let hit = memchr(base + start, Int32(byte), end - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The first offset of `needle` at or after `start`, ignoring ASCII case. Its first byte must not
    /// be a letter (it is found with `memchr`).
    private static func firstOffset(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        precondition(!isLetter(needle[0]))
        var position = start
        while let candidate = offset(of: needle[0], in: bytes, from: position, to: bytes.count) {
            if matches(needle, in: bytes, at: candidate) { return candidate }
            position = candidate + 1
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { lowercased(byte) &- UInt8(ascii: "a") < 26 }
}
