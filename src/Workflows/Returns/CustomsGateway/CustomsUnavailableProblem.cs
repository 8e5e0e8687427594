namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// A command that needs customs' answer now (a cancellation, E-19: customs has the last word on whether the certificate
/// is reserved or used) while customs cannot be reached: 503, nothing written, the caller tries again later.
/// </summary>
public sealed class CustomsUnavailableProblem(string detail) : ProblemException(503, "Customs unavailable", ProblemCode, detail)
{
    public const string ProblemCode = "CUSTOMS_UNAVAILABLE";
}
