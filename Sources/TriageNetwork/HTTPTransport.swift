/// The seam between the app and HTTP: see `HTTPTransport`.
public enum TriageNetworkModule {}
