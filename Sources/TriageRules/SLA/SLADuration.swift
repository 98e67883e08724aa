import Foundation

/// Reading the durations and hour ranges SLA settings are written in.
public enum SLADuration {
    /// Seconds in `30m`, `4h`, `1h30m`, `2d`, `90s`, or a plain number of hours; `nil` otherwise.
    public static func seconds(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let hours = Double(trimmed) { return hours * 3600 }
        var total: TimeInterval = 0
        var digits = ""
        for character in trimmed {
            if character.isNumber || character == "." {
                digits.append(character)
                continue
            }
            guard let amount = Double(digits) else { return nil }
            switch character {
            case "d": total += amount * 86_400
            case "h": total += amount * 3600
            case "m": total += amount * 60
            case "s": total += amount
            default: return nil
            }
            digits = ""
        }
        return digits.isEmpty && !trimmed.isEmpty ? total : nil
    }

    /// Minutes after midnight of `"09:00-17:30"`; the end may be `24:00`.
    public static func hoursRange(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = minutes(parts[0]), let end = minutes(parts[1]), start < end else { return nil }
        return (start, end)
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 1440 else { return nil }
        return hour * 60 + minute
    }
}
