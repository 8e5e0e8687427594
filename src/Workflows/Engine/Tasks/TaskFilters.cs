using System.Web;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>
/// Each officer's saved inbox filters. Saving under a name the officer already uses replaces that filter's query (the
/// same name is the same filter); another officer's filters are never listed, applied or deleted (they answer 404).
/// </summary>
public sealed class TaskFilters(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxNameLength = 80;
    public const int MaxQueryLength = 1000;
    public const int MaxPerUser = 50;

    public async Task<IReadOnlyList<SavedTaskFilter>> ListAsync(TaskActor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filters = await db.TaskFilters.AsNoTracking().Where(f => f.Owner == actor.UserName).ToListAsync(ct);
        return filters.OrderBy(f => f.Name, StringComparer.CurrentCulture).Select(View).ToList();
    }

    /// <summary>Saves <paramref name="query"/> under <paramref name="name"/>; returns the filter and whether it was new.</summary>
    public async Task<(SavedTaskFilter Filter, bool Created)> SaveAsync(TaskActor actor, string? name, string? query, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
            throw new InvalidRequestException("FILTER_NAME_INVALID", $"A filter's name is 1 to {MaxNameLength} characters.",
                new Dictionary<string, string[]> { ["name"] = [$"Write 1 to {MaxNameLength} characters."] });
        var normalized = Normalize(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var filter = await db.TaskFilters.FirstOrDefaultAsync(f => f.Owner == actor.UserName && f.Name == name, ct);
        var created = filter is null;
        if (filter is null)
        {
            if (await db.TaskFilters.CountAsync(f => f.Owner == actor.UserName, ct) >= MaxPerUser)
                throw new ConflictException("FILTER_LIMIT", $"You have {MaxPerUser} saved filters; delete one first.");
            filter = new TaskFilterRecord { Owner = actor.UserName, Name = name, Query = normalized, CreatedAt = now, UpdatedAt = now };
            db.TaskFilters.Add(filter);
        }
        else
        {
            filter.Query = normalized;
            filter.UpdatedAt = now;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException("FILTER_CHANGED", $"The filter '{name}' was saved at the same time elsewhere; try again.");
        }
        return (View(filter), created);
    }

    public async Task<SavedTaskFilter> GetAsync(TaskActor actor, long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filter = await db.TaskFilters.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.Owner == actor.UserName, ct);
        return filter is null ? throw NotFound(id) : View(filter);
    }

    public async Task DeleteAsync(TaskActor actor, long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.TaskFilters.Where(f => f.Id == id && f.Owner == actor.UserName).ExecuteDeleteAsync(ct) == 0)
            throw NotFound(id);
    }

    /// <summary>
    /// The query string kept: only the filter's names (<see cref="TaskCriteria.Names"/>; <c>tab</c> and <c>q</c> as
    /// <c>view</c> and <c>search</c>), in a fixed order, after checking it parses.
    /// </summary>
    public static string Normalize(string? query)
    {
        var values = HttpUtility.ParseQueryString(query?.TrimStart('?') ?? "");
        string? Get(string key) => values[key];
        TaskCriteria.Parse(Get);
        var pairs = TaskCriteria.Names
            .Select(n => (Name: n, Value: n switch { "view" => Get("view") ?? Get("tab"), "search" => Get("search") ?? Get("q"), _ => Get(n) }))
            .Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!.Trim()));
        var normalized = string.Join("&", pairs);
        if (normalized.Length > MaxQueryLength)
            throw new InvalidRequestException("VALUE_TOO_LONG", $"A filter's query is at most {MaxQueryLength} characters.",
                new Dictionary<string, string[]> { ["query"] = [$"At most {MaxQueryLength} characters."] });
        return normalized;
    }

    private static SavedTaskFilter View(TaskFilterRecord f) => new(f.Id, f.Name, f.Query, f.UpdatedAt);

    private static NotFoundException NotFound(long id) => new($"Saved filter {id} does not exist.", "FILTER_NOT_FOUND");
}
