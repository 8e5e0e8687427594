namespace ExportTaxCheck.Engine.Expressions;

/// <summary>A render went past one of <see cref="LiquidOptions"/>' bounds; the evaluator turns it into an <see cref="ExpressionException"/>.</summary>
internal sealed class LiquidLimitException(string message) : Exception(message);
