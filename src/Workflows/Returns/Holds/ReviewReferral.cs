using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Returns.Holds;

[Activity("ExportTaxCheck", "Return case", "E-21 / stage 12: a supervisor reviews a held case (fraud referral or double use of a certificate) and releases it, or upholds the hold (the case stays held and is handled under general law).", DisplayName = "Review Referral", Kind = ActivityKind.Task)]
[Outcomes("Release", "Uphold")]
public sealed class ReviewReferral : HumanTaskActivity
{
    protected override string DefaultRole => "Supervisor";

    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Release", "Uphold"];

    protected override async ValueTask OnCreatedAsync(ActivityContext context, HumanTaskRecord record)
    {
        var session = await CaseSteps.LoadAsync(context);
        if (session.File.CurrentHold is { } hold)
            record.Description = $"{hold.Code}: {hold.Reason} (held by {hold.PlacedBy}; the case was {hold.PreviousStatus}).";
    }

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "Supervisor");
        if (session.File.CurrentHold is not { } hold)
        {
            session.Note("Hold", CaseText.Of("Referral.Closed"), context.Now, actor: actor);
            return completion.Outcome;
        }
        if (completion.Outcome == "Release")
        {
            await CaseHolds.ReleaseInAsync(context.Db, session, actor, completion.Comment, context.Now, context.CancellationToken);
            return "Release";
        }
        session.Update(f => f with { Holds = f.Holds.Select(h => h == hold ? h with { UpheldBy = actor } : h).ToList() }, context.Now);
        session.Note("Hold", CaseText.Of("Hold.Upheld", actor, completion.Comment is { Length: > 0 } c ? ": " + c : ""),
            context.Now, [hold.Code], actor: actor);
        return "Uphold";
    }
}
