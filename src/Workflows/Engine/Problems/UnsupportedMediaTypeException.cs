namespace ExportTaxCheck.Engine.Problems;

public sealed class UnsupportedMediaTypeException(string code, string detail) : ProblemException(415, "Unsupported media type", code, detail);
