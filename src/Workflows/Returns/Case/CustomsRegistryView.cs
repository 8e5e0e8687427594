using ExportTaxCheck.Returns.CustomsGateway;

namespace ExportTaxCheck.Returns.Case;

/// <summary>A certificate of the case as the built-in customs registry holds it (apart from tax's registry): status, binding, uses, refund status last pushed.</summary>
public sealed record CustomsRegistryView(
    string CertificateNo, CustomsCertificateStatus Status, string? ReservedForDeclarationNo, IReadOnlyList<CustomsUse> Uses, IReadOnlyDictionary<int, RefundStatus> RefundStatus);
