using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExportTaxCheck.Engine.Definitions;

/// <summary>
/// Versions of definitions, the way Elsa keeps them: one latest version per definition (the one the designer edits),
/// at most one published version (the one new instances use). Saving over a published version — or over a draft that
/// instances already run on — creates a new version, so running instances never see their definition change.
/// </summary>
public sealed partial class DefinitionService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    DefinitionValidator validator,
    WorkflowGraphCache graphs,
    ActivityRegistry registry,
    DefinitionActivityTypes activityTypes,
    TimeProvider clock,
    ILogger<DefinitionService> logger)
{
    public async Task<Page<DefinitionSummary>> ListAsync(DefinitionQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = Filter(db.WorkflowDefinitions.AsNoTracking(), query.Versions ?? VersionOptions.Latest);
        if (!string.IsNullOrWhiteSpace(query.SearchTerm))
        {
            // Lower-cased on both sides: case-insensitive on SQLite and PostgreSQL alike, and % or _ in the term match themselves.
            var term = query.SearchTerm.Trim().ToLowerInvariant();
#pragma warning disable MA0011 // ToLower is translated to SQL LOWER(); no culture of this process applies.
            rows = rows.Where(d => (d.Name != null && d.Name.ToLower().Contains(term)) || d.DefinitionId.ToLower().Contains(term)
                                   || (d.Description != null && d.Description.ToLower().Contains(term)));
#pragma warning restore MA0011
        }
        if (query.DefinitionIds is { Count: > 0 } ids)
            rows = rows.Where(d => ids.Contains(d.DefinitionId));
        if (query.VersionIds is { Count: > 0 } versionIds)
            rows = rows.Where(d => versionIds.Contains(d.Id));
        if (query.IsSystem is { } isSystem)
            rows = rows.Where(d => d.IsSystem == isSystem);

        var total = await rows.LongCountAsync(ct);
        rows = (query.OrderBy?.ToLowerInvariant(), query.Descending) switch
        {
            ("name", false) => rows.OrderBy(d => d.Name).ThenBy(d => d.DefinitionId),
            ("name", true) => rows.OrderByDescending(d => d.Name).ThenBy(d => d.DefinitionId),
            ("version", false) => rows.OrderBy(d => d.Version),
            ("version", true) => rows.OrderByDescending(d => d.Version),
            ("created", false) => rows.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id),
            (_, true) => rows.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id),
            _ => rows.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var page = Math.Max(0, query.Page);
        var items = await rows.Skip(Paging.Skip(page, pageSize)).Take(pageSize)
            .Select(d => new DefinitionSummary(d.Id, d.DefinitionId, d.Name, d.Description, d.Version, d.IsLatest, d.IsPublished, d.CreatedAt))
            .ToListAsync(ct);
        return new Page<DefinitionSummary>(items, total, page, pageSize);
    }

    public async Task<WorkflowDefinitionModel?> FindAsync(string definitionId, VersionOptions versions, CancellationToken ct)
    {
        var record = await FindRecordAsync(definitionId, versions, ct);
        return record is null ? null : ToModel(record);
    }

    public async Task<WorkflowDefinitionRecord?> FindRecordAsync(string definitionId, VersionOptions versions, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId), versions)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The id, revision, number and name of the version <see cref="FindRecordAsync"/> finds, read without its JSON with a
    /// plain statement (kept prepared on SQLite): a start whose version is compiled already needs no more.
    /// </summary>
    public static async Task<(string Id, long Revision, int Version, string? Name)?> FindHeadAsync(WorkflowDbContext db, string definitionId, VersionOptions versions, CancellationToken ct)
    {
        var filter = versions.Selector switch
        {
            VersionSelector.Latest => " AND \"IsLatest\"",
            VersionSelector.Published => " AND \"IsPublished\"",
            VersionSelector.LatestOrPublished => " AND (\"IsLatest\" OR \"IsPublished\")",
            VersionSelector.LatestAndPublished => " AND \"IsLatest\" AND \"IsPublished\"",
            VersionSelector.Draft => " AND NOT \"IsPublished\"",
            VersionSelector.Specific => " AND \"Version\" = @version",
            _ => "",
        };
        var sql = await SnapshotReads.OnAsync(db, ct);
        var rows = await sql.QueryAsync(
            $"SELECT \"Id\", \"Revision\", \"Version\", \"Name\" FROM \"WorkflowDefinitions\" WHERE \"DefinitionId\" = @definitionId{filter} ORDER BY \"Version\" DESC LIMIT 1",
            r => (r.GetString(0), r.GetInt64(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3)), ct,
            versions.Selector == VersionSelector.Specific ? [("definitionId", definitionId), ("version", versions.Version)] : [("definitionId", definitionId)]);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<WorkflowDefinitionModel?> FindByIdAsync(string id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return record is null ? null : ToModel(record);
    }

    public async Task<IReadOnlyList<DefinitionSummary>> ListVersionsAsync(string definitionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId)
            .OrderByDescending(d => d.Version)
            .Select(d => new DefinitionSummary(d.Id, d.DefinitionId, d.Name, d.Description, d.Version, d.IsLatest, d.IsPublished, d.CreatedAt))
            .ToListAsync(ct);
    }

    public async Task<bool> IsNameUniqueAsync(string name, string? exceptDefinitionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return !await db.WorkflowDefinitions.AnyAsync(d => d.IsLatest && d.Name == name && d.DefinitionId != exceptDefinitionId, ct);
    }

    /// <summary>Saves the model as the latest (draft) version, and publishes it when asked.</summary>
    public async Task<SaveResult> SaveAsync(WorkflowDefinitionModel model, bool publish, CancellationToken ct)
    {
        if (model.Root is null)
            throw new InvalidRequestException("DEFINITION_INVALID", "The workflow definition has no root activity.");

        await activityTypes.EnsureLoadedAsync(ct);
        var errors = validator.Validate(model);
        if (publish && errors.Count > 0)
            throw new DefinitionValidationException(errors);

        var now = clock.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            bool created;
            string definitionId;
            WorkflowDefinitionRecord target;
            // The definition's activity type and its consumers are refreshed once this connection is back in the pool.
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                created = false;
                definitionId = string.IsNullOrWhiteSpace(model.DefinitionId) ? Ids.New() : model.DefinitionId.Trim();
                ColumnLengths.Ensure<WorkflowDefinitionRecord>(db, nameof(WorkflowDefinitionRecord.DefinitionId), definitionId, "definitionId");
                ColumnLengths.Ensure<WorkflowDefinitionRecord>(db, nameof(WorkflowDefinitionRecord.Name), model.Name, "name");
                var versions = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ToListAsync(ct);
                var latest = versions.Where(v => v.IsLatest).MaxBy(v => v.Version) ?? versions.MaxBy(v => v.Version);

                if (latest is not null && !latest.IsPublished && !await db.WorkflowInstances.AnyAsync(i => i.DefinitionVersionId == latest.Id, ct))
                {
                    target = latest;
                }
                else
                {
                    created = true;
                    foreach (var version in versions.Where(v => v.IsLatest))
                        version.IsLatest = false;
                    target = new WorkflowDefinitionRecord
                    {
                        Id = Ids.New(),
                        DefinitionId = definitionId,
                        Version = (versions.Count == 0 ? 0 : versions.Max(v => v.Version)) + 1,
                        CreatedAt = now,
                        Data = "",
                        ContentHash = "",
                    };
                    db.WorkflowDefinitions.Add(target);
                }

                var stored = model.Clone().AssignNodeIds();
                stored.Id = target.Id;
                stored.DefinitionId = definitionId;
                stored.Version = target.Version;
                stored.IsLatest = true;
                stored.IsPublished = target.IsPublished;
                stored.CreatedAt = target.CreatedAt;
                stored.Name = string.IsNullOrWhiteSpace(stored.Name) ? definitionId : stored.Name;
                Write(target, stored, now);
                target.IsLatest = true;

                if (publish)
                    await PublishVersionAsync(db, versions.Append(target).Distinct().ToList(), target, now, ct);

                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException ex) when (attempt < 3)
                {
                    // A concurrent save of the same definition won the race: read again and redo.
                    logger.LogDebug(ex, "Concurrent save of definition {DefinitionId}; retrying", definitionId);
                    continue;
                }
            }

            graphs.Invalidate(target.Id);
            await activityTypes.RefreshAsync(definitionId, ct);
            var saved = ToModel(target);
            if (publish)
                await UpdateConsumersAsync(saved, ct);
            return new SaveResult(saved, created, errors);
        }
    }

    /// <summary>Publishes the latest version; it becomes the one new instances use.</summary>
    public async Task<WorkflowDefinitionModel> PublishAsync(string definitionId, CancellationToken ct)
    {
        await activityTypes.EnsureLoadedAsync(ct);
        WorkflowDefinitionRecord latest;
        bool published;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var versions = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ToListAsync(ct);
            latest = versions.FirstOrDefault(v => v.IsLatest) ?? throw new NotFoundException($"Workflow definition '{definitionId}' does not exist.");
            validator.EnsureValid(ToModel(latest));
            published = !latest.IsPublished;
            if (published)
            {
                await PublishVersionAsync(db, versions, latest, clock.GetUtcNow(), ct);
                await db.SaveChangesAsync(ct);
            }
        }
        if (published)
        {
            await activityTypes.RefreshAsync(definitionId, ct);
            await UpdateConsumersAsync(ToModel(latest), ct);
        }
        return ToModel(latest);
    }

    public async Task<WorkflowDefinitionModel> RetractAsync(string definitionId, CancellationToken ct)
    {
        WorkflowDefinitionRecord? published;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            published = await db.WorkflowDefinitions.FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsPublished, ct);
            if (published is null)
            {
                if (!await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == definitionId, ct))
                    throw new NotFoundException($"Workflow definition '{definitionId}' does not exist.");
                throw new ConflictException("NOT_PUBLISHED", $"Workflow definition '{definitionId}' has no published version to retract.");
            }

            published.IsPublished = false;
            var model = ToModel(published);
            model.IsPublished = false;
            Write(published, model, clock.GetUtcNow());
            await db.Triggers.Where(t => t.DefinitionId == definitionId).ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
        }
        await activityTypes.RefreshAsync(definitionId, ct);
        return ToModel(published);
    }

    /// <summary>Deletes one version that is neither published nor used by any instance.</summary>
    public async Task DeleteVersionAsync(string versionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.WorkflowDefinitions.FirstOrDefaultAsync(d => d.Id == versionId, ct)
                      ?? throw new NotFoundException($"Workflow definition version '{versionId}' does not exist.", "DEFINITION_NOT_FOUND");
        if (version.IsPublished)
            throw new ConflictException("VERSION_PUBLISHED", $"Version {version.Version} of '{version.DefinitionId}' is published; retract it first.");
        if (await db.WorkflowInstances.AnyAsync(i => i.DefinitionVersionId == versionId, ct))
            throw new ConflictException("VERSION_IN_USE", $"Version {version.Version} of '{version.DefinitionId}' has instances.");
        db.WorkflowDefinitions.Remove(version);
        if (version.IsLatest)
        {
            var previous = await db.WorkflowDefinitions.Where(d => d.DefinitionId == version.DefinitionId && d.Id != versionId)
                .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
            if (previous is not null)
            {
                previous.IsLatest = true;
                previous.Revision++;
            }
        }
        await db.SaveChangesAsync(ct);
        graphs.Invalidate(versionId);
    }

    /// <summary>Deletes every version. Refused while instances of it are still running, so no case loses its flow.</summary>
    public async Task DeleteAsync(string definitionId, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == definitionId, ct))
                throw new NotFoundException($"Workflow definition '{definitionId}' does not exist.");
            var active = await db.WorkflowInstances.CountAsync(i => i.DefinitionId == definitionId
                && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended), ct);
            if (active > 0)
                throw new ConflictException("DEFINITION_IN_USE", $"Workflow definition '{definitionId}' has {active} running instance(s); cancel or finish them first.");

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Triggers.Where(t => t.DefinitionId == definitionId).ExecuteDeleteAsync(ct);
            await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        await activityTypes.RefreshAsync(definitionId, ct);
    }

    /// <summary>
    /// Imports one definition, as Elsa's import does: it is saved, and published when <paramref name="publish"/> says so
    /// (by default: when the file says <c>isPublished: true</c>; a draft stays a draft). A changed one becomes a new
    /// version; an unchanged one is left alone (or published, when asked). Returns the version saved or in use.
    /// </summary>
    public async Task<(WorkflowDefinitionModel Definition, string Outcome)> ImportAsync(WorkflowDefinitionModel model, CancellationToken ct, bool? publish = null)
    {
        if (string.IsNullOrWhiteSpace(model.DefinitionId))
            model.DefinitionId = Ids.New();
        var shouldPublish = publish ?? model.IsPublished;
        var hash = ContentHash(model);
        var latest = await FindRecordAsync(model.DefinitionId, VersionOptions.Latest, ct);
        if (latest is not null && latest.ContentHash == hash)
        {
            if (!latest.IsPublished && shouldPublish)
                return (await PublishAsync(model.DefinitionId, ct), "published");
            return (ToModel(latest), "unchanged");
        }

        var result = await SaveAsync(model, shouldPublish, ct);
        return (result.Definition, latest is null ? "created" : "updated");
    }

    /// <summary>Imports every *.json file of a folder (the Host does this at start-up for workflows-json/).</summary>
    public async Task<IReadOnlyList<(string File, string Outcome)>> ImportDirectoryAsync(string directory, CancellationToken ct)
    {
        var results = new List<(string, string)>();
        if (!Directory.Exists(directory))
            return results;
        // A flow that uses another as an activity needs that one first: files refused for an unknown type are tried
        // again while a round imports something.
        var pending = Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        for (var round = 0; round < 10 && pending.Count > 0; round++)
        {
            var retry = new List<string>();
            var before = results.Count;
            await ImportFilesAsync(pending, results, retry, last: false, ct);
            if (retry.Count == 0 || results.Count == before)
            {
                await ImportFilesAsync(retry, results, [], last: true, ct);
                break;
            }
            pending = retry;
        }
        return results;
    }

    private async Task ImportFilesAsync(List<string> files, List<(string, string)> results, List<string> retry, bool last, CancellationToken ct)
    {
        foreach (var file in files)
        {
            try
            {
                var model = WorkflowJson.Parse(await File.ReadAllTextAsync(file, ct));
                // The flows the service deploys are published, whatever the file says (they are what new cases run).
                var (definition, outcome) = await ImportAsync(model, ct, publish: true);
                logger.LogInformation("Workflow file {File}: {Outcome} ({DefinitionId} v{Version})", Path.GetFileName(file), outcome, definition.DefinitionId, definition.Version);
                results.Add((Path.GetFileName(file), outcome));
            }
            catch (DefinitionValidationException ex) when (!last && ex.Errors.Any(e => e.Code == "UnknownActivityType"))
            {
                retry.Add(file);
            }
            catch (Exception ex) when (ex is DefinitionFormatException or DefinitionValidationException or ProblemException)
            {
                // One bad file must not keep the service from starting; the published version in use stays as it was.
                logger.LogError("Workflow file {File} was not imported: {Reason}", Path.GetFileName(file), ex.Message);
                results.Add((Path.GetFileName(file), "rejected: " + ex.Message));
            }
        }
    }

    public static WorkflowDefinitionModel ToModel(WorkflowDefinitionRecord record)
    {
        var model = WorkflowJson.Parse(record.Data).AssignNodeIds().WithStudioDefaults();
        model.Id = record.Id;
        model.DefinitionId = record.DefinitionId;
        model.Version = record.Version;
        model.IsLatest = record.IsLatest;
        model.IsPublished = record.IsPublished;
        model.CreatedAt = record.CreatedAt;
        return model;
    }

    private async Task PublishVersionAsync(WorkflowDbContext db, List<WorkflowDefinitionRecord> versions, WorkflowDefinitionRecord target, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var version in versions.Where(v => v.IsPublished && v != target))
        {
            version.IsPublished = false;
            var previous = ToModel(version);
            Write(version, previous, now);
        }

        target.IsPublished = true;
        var model = ToModel(target);
        model.IsPublished = true;
        Write(target, model, now);

        db.Triggers.RemoveRange(db.Triggers.Where(t => t.DefinitionId == target.DefinitionId));
        var graph = new WorkflowGraph(model, registry);
        var context = new TriggerContext(now, target.DefinitionId, target.Id);
        await EnsureHttpRoutesFreeAsync(db, model, graph, context, ct);
        // Triggers start the root flowchart from one of its activities (Elsa's start rule), so only those are indexed.
        foreach (var node in model.Root!.IsFlowchart ? model.Root.Activities ?? [] : [])
        {
            if (!node.GetCanStartWorkflow() || graph.GetActivity(node.Id) is not ITriggerActivity trigger)
                continue;
            foreach (var request in trigger.GetTriggers(context))
            {
                db.Triggers.Add(new TriggerRecord
                {
                    Id = Ids.New(),
                    DefinitionId = target.DefinitionId,
                    DefinitionVersionId = target.Id,
                    ActivityId = node.Id,
                    Name = request.Name,
                    Hash = BookmarkHash.Compute(request.Name, request.Stimulus),
                    Payload = request.Payload?.ToJsonString(),
                    NextDueAt = request.FirstDueAt,
                });
            }
        }
    }

    /// <summary>
    /// A path and method another published workflow's HttpEndpoint already starts on are refused, with Elsa's message: a
    /// request could not tell the two apart.
    /// </summary>
    private static async Task EnsureHttpRoutesFreeAsync(WorkflowDbContext db, WorkflowDefinitionModel model, WorkflowGraph graph, TriggerContext context, CancellationToken ct)
    {
        foreach (var node in model.Root!.IsFlowchart ? model.Root.Activities ?? [] : [])
        {
            if (!node.GetCanStartWorkflow() || graph.GetActivity(node.Id) is not Activities.Http.HttpEndpoint endpoint)
                continue;
            foreach (var request in endpoint.GetTriggers(context))
            {
                var hash = BookmarkHash.Compute(request.Name, request.Stimulus);
                if (await db.Triggers.AnyAsync(t => t.Hash == hash && t.DefinitionId != model.DefinitionId, ct))
                    throw new DefinitionValidationException([new("HttpRouteInUse",
                        $"The {request.Payload?["path"]} path and {request.Payload?["method"]?.ToString().ToLowerInvariant()} method are already in use by another workflow!", node.Id)]);
            }
        }
    }

    private static void Write(WorkflowDefinitionRecord record, WorkflowDefinitionModel model, DateTimeOffset now)
    {
        record.Name = model.Name;
        record.Description = model.Description;
        record.IsSystem = model.IsSystem ?? false;
        record.Data = WorkflowJson.Serialize(model);
        record.ContentHash = ContentHash(model);
        record.UpdatedAt = now;
        record.Revision++;
    }

    /// <summary>A hash of what the definition does and shows, without the fields that change on every save.</summary>
    public static string ContentHash(WorkflowDefinitionModel model)
    {
        // Hash the normalised form, so a file and its stored copy (node ids, defaults filled in) compare equal.
        var node = JsonNode.Parse(WorkflowJson.Serialize(model.Clone().AssignNodeIds().WithStudioDefaults()))!.AsObject();
        foreach (var field in new[] { "id", "version", "isLatest", "isPublished", "createdAt" })
            node.Remove(field);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(node.ToJsonString())));
    }

    private static IQueryable<WorkflowDefinitionRecord> Filter(IQueryable<WorkflowDefinitionRecord> rows, VersionOptions versions) => versions.Selector switch
    {
        VersionSelector.Latest => rows.Where(d => d.IsLatest),
        VersionSelector.Published => rows.Where(d => d.IsPublished),
        VersionSelector.LatestOrPublished => rows.Where(d => d.IsLatest || d.IsPublished),
        VersionSelector.LatestAndPublished => rows.Where(d => d.IsLatest && d.IsPublished),
        VersionSelector.Draft => rows.Where(d => !d.IsPublished),
        VersionSelector.Specific => rows.Where(d => d.Version == versions.Version),
        _ => rows,
    };
}
