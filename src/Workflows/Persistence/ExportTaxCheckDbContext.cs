using ExportTaxCheck.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ExportTaxCheck.Workflows.Persistence;

/// <summary>
/// The one database of the service: definitions, instances, bookmarks, journal, idempotency keys and the
/// domain tables. A workflow step writes all of its rows through one instance of this context in one transaction.
/// </summary>
public class ExportTaxCheckDbContext : DbContext
{
    public ExportTaxCheckDbContext(DbContextOptions<ExportTaxCheckDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider-specific subclasses, which carry their own migrations.</summary>
    protected ExportTaxCheckDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();
    public DbSet<WorkflowInstanceRecord> WorkflowInstances => Set<WorkflowInstanceRecord>();
    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();
    public DbSet<TriggerRecord> Triggers => Set<TriggerRecord>();
    public DbSet<ActivityExecutionRecord> ActivityExecutions => Set<ActivityExecutionRecord>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<PendingEventRecord> PendingEvents => Set<PendingEventRecord>();
    public DbSet<HumanTaskRecord> HumanTasks => Set<HumanTaskRecord>();
    public DbSet<TaskAuditRecord> TaskAudit => Set<TaskAuditRecord>();
    public DbSet<TaskCommentRecord> TaskComments => Set<TaskCommentRecord>();
    public DbSet<OfficerNotificationRecord> OfficerNotifications => Set<OfficerNotificationRecord>();
    public DbSet<UserRecord> Users => Set<UserRecord>();
    public DbSet<Notifications.OutboxMessageRecord> Outbox => Set<Notifications.OutboxMessageRecord>();

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
        modelBuilder.Entity<WorkflowDefinitionRecord>(e =>
        {
            e.ToTable("WorkflowDefinitions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.DefinitionId).HasMaxLength(128);
            e.Property(x => x.Name).HasMaxLength(400);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.DefinitionId, x.IsLatest });
            e.HasIndex(x => new { x.DefinitionId, x.IsPublished });
            e.HasIndex(x => x.Name);
        });

        modelBuilder.Entity<WorkflowInstanceRecord>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.DefinitionId).HasMaxLength(128);
            e.Property(x => x.DefinitionVersionId).HasMaxLength(64);
            e.Property(x => x.CorrelationId).HasMaxLength(200);
            e.Property(x => x.Name).HasMaxLength(400);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.UpdatedAt });
            e.HasIndex(x => new { x.DefinitionId, x.Status });
            e.HasIndex(x => x.CorrelationId);
            e.HasIndex(x => x.CreatedAt);
        });

        modelBuilder.Entity<BookmarkRecord>(e =>
        {
            e.ToTable("Bookmarks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.ActivityExecutionId).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(128);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.CorrelationId).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.Hash, x.Status });
            e.HasIndex(x => x.InstanceId);
            // Timers: only active rows with a due time are scanned.
            e.HasIndex(x => x.DueAt).HasFilter("\"DueAt\" IS NOT NULL AND \"Status\" = 'Active'");
        });

        modelBuilder.Entity<TriggerRecord>(e =>
        {
            e.ToTable("Triggers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.DefinitionId).HasMaxLength(128);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.Hash);
            e.HasIndex(x => x.DefinitionId);
            e.HasIndex(x => x.NextDueAt);
        });

        modelBuilder.Entity<ActivityExecutionRecord>(e =>
        {
            e.ToTable("ActivityExecutions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(80);
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.InstanceId, x.Sequence });
        });

        modelBuilder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("IdempotencyKeys");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(300);
            e.Property(x => x.Operation).HasMaxLength(100);
            e.Property(x => x.RequestHash).HasMaxLength(64);
            e.HasIndex(x => x.CreatedAt);
        });

        modelBuilder.Entity<HumanTaskRecord>(e =>
        {
            e.ToTable("HumanTasks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.CorrelationId).HasMaxLength(200);
            e.Property(x => x.CandidateRole).HasMaxLength(64);
            e.Property(x => x.Assignee).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.CandidateRole, x.DueAt });
            e.HasIndex(x => new { x.Assignee, x.Status });
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => x.CorrelationId);
            e.HasIndex(x => new { x.Status, x.RemindAt });
            e.HasIndex(x => new { x.Status, x.EscalateAt });
            e.HasIndex(x => new { x.Status, x.CompletedAt });
        });

        modelBuilder.Entity<TaskAuditRecord>(e =>
        {
            e.ToTable("TaskAudit");
            e.HasKey(x => x.Id);
            e.Property(x => x.TaskId).HasMaxLength(64);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(32);
            e.HasIndex(x => new { x.TaskId, x.Id });
        });

        modelBuilder.Entity<TaskCommentRecord>(e =>
        {
            e.ToTable("TaskComments");
            e.HasKey(x => x.Id);
            e.Property(x => x.TaskId).HasMaxLength(64);
            e.Property(x => x.Author).HasMaxLength(200);
            e.Property(x => x.Text).HasMaxLength(4000);
            e.HasIndex(x => new { x.TaskId, x.Id });
        });

        modelBuilder.Entity<OfficerNotificationRecord>(e =>
        {
            e.ToTable("OfficerNotifications");
            e.HasKey(x => x.Id);
            e.Property(x => x.Recipient).HasMaxLength(200);
            e.Property(x => x.RecipientRole).HasMaxLength(64);
            e.Property(x => x.TaskId).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.HasIndex(x => new { x.Recipient, x.Id });
            e.HasIndex(x => new { x.RecipientRole, x.Id });
        });

        modelBuilder.Entity<Notifications.OutboxMessageRecord>(e =>
        {
            e.ToTable("Outbox");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.MessageId).HasMaxLength(200);
            e.Property(x => x.Template).HasMaxLength(64);
            e.Property(x => x.CaseId).HasMaxLength(64);
            e.Property(x => x.SendIfStatus).HasMaxLength(32);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => x.MessageId).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => x.CaseId);
        });

        modelBuilder.Entity<UserRecord>(e =>
        {
            e.ToTable("Users");
            e.HasKey(x => x.UserName);
            e.Property(x => x.UserName).HasMaxLength(100);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.Roles).HasMaxLength(400);
            e.Property(x => x.PasswordHash).HasMaxLength(400);
        });

        modelBuilder.Entity<PendingEventRecord>(e =>
        {
            e.ToTable("PendingEvents");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.HasIndex(x => x.ProcessedAt);
        });

        Returns.Storage.ReturnsModel.Configure(modelBuilder);
    }
}

/// <summary>Stores a DateTimeOffset as its UTC ticks.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>Stores a DateTimeOffset as the same instant with offset zero.</summary>
public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);

/// <summary>The model differs per provider (SQLite stores times as ticks), so the model cache is keyed by provider too.</summary>
public sealed class ProviderAwareModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), context.Database.ProviderName, designTime);
}
