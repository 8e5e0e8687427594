using ExportTaxCheck.Returns.RefundDeclarations;

namespace ExportTaxCheck.Host.Api.Customs;

/// <summary>
/// How many export lines the load wrote, and the lines whose refund record the refund lock refused (E-15: kept as they were,
/// <c>REFUND_LOCKED_BY_CERTIFICATE</c> with the quantities).
/// </summary>
public sealed record ExportLinesLoadedResponse(int Written, IReadOnlyList<RefundClaimResult> Refused);
