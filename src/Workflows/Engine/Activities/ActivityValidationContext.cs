namespace ExportTaxCheck.Engine.Activities;

/// <summary>What a definition-time check of one activity sees: the definition, the node, and the variables in its scope.</summary>
public sealed record ActivityValidationContext(WorkflowDefinitionModel Definition, ActivityNode Node, ActivityDescriptor Descriptor)
{
    /// <summary>The shortest wait a Delay, Timer or Cron may be published with (<see cref="RuntimeOptions.MinimumTimerInterval"/>).</summary>
    public TimeSpan MinimumTimerInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Variables declared above the node (a container's variables, a loop's CurrentValue and CurrentIndex).</summary>
    public IReadOnlySet<string> ScopedVariables { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool HasVariable(string idOrName) =>
        ScopedVariables.Contains(idOrName) || Definition.Variables?.Any(v => v.Id == idOrName || v.Name == idOrName) == true;
}
