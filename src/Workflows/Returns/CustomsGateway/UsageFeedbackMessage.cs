using ExportTaxCheck.Returns.Clearance;

namespace ExportTaxCheck.Returns.CustomsGateway;

public sealed record UsageFeedbackMessage(string Id, UsageFeedback Feedback);
