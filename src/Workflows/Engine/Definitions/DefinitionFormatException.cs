namespace ExportTaxCheck.Engine.Definitions;

public sealed class DefinitionFormatException(string message, Exception? inner = null) : Exception(message, inner);
