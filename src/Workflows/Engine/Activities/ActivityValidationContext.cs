namespace ExportTaxCheck.Engine.Activities;

public sealed record ActivityValidationContext(WorkflowDefinitionModel Definition, ActivityNode Node, ActivityDescriptor Descriptor)
{
    public bool HasVariable(string idOrName) =>
        Definition.Variables?.Any(v => v.Id == idOrName || v.Name == idOrName) == true;
}
