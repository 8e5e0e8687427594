using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Returns.Intake;

[Activity("ExportTaxCheck", "Return case", "A customs officer decides lines screening could not (food list review, HS or name difference, missing data).", DisplayName = "Review Screening", Kind = ActivityKind.Task)]
[Outcomes("Eligible", "Ineligible")]
public sealed class ReviewScreening : HumanTaskActivity
{
    protected override string DefaultRole => "CustomsOfficer";

    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Eligible", "Ineligible"];

    public override JsonArray? DefaultForm => new(
        new JsonObject { ["name"] = "reasons", ["label"] = "Reason codes", ["type"] = "multiselect", ["requiredFor"] = new JsonArray("Ineligible"),
            ["options"] = new JsonArray(ReasonCodes.FoodExcluded, ReasonCodes.HsMismatch, ReasonCodes.GoodsNameMismatch, ReasonCodes.ReturnWindowExceeded, ReasonCodes.ExportDocInvalid) });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "CustomsOfficer");
        if (completion.Outcome == "Ineligible")
        {
            await session.SetStatusAsync(ReturnCaseStatus.Ineligible, context.Now, CaseText.Of("Screening.OfficerIneligible"), CaseSteps.Strings(completion.Data["reasons"]),
                CaseNotifications.Ineligible, actor, context.CancellationToken);
            return "Ineligible";
        }

        // E-03/E-12: the officer's acceptance is the audited override of the review codes.
        foreach (var line in session.Case.Lines.Where(l => l.Eligibility?.Outcome == EligibilityOutcome.NeedsReview).ToList())
            session.UpdateLine(line.LineNo, l => l with { Eligibility = l.Eligibility! with { Outcome = EligibilityOutcome.Eligible } }, context.Now);
        session.Note("Review", CaseText.Of("Screening.OfficerAccepted"), context.Now, actor: actor);
        return "Eligible";
    }
}
