namespace ExportTaxCheck.Engine.Problems;

public sealed class ConflictException(string code, string detail) : ProblemException(409, "Conflict", code, detail);
