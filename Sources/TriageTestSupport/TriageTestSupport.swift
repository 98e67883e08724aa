/// Test doubles and fixtures shared by tests, benchmarks and the `mock-anthropic` demo server.
///
/// - `LoopbackServer`: a FlyingFox server on 127.0.0.1 with an ephemeral port.
/// - `MockAnthropicServer`: a faithful fake of the Anthropic API with scripted faults.
public enum TriageTestSupport {}
