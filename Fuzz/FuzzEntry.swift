// libFuzzer entry point for MailParser: parses arbitrary bytes and touches everything a caller would read.
// Built by Fuzz/run.sh together with Sources/MailParser/*.swift; not part of the package.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMailParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let message = MailMessage(parsing: bytes, limits: MailParseLimits(maxParts: 2_000))
    _ = message.subject
    _ = message.from
    _ = message.to
    _ = message.cc
    _ = message.date
    _ = message.messageID
    _ = message.references
    let content = message.content(keepingAttachmentBytesUpTo: 1024)
    _ = content.text?.count
    _ = content.html?.count
    for part in message.parts {
        _ = part.filename
        for field in part.headers { _ = EncodedWord.decode(field.value) }
    }
    _ = Uuencode.decodeFirstBlock(bytes)
    var reader = MboxSplitter()
    reader.append(bytes[...])
    while reader.next() != nil {}
    reader.finish()
    while reader.next() != nil {}
    return 0
}
