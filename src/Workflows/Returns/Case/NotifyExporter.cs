namespace ExportTaxCheck.Returns.Case;

[Activity("ExportTaxCheck", "Return case", "E-mails the exporter a notification of the case (bilingual template) and notes it on the timeline.", DisplayName = "Notify Exporter")]
public sealed class NotifyExporter : Activity
{
    [Input(Description = "The notification template.", Options = [
        CaseNotifications.CaseReceived, CaseNotifications.SupplementRequested, CaseSession.SupplementReminder, CaseNotifications.Ineligible,
        CaseNotifications.MakeUpDue, CaseNotifications.CertificateIssued, CaseNotifications.CrossCheckMatched, CaseNotifications.CrossCheckMismatched,
        CaseNotifications.PaperRequired, CaseNotifications.ExemptionGranted, CaseNotifications.ExportDutyRefunded, CaseNotifications.CaseClosed,
        CaseNotifications.CaseRejected], DefaultValue = CaseNotifications.CaseReceived)]
    public Input<string> Template { get; set; } = null!;

    [Input(Description = "What the timeline says about this notice.")]
    public Input<string> Message { get; set; } = null!;

    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var template = await context.GetRequiredAsync(Template);
        var session = await CaseSteps.LoadAsync(context);
        var message = await context.GetAsync(Message);
        session.Note("Notification", CaseText.OrComment(message, CaseText.Of("Notified", "@Mail." + template)), context.Now, notification: template);
        return Done();
    }
}
