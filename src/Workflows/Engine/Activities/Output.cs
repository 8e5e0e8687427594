namespace ExportTaxCheck.Engine.Activities;

/// <summary>An activity output; when the definition binds it to a variable, setting it also sets the variable.</summary>
public sealed class Output<T>(string name, string? variableId)
{
    public string Name { get; } = name;

    /// <summary>The id (or name) of the workflow variable the definition binds this output to.</summary>
    public string? VariableId { get; } = variableId;
}
