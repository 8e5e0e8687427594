namespace ExportTaxCheck.Returns.CrossCheck;

[Activity("ExportTaxCheck", "Return case", "After a mismatch: waits for the exporter to file a corrected declaration or to have the unused certificate cancelled (then a new application follows).", DisplayName = "Await Correction")]
[Outcomes("DeclarationCorrected", "CertificateCancelled")]
public sealed class AwaitCorrection : Activity
{
    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        CaseSteps.WaitForEvent(context, CaseEvents.ReturnDeclarationFiled);
        CaseSteps.WaitForEvent(context, CaseEvents.CertificateCancelled);
        return new(Suspend());
    }

    protected override ValueTask<ActivityResult> ResumeAsync(ActivityContext context) =>
        new(Outcome(CaseSteps.ResumedEvent(context) == CaseEvents.CertificateCancelled ? "CertificateCancelled" : "DeclarationCorrected"));
}
