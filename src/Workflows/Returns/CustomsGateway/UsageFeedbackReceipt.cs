namespace ExportTaxCheck.Returns.CustomsGateway;

public sealed record UsageFeedbackReceipt(bool Received, bool DoubleUseDetected);
