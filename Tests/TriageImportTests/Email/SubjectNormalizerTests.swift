import Testing
import TriageImport

@Suite struct SubjectNormalizerTests {
    @Test(arguments: [
        ("Re: Export fails", "export fails"),
        ("RE: re: Fwd: Export   fails", "export fails"),
        ("AW: WG: Export fails", "export fails"),
        ("SV: VS: Export fails", "export fails"),
        ("RE[2]: Export fails", "export fails"),
        ("Re^3: Export fails", "export fails"),
        ("[#4821] Export fails", "export fails"),
        ("Re: [#4821] RE: [EXTERNAL] Export fails", "export fails"),
        ("回复：Export fails", "export fails"),
        ("Réf. : Export fails", "export fails"),
        ("Export fails", "export fails"),
        ("Ratio: 3:1 fails", "ratio: 3:1 fails"),
        ("", ""),
    ])
    func normalizes(subject: String, expected: String) {
        #expect(SubjectNormalizer.normalize(subject) == expected)
    }
}
