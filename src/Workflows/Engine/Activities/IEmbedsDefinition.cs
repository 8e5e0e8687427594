namespace ExportTaxCheck.Engine.Activities;

/// <summary>An activity that runs another definition's flow inside this workflow (a workflow used as an activity).</summary>
public interface IEmbedsDefinition
{
    /// <summary>The (definition id, version id) key of the definition it needs, for loading before the graph is built.</summary>
    string? DefinitionKey { get; }

    /// <summary>The definition embedded, once the graph is built; null when it is missing.</summary>
    WorkflowDefinitionModel? Definition { get; }

    /// <summary>Takes its definition from those loaded; returns the root to embed, or null when it is missing.</summary>
    ActivityNode? Bind(IReadOnlyDictionary<string, WorkflowDefinitionModel> definitions);

    /// <summary>Takes what the embedded flow produced as this activity's outputs, before it completes.</summary>
    void CollectOutputs(ActivityContext context);

    /// <summary>True when the embedded definition declares an output of that name (Elsa.SetOutput sets it here then).</summary>
    bool DeclaresOutput(string name);
}
