namespace ExportTaxCheck.Returns.Intake;

[Activity("ExportTaxCheck", "Return case", "§2.5: waits for the exporter to correct a line screening found QTY_EXCEEDS_EXPORTED (POST /api/cases/{id}/lines/{lineNo}/correction); screening then runs again.", DisplayName = "Await Line Correction")]
[Outcomes("Corrected")]
public sealed class AwaitLineCorrection : Activity
{
    protected override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        CaseSteps.WaitForEvent(context, CaseEvents.LineCorrected);
        return new(Suspend());
    }

    protected override ValueTask<ActivityResult> ResumeAsync(ActivityContext context) => new(Outcome("Corrected"));
}
