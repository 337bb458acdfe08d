import Foundation
import GrassrootsStore

/// The process's HTTP metrics, rendered in the Prometheus text exposition format 0.0.4.
/// Kept in-process (no metrics package): a scrape sees this process's requests since it started,
/// plus counts read from the database at scrape time. Labels are method, route template and status only,
/// never a raw path, so the series stay few and carry no ids or names.
public actor MetricsRegistry {
    /// Upper bounds of the duration histogram, in seconds (Prometheus client defaults widened to 10 s).
    public static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// The content type Prometheus expects for this format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private struct RequestKey: Hashable, Comparable {
        let method: String, route: String, status: Int
        static func < (a: Self, b: Self) -> Bool { (a.route, a.method, a.status) < (b.route, b.method, b.status) }
    }
    private struct RouteKey: Hashable, Comparable {
        let method: String, route: String
        static func < (a: Self, b: Self) -> Bool { (a.route, a.method) < (b.route, b.method) }
    }
    private struct Histogram {
        /// Per bucket, not cumulative; cumulated when rendered.
        var counts = [Int](repeating: 0, count: MetricsRegistry.buckets.count)
        var sum = 0.0
        var count = 0
    }

    private var requests: [RequestKey: Int] = [:]
    private var durations: [RouteKey: Histogram] = [:]

    /// Creates an empty registry.
    public init() {}

    /// Records one answered request.
    public func record(method: String, route: String, status: Int, seconds: Double) {
        requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
        var histogram = durations[RouteKey(method: method, route: route), default: Histogram()]
        if let index = Self.buckets.firstIndex(where: { seconds <= $0 }) { histogram.counts[index] += 1 }
        histogram.sum += seconds
        histogram.count += 1
        durations[RouteKey(method: method, route: route)] = histogram
    }

    /// The exposition text: HTTP counters and histograms, then the database gauges (or `grassroots_database_up 0`
    /// when they could not be read, so a scrape still succeeds and the outage is itself a metric).
    public func render(gauges: OperationalGauges?) -> String {
        var out = PrometheusText()
        out.family("grassroots_http_requests_total", "counter", "HTTP requests answered, by method, route template and status.")
        for (key, value) in requests.sorted(by: { $0.key < $1.key }) {
            out.sample("grassroots_http_requests_total", [("method", key.method), ("route", key.route), ("status", String(key.status))], Double(value))
        }
        let name = "grassroots_http_request_duration_seconds"
        out.family(name, "histogram", "Time from receiving a request to its response being ready, by method and route template.")
        for (key, histogram) in durations.sorted(by: { $0.key < $1.key }) {
            let labels = [("method", key.method), ("route", key.route)]
            var cumulative = 0
            for (bound, count) in zip(Self.buckets, histogram.counts) {
                cumulative += count
                out.sample(name + "_bucket", labels + [("le", PrometheusText.number(bound))], Double(cumulative))
            }
            out.sample(name + "_bucket", labels + [("le", "+Inf")], Double(histogram.count))
            out.sample(name + "_sum", labels, histogram.sum)
            out.sample(name + "_count", labels, Double(histogram.count))
        }
        out.family("grassroots_database_up", "gauge", "1 when the database answered the scrape's counts, else 0.")
        out.sample("grassroots_database_up", [], gauges == nil ? 0 : 1)
        guard let gauges else { return out.text }
        let figures: [(String, String, String, Int)] = [
            ("grassroots_webhook_deliveries_pending", "gauge", "Escalation webhook deliveries waiting to be accepted by the gateway.", gauges.webhookPending),
            ("grassroots_messages_queued", "gauge", "Text messages waiting for the SMS gateway, the quiet hours or a retry.", gauges.messagesQueued),
            ("grassroots_messages_failed", "gauge", "Text messages that could not be sent or were not delivered (rows kept with the reason).", gauges.messagesFailed),
            ("grassroots_escalation_notifications_unread", "gauge", "Escalation notifications not yet read.", gauges.unreadNotifications),
            ("grassroots_directive_submissions_total", "counter", "Directive submissions received (rows in submissions); its rate is directive throughput.", gauges.submissions),
            ("grassroots_summons_open", "gauge", "Summons (吹哨) pending at the street or open with departments.", gauges.openSummons),
            ("grassroots_supply_requests_open", "gauge", "Supply requests not yet delivered or cancelled.", gauges.openSupplyRequests),
            ("grassroots_incidents_active", "gauge", "Emergency incidents (drills included) not stood down.", gauges.activeIncidents),
        ]
        for (metric, type, help, value) in figures {
            out.family(metric, type, help)
            out.sample(metric, [], Double(value))
        }
        out.family("grassroots_database_writable", "gauge", "1 when writes can succeed; 0 when the database is read-only or its disk full.")
        out.sample("grassroots_database_writable", [], gauges.writes.problem == nil ? 1 : 0)
        if let free = gauges.writes.freeBytes {
            out.family("grassroots_database_disk_free_bytes", "gauge", "Bytes free on the SQLite database file's filesystem.")
            out.sample("grassroots_database_disk_free_bytes", [], Double(free))
        }
        return out.text
    }
}

/// Builds exposition text with the format's escaping rules.
struct PrometheusText {
    private(set) var text = ""

    /// The HELP and TYPE lines that open a metric family.
    mutating func family(_ name: String, _ type: String, _ help: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    /// One sample line.
    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
        let rendered = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        text += "\(name)\(rendered) \(Self.number(value))\n"
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapeLabel(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// HELP text escapes backslash and line feed only.
    static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Whole numbers without a fraction (`10`, not `10.0`), so `le` labels read as the buckets were written.
    static func number(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
