using ExportTaxCheck.Workflows.Activities;
using ExportTaxCheck.Workflows.Definitions;
using ExportTaxCheck.Workflows.Expressions;
using ExportTaxCheck.Workflows.Persistence;
using ExportTaxCheck.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExportTaxCheck.Workflows;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/exporttaxcheck.db";

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);
}

/// <summary>How the runtime shares work with other nodes.</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>How long a node holds a due timer or a recovered instance it claimed before another node may take it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);
}

public static class ServiceCollectionExtensions
{
    /// <summary>The engine: persistence, activities, expressions, definitions and the runtime.</summary>
    public static IServiceCollection AddExportTaxCheckWorkflows(this IServiceCollection services, DatabaseOptions database)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(database);
        if (database.IsPostgreSql)
        {
            services.AddPooledDbContextFactory<PostgreSqlDbContext>(options => ConfigureDatabase(options, database));
            services.TryAddSingleton<IDbContextFactory<ExportTaxCheckDbContext>, PostgreSqlContextFactory>();
        }
        else
        {
            services.AddPooledDbContextFactory<ExportTaxCheckDbContext>(options => ConfigureDatabase(options, database));
        }

        services.TryAddSingleton<InstanceLocks>();
        services.AddOptions<JavaScriptOptions>();
        services.AddOptions<RuntimeOptions>();
        services.TryAddSingleton(_ => ActivityRegistry.FromAssemblies(typeof(Activity).Assembly));
        services.TryAddSingleton<JavaScriptEvaluator>();
        services.TryAddSingleton<LiquidEvaluator>();
        services.TryAddSingleton<ExpressionEvaluator>();
        services.TryAddSingleton<DefinitionValidator>();
        services.TryAddSingleton<WorkflowGraphCache>();
        services.TryAddSingleton<DefinitionService>();
        services.TryAddSingleton<WorkSignals>();
        services.TryAddSingleton<WorkflowRuntime>();
        services.TryAddSingleton<InstanceQueries>();
        services.TryAddSingleton<DatabaseInitializer>();
        services.TryAddSingleton<Tasks.OfficerDirectory>();
        services.TryAddSingleton<Tasks.TaskService>();
        services.TryAddSingleton<Tasks.TaskTimers>();
        return services;
    }

    /// <summary>E-mail: the outbox dispatcher, the templates, and SMTP (MailKit) or a pickup folder as configured under <c>Mail</c>.</summary>
    public static IServiceCollection AddExportTaxCheckNotifications(this IServiceCollection services)
    {
        services.AddOptions<Notifications.MailOptions>();
        services.TryAddSingleton<Notifications.NotificationTemplates>();
        services.TryAddSingleton<Notifications.MailDispatcher>();
        services.TryAddSingleton<Notifications.IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Notifications.MailOptions>>();
            return string.IsNullOrWhiteSpace(options.Value.Smtp.Host)
                ? new Notifications.PickupDirectoryTransport(options)
                : new Notifications.SmtpMailTransport(options);
        });
        return services;
    }

    /// <summary>The return-case domain: rules and policy table, case commands and queries, the built-in customs and tax ends.</summary>
    public static IServiceCollection AddExportTaxCheckReturns(this IServiceCollection services)
    {
        services.TryAddSingleton(Returns.ReturnsDomainOptions.Default);
        services.TryAddSingleton(_ => Returns.Policy.PolicyTable.Default);
        services.TryAddSingleton<Returns.Cases.CaseService>();
        services.TryAddSingleton<Returns.Cases.CaseQueries>();
        services.TryAddSingleton<Returns.Gateway.BuiltInCustoms>();
        services.TryAddSingleton<Returns.Gateway.UsageFeedbackDispatcher>();
        services.AddSingleton<Notifications.INotificationModelSource, Returns.Cases.CaseNotificationModel>();
        return services;
    }

    public static void ConfigureDatabase(DbContextOptionsBuilder options, DatabaseOptions database)
    {
        if (database.IsSqlite)
        {
            options.UseSqlite(database.ConnectionString, sqlite => sqlite.CommandTimeout(60));
            options.AddInterceptors(SqliteConnectionSettings.Instance);
        }
        else if (database.IsPostgreSql)
        {
            options.UseNpgsql(database.ConnectionString, npgsql => npgsql.CommandTimeout(60));
            options.AddInterceptors(SkipLockedInterceptor.Instance);
        }
        else
        {
            throw new InvalidOperationException($"Database provider '{database.Provider}' is not supported; use {DatabaseOptions.Sqlite} or {DatabaseOptions.PostgreSql}.");
        }

        options.ReplaceService<IModelCacheKeyFactory, ProviderAwareModelCacheKeyFactory>();
    }
}
