import ArgumentParser
import Foundation
import TriageClassify
import TriageModel

/// `triage-bench local`: trains the local model on synthetic labelled tickets and measures speed and accuracy.
struct LocalModelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local",
        abstract: "Local model: training time, classification rate and held-out accuracy on synthetic tickets.",
        discussion: "Example: swift run -c release triage-bench local --tickets 100000")

    @Option(help: "Number of synthetic tickets to generate.")
    var tickets = 100_000

    @Option(help: "Share of tickets held out for evaluation.")
    var testFraction = 0.1

    @Option(help: "Seed of the generator and the model.")
    var seed: UInt64 = 1

    @Option(help: "log2 of the number of feature buckets.")
    var hashBits = 18

    @Option(help: "Tickets classified through the full LocalClassifier (summary, language, heuristics) for its rate.")
    var fullPipelineSample = 20_000

    func run() throws {
        var clock = ContinuousClock.now
        var cpuClock = Self.cpuSeconds()
        var cpu = 0.0
        /// Wall-clock seconds since the previous lap; `cpu` gets the process CPU seconds (all threads) of the lap,
        /// which stays meaningful when other processes share the cores.
        func lap() -> Double {
            let now = ContinuousClock.now
            let seconds = Double((now - clock).components.attoseconds) / 1e18 + Double((now - clock).components.seconds)
            clock = now
            let cpuNow = Self.cpuSeconds()
            cpu = cpuNow - cpuClock
            cpuClock = cpuNow
            return seconds
        }
        let generator = SyntheticTickets(seed: seed)
        let all = (0..<tickets).map { generator.ticket($0) }
        let bytes = all.reduce(0) { $0 + $1.subject.utf8.count + $1.body.utf8.count }
        print("generated \(all.count) tickets, mean \(bytes / max(all.count, 1)) bytes, in \(format(lap())) s")

        let (train, test) = Evaluation.split(all, testFraction: testFraction, seed: seed, id: \.id, label: \.department)
        _ = lap()
        let model = try LocalModelTrainer.train(
            examples: train, options: .init(hasher: FeatureHasher(hashBits: hashBits), seed: seed))
        let trainSeconds = lap()
        print("trained on \(train.count) tickets in \(format(trainSeconds)) s wall, \(format(cpu)) s CPU "
            + "(\(Int(Double(train.count) / trainSeconds)) tickets/s, temperature \(format(model.metadata.temperature)), "
            + "calibration \(model.metadata.calibration))")

        let predictions = test.map { ticket in
            let prediction = model.predict(subject: ticket.subject, body: ticket.body)
            return Prediction(id: ticket.id, truth: ticket.department, predicted: prediction.department,
                              confidence: prediction.confidence)
        }
        let predictSeconds = lap()
        print("model.predict: \(test.count) tickets in \(format(predictSeconds)) s wall = "
            + "\(Int(Double(test.count) / predictSeconds)) tickets/s (one thread); \(format(cpu)) s CPU = "
            + "\(Int(Double(test.count) / cpu)) tickets per CPU-second")

        let classifier = LocalClassifier(model: model)
        let sample = all.prefix(fullPipelineSample)
        var needsHuman = 0
        for ticket in sample where classifier.result(subject: ticket.subject, body: ticket.body).needsHuman { needsHuman += 1 }
        let fullSeconds = lap()
        print("LocalClassifier.result (department, priority, sentiment, language, summary): \(sample.count) tickets in "
            + "\(format(fullSeconds)) s wall = \(Int(Double(sample.count) / fullSeconds)) tickets/s (one thread); "
            + "\(format(cpu)) s CPU = \(Int(Double(sample.count) / cpu)) tickets per CPU-second; "
            + "\(needsHuman) need a human")

        let encoded = try model.encoded()
        _ = lap()
        let decoded = try LocalModel(decoding: encoded)
        print("model file \(encoded.count / 1024) KiB, decoded in \(format(lap())) s, labels \(decoded.labels.count)")
        print("")
        print(Evaluation.report(predictions: predictions, labels: model.labels).renderText())
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }

    /// User plus system CPU time of the process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}

/// Deterministic synthetic tickets (~1 KB): a greeting, sentences mixing common words with the department's
/// vocabulary, some vocabulary of another department (so the task is not trivially separable), and a sign-off.
struct SyntheticTickets: Sendable {
    let seed: UInt64

    static let departments: [(name: String, words: [String])] = [
        ("Billing", "invoice charge charged refund payment card subscription billing price plan renewal receipt vat credit overcharged amount bank statement duplicate discount annual monthly fee cancel downgrade tax euro dollars paid".split(separator: " ").map(String.init)),
        ("Technical Support", "error crash crashes bug app server timeout slow sync integration api webhook export upload freeze loading page browser update version install plugin database failed broken logs response request".split(separator: " ").map(String.init)),
        ("Account & Access", "password login log reset account two-factor 2fa authentication locked unlock username email profile sso session admin user access permissions invite sign verification code recovery deactivate settings".split(separator: " ").map(String.init)),
        ("Shipping & Returns", "order delivery delivered package parcel tracking courier shipping return exchange label damaged missing item address box shipment warehouse dispatch replacement size refund arrived carrier pickup".split(separator: " ").map(String.init)),
        ("Sales", "quote pricing enterprise seats licenses demo trial purchase contract procurement volume discount upgrade business partnership reseller offer budget team buy evaluate proposal annual questionnaire".split(separator: " ").map(String.init)),
        ("Product Feedback", "feature request suggestion idea love dark mode layout redesign shortcut calendar view option customize improve wish would nice great design usability feedback template dashboard".split(separator: " ").map(String.init)),
        ("Security & Abuse", "phishing hacked suspicious fraud spam abuse vulnerability breach attacker stolen unauthorized compromised scam impersonation malware report leak exploit harassment credentials security block".split(separator: " ").map(String.init)),
        ("General Inquiry", "office hours press journalist interview headquarters located company jobs internship sustainability sponsor event newsletter history question general information contact address holiday statistics".split(separator: " ").map(String.init)),
    ]

    static let common = "the a to and of i my we our is it this that for on in with have has was not can you your please since after before when what how why could would there be been just still again also but so because today yesterday morning week last time help thanks hello team support customer issue problem need want know see get make use using one all some any more other new here now".split(separator: " ").map(String.init)

    static let greetings = ["Hello,", "Hi team,", "Dear support,", "Good morning,", "Hallo,", "Bonjour,", "Hola,"]
    static let signoffs = ["Kind regards, Anna", "Thanks, Jürgen", "Best, María", "Cheers, Tom", "Merci, Hélène", "Regards, Piotr"]

    func ticket(_ index: Int) -> LabeledText {
        var random = SplitMix64(state: StableHash.mix(seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        let label = Int(random.next() % UInt64(Self.departments.count))
        let other = (label + 1 + Int(random.next() % UInt64(Self.departments.count - 1))) % Self.departments.count
        let own = Self.departments[label].words
        let confuser = Self.departments[other].words
        func word() -> String {
            let roll = random.next() % 100
            if roll < 62 { return Self.common[Int(random.next() % UInt64(Self.common.count))] }
            if roll < 87 { return own[Int(random.next() % UInt64(own.count))] }
            return confuser[Int(random.next() % UInt64(confuser.count))]
        }
        let subject = (0..<(3 + Int(random.next() % 4))).map { _ in word() }.joined(separator: " ").capitalized
        var body = Self.greetings[Int(random.next() % UInt64(Self.greetings.count))] + "\n"
        while body.utf8.count < 900 {
            let length = 8 + Int(random.next() % 12)
            let sentence = (0..<length).map { _ in word() }.joined(separator: " ")
            body += sentence.prefix(1).uppercased() + sentence.dropFirst() + (random.next() % 5 == 0 ? "! " : ". ")
        }
        body += "\n" + Self.signoffs[Int(random.next() % UInt64(Self.signoffs.count))]
        return LabeledText(id: "synthetic-\(index)", subject: subject, body: body, department: Self.departments[label].name)
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
