namespace ExportTaxCheck.Engine.Activities;

public sealed record ActivityValidationContext(WorkflowDefinitionModel Definition, ActivityNode Node, ActivityDescriptor Descriptor)
{
    /// <summary>The shortest wait a Delay, Timer or Cron may be published with (<see cref="RuntimeOptions.MinimumTimerInterval"/>).</summary>
    public TimeSpan MinimumTimerInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool HasVariable(string idOrName) =>
        Definition.Variables?.Any(v => v.Id == idOrName || v.Name == idOrName) == true;
}
