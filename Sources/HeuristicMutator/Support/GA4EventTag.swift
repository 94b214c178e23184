import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// A new GA4 event tag for an event the container does not send yet, into the GA4 property the
/// container already uses, on the custom-event trigger for the event (an existing one, or a new
/// `{{_event}} equals event` trigger).
enum GA4EventTag {
    /// GA4 ecommerce events: the tag reads their fields from the data layer's ecommerce object.
    static let ecommerceEvents: Set<String> = ["purchase", "refund", "add_to_cart", "remove_from_cart", "begin_checkout", "add_payment_info",
                                               "add_shipping_info", "view_item", "view_cart", "view_item_list", "select_item"]

    static func proposals(sending event: String, why: String, in context: FixContext) -> [FixProposal] {
        guard context.judge.acceptsGA4EventName(event), var measurement = MeasurementIds.ga4Source(in: context) else { return [] }
        var operations: [JSONPatch.Operation] = []
        var room = context.maxEntities - 1
        let separator = context.naming.separator

        // The trigger: one that fires on exactly this event, else a new one.
        var trigger = existingTrigger(for: event, in: context)
        var newTrigger: (name: String, label: String)?
        if trigger == nil {
            guard room >= 1, let name = context.names.unique("CE\(separator)\(event)", kind: .trigger, accepts: { context.judge.acceptsTrigger($0, type: "CUSTOM_EVENT") })
            else { return [] }
            newTrigger = (name, "new-2")
            trigger = "new-2"
            room -= 1
        }
        guard let trigger, let tagName = context.names.unique(["GA4", "Event", event].joined(separator: separator), kind: .tag, accepts: context.judge.acceptsTag)
        else { return [] }

        let pick: FolderDirectory.Pick = context.folders.vendorFolder(for: .ga4).map { .existing(id: $0) } ?? .new(name: "GA4")
        let placement = context.placementForNewEntity(pick, label: "new-3", room: room)
        if placement?.createsFolder == true { room -= 1 }
        operations += placement?.operations ?? []

        // A literal id pasted into one more tag is a finding of its own: read it from a constant.
        if !measurement.contains("{{") {
            if let constant = MeasurementIds.constant(holding: measurement, in: context) {
                measurement = GTMJSON.reference(constant.name)
            } else if room >= 1, let name = context.names.unique("Const\(separator)GA4 Measurement ID", kind: .variable, accepts: { context.judge.acceptsVariable($0, type: "c") }) {
                operations.append(.add(path: PatchPath.new(.variable), value: NewEntities.constant(label: "new-4", name: name, value: measurement, folder: placement?.folderId)))
                measurement = GTMJSON.reference(name)
            }
        }
        if let newTrigger {
            operations.append(.add(path: PatchPath.new(.trigger), value: NewEntities.customEventTrigger(label: newTrigger.label, name: newTrigger.name, event: event, folder: placement?.folderId)))
        }
        var parameters = [GTMJSON.template("eventName", event), GTMJSON.template("measurementIdOverride", measurement)]
        if ecommerceEvents.contains(event) {
            parameters += [GTMJSON.boolean("sendEcommerceData", true), GTMJSON.template("getEcommerceDataFrom", "dataLayer")]
        }
        let tag = NewEntities.tag(label: "new-1", name: tagName, type: "gaawe", parameters: parameters, firing: [trigger],
                                  consent: ConsentChoice.target(for: .ga4, in: context.analysis), folder: placement?.folderId)
        operations.append(.add(path: PatchPath.new(.tag), value: tag))
        let on = newTrigger.map { "a new trigger \"\($0.name)\"" } ?? "its existing trigger"
        return [FixProposal(operations, "Add GA4 event tag \"\(tagName)\" sending \(event) on \(on) to the container's GA4 property: \(why).")]
    }

    /// A custom-event trigger that fires on exactly `event`.
    static func existingTrigger(for event: String, in context: FixContext) -> String? {
        let analysis = context.analysis
        return context.container.triggers.indices.first { i in
            context.container.triggers[i].isCustomEvent && !analysis.triggerEvents[i].isOpenEnded && analysis.triggerEvents[i].names == [event]
        }.map { context.container.triggers[$0].id }
    }
}
