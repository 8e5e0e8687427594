namespace ExportTaxCheck.Engine.Expressions;

public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
