import GTMModel
import LosslessJSON

/// Each scenario step as the events GTM would see.
extension SimulationRun {
    /// Most timer events one `wait` step produces (a 1 ms timer over an hour would be 3.6 million).
    static let maximumTimerEventsPerWait = 1000

    mutating func perform(_ step: ScenarioStep, at index: Int) {
        switch step {
        case .pageLoad(let load): loadPage(load, step: index)
        case .push(let data):
            if let name = data["event"]?.stringValue {
                emit(name, kind: .custom, step: index, push: data)
            } else {
                page?.model.push(data)
            }
        case .click(let element): click(element, step: index)
        case .formSubmit(let form):
            guard prepared.listenedKinds.contains(.formSubmission) else {
                return skip(index, "no form submission trigger listens, so GTM pushes no gtm.formSubmit")
            }
            var form = form
            form.url = form.url ?? page?.url.href
            emit("gtm.formSubmit", kind: .formSubmit, step: index, push: SimulationRun.elementPush("gtm.formSubmit", form), element: form)
        case .historyChange(let change): changeHistory(change, step: index)
        case .wait(let milliseconds): wait(milliseconds, step: index)
        case .consentDefault(let values):
            consent = consent.applying(values.filter { !updatedConsentTypes.contains($0.key) })
            recordConsent(.consentDefault, step: index)
        case .consentUpdate(let values):
            consent = consent.applying(values)
            updatedConsentTypes.formUnion(values.keys)
            recordConsent(.consentUpdate, step: index)
        case .pageState(let state):
            cookies.merge(state.cookies) { _, new in new }
            if page != nil {
                page?.cookies = cookies
                for member in state.globals.members { page?.globals[member.key] = member.value }
            } else {
                for member in state.globals.members { pendingGlobals[member.key] = member.value }
            }
        }
    }

    // MARK: - Page loads

    private mutating func loadPage(_ load: ScenarioStep.PageLoad, step: Int) {
        cookies.merge(load.cookies) { _, new in new }
        var globals = pendingGlobals
        pendingGlobals = JSONObject()
        for member in load.globals.members { globals[member.key] = member.value }
        page = PageContext(url: PageURL(load.url), referrer: load.referrer, title: load.title, cookies: cookies, globals: globals,
                           model: DataLayerModel(), lastElement: nil)
        triggerState = TriggerMatcher.PageState()
        tagState = TagFiring.PageState()
        clock = 0
        timers = []
        emit("gtm.init_consent", kind: .consentInitialization, step: step, push: SimulationRun.push(["event": "gtm.init_consent"]))
        emit("gtm.init", kind: .initialization, step: step, push: SimulationRun.push(["event": "gtm.init"]))
        for push in load.dataLayer {
            if let name = push["event"]?.stringValue { emit(name, kind: .custom, step: step, push: push) } else { page?.model.push(push) }
        }
        emit("gtm.js", kind: .pageView, step: step, push: SimulationRun.push(["gtm.start": 0, "event": "gtm.js"]))
        startTimers(step: step)
        emit("gtm.dom", kind: .domReady, step: step, push: SimulationRun.push(["event": "gtm.dom"]))
        emit("gtm.load", kind: .windowLoaded, step: step, push: SimulationRun.push(["event": "gtm.load"]))
    }

    /// Starts a timer for each timer trigger, with its interval and limit resolved on the page.
    private mutating func startTimers(step: Int) {
        guard let variables = evaluator(for: .pageView, name: "gtm.js", step: step) else { return }
        for index in prepared.usedTriggers where prepared.triggerKinds[index] == .timer {
            let trigger = prepared.container.triggers[index]
            let interval = variables.resolve(trigger.parameters.value("interval") ?? "").javaScriptNumber
            guard interval.isFinite, interval >= 1 else { continue }
            let limit = variables.resolve(trigger.parameters.value("limit") ?? "").javaScriptNumber
            timers.append(RunningTimer(triggerId: trigger.id, eventName: trigger.parameters.value("eventName") ?? "gtm.timer",
                                       interval: Int(interval), limit: limit.isFinite && limit >= 1 ? Int(limit) : nil))
        }
    }

    // MARK: - Auto events

    private mutating func click(_ element: ScenarioElement, step: Int) {
        var any = false
        if prepared.listenedKinds.contains(.click) {
            emit("gtm.click", kind: .click, step: step, push: SimulationRun.elementPush("gtm.click", element), element: element)
            any = true
        }
        if prepared.listenedKinds.contains(.linkClick), let link = element.enclosingLink {
            emit("gtm.linkClick", kind: .linkClick, step: step, push: SimulationRun.elementPush("gtm.linkClick", link), element: link)
            any = true
        }
        if !any {
            skip(step, prepared.listenedKinds.contains(.linkClick)
                ? "the clicked \(element.label) is not a link and no All Elements click trigger listens"
                : "no click trigger listens, so GTM pushes no click event")
        }
    }

    /// An object literal as a push.
    static func push(_ value: JSONValue) -> JSONObject { value.objectValue ?? JSONObject() }

    /// The keys GTM's click and form listeners push (`gtm.elementId`, …).
    static func elementPush(_ event: String, _ element: ScenarioElement) -> JSONObject {
        JSONObject([
            .init(key: "event", value: .string(event)),
            .init(key: "gtm.elementClasses", value: .string(element.className)),
            .init(key: "gtm.elementId", value: .string(element.id)),
            .init(key: "gtm.elementTarget", value: .string(element.target)),
            .init(key: "gtm.elementUrl", value: .string(element.url ?? "")),
        ])
    }

    private mutating func changeHistory(_ change: ScenarioStep.HistoryChange, step: Int) {
        guard let old = page?.url else { return }
        let new = old.resolving(change.url)
        page?.url = new
        guard prepared.listenedKinds.contains(.historyChange) else {
            return skip(step, "no history change trigger listens, so GTM pushes no gtm.historyChange-v2 (the page address changed)")
        }
        let data = JSONObject([
            .init(key: "event", value: "gtm.historyChange-v2"),
            .init(key: "gtm.historyChangeSource", value: .string(change.source)),
            .init(key: "gtm.oldUrl", value: .string(old.href)),
            .init(key: "gtm.newUrl", value: .string(new.href)),
            .init(key: "gtm.oldUrlFragment", value: .string(change.oldFragment ?? old.fragment)),
            .init(key: "gtm.newUrlFragment", value: .string(change.newFragment ?? new.fragment)),
            .init(key: "gtm.oldHistoryState", value: change.oldState),
            .init(key: "gtm.newHistoryState", value: change.newState),
        ])
        emit("gtm.historyChange-v2", kind: .historyChange, step: step, push: data)
    }

    /// Advances the page clock, firing every timer interval that elapses, in time order (ties in
    /// container order).
    private mutating func wait(_ milliseconds: Int, step: Int) {
        guard page != nil else { return }
        let end = clock + milliseconds
        guard !timers.isEmpty else {
            clock = end
            return skip(step, "no timer trigger runs on this page")
        }
        var due: [(time: Int, timer: Int)] = []
        for (index, timer) in timers.enumerated() {
            var count = timer.count
            var time = (count + 1) * timer.interval
            while time <= end, timer.limit.map({ count < $0 }) ?? true, due.count < SimulationRun.maximumTimerEventsPerWait * 2 {
                count += 1
                due.append((time, index))
                time = (count + 1) * timer.interval
            }
        }
        due.sort { $0.time != $1.time ? $0.time < $1.time : $0.timer < $1.timer }
        for (time, index) in due.prefix(SimulationRun.maximumTimerEventsPerWait) {
            timers[index].count += 1
            let timer = timers[index]
            let data: JSONObject = JSONObject([
                .init(key: "event", value: .string(timer.eventName)),
                .init(key: "gtm.timerId", value: .string(timer.triggerId)),
                .init(key: "gtm.timerEventNumber", value: .number(JSONNumber(timer.count))),
                .init(key: "gtm.timerInterval", value: .number(JSONNumber(timer.interval))),
                .init(key: "gtm.timerLimit", value: timer.limit.map { .number(JSONNumber($0)) } ?? .null),
                .init(key: "gtm.timerStartTime", value: 0),
                .init(key: "gtm.timerCurrentTime", value: .number(JSONNumber(time))),
                .init(key: "gtm.timerElapsedTime", value: .number(JSONNumber(time))),
                .init(key: "gtm.triggers", value: .string(timer.triggerId)),
            ])
            emit(timer.eventName, kind: .timer, step: step, push: data, timerTriggerId: timer.triggerId)
        }
        clock = end
    }
}
