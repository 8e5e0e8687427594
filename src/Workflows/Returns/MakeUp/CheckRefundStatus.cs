namespace ExportTaxCheck.Returns.MakeUp;

[Activity("ExportTaxCheck", "Return case", "Stage 5: reads the current refund status of every line from tax data; refunded, pre-refunded or credited lines need a make-up first (E-14, E-15).", DisplayName = "Check Refund Status")]
[Outcomes("NotDeclared", "MakeUpRequired", "RefundPending")]
public sealed class CheckRefundStatus : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        foreach (var line in session.File.ActiveLines.ToList())
        {
            var current = await ReferenceData.FindAsync(context.Db, line.Export.ExportReference, line.Export.ItemNo, context.CancellationToken);
            if (current is not null && current.Refund != line.Refund)
                session.UpdateLine(line.LineNo, l => l with { Refund = current.Refund }, context.Now);
        }

        var lines = session.File.ActiveLines.ToList();
        if (lines.Any(l => RefundRules.CheckCanApply(l.Refund.Status) is not null))
        {
            await session.SetStatusAsync(ReturnCaseStatus.RefundStatusCheck, context.Now,
                CaseText.Of("Refund.Pending"), [ReasonCodes.RefundPending], ct: context.CancellationToken);
            return Outcome("RefundPending");
        }
        if (lines.Any(l => l.Refund.IsRefunded))
            return Outcome("MakeUpRequired");
        await session.SetStatusAsync(ReturnCaseStatus.CertificateApplication, context.Now, CaseText.Of("Refund.NotDeclared"), ct: context.CancellationToken);
        return Outcome("NotDeclared");
    }
}
