using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Expressions;

/// <summary>What an expression can see: the instance, its variables, its input and earlier activities' outputs.</summary>
public interface IExpressionScope
{
    string InstanceId { get; }
    string? CorrelationId { get; set; }
    string? InstanceName { get; set; }
    string DefinitionId { get; }
    string DefinitionVersionId { get; }
    int DefinitionVersion { get; }
    JsonObject WorkflowInput { get; }
    IReadOnlyCollection<string> VariableNames { get; }
    bool HasVariable(string nameOrId);
    object? GetVariable(string nameOrId);
    void SetVariable(string nameOrId, object? value);
    object? GetActivityOutput(string activityIdOrName, string? outputName);
    object? LastResult { get; }

    /// <summary>The workflow's declared inputs (<c>inputs[]</c>), which JavaScript reads as <c>get{Name}()</c>; none inside a workflow used as an activity, as in Elsa.</summary>
    IReadOnlyCollection<string> WorkflowInputNames => [];

    /// <summary>Named activities and their outputs, which JavaScript reads as <c>get{Output}From{ActivityName}()</c>.</summary>
    IEnumerable<(string ActivityName, string OutputName)> NamedActivityOutputs => [];
}
