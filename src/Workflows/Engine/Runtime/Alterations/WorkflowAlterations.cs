using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Runtime.Alterations;

/// <summary>
/// Elsa's alterations, run on instances one step each: <c>Migrate</c> (to another version of the definition, refused when
/// the instance waits in activities that version lacks), <c>ScheduleActivity</c> (retry a faulted activity, or run one
/// again), <c>CancelActivity</c>, <c>ModifyVariable</c> and <c>Cancel</c>. An instance's alterations apply together or
/// not at all; each one is journaled with who made it. A repeated request with the same idempotency key gets the first
/// results.
/// </summary>
public sealed class WorkflowAlterations(IDbContextFactory<WorkflowDbContext> dbFactory, StepRunner runner, TimeProvider clock)
{
    private static readonly string[] Types = ["Migrate", "ModifyVariable", "CancelActivity", "ScheduleActivity", "Cancel"];

    /// <summary>Elsa's <c>POST /alterations/run</c>.</summary>
    public async Task<IReadOnlyList<AlterationResult>> RunAsync(IReadOnlyList<string> instanceIds, JsonArray alterations, string by, string? idempotencyKey, CancellationToken ct)
    {
        var parsed = Parse(alterations);
        return await IdempotentAsync("alterations", idempotencyKey, new { instanceIds, alterations }, ct, async () =>
        {
            var results = new List<AlterationResult>();
            foreach (var instanceId in instanceIds.Distinct(StringComparer.Ordinal))
                results.Add(await AlterAsync(instanceId, parsed, by, ct));
            return results;
        });
    }

    /// <summary>Elsa's <c>/alterations/workflows/retry</c>: schedules the given activities, or every one with an incident.</summary>
    public async Task<IReadOnlyList<AlterationResult>> RetryAsync(IReadOnlyList<string> instanceIds, IReadOnlyList<string>? activityIds, string by, string? idempotencyKey, CancellationToken ct) =>
        await IdempotentAsync("alterations-retry", idempotencyKey, new { instanceIds, activityIds }, ct, async () =>
        {
            var results = new List<AlterationResult>();
            foreach (var instanceId in instanceIds.Distinct(StringComparer.Ordinal))
            {
                var incidents = await OpenIncidentsAsync(instanceId, ct);
                var retries = activityIds is { Count: > 0 }
                    ? activityIds.Select(a => incidents.FirstOrDefault(i => i.ActivityId == a) is { } incident
                        ? new JsonObject { ["type"] = "ScheduleActivity", ["activityInstanceId"] = incident.ActivityExecutionId }
                        : new JsonObject { ["type"] = "ScheduleActivity", ["activityId"] = a })
                    : incidents.DistinctBy(i => i.ActivityExecutionId).Select(i => new JsonObject { ["type"] = "ScheduleActivity", ["activityInstanceId"] = i.ActivityExecutionId });
                results.Add(await AlterAsync(instanceId, retries.ToList(), by, ct));
            }
            return results;
        });

    private async Task<AlterationResult> AlterAsync(string instanceId, IReadOnlyList<JsonObject> alterations, string by, CancellationToken ct)
    {
        var log = new List<AlterationLogEntry>();
        if (alterations.Count == 0)
        {
            log.Add(Entry("Nothing to alter: the instance has no open incident.", "Warning"));
            return new AlterationResult(instanceId, new AlterationLog(log), false);
        }

        try
        {
            // A migration changes the version the step loads, so it runs first, in a step of its own.
            foreach (var migrate in alterations.Where(a => TypeOf(a) == "Migrate"))
                log.Add(Entry(await runner.MigrateAsync(instanceId, Int(migrate, "targetVersion"), by, ct), "Information", "Migrate"));

            var rest = alterations.Where(a => TypeOf(a) != "Migrate").ToList();
            var status = WorkflowStatus.Suspended;
            if (rest.Count > 0)
            {
                var result = await runner.StepAsync(instanceId, null, ct, async executor =>
                {
                    foreach (var alteration in rest)
                        log.Add(Entry(await ApplyAsync(executor, alteration, by), "Information", TypeOf(alteration)));
                });
                status = result.Status;
            }
            return new AlterationResult(instanceId, new AlterationLog(log), status == WorkflowStatus.Running);
        }
        catch (AlterationFailedException ex)
        {
            log.Add(Entry(ex.Message, "Error"));
        }
        catch (ProblemException ex) when (ex is NotFoundException or ConflictException)
        {
            log.Add(Entry(ex.Message, "Error"));
        }
        return new AlterationResult(instanceId, new AlterationLog(log), false);
    }

    private static async Task<string> ApplyAsync(WorkflowExecutor executor, JsonObject alteration, string by)
    {
        switch (TypeOf(alteration))
        {
            case "ScheduleActivity":
                return await executor.ScheduleActivityAsync(Text(alteration, "activityInstanceId"), Text(alteration, "activityId"), by);
            case "CancelActivity":
                return await executor.CancelActivityAsync(Text(alteration, "activityInstanceId"), Text(alteration, "activityId"), by);
            case "ModifyVariable":
                return executor.ModifyVariable(Text(alteration, "variableId") ?? throw new AlterationFailedException("ModifyVariable needs a variableId."),
                    alteration["value"]?.DeepClone(), by);
            default:
                if (executor.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
                    throw new AlterationFailedException($"The workflow instance has already ended ({executor.Status}).");
                await executor.CancelAsync();
                executor.LogInstanceEvent("Altered", "Cancelled the workflow instance.", new JsonObject { ["alteration"] = "Cancel", ["by"] = by });
                return "Cancelled the workflow instance.";
        }
    }

    /// <summary>Checks every alteration before any runs: a request with an unknown or incomplete alteration is refused whole.</summary>
    private static List<JsonObject> Parse(JsonArray alterations)
    {
        if (alterations.Count == 0)
            throw new InvalidRequestException("ALTERATIONS_REQUIRED", "'alterations' must list at least one alteration.");
        var parsed = new List<JsonObject>();
        foreach (var (node, index) in alterations.Select((n, i) => (n, i)))
        {
            if (node is not JsonObject alteration || TypeOf(alteration) is not { } type)
                throw new InvalidRequestException("ALTERATION_INVALID", $"Alteration {index} must be an object with a 'type' ({string.Join(", ", Types)}).");
            if (!Types.Contains(type, StringComparer.Ordinal))
                throw new InvalidRequestException("ALTERATION_UNKNOWN", $"Alteration {index} has the unknown type '{type}'; use one of {string.Join(", ", Types)}.");
            if (type == "Migrate" && (alteration["targetVersion"] is not JsonValue v || !v.TryGetValue<int>(out var version) || version < 1))
                throw new InvalidRequestException("ALTERATION_INVALID", $"Alteration {index} (Migrate) needs a positive 'targetVersion'.");
            if (type == "ModifyVariable" && Text(alteration, "variableId") is null)
                throw new InvalidRequestException("ALTERATION_INVALID", $"Alteration {index} (ModifyVariable) needs a 'variableId'.");
            if (type is "ScheduleActivity" or "CancelActivity" && Text(alteration, "activityId") is null && Text(alteration, "activityInstanceId") is null)
                throw new InvalidRequestException("ALTERATION_INVALID", $"Alteration {index} ({type}) needs an 'activityId' or an 'activityInstanceId'.");
            parsed.Add(alteration);
        }
        return parsed;
    }

    private async Task<IReadOnlyList<Incident>> OpenIncidentsAsync(string instanceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.State).FirstOrDefaultAsync(ct);
        if (state is null)
            return [];
        var parsed = JsonSerializer.Deserialize<WorkflowState>(state, WorkflowJson.Options) ?? new WorkflowState();
        return parsed.Incidents.Where(i => i.ResolvedAt is null && i.ActivityExecutionId is not null && parsed.Executions.ContainsKey(i.ActivityExecutionId)).ToList();
    }

    private async Task<IReadOnlyList<AlterationResult>> IdempotentAsync(string operation, string? key, object request, CancellationToken ct, Func<Task<List<AlterationResult>>> run)
    {
        if (key is null)
            return await run();
        IdempotencyKeys.Validate(key);
        var hash = IdempotencyKeys.Hash(new { operation, request });
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await IdempotencyKeys.FindAsync(db, key, operation, hash, ct) is { } stored)
                return JsonSerializer.Deserialize<List<AlterationResult>>(stored.Response, WorkflowJson.Options) ?? [];
        }

        var results = await run();
        await using var write = await dbFactory.CreateDbContextAsync(ct);
        write.IdempotencyKeys.Add(IdempotencyKeys.Record(key, operation, hash, results, clock.GetUtcNow()));
        try
        {
            await write.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IdempotencyKeys.IsDuplicateKey(ex))
        {
            // A concurrent duplicate stored its results first; these are the same alterations applied again.
        }
        return results;
    }

    private AlterationLogEntry Entry(string message, string level, string? eventName = null) => new(message, level, clock.GetUtcNow(), eventName);

    private static string? TypeOf(JsonObject alteration) => Text(alteration, "type");

    private static string? Text(JsonObject obj, string name) =>
        (obj[name] ?? obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value) is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static int Int(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : int.Parse(obj[name]?.ToString() ?? "0", CultureInfo.InvariantCulture);
}
