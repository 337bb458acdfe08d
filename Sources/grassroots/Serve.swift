import ArgumentParser
import Foundation
import GrassrootsCore
import GrassrootsStore
import GrassrootsWeb
import Hummingbird
import Logging

/// `grassroots serve`: the web application and API.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web server (pages and /api/v1).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "On an empty database, build the demo city (西昌市 with generated households) first.") var demo = false
    @Option(help: "Households in the demo city (1,000 to 2,000,000).") var scale = 20_000
    @Option(help: "Also POST escalations to this URL (an SMS or WeChat gateway), signed with HMAC-SHA256.") var webhookURL: String?
    @Option(help: "File holding the webhook signing secret (at least 16 characters).") var webhookSecretFile: String?
    @Option(help: "Seconds between escalation passes (1 to 3600).") var escalationInterval = 60
    @Option(help: "Send SMS through Kannel's smsbox: http://USER@HOST:13013/cgi-bin/sendsms (USER is its sendsms-user).") var smsGateway: String?
    @Option(help: "File holding the Kannel sendsms-user's password.") var smsPasswordFile: String?
    @Option(help: "This server's address as Kannel reaches it, for delivery reports (default: the listening address).") var smsReportURL: String?
    @Option(help: "The sender number shown on phones (default: Kannel's global-sender).") var smsSender: String?
    @Option(help: "SMS handed to Kannel per second, at most (1 to 1000).") var smsPerSecond = 50
    @Option(help: "The address residents reach this server at, such as https://gov.example.cn, for links in messages.") var publicURL: String?
    @Option(help: "Beijing-time hours in which messages that are not emergencies wait, such as 21:00-08:00; none sends at any hour.")
    var quietHours = "21:00-08:00"
    @Option(help: "WeCom's group robot endpoint (a private deployment's, or the public one).") var wecomURL = RobotEndpoints.wecomDefault
    @Option(help: "DingTalk's group robot endpoint (a private deployment's, or the public one).") var dingtalkURL = RobotEndpoints.dingtalkDefault

    func validate() throws {
        if (webhookURL == nil) != (webhookSecretFile == nil) {
            throw ArgumentParser.ValidationError("--webhook-url and --webhook-secret-file go together")
        }
        if (smsGateway == nil) != (smsPasswordFile == nil) {
            throw ArgumentParser.ValidationError("--sms-gateway and --sms-password-file go together")
        }
        if let publicURL, URL(webAddress: publicURL) == nil {
            throw ArgumentParser.ValidationError("--public-url must be an http(s):// address, such as https://gov.example.cn")
        }
        do { _ = try RobotEndpoints(wecom: wecomURL, dingtalk: dingtalkURL) } catch let error as FieldError {
            throw ArgumentParser.ValidationError("--\(error.field): \(error.message.en)")
        }
        do { _ = try QuietHours.parse(quietHours) } catch let error as FieldError { throw ArgumentParser.ValidationError("--quiet-hours: \(error.message.en)") }
        guard (1...65535).contains(port) else { throw ArgumentParser.ValidationError("--port must be between 1 and 65535") }
        guard (1_000...2_000_000).contains(scale) else { throw ArgumentParser.ValidationError("--scale must be between 1000 and 2000000 households") }
        guard (1...3600).contains(escalationInterval) else { throw ArgumentParser.ValidationError("--escalation-interval must be between 1 and 3600 seconds") }
    }

    func run() async throws {
        do {
            _ = try APITokenStore.lifetime()  // a wrong GRASSROOTS_TOKEN_DAYS stops the start, not the first API login
            _ = try MetricsAccess.fromEnvironment()
            try await database.with { context in try await serve(context) }
        } catch let error as CancellationError {
            throw error
        } catch {
            throw reportFailure(error)
        }
    }

    func serve(_ context: StoreContext) async throws {
        if demo { try await DemoCommand.build(context, scale: scale) }
        var logger = Logger(label: "grassroots")
        logger.logLevel = RequestLog.level() ?? .notice  // LOG_LEVEL=info shows one line per request
        let url = "http://\(hostname):\(port)/"
        var webhook: WebhookConfiguration?
        if let webhookURL, let webhookSecretFile {
            guard let secret = try? String(contentsOfFile: webhookSecretFile, encoding: .utf8) else {
                throw ArgumentParser.ValidationError("Cannot read the webhook secret file \(webhookSecretFile)")
            }
            webhook = try WebhookConfiguration(url: webhookURL, secret: secret.trimmed)
        }
        var sms: SMSGateway?
        if let smsGateway, let smsPasswordFile {
            guard let password = try? String(contentsOfFile: smsPasswordFile, encoding: .utf8) else {
                throw ArgumentParser.ValidationError("Cannot read the SMS password file \(smsPasswordFile)")
            }
            sms = .kannel(try KannelConfiguration(url: smsGateway, password: password.trimmed, reportBase: smsReportURL ?? "http://\(hostname):\(port)",
                                                  sender: smsSender, perSecond: smsPerSecond))
        }
        let robots = RobotGateway.http(try RobotEndpoints(wecom: wecomURL, dingtalk: dingtalkURL))
        let context = context.with(MessagingSettings(publicURL: publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 },
                                                     quietHours: try QuietHours.parse(quietHours)))
        // Serve anyway (reads still help in a crisis), but say at once why every change will be refused.
        if let message = (try? await context.database.writeHealth())?.message {
            logger.warning("the database takes no writes: \(message.zh) | \(message.en)")
        }
        let stores = Stores(context)
        let app = buildApplication(WebConfiguration(hostname: hostname, port: port, metrics: try MetricsAccess.fromEnvironment()), stores: stores, logger: logger,
                                   onServerRunning: { print("Grassroots is listening on \(url)") })
        let jobs = BackgroundJobs(stores: stores, webhook: webhook, escalationInterval: .seconds(escalationInterval))
        // On PostgreSQL other servers may share the database: live dashboards hear of their submissions (nil on SQLite).
        let relay = ProgressRelay(stores: stores, logger: logger)
        // The jobs stop when the server has shut down (on SIGINT or SIGTERM).
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            group.addTask { await jobs.run() }
            if let relay { group.addTask { await relay.run() } }
            if let sms { group.addTask { await MessageSender(stores: stores, gateway: sms).run() } }
            group.addTask { await MessageSender(stores: stores, robots: robots).run() }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// `grassroots migrate`: apply pending schema migrations.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        do {
            let location = DatabaseLocation.resolve(sqlitePath: database.database)
            let db = try await location.open()
            let applied = try await Migrator.migrate(db)
            print(applied.isEmpty ? "Schema is up to date." : "Applied: \(applied.joined(separator: ", "))")
            try await db.close()
        } catch { throw reportFailure(error) }
    }
}

/// `grassroots demo`: build the demo city into the database and exit (for benchmarks and trials).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Build the demo city (西昌市) into an empty database.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Households in the demo city (1,000 to 2,000,000).") var scale = 20_000

    func validate() throws {
        guard (1_000...2_000_000).contains(scale) else { throw ArgumentParser.ValidationError("--scale must be between 1000 and 2000000 households") }
    }

    func run() async throws {
        do { try await database.with { try await Self.build($0, scale: scale) } } catch { throw reportFailure(error) }
    }

    /// Builds the city unless the database already holds a territory, then lists the demo accounts.
    static func build(_ context: StoreContext, scale: Int) async throws {
        let city = DemoCity(context)
        if try await city.isPresent() {
            print("Database already holds a territory; the demo city is not generated again.")
        } else {
            let started = Date()
            let summary = try await city.build(households: scale, progress: { ProgressBar(label: "demo")($0, $1) })
            print("Demo city built in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(summary.units) units, \(summary.households) households, \(summary.residents) residents.")
        }
        print("Demo accounts (password \(DemoCity.password)):")
        for account in DemoCity.accounts { print("  \(account.username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(account.name) (\(account.role.rawValue))") }
    }
}
