import GTMModel

/// The container's folders by what they hold, and where an entity belongs: the folder of its
/// vendor (one whose live tags all send to that destination, or one named for it), the folder its
/// users share, or a purpose folder.
struct FolderDirectory {
    /// Where an entity should go: an existing folder, or a new one with this name.
    enum Pick: Equatable {
        case existing(id: String)
        case new(name: String)
    }

    private struct Info {
        var id: String
        var words: String
        /// Destinations of the live tags inside (unknown vendors left out, as the folder rules do).
        var destinations: Set<Destination> = []
        var members = 0
    }

    private let infos: [Info]
    private let analysis: ContainerAnalysis

    init(_ analysis: ContainerAnalysis) {
        self.analysis = analysis
        let container = analysis.container
        var infos = container.folders.map { Info(id: $0.id, words: FolderDirectory.words($0.name)) }
        var index: [String: Int] = [:]
        for (i, info) in infos.enumerated() where index[info.id] == nil { index[info.id] = i }
        for (i, tag) in container.tags.enumerated() {
            guard let folder = tag.parentFolderId, let f = index[folder] else { continue }
            infos[f].members += 1
            if analysis.isLive[i], let d = analysis.tagProfiles[i].destination, d != .otherVendor { infos[f].destinations.insert(d) }
        }
        for (folder, members) in analysis.graph.folderMembers {
            guard let f = index[folder] else { continue }
            infos[f].members = max(infos[f].members, members.count)
        }
        self.infos = infos
    }

    /// ` google ads conversions `: lower-case words between spaces, for whole-word matching.
    private static func words(_ name: String) -> String {
        " " + name.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: " ") + " "
    }

    /// Names people give a vendor's folder.
    private static func aliases(_ destination: Destination) -> [String] {
        let extra: [String] = switch destination {
        case .ga4: ["ga4", "google analytics 4", "google analytics", "analytics"]
        case .googleAds: ["google ads", "adwords", "gads", "ads"]
        case .meta: ["meta", "facebook", "fb"]
        case .floodlight: ["floodlight", "campaign manager", "dv360"]
        case .twitter: ["twitter", "x"]
        case .microsoftAds: ["microsoft ads", "bing"]
        default: []
        }
        return [destination.displayName.lowercased()] + extra
    }

    /// The folder of `destination`'s tags: a folder whose live tags all send there (the fullest),
    /// else one named for it that holds no other vendor's tags.
    func vendorFolder(for destination: Destination) -> String? {
        let exact = infos.filter { $0.destinations == [destination] }
        if let best = exact.max(by: { $0.members < $1.members }) { return best.id }
        for alias in FolderDirectory.aliases(destination) {
            let needle = FolderDirectory.words(alias)
            if let match = infos.first(where: { $0.words.contains(needle) && $0.destinations.isSubset(of: [destination]) }) { return match.id }
        }
        return nil
    }

    /// A folder whose name is one of `names` (whole words), or nil.
    func folder(named names: [String]) -> String? {
        for name in names {
            let needle = FolderDirectory.words(name)
            if let match = infos.first(where: { $0.words == needle || ($0.words.contains(needle) && $0.destinations.isEmpty) }) { return match.id }
        }
        return nil
    }

    /// Where tag `index` belongs.
    func pick(forTag index: Int) -> Pick {
        let profile = analysis.tagProfiles[index]
        if let destination = profile.destination, destination != .otherVendor {
            if let id = vendorFolder(for: destination) { return .existing(id: id) }
            return .new(name: destination.displayName)
        }
        switch profile.role {
        case .consentDefault, .consentUpdate:
            return purposeFolder(["Consent", "CMP", "Consent Mode"])
        case .utility:
            return purposeFolder(["Utilities", "Utility", "Helpers", "Listeners"])
        default:
            return purposeFolder(["Other Vendors", "Other Vendor", "Vendors"])
        }
    }

    /// Where an entity used by these tags (and living with these folders) belongs: the one folder
    /// its users share, else its users' vendor folder, else the purpose folder `fallback`.
    func pick(usedBy tags: [Int], folders: [String?], fallback: [String]) -> Pick {
        let existing = Set(folders.compactMap { $0 }).filter { id in infos.contains { $0.id == id } }
        if existing.count == 1, folders.allSatisfy({ $0 != nil }), let only = existing.first { return .existing(id: only) }
        let destinations = Set(tags.compactMap { analysis.tagProfiles[$0].destination }.filter { $0 != .otherVendor })
        if destinations.count == 1, let destination = destinations.first {
            if let id = vendorFolder(for: destination) { return .existing(id: id) }
            return .new(name: destination.displayName)
        }
        return purposeFolder(fallback)
    }

    /// The purpose folder named by one of `names`, or a new one with the first name.
    func purposeFolder(_ names: [String]) -> Pick {
        if let id = folder(named: names) { return .existing(id: id) }
        return .new(name: names[0])
    }
}
