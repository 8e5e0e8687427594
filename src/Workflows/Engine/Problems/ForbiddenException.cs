namespace ExportTaxCheck.Engine.Problems;

public sealed class ForbiddenException(string code, string detail) : ProblemException(403, "Forbidden", code, detail);
