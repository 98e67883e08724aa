import Foundation
import TriageModel
import Yams

extension RuleFileParser {
    /// `sla: {targets: {urgent: {first_response: 1h, next_response: 4h}, ...}, business_hours: {...}, at_risk: 0.75}`
    mutating func parseSLA(_ node: Node) -> SLAPolicy? {
        guard let fields = node.mapping else {
            error(node, "`sla` is a mapping with targets (and optionally business_hours, at_risk)")
            return nil
        }
        var policy = SLAPolicy(targets: [:])
        for (key, value) in fields {
            switch key.string {
            case "targets":
                policy.targets = parseTargets(value)
            case "business_hours":
                policy.businessHours = parseBusinessHours(value)
            case "at_risk":
                if let fraction = value.float, (0...1).contains(fraction), value.scalar?.style == .plain {
                    policy.atRiskFraction = fraction
                } else {
                    error(value, "`at_risk` is the fraction of a target after which a ticket is at risk, 0 to 1 (e.g. 0.75)")
                }
            default:
                error(key, "unknown key '\(key.string ?? "?")' in `sla`; expected targets, business_hours, at_risk")
            }
        }
        return policy
    }

    private mutating func parseTargets(_ node: Node) -> [Priority: SLAPolicy.Targets] {
        guard let fields = node.mapping else {
            error(node, "`targets` maps priorities to {first_response: DURATION, next_response: DURATION}")
            return [:]
        }
        var targets: [Priority: SLAPolicy.Targets] = [:]
        for (key, value) in fields {
            guard let priority = key.string.flatMap(Priority.init(rawValue:)) else {
                error(key, "'\(key.string ?? "?")' is not a priority; expected urgent, high, normal or low")
                continue
            }
            guard let clocks = value.mapping else {
                error(value, "give `\(priority.rawValue)` first_response and/or next_response durations")
                continue
            }
            var target = SLAPolicy.Targets()
            for (clockKey, durationNode) in clocks {
                let seconds = duration(durationNode)
                switch clockKey.string {
                case "first_response": target.firstResponse = seconds
                case "next_response": target.nextResponse = seconds
                default: error(clockKey, "unknown SLA clock '\(clockKey.string ?? "?")'; expected first_response, next_response")
                }
            }
            targets[priority] = target
        }
        return targets
    }

    /// `30m`, `4h`, `1h30m`, `2d` (48 hours), or a plain number of hours.
    private mutating func duration(_ node: Node) -> TimeInterval? {
        guard let text = scalarString(node), let seconds = SLADuration.seconds(text), seconds > 0 else {
            error(node, "a duration is like 30m, 4h, 1h30m or 2d (d = 24 hours of the clock the SLA uses)")
            return nil
        }
        return seconds
    }

    private static let weekdayNames = ["sun": 1, "mon": 2, "tue": 3, "wed": 4, "thu": 5, "fri": 6, "sat": 7]

    private mutating func parseBusinessHours(_ node: Node) -> BusinessHours? {
        guard let fields = node.mapping else {
            error(node, "`business_hours` takes time_zone, weekdays, hours and holidays")
            return nil
        }
        var zone: TimeZone?
        var weekdays: Set<Int> = [2, 3, 4, 5, 6]
        var dailyWindows = [BusinessHours.Window(opens: 9 * 60, closes: 17 * 60)]
        var perWeekday: [Int: [BusinessHours.Window]]?
        var holidays: Set<BusinessHours.Day> = []
        for (key, value) in fields {
            switch key.string {
            case "time_zone":
                zone = scalarString(value).flatMap(TimeZone.init(identifier:))
                if zone == nil { error(value, "unknown time zone; use an IANA name like Europe/Berlin or America/New_York") }
            case "weekdays":
                let names = value.sequence.map { $0.compactMap(scalarString) } ?? []
                let days = names.compactMap { Self.weekdayNames[String($0.lowercased().prefix(3))] }
                if days.isEmpty || days.count != names.count || days.count != value.sequence?.count {
                    error(value, "`weekdays` is a list like [mon, tue, wed, thu, fri]")
                } else {
                    weekdays = Set(days)
                }
            case "hours":
                if let days = value.mapping {
                    // {mon-fri: "09:00-17:00", sat: "10:00-14:00"}: the days named are open, the others closed.
                    var schedule: [Int: [BusinessHours.Window]] = [:]
                    for (dayKey, windows) in days {
                        guard let spec = scalarString(dayKey), let named = Self.weekdaySet(spec) else {
                            error(dayKey, "a weekday or a range of them, like mon, sat or mon-fri")
                            continue
                        }
                        guard let parsed = parseWindows(windows) else { continue }
                        for day in named {
                            if schedule[day] != nil { error(dayKey, "\(spec) names a weekday that already has hours") }
                            schedule[day] = parsed
                        }
                    }
                    if fields["weekdays"] != nil {
                        error(value, "with hours per weekday, leave out `weekdays`: the days named in `hours` are the open ones")
                    }
                    perWeekday = schedule
                } else if let windows = parseWindows(value) {
                    dailyWindows = windows
                }
            case "holidays":
                for item in value.sequence.map(Array.init) ?? [] {
                    if let day = scalarString(item).flatMap(BusinessHours.Day.init) { holidays.insert(day) }
                    else { error(item, "a holiday is a local date YYYY-MM-DD") }
                }
                if value.sequence == nil { error(value, "`holidays` is a list of dates YYYY-MM-DD") }
            default:
                error(key, "unknown key '\(key.string ?? "?")' in `business_hours`; expected time_zone, weekdays, hours, holidays")
            }
        }
        guard let zone else {
            if fields["time_zone"] == nil { error(node, "`business_hours` needs a time_zone (IANA name, e.g. Europe/Berlin)") }
            return nil
        }
        let schedule = perWeekday ?? Dictionary(uniqueKeysWithValues: weekdays.map { ($0, dailyWindows) })
        return BusinessHours(timeZone: zone, schedule: schedule, holidays: holidays)
    }

    /// `"09:00-17:00"` or a list of such ranges (split shifts), sorted and not overlapping.
    private mutating func parseWindows(_ node: Node) -> [BusinessHours.Window]? {
        let items = node.sequence.map(Array.init) ?? [node]
        var windows: [BusinessHours.Window] = []
        for item in items {
            guard let (start, end) = scalarString(item).flatMap(SLADuration.hoursRange) else {
                error(item, "opening hours are a local range like \"09:00-17:00\" (end after start, up to 24:00), or a list of them")
                return nil
            }
            windows.append(BusinessHours.Window(opens: start, closes: end))
        }
        windows.sort { $0.opens < $1.opens }
        if windows.isEmpty {
            error(node, "opening hours need at least one range like \"09:00-17:00\"")
            return nil
        }
        for (earlier, later) in zip(windows, windows.dropFirst()) where later.opens < earlier.closes {
            error(node, "the opening ranges overlap; list them like [\"08:00-12:00\", \"13:00-17:00\"]")
            return nil
        }
        return windows
    }

    /// `mon`, `saturday`, `mon-fri` (a range wraps past Sunday: `fri-mon`) → Calendar weekday numbers.
    static func weekdaySet(_ spec: String) -> [Int]? {
        func day(_ text: Substring) -> Int? { weekdayNames[String(text.trimmingCharacters(in: .whitespaces).lowercased().prefix(3))] }
        let parts = spec.split(separator: "-")
        switch parts.count {
        case 1: return day(parts[0]).map { [$0] }
        case 2:
            guard let first = day(parts[0]), let last = day(parts[1]) else { return nil }
            var days = [first]
            var current = first
            while current != last {
                current = current % 7 + 1
                days.append(current)
            }
            return days
        default: return nil
        }
    }
}
