import Foundation
import HelpdeskAPI
import TriageNetwork
import Yams

/// The help desk accounts `triage sync` reads (`helpdesk:` in `triage.yml`), with the environment taking
/// precedence: `ZENDESK_BASE_URL`, `ZENDESK_EMAIL`, `ZENDESK_API_TOKEN` (or `ZENDESK_OAUTH_TOKEN`);
/// `FRESHDESK_BASE_URL`, `FRESHDESK_API_KEY`; `JSM_BASE_URL`, `JSM_EMAIL`, `JSM_API_TOKEN`, `JSM_JQL`.
///
/// Secrets may live in either place; they are only ever put into an `Authorization` header.
public struct HelpdeskSettings: Sendable, Decodable, Equatable {
    public struct Account: Sendable, Decodable, Equatable {
        public var baseURL: String?
        public var email: String?
        public var apiToken: String?
        public var oauthToken: String?
        public var apiKey: String?
        /// JSM: the JQL that selects the service desk's issues (e.g. `project = SUP`); `updated >= …` is added.
        public var jql: String?
        /// Zendesk: read each changed ticket's comments (default true).
        public var comments: Bool?
        /// Tickets per page (vendor maximum when unset).
        public var pageSize: Int?

        enum CodingKeys: String, CodingKey {
            case baseURL = "base_url", email, apiToken = "api_token", oauthToken = "oauth_token", apiKey = "api_key"
            case jql, comments, pageSize = "page_size"
        }

        public init() {}
    }

    public var zendesk = Account()
    public var freshdesk = Account()
    public var jsm = Account()

    enum CodingKeys: String, CodingKey { case zendesk, freshdesk, jsm }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        zendesk = try c.decodeIfPresent(Account.self, forKey: .zendesk) ?? Account()
        freshdesk = try c.decodeIfPresent(Account.self, forKey: .freshdesk) ?? Account()
        jsm = try c.decodeIfPresent(Account.self, forKey: .jsm) ?? Account()
    }


    /// The puller for `vendor` (`zendesk`, `freshdesk`, `jsm`), from these settings overridden by `environment`.
    public func source(_ vendor: String, environment: [String: String], transport: any HTTPTransport,
                       clock: HelpdeskClock = .live, configFile: String = "triage.yml") throws -> any IncrementalTicketSource {
        func value(_ env: String, _ file: String?) -> String? {
            let chosen = environment[env] ?? file
            return chosen.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        func missing(_ what: String, _ env: String, _ key: String) -> ConfigurationError {
            ConfigurationError(file: configFile, message: "\(what) is not set: export \(env) or set helpdesk.\(key) in triage.yml")
        }
        switch vendor {
        case "zendesk":
            guard let base = value("ZENDESK_BASE_URL", zendesk.baseURL) else {
                throw missing("the Zendesk base URL (https://SUBDOMAIN.zendesk.com)", "ZENDESK_BASE_URL", "zendesk.base_url")
            }
            let credentials: HelpdeskCredentials
            if let oauth = value("ZENDESK_OAUTH_TOKEN", zendesk.oauthToken) {
                credentials = .bearer(token: oauth)
            } else {
                guard let email = value("ZENDESK_EMAIL", zendesk.email) else { throw missing("the Zendesk agent e-mail", "ZENDESK_EMAIL", "zendesk.email") }
                guard let token = value("ZENDESK_API_TOKEN", zendesk.apiToken) else {
                    throw missing("the Zendesk API token", "ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN)", "zendesk.api_token")
                }
                credentials = .zendeskToken(email: email, token: token)
            }
            var client = ZendeskClient(connection: HelpdeskConnection(
                vendor: "Zendesk", baseURL: try Self.baseURL(base, env: "ZENDESK_BASE_URL", file: configFile),
                credentials: credentials, transport: transport, clock: clock))
            client.includeComments = zendesk.comments ?? true
            if let size = zendesk.pageSize { client.pageSize = max(1, min(1000, size)) }
            return client
        case "freshdesk":
            guard let base = value("FRESHDESK_BASE_URL", freshdesk.baseURL) else {
                throw missing("the Freshdesk base URL (https://DOMAIN.freshdesk.com)", "FRESHDESK_BASE_URL", "freshdesk.base_url")
            }
            guard let key = value("FRESHDESK_API_KEY", freshdesk.apiKey) else {
                throw missing("the Freshdesk API key", "FRESHDESK_API_KEY", "freshdesk.api_key")
            }
            var client = FreshdeskClient(connection: HelpdeskConnection(
                vendor: "Freshdesk", baseURL: try Self.baseURL(base, env: "FRESHDESK_BASE_URL", file: configFile),
                credentials: .freshdeskKey(key), transport: transport, clock: clock))
            if let size = freshdesk.pageSize { client.pageSize = max(1, min(100, size)) }
            return client
        case "jsm":
            guard let base = value("JSM_BASE_URL", jsm.baseURL) else {
                throw missing("the Jira site URL (https://SITE.atlassian.net)", "JSM_BASE_URL", "jsm.base_url")
            }
            guard let email = value("JSM_EMAIL", jsm.email) else { throw missing("the Atlassian account e-mail", "JSM_EMAIL", "jsm.email") }
            guard let token = value("JSM_API_TOKEN", jsm.apiToken) else { throw missing("the Atlassian API token", "JSM_API_TOKEN", "jsm.api_token") }
            var client = JSMClient(connection: HelpdeskConnection(
                vendor: "Jira Service Management", baseURL: try Self.baseURL(base, env: "JSM_BASE_URL", file: configFile),
                credentials: .basic(user: email, password: token), transport: transport, clock: clock),
                jql: value("JSM_JQL", jsm.jql) ?? "")
            if let size = jsm.pageSize { client.pageSize = max(1, min(100, size)) }
            return client
        default:
            throw ConfigurationError(file: configFile, message: "unknown help desk \"\(vendor)\": use zendesk, freshdesk or jsm")
        }
    }

    /// An https URL, or http on the loopback interface only (credentials never cross a network in clear text).
    static func baseURL(_ text: String, env: String, file: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw ConfigurationError(file: file, message: "\(env) \"\(text)\" is not a URL (e.g. https://acme.zendesk.com)")
        }
        guard url.user == nil, url.password == nil else {
            throw ConfigurationError(file: file, message: "\(env) must not carry a user or password: set the credentials separately")
        }
        let loopback = host == "127.0.0.1" || host == "localhost" || host == "::1"
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw ConfigurationError(file: file, message: "\(env) \"\(text)\" must use https (plain http only for 127.0.0.1/localhost)")
        }
        return url
    }
}
