import GTMModel
import Scoring

/// Names in the container's scheme, built from what an entity does (never invented): tags
/// `Platform - Type - Detail`, triggers `Type - Detail`, variables `Prefix - Detail`.
struct NameMaker {
    let context: FixContext
    private var separator: String { context.naming.separator }

    // MARK: - Tags

    /// Who receives a tag's data (`GA4`, `Meta`), or what the tag is for when it sends nothing.
    func platform(ofTag index: Int) -> String {
        let profile = context.analysis.tagProfiles[index]
        if let destination = profile.destination { return destination.displayName }
        switch profile.role {
        case .consentDefault, .consentUpdate: return "Consent"
        case .deprecated: return "Universal Analytics"
        default: return "Utility"
        }
    }

    /// The kind of tag (`Event`, `Conversion`, the template's name).
    func kind(ofTag tag: Tag) -> String {
        switch tag.type {
        case "gaawe": return "Event"
        case "googtag": return "Google Tag"
        case "gaawc": return "Config"
        case "awct": return "Conversion"
        case "sp": return "Remarketing"
        case "gclidw": return "Conversion Linker"
        case "awud": return "User Data"
        case "flc": return "Counter"
        case "fls": return "Sales"
        case "html": return "Custom HTML"
        case "img": return "Image"
        case "ua", "ga": return "Universal Analytics"
        default:
            if let template = context.graph.template(forType: tag.type, in: context.container) {
                let name = template.name.trimmed
                if !name.isEmpty, name.count <= 40, !name.contains(separator) { return name }
            }
            return tag.isCustomTemplate ? "Template" : tag.type
        }
    }

    /// What a tag is about: its events, else its trigger.
    func detail(ofTag index: Int) -> String {
        let events = context.analysis.tagEvents[index].names
        if !events.isEmpty { return events.prefix(3).joined(separator: ", ") }
        let tag = context.container.tags[index]
        if let first = tag.firingTriggerIds.first {
            return context.trigger(id: first)?.trigger.name ?? BuiltInTrigger.name(of: first)
        }
        return "Setup"
    }

    /// `Platform - Type - Detail` for tag `index`, from what it does.
    func describedTagName(_ index: Int) -> String {
        let tag = context.container.tags[index]
        return [platform(ofTag: index), kind(ofTag: tag), detail(ofTag: index)].joined(separator: separator)
    }

    /// The tag's name in the scheme, keeping as much of its current name as the scheme allows:
    /// `GA4 Event purchase` → `GA4 - Event purchase`, `purchase` → `GA4 - Event - purchase`.
    func conventionalTagName(_ index: Int) -> [String] {
        let tag = context.container.tags[index]
        let name = tag.name.trimmed
        let platform = platform(ofTag: index)
        var candidates: [String] = []
        if name.lowercased().hasPrefix(platform.lowercased()) {
            let rest = name.dropFirst(platform.count).drop { !($0.isLetter || $0.isNumber) }
            if !rest.isEmpty { candidates.append(platform + separator + rest) }
        }
        let kind = kind(ofTag: tag)
        // `Conversion Linker Tag` → `Google Ads - Conversion Linker Tag`: the name already says the kind.
        if !name.isEmpty, name.lowercased().contains(kind.lowercased()) { candidates.append(platform + separator + name) }
        if !name.isEmpty { candidates.append([platform, kind, name].joined(separator: separator)) }
        candidates.append(describedTagName(index))
        return candidates
    }

    // MARK: - Triggers

    /// The prefix of a trigger type (`CE`, `PV`, `Click`).
    static func prefix(ofTriggerType type: String) -> String {
        switch type.uppercased().filter({ $0 != "_" }) {
        case "CUSTOMEVENT": "CE"
        case "PAGEVIEW": "PV"
        case "DOMREADY": "DOM Ready"
        case "WINDOWLOADED": "Window Loaded"
        case "CLICK": "Click"
        case "LINKCLICK": "Link Click"
        case "FORMSUBMISSION": "Form"
        case "HISTORYCHANGE": "History"
        case "TIMER": "Timer"
        case "SCROLLDEPTH": "Scroll"
        case "YOUTUBEVIDEO": "YouTube"
        case "ELEMENTVISIBILITY": "Visibility"
        case "JSERROR": "JS Error"
        case "TRIGGERGROUP": "Group"
        case "INIT": "Init"
        case "CONSENTINIT": "Consent Init"
        case "ALWAYS": "Custom"
        default: "Trigger"
        }
    }

    /// What a trigger listens for: its events, else its name.
    func detail(ofTrigger index: Int) -> String {
        let events = context.analysis.triggerEvents[index]
        if !events.names.isEmpty, !events.isOpenEnded { return events.names.prefix(3).joined(separator: ", ") }
        let trigger = context.container.triggers[index]
        if let condition = (trigger.filters + trigger.customEventFilters).first, let right = condition.right?.trimmed, !right.isEmpty, right.count <= 40 {
            return right
        }
        return trigger.filters.isEmpty ? "All Pages" : "Filtered"
    }

    /// Candidate names in the scheme: the type prefix before the current name, then before what the trigger listens for.
    func conventionalTriggerName(_ index: Int) -> [String] {
        let trigger = context.container.triggers[index]
        let prefix = NameMaker.prefix(ofTriggerType: trigger.type)
        let name = trigger.name.trimmed
        var candidates: [String] = []
        if !name.isEmpty, name.lowercased() != prefix.lowercased() { candidates.append(prefix + separator + name) }
        candidates.append(prefix + separator + detail(ofTrigger: index))
        return candidates
    }

    // MARK: - Variables

    /// The preferred prefix of a variable type (the scorer's first spelling), or nil for types it does not judge.
    static func prefix(ofVariableType type: String) -> String? {
        switch type {
        case "v": "DLV"
        case "c": "Const"
        case "jsm": "CJS"
        case "u": "URL"
        case "k": "Cookie"
        case "smm": "LT"
        case "remm": "RegEx"
        case "aev": "AEV"
        case "d": "DOM"
        case "j": "JS"
        case "gas": "GAS"
        case "gtes", "gtcs": "GT"
        case "ed": "ED"
        case "rh": "RH"
        default: nil
        }
    }

    /// What a variable reads, from its settings.
    func detail(ofVariable variable: Variable) -> String {
        let key: String? = switch variable.type {
        case "v", "k", "j": variable.parameters.value("name")
        case "ed": variable.parameters.value("keyPath")
        case "rh": variable.parameters.value("headerName")
        case "u": variable.parameters.value("component").map { $0.lowercased() }
        case "aev": variable.parameters.value("varType").map { $0.lowercased() }
        default: nil
        }
        if let key = key?.trimmed, !key.isEmpty, !key.contains("{{") { return key }
        return "Value"
    }

    /// The prefix a variable needs: its type's, or its template's name.
    func prefix(ofVariable variable: Variable) -> String {
        if let prefix = NameMaker.prefix(ofVariableType: variable.type) { return prefix }
        if let template = context.graph.template(forType: variable.type, in: context.container) {
            let name = template.name.trimmed
            if !name.isEmpty, name.count <= 30, !name.contains(separator) { return name }
        }
        return "Variable"
    }

    /// Candidate names in the scheme: the prefix before the current name, then before what it reads.
    func conventionalVariableName(_ variable: Variable) -> [String] {
        let prefix = prefix(ofVariable: variable)
        let name = variable.name.trimmed
        var candidates: [String] = []
        if !name.isEmpty { candidates.append(prefix + separator + name) }
        candidates.append(prefix + separator + detail(ofVariable: variable))
        return candidates
    }

    // MARK: - Folders

    /// A folder named for what it holds: its live tags' vendor, else its entities' kind.
    func describedFolderName(_ id: String) -> String {
        let members = context.graph.folderMembers[id] ?? []
        var destinations: [Destination: Int] = [:]
        for member in members where member.kind == .tag {
            if let i = context.graph.tagIndexById[member.id], let d = context.analysis.tagProfiles[i].destination { destinations[d, default: 0] += 1 }
        }
        if let top = destinations.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) { return top.key.displayName }
        if members.allSatisfy({ $0.kind == .variable }), !members.isEmpty { return "Variables" }
        if members.allSatisfy({ $0.kind == .trigger }), !members.isEmpty { return "Triggers" }
        return "Shared"
    }
}
