namespace ExportTaxCheck.Engine.Activities;

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
