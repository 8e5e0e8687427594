using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ExportTaxCheck.Engine.Persistence;

/// <summary>
/// Saves the rows a unit of work changed (a step's module rows: the case, its tasks and their audit, the e-mail it
/// queued…) with plain statements kept prepared on SQLite, in the transaction already open, where EF Core's
/// <c>SaveChanges</c> builds its update pipeline for every save. It writes what EF Core would: the columns of an added row
/// (a key the database generates read back into the entity), the changed columns of a modified one, guarded by its
/// concurrency tokens' original values (no row updated is a <see cref="DbUpdateConcurrencyException"/>), a deleted row by
/// key and tokens; then the unit of work's changes are accepted as <c>SaveChanges</c> accepts them. Values go through the
/// model's value converters. Whatever this does not cover (PostgreSQL, a mapping beyond one table per type, relationships,
/// a value that is neither a plain SQLite value once converted nor a decimal) is left whole to EF Core: it returns false
/// before writing anything.
/// </summary>
public static class ModelWrites
{
    private static readonly ConcurrentDictionary<IEntityType, Shape?> Shapes = new();
    // The parameters of column i: its value (p{i}) and, in a guard, its original value (o{i}).
    private static readonly string[] CurrentNames = Enumerable.Range(0, 64).Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    private static readonly string[] OriginalNames = Enumerable.Range(0, 64).Select(i => "o" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    private static readonly ConcurrentDictionary<(IEntityType Type, EntityState State, ulong Columns), string> Texts = new();

    /// <summary>
    /// Saves <paramref name="db"/>'s changes in the transaction it has begun: with plain statements where this covers them,
    /// else with EF Core's <c>SaveChanges</c>. The context must come from the engine's context factory.
    /// </summary>
    public static async Task SaveChangesAsync(WorkflowDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null || !await TrySaveAsync(db, await SnapshotReads.SqlAsync(db, ct), ct))
            await db.SaveChangesAsync(ct);
    }

    internal static async Task<bool> TrySaveAsync(DbContext db, StepSql sql, CancellationToken ct)
    {
        if (!sql.IsSqlite || sql.Autocommit)
            return false;
        var plan = new List<(EntityEntry Entry, string Text, (string Name, object? Value)[] Values, IProperty? Generated)>();
        // Deletions first, then updates, then inserts: a row deleted or changed to make room for one added with the same
        // unique value is out of its way (no foreign keys here, so no other order is needed).
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Deleted or EntityState.Modified or EntityState.Added)
                     .OrderBy(e => e.State switch { EntityState.Deleted => 0, EntityState.Modified => 1, _ => 2 }))
        {
            if (Plan(entry) is not { } step)
                return false;
            plan.Add((entry, step.Text, step.Values, step.Generated));
        }

        foreach (var (entry, text, values, generated) in plan)
        {
            int written;
            try
            {
                if (generated is not null)
                {
                    var key = (await sql.QueryAsync(text, r => r.GetInt64(0), ct, values)).Single();
                    entry.Property(generated.Name).CurrentValue = Convert.ChangeType(key, generated.ClrType, System.Globalization.CultureInfo.InvariantCulture);
                    written = 1;
                }
                else
                {
                    written = await sql.ExecuteAsync(text, ct, values);
                }
            }
            catch (System.Data.Common.DbException ex)
            {
                // As EF Core reports it: callers tell a unique violation by the inner exception.
                throw new DbUpdateException($"Saving the {entry.Metadata.GetTableName()} row of {entry.Metadata.ClrType.Name} failed: {ex.Message}", ex);
            }
            if (written != 1)
            {
                throw new DbUpdateConcurrencyException(
                    $"The {entry.Metadata.GetTableName()} row of {entry.Metadata.ClrType.Name} changed or went since this unit of work read it.");
            }
        }
        db.ChangeTracker.AcceptAllChanges();
        return true;
    }

    private static (string Text, (string Name, object? Value)[] Values, IProperty? Generated)? Plan(EntityEntry entry)
    {
        var type = entry.Metadata;
        if (Shapes.GetOrAdd(type, ShapeOf) is not { } shape)
            return null;
        var (properties, primary) = shape;
        var values = new List<(string, object?)>();
        IProperty? generated = null;
        ulong columns = 0;
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var value = entry.Property(property);
            switch (entry.State)
            {
                case EntityState.Added when value.IsTemporary:
                    // A key the database generates (an integer key by convention): read back with RETURNING.
                    if (generated is not null || !primary.Contains(property) || property.ClrType != typeof(long) && property.ClrType != typeof(int))
                        return null;
                    generated = property;
                    continue;
                case EntityState.Added:
                    break;
                case EntityState.Modified when value.IsModified:
                    if (primary.Contains(property))
                        return null;
                    break;
                default:
                    continue;
            }
            if (!TryProviderValue(property, value.CurrentValue, out var stored))
                return null;
            columns |= 1UL << i;
            values.Add((CurrentNames[i], stored));
        }
        if (entry.State is EntityState.Modified or EntityState.Deleted)
        {
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                if (!primary.Contains(property) && !property.IsConcurrencyToken)
                    continue;
                if (!TryProviderValue(property, entry.Property(property).OriginalValue, out var original))
                    return null;
                values.Add((OriginalNames[i], original));
            }
        }
        if (entry.State == EntityState.Modified && columns == 0)
            return null;
        var text = Texts.GetOrAdd((type, entry.State, columns), key => Text(key.Type, key.State, key.Columns, shape));
        return (text, values.ToArray(), generated);
    }

    private static bool TryProviderValue(IProperty property, object? value, out object? stored)
    {
        stored = property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
        // A GUID as Microsoft.Data.Sqlite binds it for EF Core: upper-case text.
        if (stored is Guid guid)
            stored = guid.ToString("D").ToUpperInvariant();
        // A decimal has no SQLite type of its own: its statement goes as a command, bound by Microsoft.Data.Sqlite as EF Core's is.
        return SqliteStatements.Binds(stored) || stored is decimal;
    }

    /// <summary>
    /// The columns and key of a type this writes, looked at once per type: null for a type it leaves to EF Core (not one
    /// table of its own, relationships, more than 64 columns, no key).
    /// </summary>
    private static Shape? ShapeOf(IEntityType type)
    {
        var properties = type.GetProperties().ToList();
        return type.GetTableName() is null || type.GetSchema() is not null || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any()
               || type.GetForeignKeys().Any() || type.GetNavigations().Any() || type.GetComplexProperties().Any() || properties.Count > 64
               || type.FindPrimaryKey() is not { } primary
            ? null
            : new Shape(properties, primary.Properties);
    }

    private sealed record Shape(IReadOnlyList<IProperty> Properties, IReadOnlyList<IProperty> Key);

    private static string Text(IEntityType type, EntityState state, ulong columns, Shape shape)
    {
        var (properties, primary) = shape;
        var table = Quote(type.GetTableName()!);
        string Column(int i) => Quote(properties[i].GetColumnName());
        string Parameter(int i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var written = Enumerable.Range(0, properties.Count).Where(i => (columns & (1UL << i)) != 0).ToList();
        // The key by equality (never null), a concurrency token by identity (its original value may be null).
        var guarded = Enumerable.Range(0, properties.Count)
            .Where(i => primary.Contains(properties[i]) || properties[i].IsConcurrencyToken)
            .Select(i => $"{Column(i)} {(primary.Contains(properties[i]) ? "=" : "IS")} @o{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var text = new StringBuilder();
        switch (state)
        {
            case EntityState.Added:
                text.Append($"INSERT INTO {table} ({string.Join(", ", written.Select(Column))}) VALUES ({string.Join(", ", written.Select(Parameter))})");
                // A key column left out is the one the database generates.
                if (Enumerable.Range(0, properties.Count).FirstOrDefault(i => primary.Contains(properties[i]) && !written.Contains(i), -1) is var key and >= 0)
                    text.Append($" RETURNING {Column(key)}");
                break;
            case EntityState.Modified:
                text.Append($"UPDATE {table} SET {string.Join(", ", written.Select(i => $"{Column(i)} = {Parameter(i)}"))} WHERE {string.Join(" AND ", guarded)}");
                break;
            default:
                text.Append($"DELETE FROM {table} WHERE {string.Join(" AND ", guarded)}");
                break;
        }
        return text.ToString();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
