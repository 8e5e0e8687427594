using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Tasks;

/// <summary>What the officer submitted with a task.</summary>
public sealed record TaskCompletion(string Outcome, JsonObject Data, string? Comment, string? CompletedBy);
