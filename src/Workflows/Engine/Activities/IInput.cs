namespace ExportTaxCheck.Engine.Activities;

/// <summary>Common shape of bound inputs, used by the binder and the evaluator.</summary>
public interface IInput
{
    string Name { get; }
    Type ValueType { get; }
    ExpressionModel? Expression { get; }
}
