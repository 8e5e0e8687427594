using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Returns.Evidence;

[Activity("ExportTaxCheck", "Return case", "Stage 4: a customs officer assesses the reason and the declared original state (E-07, E-08) and accepts, asks for more, or rejects.", DisplayName = "Review Evidence", Kind = ActivityKind.Task)]
[Outcomes("Accept", "RequestSupplement", "Reject")]
public sealed class ReviewEvidence : HumanTaskActivity
{
    protected override string DefaultRole => "CustomsOfficer";

    /// <summary>After a supplement request the same step reviews what the exporter sent: the inbox says so.</summary>
    protected override async ValueTask OnCreatedAsync(ActivityContext context, HumanTaskRecord record)
    {
        var session = await CaseSteps.LoadAsync(context);
        if (session.File.Timeline.LastOrDefault(e => e.Status == ReturnCaseStatus.SupplementRequested) is { } requested)
            record.Title = $"Review the supplement requested {ChinaTime.ToChinaDate(requested.At):yyyy-MM-dd} ({string.Join(", ", requested.Codes)})";
    }

    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Accept", "RequestSupplement", "Reject"];

    public override JsonArray? DefaultForm => new(
        new JsonObject
        {
            ["name"] = "reasons", ["label"] = "Reason codes", ["type"] = "multiselect", ["requiredFor"] = new JsonArray("RequestSupplement", "Reject"),
            ["options"] = new JsonArray(
                ReasonCodes.EvidenceIncompleteMissingExportDoc, ReasonCodes.EvidenceIncompleteMissingSelfDeclaration, ReasonCodes.EvidenceIncompleteMissingReturnEvidence,
                ReasonCodes.EvidenceIncompleteMissingTrialUseEvidence, ReasonCodes.ReasonNotEligible, ReasonCodes.OriginalStateFailedAccessoriesAdded,
                ReasonCodes.OriginalStateFailedProcessedOrModified, ReasonCodes.OriginalStateFailedUsedWithoutException, ReasonCodes.FraudReferral),
        });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "CustomsOfficer");
        var reasons = CaseSteps.Strings(completion.Data["reasons"]);
        switch (completion.Outcome)
        {
            case "Reject":
                await session.SetStatusAsync(ReturnCaseStatus.RejectedEvidence, context.Now, CaseText.OrComment(completion.Comment, CaseText.Of("Evidence.Rejected")), reasons,
                    CaseNotifications.CaseRejected, actor, context.CancellationToken);
                return "Reject";
            case "RequestSupplement":
                var request = SupplementRequest.Create(CaseSteps.Today(context), reasons, CaseSteps.Options(context));
                session.Update(f => f with { Supplement = request }, context.Now);
                await session.SetStatusAsync(ReturnCaseStatus.SupplementRequested, context.Now,
                    completion.Comment is { Length: > 0 } note ? CaseText.Of("Evidence.MoreNeeded.Comment", note, Date(request.DueDate)) : CaseText.Of("Evidence.MoreNeeded", Date(request.DueDate)), reasons, CaseNotifications.SupplementRequested, actor, context.CancellationToken);
                return "RequestSupplement";
            default:
                session.Note("EvidenceAccepted", CaseText.OrComment(completion.Comment, CaseText.Of("Evidence.Accepted")), context.Now, actor: actor);
                return "Accept";
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
