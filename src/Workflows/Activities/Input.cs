using ExportTaxCheck.Workflows.Definitions;

namespace ExportTaxCheck.Workflows.Activities;

/// <summary>Common shape of bound inputs, used by the binder and the evaluator.</summary>
public interface IInput
{
    string Name { get; }
    Type ValueType { get; }
    ExpressionModel? Expression { get; }
}

/// <summary>An activity input bound to the expression the definition gives for it.</summary>
public sealed class Input<T> : IInput
{
    public Input(string name, ExpressionModel? expression, T? defaultValue = default)
    {
        Name = name;
        Expression = expression;
        DefaultValue = defaultValue;
    }

    public string Name { get; }
    public ExpressionModel? Expression { get; }
    public T? DefaultValue { get; }
    public Type ValueType => typeof(T);
}

/// <summary>An activity output; when the definition binds it to a variable, setting it also sets the variable.</summary>
public sealed class Output<T>(string name, string? variableId)
{
    public string Name { get; } = name;

    /// <summary>The id (or name) of the workflow variable the definition binds this output to.</summary>
    public string? VariableId { get; } = variableId;
}
