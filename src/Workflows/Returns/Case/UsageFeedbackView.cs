using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Persistence;

namespace ExportTaxCheck.Returns.Case;

public sealed record UsageFeedbackView(string CertificateNo, string ReturnDeclarationNo, FeedbackStatus Status, int Attempts, DateTimeOffset? DeliveredAt, UsageFeedback Feedback);
