using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ExportTaxCheck.Engine;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Api.Cases;
using ExportTaxCheck.Host.Api.Customs;
using ExportTaxCheck.Host.Api.Elsa;
using ExportTaxCheck.Host.Api.HttpWorkflows;
using ExportTaxCheck.Host.Api.Outbox;
using ExportTaxCheck.Host.Api.RefundDeclarations;
using ExportTaxCheck.Host.Api.Tasks;
using ExportTaxCheck.Engine.Clock;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Host.Clock;
using ExportTaxCheck.Host.Infrastructure;
using ExportTaxCheck.Host.Localization;
using ExportTaxCheck.Host.Pages;
using ExportTaxCheck.Host.Security;
using ExportTaxCheck.Host.Studio;
using ExportTaxCheck.Host.Telemetry;
using ExportTaxCheck.Host.Workers;
using ExportTaxCheck.Returns;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.RefundDeclarations;
using ExportTaxCheck.Returns.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host;

/// <summary>The Host's composition: services in <see cref="AddExportTaxCheck"/>, pipeline and endpoints in <see cref="MapExportTaxCheck"/>.</summary>
public static class Extensions
{
    public const string AnalystPolicy = "Analyst";
    public const string ExporterPolicy = "Exporter";
    public const string CaseReaderPolicy = "CaseReader";
    public const string OfficerPolicy = "Officer";
    public const string TaskWorkerPolicy = "TaskWorker";
    public const string SystemPolicy = "System";
    public const string ReferenceDataPolicy = "ReferenceData";
    public const string TaskReaderPolicy = "TaskReader";
    public const string OfficerPagesPolicy = "OfficerPages";
    public const string StudioPolicy = "Studio";
    public const string SupervisorPolicy = "Supervisor";
    public const string AlterationsPolicy = "Alterations";

    /// <summary>The incidents page: faulted instances and failed transmissions, retried by supervisors and analysts.</summary>
    public const string IncidentPagesPolicy = "IncidentPages";

    public static WebApplicationBuilder AddExportTaxCheck(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddWorkflowEngine(database, engine => engine.AddReturnCases());
        builder.AddAdjustableClock();
        builder.AddTelemetry();

        services.AddOptions<TaskRoleOptions>().Bind(configuration.GetSection(TaskRoleOptions.Section))
            .Validate(o => o.Roles.All(r => !string.IsNullOrWhiteSpace(r) && r.Length <= 64) && o.DefaultEscalationRole.Length <= 64,
                "Tasks:Roles and Tasks:EscalationRole must be role names of at most 64 characters.")
            .ValidateOnStart();
        services.AddOptions<RuntimeOptions>().Bind(configuration.GetSection(RuntimeOptions.Section))
            .Validate(o => o.ClaimLease > TimeSpan.Zero, "Runtime:ClaimLease must be positive.")
            .Validate(o => o.MinimumTimerInterval >= TimeSpan.Zero && o.MaxStepsPerMinute >= 0 && o.MaxJournalRecords >= 0,
                "Runtime:MinimumTimerInterval, Runtime:MaxStepsPerMinute and Runtime:MaxJournalRecords must not be negative.")
            .ValidateOnStart();
        services.AddOptions<StudioOptions>().Bind(configuration.GetSection(StudioOptions.Section));
        services.AddOptions<HttpWorkflowsOptions>().Bind(configuration.GetSection(HttpWorkflowsOptions.Section))
            .Validate(o => o.BasePath.Trim().Trim('/').Length > 0 && o.MaxRequestBodyBytes > 0, "Http:BasePath must name a path and Http:MaxRequestBodyBytes be positive.")
            .ValidateOnStart();
        services.AddOptions<WorkflowFilesOptions>().Bind(configuration.GetSection(WorkflowFilesOptions.Section));
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section))
            .Validate(o => o.DispatchConcurrency is > 0 and <= 64, "Workers:DispatchConcurrency must be 1..64.")
            .ValidateOnStart();
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.Section))
            .Validate(o => o.ApiKeys.All(k => k.Key.Length >= 16), "Every API key must be at least 16 characters long.")
            .ValidateOnStart();

        services.AddOptions<UsersOptions>().Bind(configuration.GetSection(UsersOptions.Section)).ValidateOnStart();
        builder.AddExportTaxCheckSecurity();
        services.AddSingleton<SelfEndpoint>();
        services.AddSingleton<ISelfEndpoint>(sp => sp.GetRequiredService<SelfEndpoint>());
        // The gateway's calls to this Host's own customs and tax ends carry a key made at start-up.
        services.PostConfigure<ApiKeyOptions>(o => o.ApiKeys.Add(new ApiKeyEntry { Key = SelfEndpoint.InternalKey, Name = "gateway", Roles = [Roles.System] }));
        services.AddAuthorizationBuilder()
            .AddPolicy(AnalystPolicy, p => p.RequireRole(Roles.Analyst))
            .AddPolicy(ExporterPolicy, p => p.RequireRole(Roles.Exporter))
            .AddPolicy(CaseReaderPolicy, p => p.RequireRole(Roles.Exporter, Roles.TaxOfficer, Roles.CustomsOfficer, Roles.Supervisor, Roles.Analyst))
            .AddPolicy(OfficerPolicy, p => p.RequireRole(Roles.TaxOfficer, Roles.CustomsOfficer, Roles.Supervisor))
            .AddPolicy(TaskWorkerPolicy, p => p.RequireRole(Roles.TaxOfficer, Roles.CustomsOfficer, Roles.Supervisor, Roles.Analyst))
            .AddPolicy(TaskReaderPolicy, p => p.RequireRole(Roles.TaxOfficer, Roles.CustomsOfficer, Roles.Supervisor, Roles.Analyst))
            .AddPolicy(SystemPolicy, p => p.RequireRole(Roles.System))
            .AddPolicy(ReferenceDataPolicy, p => p.RequireRole(Roles.Analyst, Roles.TaxOfficer, Roles.System))
            .AddPolicy(SupervisorPolicy, p => p.RequireRole(Roles.Supervisor))
            .AddPolicy(AlterationsPolicy, p => p.RequireRole(Roles.Analyst, Roles.Supervisor));
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/", OfficerPagesPolicy);
            options.Conventions.AuthorizePage("/Incidents", IncidentPagesPolicy);
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/Denied");
            options.Conventions.AllowAnonymousToPage("/Language");
            options.Conventions.ConfigureFilter(new UnknownPageHandlerFilter());
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(OfficerPagesPolicy, p => p.AddAuthenticationSchemes(OfficerAuthentication.CookieScheme)
                .RequireRole(Roles.TaxOfficer, Roles.CustomsOfficer, Roles.Supervisor, Roles.Analyst))
            .AddPolicy(StudioPolicy, p => p.AddAuthenticationSchemes(OfficerAuthentication.CookieScheme).RequireRole(Roles.Analyst))
            .AddPolicy(IncidentPagesPolicy, p => p.AddAuthenticationSchemes(OfficerAuthentication.CookieScheme).RequireRole(Roles.Supervisor, Roles.Analyst));
        services.Configure<WorkspaceOptions>(configuration.GetSection("Workspace"));

        services.AddWorkspaceLocalization();
        services.AddMailAndCustoms(configuration);
        // Sign-in cookies and antiforgery tokens stay valid across restarts and nodes: the keys live with the data.
        services.AddDataProtection().SetApplicationName("ExportTaxCheck")
            .PersistKeysToFileSystem(new DirectoryInfo(DataFolder.KeysDirectory(configuration, database, builder.Environment.ContentRootPath)));

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            ProblemExceptionHandler.AddDefaultCode(context);
            ProblemTexts.Localize(context);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.Converters.Add(ReturnsJson.WrittenOnce());
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.SerializerOptions.TypeInfoResolver = (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(CaseKeyNames.Apply);
            if (!builder.Environment.IsDevelopment())
                options.SerializerOptions.TypeInfoResolver = options.SerializerOptions.TypeInfoResolver.WithAddedModifier(StackTraceHiding.Apply);
        });
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        if (configuration.GetValue("Workers:Enabled", true))
        {
            services.AddHostedService<DispatchWorker>();
            services.AddHostedService<TimerWorker>();
            services.AddHostedService<EventDeliveryWorker>();
            services.AddHostedService<UsageFeedbackWorker>();
            services.AddHostedService<StatusUpdateWorker>();
            services.AddHostedService<MailWorker>();
        }

        return builder;
    }

    private static void AddMailAndCustoms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddExportTaxCheckNotifications();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section))
            .PostConfigure<IHostEnvironment>((o, env) =>
            {
                // Relative folders: the templates are found from the content root upwards (as workflows-json is), the
                // pickup folder is under the content root.
                o.TemplateDirectory = ResolveDirectory(env.ContentRootPath, o.TemplateDirectory) ?? o.TemplateDirectory;
                if (!Path.IsPathRooted(o.PickupDirectory))
                    o.PickupDirectory = Path.Combine(env.ContentRootPath, o.PickupDirectory);
            })
            .Validate(o => o.MaxAttempts is >= 1 and <= 100 && o.FirstRetryDelay > TimeSpan.Zero && o.Lease > TimeSpan.Zero,
                "Mail:MaxAttempts must be 1..100 and Mail:FirstRetryDelay and Mail:Lease positive.")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Mail:From is not an e-mail address.")
            .ValidateOnStart();
        services.AddOptions<ReturnsOptions>().Bind(configuration.GetSection(ReturnsOptions.Section));
        services.AddOptions<CustomsGatewayOptions>().Bind(configuration.GetSection(CustomsGatewayOptions.Section))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Retries is >= 0 and <= 10, "Customs:Timeout must be positive and Customs:Retries 0..10.")
            .ValidateOnStart();
        // The HTTP gateway logs each request itself, at Debug; the factory's own per-request lines would fill the log at Information.
        services.AddHttpClient<HttpCustomsGateway>(client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        // The built-in customs and tax ends are called in process; only a configured Customs:BaseUrl/TaxBaseUrl goes over HTTP.
        services.AddTransient<ICustomsGateway, RoutedCustomsGateway>();
    }

    /// <summary>Migrates the database and imports the workflow files, before the Host takes requests.</summary>
    public static async Task InitializeExportTaxCheckAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        if (app.Services.GetService<ClockOffsetStore>() is { } clock && await clock.LoadAsync(app.Lifetime.ApplicationStopping) is var offset && offset != TimeSpan.Zero)
            app.Logger.LogWarning("The clock is simulated: {Offset} ahead of the real time", offset);
        await app.Services.GetRequiredService<OfficerDirectory>()
            .SeedAsync(app.Services.GetRequiredService<IOptions<UsersOptions>>().Value.Users, app.Lifetime.ApplicationStopping);
        await LoadReferenceDataAsync(app);
        // Anyone who read the README can use the development keys and demo passwords: fine on a laptop, not in production.
        if (!app.Environment.IsDevelopment())
        {
            foreach (var problem in DemoCredentials.Problems(app.Services.GetRequiredService<IOptions<ApiKeyOptions>>().Value, app.Services.GetRequiredService<IOptions<UsersOptions>>().Value))
                app.Logger.LogWarning("Demo credentials active in {Environment}: {Problem}", app.Environment.EnvironmentName, problem);
        }
        var templates = app.Services.GetRequiredService<NotificationTemplates>();
        foreach (var problem in templates.Check(CaseNotifications.All))
            app.Logger.LogWarning("Notification template: {Problem}", problem);
        var files = app.Services.GetRequiredService<IOptions<WorkflowFilesOptions>>().Value;
        if (!files.ImportOnStart)
            return;
        var directory = ResolveDirectory(app.Environment.ContentRootPath, files.Directory);
        if (directory is null)
        {
            app.Logger.LogWarning("Workflow folder '{Directory}' not found; nothing imported", files.Directory);
            return;
        }
        await app.Services.GetRequiredService<DefinitionService>().ImportDirectoryAsync(directory, app.Lifetime.ApplicationStopping);
    }

    public static WebApplication MapExportTaxCheck(this WebApplication app)
    {
        // First, so that every answer carries them, the exception handler's and the static files' included.
        app.UseSecurityHeaders();
        // As early: a command's answer, an error answer included, waits until what it committed is on disk.
        app.UseDurableAnswers();
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseApiKeyThrottling();
        app.UseAuthentication();
        // After authentication (it asks whether the sign-in cookie authenticated the request), before any endpoint runs.
        app.UseCrossSiteRequestGuard();
        app.UseAuthorization();
        app.UseNulCharacterGuard();
        app.UseMiddleware<HttpWorkflowsMiddleware>();

        // The API's description helps a developer, and an attacker as much: Development only.
        if (app.Environment.IsDevelopment())
            app.MapOpenApi();
        app.MapHealthChecks("/health");
        // Prometheus scrapes without credentials, as it does everywhere; the figures name no case and no person.
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapElsaApi();
        app.MapCases();
        app.MapRefundDeclarations();
        app.MapTasks();
        app.MapOutbox();
        app.MapRazorPages();
        app.MapCustomsAndTax();
        app.MapReferenceData();
        app.MapStudio();
        if (app.Services.HasAdjustableClock())
            app.MapClock();
        return app;
    }

    private static async Task LoadReferenceDataAsync(WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<ReturnsOptions>>().Value.ReferenceDataFile;
        if (string.IsNullOrWhiteSpace(configured))
            return;
        var path = Path.IsPathRooted(configured) ? configured : ResolveFile(app.Environment.ContentRootPath, configured);
        if (path is null)
        {
            app.Logger.LogWarning("Reference data file '{File}' not found; no export lines loaded", configured);
            return;
        }
        var file = System.Text.Json.JsonSerializer.Deserialize<ExportLineFile>(await File.ReadAllTextAsync(path), ReturnsJson.Options);
        if (file is null)
            return;
        var (written, refused) = await ReferenceDataEndpoints.LoadExportLinesAsync(app.Services.GetRequiredService<RefundDeclarationService>(), file, "reference data file",
            app.Lifetime.ApplicationStopping);
        app.Logger.LogInformation("Loaded {Count} export line(s) from {File}", written, path);
        foreach (var line in refused)
            app.Logger.LogWarning("Refund record of export line {Doc}/{Item} refused: {Codes}", line.ExportDocNo, line.ExportItemNo, string.Join(", ", line.Codes));
    }

    private static string? ResolveFile(string contentRoot, string relative)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    private static string? ResolveDirectory(string contentRoot, string configured)
    {
        if (Path.IsPathRooted(configured))
            return Directory.Exists(configured) ? configured : null;
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
