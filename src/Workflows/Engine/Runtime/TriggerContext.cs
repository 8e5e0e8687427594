namespace ExportTaxCheck.Engine.Runtime;

public sealed record TriggerContext(DateTimeOffset Now, string DefinitionId, string DefinitionVersionId);
