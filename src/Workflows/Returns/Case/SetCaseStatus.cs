namespace ExportTaxCheck.Returns.Case;

[Activity("ExportTaxCheck", "Return case", "Moves the case to a status of §2.2 with a message and reason codes (and the e-mail the status asks for).", DisplayName = "Set Case Status")]
public sealed class SetCaseStatus : Activity
{
    [Input(Description = "The new case status.", Options = [
        "Submitted", "Screening", "Ineligible", "EvidenceReview", "SupplementRequested", "RejectedEvidence", "RefundStatusCheck", "MakeUpRequired",
        "CertificateApplication", "CertificateIssued", "CertificateRefused", "ReturnDeclared", "CrossCheck", "Matched", "Mismatched", "CheckUnavailable",
        "PaperVerification", "ClearanceDecision", "RejectedOriginalState", "ClearedExempt", "UsageReported", "ExportDutyRefund", "Closed", "Withdrawn", "CorrectionRequired"],
        DefaultValue = "Closed")]
    public Input<string> Status { get; set; } = null!;

    [Input(Description = "What the exporter and the officers read in the timeline.")]
    public Input<string> Message { get; set; } = null!;

    [Input(Description = "Reason codes that explain the status.", UIHint = UIHints.MultiText, DefaultSyntax = "Object")]
    public Input<List<string>> Reasons { get; set; } = null!;

    [Input(Description = "The e-mail template to send (empty: none).", Options = [
        "", CaseNotifications.CaseReceived, CaseNotifications.SupplementRequested, CaseNotifications.Ineligible, CaseNotifications.MakeUpDue, CaseNotifications.CertificateIssued,
        CaseNotifications.CrossCheckMatched, CaseNotifications.CrossCheckMismatched, CaseNotifications.PaperRequired, CaseNotifications.ExemptionGranted,
        CaseNotifications.ExportDutyRefunded, CaseNotifications.CaseClosed, CaseNotifications.CaseRejected, CaseNotifications.CorrectionRequired, CaseNotifications.SelfCheckFailed])]
    public Input<string> Notification { get; set; } = null!;

    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var text = await context.GetRequiredAsync(Status);
        // OnHold is placed and released by holds only (E-21), never by a flow's step.
        if (!Enum.TryParse<ReturnCaseStatus>(text, ignoreCase: false, out var status) || status == ReturnCaseStatus.OnHold)
            throw new ActivityFaultException("UNKNOWN_STATUS", $"'{text}' is not a case status.", retryable: false);
        var session = await CaseSteps.LoadAsync(context);
        var message = await context.GetAsync(Message);
        var notification = await context.GetAsync(Notification);
        await session.SetStatusAsync(status, context.Now, string.IsNullOrWhiteSpace(message) ? CaseText.Of("Status.Set", CaseText.Word(status)) : CaseText.OrComment(message, CaseText.Of("Status.Set", CaseText.Word(status))),
            await context.GetAsync(Reasons) ?? [], string.IsNullOrWhiteSpace(notification) ? null : notification, ct: context.CancellationToken);
        return Done();
    }
}
