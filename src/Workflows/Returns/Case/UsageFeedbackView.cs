using ExportTaxCheck.Returns.Clearance;

namespace ExportTaxCheck.Returns.Case;

/// <summary>A usage report of the case: delivered to the customs registry (<see cref="CustomsDeliveredAt"/>) and to tax (<see cref="DeliveredAt"/>); <see cref="LastError"/> holds a conflict (DOUBLE_USE_DETECTED).</summary>
public sealed record UsageFeedbackView(string CertificateNo, string ReturnDeclarationNo, FeedbackStatus Status, int Attempts, DateTimeOffset? DeliveredAt, UsageFeedback Feedback,
    DateTimeOffset? CustomsDeliveredAt = null, string? LastError = null);
