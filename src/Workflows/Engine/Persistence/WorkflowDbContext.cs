using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// The one database of the service: definitions, instances, bookmarks, journal, idempotency keys and the tables of the
/// modules registered with the engine. A workflow step writes all of its rows through one instance of this context in
/// one transaction. Without modules it is also what the engine's own migrations are made for (<see cref="EngineMigrations"/>).
/// </summary>
public class WorkflowDbContext : DbContext
{
    public WorkflowDbContext(DbContextOptions<WorkflowDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider-specific subclasses, which carry their own migrations.</summary>
    protected WorkflowDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();
    public DbSet<WorkflowInstanceRecord> WorkflowInstances => Set<WorkflowInstanceRecord>();
    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();
    public DbSet<TriggerRecord> Triggers => Set<TriggerRecord>();
    public DbSet<ActivityExecutionRecord> ActivityExecutions => Set<ActivityExecutionRecord>();
    public DbSet<ExecutionLogRecord> ExecutionLog => Set<ExecutionLogRecord>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<PendingEventRecord> PendingEvents => Set<PendingEventRecord>();
    public DbSet<HumanTaskRecord> HumanTasks => Set<HumanTaskRecord>();
    public DbSet<TaskAuditRecord> TaskAudit => Set<TaskAuditRecord>();
    public DbSet<TaskCommentRecord> TaskComments => Set<TaskCommentRecord>();
    public DbSet<OfficerNotificationRecord> OfficerNotifications => Set<OfficerNotificationRecord>();
    public DbSet<TaskFilterRecord> TaskFilters => Set<TaskFilterRecord>();
    public DbSet<UserRecord> Users => Set<UserRecord>();
    public DbSet<OutboxMessageRecord> Outbox => Set<OutboxMessageRecord>();

    /// <summary>
    /// The instance a step runs in this unit of work, read without tracking and written by the step itself; cleared when
    /// the step has written it (a pooled context keeps its fields).
    /// </summary>
    internal WorkflowInstanceRecord? SteppingInstance { get; set; }

    /// <summary>The engine's command counter among the context's interceptors, looked up once (its options never change, pooled or not).</summary>
    internal Telemetry.DbCommandCounter? CommandCounter { get; set; }

    /// <summary>
    /// True while the engine holds the connection open for its plain statements (<see cref="StepStore"/>): it is closed
    /// before the context goes back to the pool. A pooled context given back with an explicitly opened connection keeps
    /// EF Core's count of opens, so the next unit of work leased from the pool would never close the connection its
    /// queries open, and would hold a pooled connection from its first query to its end.
    /// </summary>
    internal bool HeldOpen { get; set; }

    /// <summary>
    /// Runs <paramref name="write"/>, a statement that commits on its own, on the process's SQLite writer
    /// (<see cref="SqliteWriter"/>) when this unit of work is in no transaction and the writer is available; otherwise on
    /// this unit of work (in its transaction, if it has one).
    /// </summary>
    public Task<T> WriteAloneAsync<T>(Func<WorkflowDbContext, Task<T>> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        return !InTransaction && Writer is { Available: true } writer ? writer.RunAsync(write, ct) : write(this);
    }

    /// <summary>True while this unit of work is in a transaction: EF Core's, or one begun with plain statements on its connection.</summary>
    internal bool InTransaction =>
        Database.CurrentTransaction is not null
        || Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection { State: System.Data.ConnectionState.Open, Handle: { } handle }
        && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    /// <summary>
    /// The application's SQLite writer, looked up once (a pooled context keeps it: its options never change); none for a
    /// context made without the application's services.
    /// </summary>
    internal SqliteWriter? Writer =>
        _writer ??= this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(SqliteWriter)) as SqliteWriter;

    private SqliteWriter? _writer;

    public override void Dispose()
    {
        SteppingInstance = null;
        if (HeldOpen)
        {
            HeldOpen = false;
            if (Database.GetDbConnection().State != System.Data.ConnectionState.Closed)
                Database.CloseConnection();
        }
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        SteppingInstance = null;
        if (HeldOpen)
        {
            HeldOpen = false;
            if (Database.GetDbConnection().State != System.Data.ConnectionState.Closed)
                await Database.CloseConnectionAsync();
        }
        GC.SuppressFinalize(this);
        await base.DisposeAsync();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values stored as text; UTC ticks sort and compare as numbers.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
        else if (Database.IsNpgsql())
        {
            // timestamptz takes UTC values only; domain times in UTC+8 are stored as the same instant in UTC.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // The engine's own tables, then those of every module registered with AddWorkflowEngine (ModelModulesExtension).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);
        foreach (var assembly in this.GetService<IDbContextOptions>().FindExtension<ModelModulesExtension>()?.Assemblies ?? [])
            modelBuilder.ApplyConfigurationsFromAssembly(assembly);
    }
}
