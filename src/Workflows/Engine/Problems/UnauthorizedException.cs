namespace ExportTaxCheck.Engine.Problems;

/// <summary>The request must be authenticated (an HTTP workflow whose endpoint asks for it).</summary>
public sealed class UnauthorizedException(string code, string detail) : ProblemException(401, "Unauthorized", code, detail);
