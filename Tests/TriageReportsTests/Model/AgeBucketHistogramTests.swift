import Foundation
import Testing
import TriageReports

@Suite("Age buckets")
struct AgeBucketHistogramTests {
    @Test func histogramUsesHalfOpenBucketsAndAnOpenEnd() {
        let now = DigestFixture.instant("2026-03-30T04:00:00Z")
        let hoursAgo = { (hours: Double) in now.addingTimeInterval(-hours * 3600) }
        let opened = [hoursAgo(0), hoursAgo(23.9), hoursAgo(24), hoursAgo(100), hoursAgo(168), hoursAgo(5_000),
                      now.addingTimeInterval(60)]
        let buckets = AgeBucket.histogram(openedAt: opened, at: now)
        #expect(buckets.map(\.label) == AgeBucket.standardBounds.map(\.label))
        #expect(buckets.map(\.count) == [3, 1, 1, 1, 1])
        #expect(buckets.last?.maximumHours == nil)
    }

    @Test func histogramDropsAgesBeyondBoundedBuckets() {
        let now = DigestFixture.instant("2026-03-30T04:00:00Z")
        let buckets = AgeBucket.histogram(openedAt: [now.addingTimeInterval(-7_200), now.addingTimeInterval(-90_000)],
                                          at: now, bounds: [("today", 0, 24)])
        #expect(buckets.map(\.count) == [1])
    }
}
