namespace ExportTaxCheck.Engine.Notifications;

public sealed record RenderedMail(string Subject, string Text, string Html);
