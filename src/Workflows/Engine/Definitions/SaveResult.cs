namespace ExportTaxCheck.Engine.Definitions;

public sealed record SaveResult(WorkflowDefinitionModel Definition, bool Created, IReadOnlyList<ValidationError> ValidationErrors);
