using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.Case;

[Activity("ExportTaxCheck", "Return case", "The exporter withdrew the case: unused certificates are cancelled (customs is told), a reservation is released, open applications are closed.", DisplayName = "Withdraw Case")]
public sealed class WithdrawCase : Activity
{
    public const string WithdrawnCode = "CASE_WITHDRAWN";

    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var cancelled = await UnusedCertificates.CancelAsync(context, session, WithdrawnCode);
        var message = cancelled.Count > 0 ? CaseText.Of("Withdrawn.Cancelled", string.Join(", ", cancelled)) : CaseText.Of("Withdrawn");
        await session.SetStatusAsync(ReturnCaseStatus.Withdrawn, context.Now, message, [WithdrawnCode], CaseNotifications.CaseClosed, ct: context.CancellationToken);
        return Done();
    }
}
