using ExportTaxCheck.Returns.Clearance;

namespace ExportTaxCheck.Returns.Case;

public sealed record UsageFeedbackView(string CertificateNo, string ReturnDeclarationNo, FeedbackStatus Status, int Attempts, DateTimeOffset? DeliveredAt, UsageFeedback Feedback);
