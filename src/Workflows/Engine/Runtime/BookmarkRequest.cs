using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>What an activity asks for when it waits.</summary>
/// <param name="Name">The kind of wait, usually the activity type (<c>Elsa.Event</c>, <c>Elsa.RunTask</c>).</param>
/// <param name="Stimulus">What must arrive to resume it (event name, task id); hashed for lookup.</param>
/// <param name="Payload">Data kept with the bookmark and handed back on resume.</param>
/// <param name="DueAt">For timers: when the bookmark resumes by itself.</param>
/// <param name="CorrelationId">Overrides the instance's correlation id for event matching.</param>
/// <param name="Kind">What the hash is keyed on when several activity types answer the same stimulus (all tasks are completed by task id).</param>
public sealed record BookmarkRequest(string Name, JsonObject? Stimulus = null, JsonObject? Payload = null, DateTimeOffset? DueAt = null, string? CorrelationId = null, string? Kind = null);
