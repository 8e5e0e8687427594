using System.Text.Json.Serialization;
using ExportTaxCheck.Host.Api;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Host.Infrastructure;
using ExportTaxCheck.Host.Studio;
using ExportTaxCheck.Host.Workers;
using ExportTaxCheck.Workflows;
using ExportTaxCheck.Workflows.Definitions;
using ExportTaxCheck.Workflows.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host;

/// <summary>The Host's composition: services in <see cref="AddExportTaxCheck"/>, pipeline and endpoints in <see cref="MapExportTaxCheck"/>.</summary>
public static class Extensions
{
    public const string AnalystPolicy = "Analyst";

    public static WebApplicationBuilder AddExportTaxCheck(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddExportTaxCheckWorkflows(database);

        services.AddOptions<StudioOptions>().Bind(configuration.GetSection(StudioOptions.Section));
        services.AddOptions<WorkflowFilesOptions>().Bind(configuration.GetSection(WorkflowFilesOptions.Section));
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section))
            .Validate(o => o.DispatchConcurrency is > 0 and <= 64, "Workers:DispatchConcurrency must be 1..64.")
            .ValidateOnStart();
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.Section))
            .Validate(o => o.ApiKeys.All(k => k.Key.Length >= 16), "Every API key must be at least 16 characters long.")
            .ValidateOnStart();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AnalystPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(Roles.Analyst));

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        if (configuration.GetValue("Workers:Enabled", true))
        {
            services.AddHostedService<DispatchWorker>();
            services.AddHostedService<TimerWorker>();
            services.AddHostedService<EventDeliveryWorker>();
        }

        return builder;
    }

    /// <summary>Migrates the database and imports the workflow files, before the Host takes requests.</summary>
    public static async Task InitializeExportTaxCheckAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
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
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapElsaApi();
        app.MapStudio();
        return app;
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
