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
using ExportTaxCheck.Host.Api.Tasks;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Host.Infrastructure;
using ExportTaxCheck.Host.Studio;
using ExportTaxCheck.Host.Workers;
using ExportTaxCheck.Returns;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Shared;
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
    public const string AlterationsPolicy = "Alterations";

    public static WebApplicationBuilder AddExportTaxCheck(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddWorkflowEngine(database, engine => engine.AddReturnCases());

        services.AddOptions<TaskRoleOptions>().Bind(configuration.GetSection(TaskRoleOptions.Section))
            .Validate(o => o.Roles.All(r => !string.IsNullOrWhiteSpace(r) && r.Length <= 64) && o.DefaultEscalationRole.Length <= 64,
                "Tasks:Roles and Tasks:EscalationRole must be role names of at most 64 characters.")
            .ValidateOnStart();
        services.AddOptions<RuntimeOptions>().Bind(configuration.GetSection(RuntimeOptions.Section))
            .Validate(o => o.ClaimLease > TimeSpan.Zero, "Runtime:ClaimLease must be positive.")
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

        services.AddOptions<UsersOptions>().Bind(configuration.GetSection(UsersOptions.Section));
        services.AddOfficerAuthentication();
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
            .AddPolicy(AlterationsPolicy, p => p.RequireRole(Roles.Analyst, Roles.Supervisor));
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/", OfficerPagesPolicy);
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/Denied");
            options.Conventions.ConfigureFilter(new UnknownPageHandlerFilter());
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(OfficerPagesPolicy, p => p.AddAuthenticationSchemes(OfficerAuthentication.CookieScheme)
                .RequireRole(Roles.TaxOfficer, Roles.CustomsOfficer, Roles.Supervisor, Roles.Analyst))
            .AddPolicy(StudioPolicy, p => p.AddAuthenticationSchemes(OfficerAuthentication.CookieScheme).RequireRole(Roles.Analyst));

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
        services.AddHttpClient<ICustomsGateway, HttpCustomsGateway>(client => client.Timeout = Timeout.InfiniteTimeSpan);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemExceptionHandler.AddDefaultCode);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.SerializerOptions.TypeInfoResolver = (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(CaseKeyNames.Apply);
        });
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        if (configuration.GetValue("Workers:Enabled", true))
        {
            services.AddHostedService<DispatchWorker>();
            services.AddHostedService<TimerWorker>();
            services.AddHostedService<EventDeliveryWorker>();
            services.AddHostedService<UsageFeedbackWorker>();
            services.AddHostedService<MailWorker>();
        }

        return builder;
    }

    /// <summary>Migrates the database and imports the workflow files, before the Host takes requests.</summary>
    public static async Task InitializeExportTaxCheckAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        await app.Services.GetRequiredService<OfficerDirectory>()
            .SeedAsync(app.Services.GetRequiredService<IOptions<UsersOptions>>().Value.Users, app.Lifetime.ApplicationStopping);
        await LoadReferenceDataAsync(app);
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
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseNulCharacterGuard();
        app.UseMiddleware<HttpWorkflowsMiddleware>();

        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapElsaApi();
        app.MapCases();
        app.MapTasks();
        app.MapOutbox();
        app.MapRazorPages();
        app.MapCustomsAndTax();
        app.MapReferenceData();
        app.MapStudio();
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
        var written = await ReferenceDataEndpoints.LoadExportLinesAsync(app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowDbContext>>(),
            file, app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), app.Lifetime.ApplicationStopping);
        app.Logger.LogInformation("Loaded {Count} export line(s) from {File}", written, path);
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
