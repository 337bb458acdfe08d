import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird
import Logging

/// Where the server listens.
public struct WebConfiguration: Sendable {
    public var hostname: String
    public var port: Int
    /// Who may scrape `/metrics`.
    public var metrics: MetricsAccess
    /// Creates a configuration.
    public init(hostname: String = "127.0.0.1", port: Int = 8080, metrics: MetricsAccess = .loopbackOnly) {
        self.hostname = hostname; self.port = port; self.metrics = metrics
    }
}

/// The stores every controller gets through its initializer (no globals).
public struct Stores: Sendable {
    public let context: StoreContext
    public var units: UnitStore { UnitStore(context) }
    public var organizations: OrganizationStore { OrganizationStore(context) }
    public var coverage: CoverageStore { CoverageStore(context) }
    public var households: HouseholdStore { HouseholdStore(context) }
    public var residents: ResidentStore { ResidentStore(context) }
    public var accounts: AccountStore { AccountStore(context) }
    public var search: SearchStore { SearchStore(context) }
    public var directives: DirectiveStore { DirectiveStore(context) }
    public var assignments: AssignmentStore { AssignmentStore(context) }
    public var photos: PhotoStore { PhotoStore(context) }
    public var progress: ProgressStore { ProgressStore(context) }
    public var escalation: EscalationStore { EscalationStore(context) }
    public var departments: DepartmentStore { DepartmentStore(context) }
    public var summons: SummonsStore { SummonsStore(context) }
    public var coordinationSettings: CoordinationSettings { CoordinationSettings(context) }
    public var evaluations: EvaluationStore { EvaluationStore(context) }
    public var proposals: ProposalStore { ProposalStore(context) }
    public var access: AccessStore { AccessStore(context) }
    public var departmentTasks: DepartmentTaskStore { DepartmentTaskStore(context) }
    public var cadres: CadreStore { CadreStore(context) }
    public var training: TrainingStore { TrainingStore(context) }
    public var secondments: SecondmentStore { SecondmentStore(context) }
    public var cadreEvaluation: CadreEvaluationStore { CadreEvaluationStore(context) }
    public var requests: RequestStore { RequestStore(context) }
    public var requestCategories: RequestCategoryStore { RequestCategoryStore(context) }
    public var requestRates: RequestRatesStore { RequestRatesStore(context) }
    public var open311: Open311Store { Open311Store(context) }
    public var council: CouncilStore { CouncilStore(context) }
    public var votes: CouncilVotes { CouncilVotes(context) }
    public var fund: FundStore { FundStore(context) }
    public var notices: NoticeStore { NoticeStore(context) }
    public var registrations: RegistrationStore { RegistrationStore(context) }
    public var needs: NeedStore { NeedStore(context) }
    public var events: EventStore { EventStore(context) }
    public var hours: HoursStore { HoursStore(context) }
    public var checkup: CheckupStore { CheckupStore(context) }
    public var boundaries: BoundaryStore { BoundaryStore(context) }
    public var plans: PlanStore { PlanStore(context) }
    public var incidents: IncidentStore { IncidentStore(context) }
    public var alerts: AlertStore { AlertStore(context) }
    public var messages: MessageStore { MessageStore(context) }
    public var teamGroups: TeamGroupStore { TeamGroupStore(context) }
    /// Pushes counter changes to the live dashboards of this process.
    public let hub = ProgressHub()
    /// This process's request counters and timings, served at /metrics.
    public let metrics = MetricsRegistry()
    /// Creates the bundle.
    public init(_ context: StoreContext) { self.context = context }
}

/// Builds the router with every capability's routes; `serve` and every web test call this. Each route is declared
/// with its access in `policy`, which is enforced on every request; the server will not start with a route that
/// has none.
public func buildRouter(_ stores: Stores, policy: RoutePolicy = RoutePolicy(), metrics: MetricsAccess = .loopbackOnly) -> Router<AppContext> {
    // Every GET answers HEAD too (uptime probes use it), with the GET's headers and access and no body.
    let bare = Router(context: AppContext.self, options: .autoGenerateHeadEndpoints)
    bare.add(middleware: SecurityHeadersMiddleware())
    bare.add(middleware: MetricsMiddleware(registry: stores.metrics))
    bare.add(middleware: SessionMiddleware(accounts: stores.accounts))
    bare.add(middleware: PolicyMiddleware(policy: policy))
    bare.add(middleware: FlashMiddleware(sign: { [cipher = stores.context.cipher] in cipher.lookupHash($0) }))
    let router = Routes(router: bare, policy: policy)
    router.get("/health", .anyone(.nothing)) { _, _ in HTML.response("ok") }
    router.get("/static/:file", .anyone(.nothing)) { request, _ in try StaticAssets.response(request.uri.path) }
    OfflineApp.register(router)
    router.get("/ready", .anyone(.nothing)) { _, _ in await OperationsEndpoints.ready(stores) }
    router.get("/metrics", .anyone(.operators)) { request, context in
        guard metrics.admits(request, peer: context.peerAddress) else {
            throw AccessDenied(Bilingual("指标仅供本机或持有 GRASSROOTS_METRICS_TOKEN 的采集程序读取",
                                         "Metrics are for this machine or a scraper holding GRASSROOTS_METRICS_TOKEN"))
        }
        return await OperationsEndpoints.metrics(stores)
    }
    AccountRoutes(stores: stores).register(router)
    TokenRoutes(stores: stores).register(router)
    TerritoryRoutes(stores: stores).register(router)
    CoverageRoutes(stores: stores).register(router)
    HouseholdRoutes(stores: stores).register(router)
    ResidentRoutes(stores: stores).register(router)
    SearchRoutes(stores: stores).register(router)
    DirectiveRoutes(stores: stores).register(router)
    DashboardRoutes(stores: stores).register(router)
    FieldRoutes(stores: stores).register(router)
    ReportOutbox().register(router)
    PhotoRoutes(stores: stores).register(router)
    InboxRoutes(stores: stores).register(router)
    TodayRoutes(stores: stores).register(router)
    MobilizationAPI(stores: stores).register(router)
    SummonsRoutes(stores: stores).register(router)
    CoordinationRoutes(stores: stores).register(router)
    EvaluationRoutes(stores: stores).register(router)
    CoordinationAPI(stores: stores).register(router)
    AccessRoutes(stores: stores).register(router)
    CadreRoutes(stores: stores).register(router)
    TrainingRoutes(stores: stores).register(router)
    SecondmentRoutes(stores: stores).register(router)
    CadreEvaluationRoutes(stores: stores).register(router)
    CadresAPI(stores: stores).register(router)
    RequestRatesRoutes(stores: stores).register(router)
    RequestRoutes(stores: stores).register(router)
    Open311Routes(stores: stores).register(router)
    MessageRoutes(stores: stores).register(router)
    TeamGroupRoutes(stores: stores).register(router)
    RequestsAPI(stores: stores).register(router)
    CouncilRoutes(stores: stores).register(router)
    FundRoutes(stores: stores).register(router)
    CouncilAPI(stores: stores).register(router)
    NoticeRoutes(stores: stores).register(router)
    ParticipationRoutes(stores: stores).register(router)
    SelfServiceRoutes(stores: stores).register(router)
    ParticipationAPI(stores: stores).register(router)
    CheckupRoutes(stores: stores).register(router)
    BoundaryRoutes(stores: stores).register(router)
    QuarantineRoutes(stores: stores).register(router)
    EmergencyRoutes(stores: stores).register(router)
    IncidentPages(stores: stores).register(router)
    EmergencyAPI(stores: stores).register(router)
    AlertRoutes(stores: stores).register(router)

    APIRoutes(stores: stores).register(router)
    let undeclared = policy.undeclared(in: bare)
    precondition(undeclared.isEmpty, "routes registered without an access rule: \(undeclared.joined(separator: ", "))")
    return bare
}

/// Builds the application.
public func buildApplication(_ configuration: WebConfiguration, stores: Stores, policy: RoutePolicy = RoutePolicy(),
                             logger: Logger = Logger(label: "grassroots"),
                             onServerRunning: @escaping @Sendable () async -> Void = {}) -> some ApplicationProtocol {
    Application(router: buildRouter(stores, policy: policy, metrics: configuration.metrics),
                 configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "grassroots"),
                 onServerRunning: { _ in await onServerRunning() }, logger: logger)
}
