using System.Reflection;
using ExportTaxCheck.Engine.Expressions;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Telemetry;
using ExportTaxCheck.Engine.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The engine: persistence, activities, expressions, definitions, the runtime and human tasks. A module adds its
    /// activities, tables and migrations through <paramref name="configure"/> (<see cref="WorkflowEngineBuilder"/>).
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, DatabaseOptions database, Action<WorkflowEngineBuilder>? configure = null)
    {
        var engine = new WorkflowEngineBuilder(services);
        configure?.Invoke(engine);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(database);
        var modules = engine.ModelAssemblies.ToList();
        if (database.IsPostgreSql)
        {
            services.AddPooledDbContextFactory<PostgreSqlDbContext>((sp, options) => ConfigureDatabase(options, database, modules)
                .AddInterceptors(sp.GetRequiredService<DbCommandCounter>()));
            services.TryAddSingleton<IDbContextFactory<WorkflowDbContext>, PostgreSqlContextFactory>();
            var separate = new DatabaseOptions { Provider = database.Provider, ConnectionString = SeparatePoolContexts.OwnPool(database.ConnectionString) };
            services.TryAddSingleton(sp => new SeparatePoolContexts(new PostgreSqlContextFactory(new PooledDbContextFactory<PostgreSqlDbContext>(
                ((DbContextOptionsBuilder<PostgreSqlDbContext>)ConfigureDatabase(new DbContextOptionsBuilder<PostgreSqlDbContext>(), separate, modules)
                    .AddInterceptors(sp.GetRequiredService<DbCommandCounter>())).Options))));
        }
        else
        {
            services.AddPooledDbContextFactory<WorkflowDbContext>((sp, options) => ConfigureDatabase(options, database, modules)
                .AddInterceptors(sp.GetRequiredService<DbCommandCounter>()));
            services.TryAddSingleton(sp => new SeparatePoolContexts(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>()));
        }

        foreach (var migrations in engine.Migrations)
            services.AddSingleton(migrations);
        services.TryAddSingleton(engine.Correlation);

        services.AddMetrics();
        services.TryAddSingleton<EngineTelemetry>();
        services.TryAddSingleton<EngineGauges>();
        services.TryAddSingleton<DbCommandCounter>();
        services.TryAddSingleton<InstanceLocks>();
        services.AddOptions<JavaScriptOptions>();
        services.AddOptions<LiquidOptions>();
        services.AddOptions<RuntimeOptions>();
        services.AddOptions<TaskRoleOptions>();
        services.TryAddSingleton(sp => engine.BuildRegistry(sp.GetRequiredService<IOptions<TaskRoleOptions>>().Value.Choices()));
        services.TryAddSingleton<JavaScriptEvaluator>();
        services.TryAddSingleton<LiquidEvaluator>();
        services.TryAddSingleton<ExpressionEvaluator>();
        services.TryAddSingleton<DefinitionValidator>();
        services.TryAddSingleton<WorkflowGraphCache>();
        services.TryAddSingleton<DefinitionService>();
        services.TryAddSingleton<DefinitionActivityTypes>();
        services.TryAddSingleton<Http.OutboundHttp>();
        services.TryAddSingleton<Http.HttpWorkflows>();
        services.TryAddSingleton<WorkSignals>();
        services.TryAddSingleton<StepStore>();
        services.TryAddSingleton<GroupCommit>();
        services.TryAddSingleton<SqliteWriter>();
        services.TryAddSingleton(DurableCommits.For(database));
        services.TryAddSingleton<StepRunner>();
        services.TryAddSingleton<InstanceSnapshots>();
        services.TryAddSingleton<WorkflowClient>();
        services.TryAddSingleton<RuntimeSweeps>();
        services.TryAddSingleton<Runtime.Alterations.WorkflowAlterations>();
        services.TryAddSingleton<InstanceQueries>();
        services.TryAddSingleton<DatabaseInitializer>();
        services.TryAddSingleton<OfficerDirectory>();
        services.TryAddSingleton<TaskService>();
        services.TryAddSingleton<TaskTimers>();
        services.TryAddSingleton<TaskBulk>();
        services.TryAddSingleton<TaskFilters>();
        return services;
    }

    /// <summary>E-mail: the outbox dispatcher, the templates, and SMTP (MailKit) or a pickup folder as configured under <c>Mail</c>.</summary>
    public static IServiceCollection AddExportTaxCheckNotifications(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>();
        services.TryAddSingleton<NotificationTemplates>();
        services.TryAddSingleton<MailDispatcher>();
        services.TryAddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>();
            return string.IsNullOrWhiteSpace(options.Value.Smtp.Host)
                ? new PickupDirectoryTransport(options)
                : new SmtpMailTransport(options, sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }

    /// <summary>
    /// The provider, its connection settings and the model's modules; <paramref name="migrationsHistoryTable"/> only for
    /// a context that migrates (<see cref="EngineMigrations"/>, <see cref="ModuleMigrations"/>).
    /// </summary>
    public static DbContextOptionsBuilder ConfigureDatabase(DbContextOptionsBuilder options, DatabaseOptions database, IReadOnlyList<Assembly> modules, string? migrationsHistoryTable = null)
    {
        if (database.IsSqlite)
        {
            SqliteProcessSettings.Apply();
            options.UseSqlite(database.ConnectionString, sqlite =>
            {
                sqlite.CommandTimeout(60);
                if (migrationsHistoryTable is not null)
                    sqlite.MigrationsHistoryTable(migrationsHistoryTable);
            });
            options.AddInterceptors(SqliteConnectionSettings.Instance);
        }
        else if (database.IsPostgreSql)
        {
            options.UseNpgsql(WithAutoPrepare(database.ConnectionString), npgsql =>
            {
                npgsql.CommandTimeout(60);
                if (migrationsHistoryTable is not null)
                    npgsql.MigrationsHistoryTable(migrationsHistoryTable);
            });
            options.AddInterceptors(SkipLockedInterceptor.Instance);
        }
        else
        {
            throw new InvalidOperationException($"Database provider '{database.Provider}' is not supported; use {DatabaseOptions.Sqlite} or {DatabaseOptions.PostgreSql}.");
        }

        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new ModelModulesExtension(modules));
        options.ReplaceService<IModelCacheKeyFactory, ProviderAwareModelCacheKeyFactory>();
        return options;
    }

    /// <summary>
    /// <paramref name="connectionString"/> with Npgsql's automatic preparation on, unless it says otherwise: a statement
    /// sent a second time on a physical connection is prepared on the server and from then on only bound and executed
    /// (the step's dozen statements and the modules' reads repeat on every step). Up to 64 per connection, the least
    /// used replaced first.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }
}
