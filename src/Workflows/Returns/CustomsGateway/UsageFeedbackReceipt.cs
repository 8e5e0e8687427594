namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// The receiving end's answer to a usage report (customs) or usage feedback (tax). <see cref="DoubleUseDetected"/>: the
/// certificate is registered as used by (or reserved for) <see cref="OtherDeclarationNo"/> as well; <see cref="Conflict"/>
/// is the code (DOUBLE_USE_DETECTED, or CERT_CANCELLED for a use of a certificate tax had cancelled).
/// </summary>
public sealed record UsageFeedbackReceipt(bool Received, bool DoubleUseDetected, string? OtherDeclarationNo = null, string? Conflict = null);
