using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>What an officer submits to complete a task.</summary>
public sealed record TaskSubmission(string? Outcome, JsonObject? Data, string? Comment);
