import Foundation

/// English, locale-independent date labels for digests.
enum CalendarText {
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// `2026-03-29` → (weekday index 0 = Sunday, day, month index 0 = January, year); `nil` if malformed.
    static func parts(of date: String) -> (weekday: Int, day: Int, month: Int, year: Int)? {
        let fields = date.split(separator: "-").compactMap { Int($0) }
        guard fields.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let instant = calendar.date(from: DateComponents(year: fields[0], month: fields[1], day: fields[2], hour: 12))
        else { return nil }
        return (calendar.component(.weekday, from: instant) - 1, fields[2], fields[1] - 1, fields[0])
    }

    /// `Sunday 29 March 2026`.
    static func long(_ date: String) -> String {
        guard let p = parts(of: date), months.indices.contains(p.month) else { return date }
        return "\(weekdays[p.weekday]) \(p.day) \(months[p.month]) \(p.year)"
    }

    /// `Sun 29`.
    static func short(_ date: String) -> String {
        guard let p = parts(of: date) else { return date }
        return "\(weekdays[p.weekday].prefix(3)) \(p.day)"
    }

    /// An instant as local `YYYY-MM-DD HH:mm` in `timeZone`.
    static func localTime(_ instant: Date, timeZone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// An instant as local `25 Nov 09:00` in `timeZone` (no year: digests speak of the days around their own).
    static func dayAndTime(_ instant: Date, timeZone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? calendar.timeZone
        let c = calendar.dateComponents([.month, .day, .hour, .minute], from: instant)
        let month = months.indices.contains((c.month ?? 1) - 1) ? months[(c.month ?? 1) - 1].prefix(3) : "?"
        return String(format: "%d %@ %02d:%02d", c.day ?? 0, String(month), c.hour ?? 0, c.minute ?? 0)
    }
}
