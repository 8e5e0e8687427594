namespace ExportTaxCheck.Returns.Persistence;

public enum FeedbackStatus
{
    Pending,
    Delivered,
}
