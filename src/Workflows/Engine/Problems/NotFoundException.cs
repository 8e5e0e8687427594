namespace ExportTaxCheck.Engine.Problems;

public sealed class NotFoundException(string detail, string code = "NOT_FOUND") : ProblemException(404, "Not found", code, detail);
