namespace ExportTaxCheck.Engine.Definitions;

public sealed class DefinitionValidationException(IReadOnlyList<ValidationError> errors)
    : Exception("The workflow definition is not valid: " + string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
