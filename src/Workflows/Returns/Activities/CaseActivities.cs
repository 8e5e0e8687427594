using ExportTaxCheck.Workflows.Activities;
using ExportTaxCheck.Workflows.Returns.Certificates;
using ExportTaxCheck.Workflows.Returns.Storage;
using ExportTaxCheck.Workflows.Runtime;

namespace ExportTaxCheck.Workflows.Returns.Activities;

[Activity("ExportTaxCheck", "Return case", "Moves the case to a status of §2.2 with a message and reason codes (and the e-mail the status asks for).", DisplayName = "Set Case Status")]
public sealed class SetCaseStatus : Activity
{
    [Input(Description = "The new case status.", Options = [
        "Submitted", "Screening", "Ineligible", "EvidenceReview", "SupplementRequested", "RejectedEvidence", "RefundStatusCheck", "MakeUpRequired",
        "CertificateApplication", "CertificateIssued", "CertificateRefused", "ReturnDeclared", "CrossCheck", "Matched", "Mismatched", "CheckUnavailable",
        "PaperVerification", "ClearanceDecision", "RejectedOriginalState", "ClearedExempt", "UsageReported", "ExportDutyRefund", "Closed", "Withdrawn"], DefaultValue = "Closed")]
    public Input<string> Status { get; set; } = null!;

    [Input(Description = "What the exporter and the officers read in the timeline.")]
    public Input<string> Message { get; set; } = null!;

    [Input(Description = "Reason codes that explain the status.", UIHint = UIHints.MultiText, DefaultSyntax = "Object")]
    public Input<List<string>> Reasons { get; set; } = null!;

    [Input(Description = "The e-mail template to send (empty: none).", Options = [
        "", CaseNotifications.CaseReceived, CaseNotifications.SupplementRequested, CaseNotifications.Ineligible, CaseNotifications.MakeUpDue, CaseNotifications.CertificateIssued,
        CaseNotifications.CrossCheckMatched, CaseNotifications.CrossCheckMismatched, CaseNotifications.PaperRequired, CaseNotifications.ExemptionGranted,
        CaseNotifications.ExportDutyRefunded, CaseNotifications.CaseClosed, CaseNotifications.CaseRejected])]
    public Input<string> Notification { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var text = await context.GetRequiredAsync(Status);
        if (!Enum.TryParse<ReturnCaseStatus>(text, ignoreCase: false, out var status))
            throw new ActivityFaultException("UNKNOWN_STATUS", $"'{text}' is not a case status.", retryable: false);
        var session = await CaseSteps.LoadAsync(context);
        var message = await context.GetAsync(Message);
        var notification = await context.GetAsync(Notification);
        await session.SetStatusAsync(status, context.Now, string.IsNullOrWhiteSpace(message) ? $"The case is {status}." : message,
            await context.GetAsync(Reasons) ?? [], string.IsNullOrWhiteSpace(notification) ? null : notification, ct: context.CancellationToken);
        return Done();
    }
}

[Activity("ExportTaxCheck", "Return case", "The exporter withdrew the case: unused certificates are cancelled, a reservation is released, open applications are closed.", DisplayName = "Withdraw Case")]
public sealed class WithdrawCase : Activity
{
    public const string WithdrawnCode = "CASE_WITHDRAWN";

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var cancelled = new List<string>();
        foreach (var certificate in store.OfCase(registry, session.CaseId).ToList())
        {
            var current = registry.FindApplication(certificate.ApplicationId)!;
            if (current.Status == CertificateStatus.Reserved)
                registry = registry.ReleaseReservation(current.CertificateNo!, current.ReservedForDeclarationNo!).Registry;
            current = registry.FindApplication(certificate.ApplicationId)!;
            var result = current.Status switch
            {
                CertificateStatus.Issued or CertificateStatus.Transmitted => registry.Cancel(current.CertificateNo!),
                CertificateStatus.UnderReview => registry.RefuseApplication(current.ApplicationId, [WithdrawnCode]),
                _ => null,
            };
            if (result is { Succeeded: true })
            {
                registry = result.Registry;
                if (current.CertificateNo is not null)
                    cancelled.Add(current.CertificateNo);
            }
        }
        store.Save(registry, session.CaseId, context.Now);
        var message = cancelled.Count > 0 ? $"The exporter withdrew the case; certificates cancelled: {string.Join(", ", cancelled)}." : "The exporter withdrew the case.";
        await session.SetStatusAsync(ReturnCaseStatus.Withdrawn, context.Now, message, [WithdrawnCode], CaseNotifications.CaseClosed, ct: context.CancellationToken);
        return Done();
    }
}

[Activity("ExportTaxCheck", "Return case", "E-mails the exporter a notification of the case (bilingual template) and notes it on the timeline.", DisplayName = "Notify Exporter")]
public sealed class NotifyExporter : Activity
{
    [Input(Description = "The notification template.", Options = [
        CaseNotifications.CaseReceived, CaseNotifications.SupplementRequested, Storage.CaseSession.SupplementReminder, CaseNotifications.Ineligible,
        CaseNotifications.MakeUpDue, CaseNotifications.CertificateIssued, CaseNotifications.CrossCheckMatched, CaseNotifications.CrossCheckMismatched,
        CaseNotifications.PaperRequired, CaseNotifications.ExemptionGranted, CaseNotifications.ExportDutyRefunded, CaseNotifications.CaseClosed,
        CaseNotifications.CaseRejected], DefaultValue = CaseNotifications.CaseReceived)]
    public Input<string> Template { get; set; } = null!;

    [Input(Description = "What the timeline says about this notice.")]
    public Input<string> Message { get; set; } = null!;

    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var template = await context.GetRequiredAsync(Template);
        var session = await CaseSteps.LoadAsync(context);
        var message = await context.GetAsync(Message);
        session.Note("Notification", string.IsNullOrWhiteSpace(message) ? $"The exporter was notified ({template})." : message, context.Now, notification: template);
        return Done();
    }
}
