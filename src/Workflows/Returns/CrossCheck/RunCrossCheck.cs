using System.Text.Json.Nodes;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CustomsGateway;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CrossCheck;

[Activity("ExportTaxCheck", "Return case", "Stage 10: customs compares each certificate with its return declaration (X-01..X-11). Matched reserves the certificate; a customs system that stays unreachable after the retries gives Unavailable (paper branch).", TypeName = "CrossCheck", DisplayName = "Cross-check", Kind = ActivityKind.Job)]
[Outcomes("Matched", "Mismatched", "Unavailable")]
[Retry(4, InitialInterval = "00:00:30", BackoffCoefficient = 2, MaximumInterval = "00:05:00")]
public sealed class RunCrossCheck : Activity, IRetriesExhaustedHandler
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var gateway = context.GetRequiredService<ICustomsGateway>();
        var results = new List<CrossCheckResult>();
        foreach (var declaration in Pending(session))
        {
            // E-18: a certificate that never reached customs cannot be checked online; paper is allowed.
            if (session.File.Transmissions.LastOrDefault(t => t.CertificateNo == declaration.CertificateNo) is { Status: TransmissionStatus.FailedInfrastructure } failed)
            {
                results.Add(Unavailable(declaration, Enum.TryParse<UnavailableCause>(failed.NackReason, out var cause) ? cause : UnavailableCause.NetworkFailure, context));
                continue;
            }
            results.Add(await gateway.CrossCheckAsync(new CrossCheckRequest(declaration, AcceptGoodsNameDifference: false), context.CancellationToken));
        }
        return Outcome(await RecordAsync(context, session, results));
    }

    public async ValueTask<ActivityResult?> OnRetriesExhaustedAsync(ActivityContext context, Exception exception)
    {
        if (exception is not CustomsUnavailableException unavailable)
            return null;
        var session = await CaseSteps.LoadAsync(context);
        var results = Pending(session).Select(d => Unavailable(d, unavailable.Cause, context)).ToList();
        return Outcome(await RecordAsync(context, session, results));
    }

    /// <summary>
    /// A-20 on the tax side: a match reserved the certificate in the customs registry; tax's registry records the same
    /// binding now. Should tax know better (the certificate cancelled, used or bound elsewhere), the match does not stand:
    /// it becomes Mismatched with tax's code and customs is told to let the reservation go.
    /// </summary>
    private static async Task<List<CrossCheckResult>> MirrorReservationsAsync(ActivityContext context, CaseSession session, List<CrossCheckResult> results)
    {
        var store = new CertificateStore(context.Db);
        var mirrored = new List<CrossCheckResult>();
        foreach (var result in results)
        {
            if (result.Result != CrossCheckOutcome.Matched)
            {
                mirrored.Add(result);
                continue;
            }
            var (registry, certificate) = await store.LoadByNumberAsync(result.CertificateNo, context.CancellationToken);
            var reserved = certificate is null ? null : registry.Reserve(result.CertificateNo, result.ReturnDeclarationNo);
            if (reserved is { Succeeded: true })
            {
                store.Save(reserved.Registry, store.CaseOf(certificate!)!, context.Now);
                mirrored.Add(result);
                continue;
            }
            var code = reserved?.RefusalCode ?? ReasonCodes.CertNotFound;
            mirrored.Add(result with { Result = CrossCheckOutcome.Mismatched, Reasons = [.. result.Reasons, new CrossCheckReason(code, null, null, certificate?.Status.ToString())] });
            if (session.File.CurrentDeclarations.FirstOrDefault(d => d.CertificateNo == result.CertificateNo && d.ReturnDeclarationNo == result.ReturnDeclarationNo) is { } declaration)
                Clearance.UsageReports.Queue(context.Db, session.CaseId, declaration, Clearance.UsageEvent.ReservationReleased, Channel.Electronic, CaseSteps.Today(context), context.Now);
        }
        return mirrored;
    }

    private static IEnumerable<ReturnDeclaration> Pending(CaseSession session) =>
        session.File.CurrentDeclarations.Where(d => session.File.UncheckedDeclarations.Contains(d.CertificateNo));

    private static CrossCheckResult Unavailable(ReturnDeclaration declaration, UnavailableCause cause, ActivityContext context) =>
        CrossCheckResult.Unavailable(Guid.CreateVersion7(), declaration.CertificateNo, declaration.ReturnDeclarationNo, context.Now, cause);

    private static async Task<string> RecordAsync(ActivityContext context, CaseSession session, List<CrossCheckResult> results)
    {
        results = await MirrorReservationsAsync(context, session, results);
        session.Update(f => f with
        {
            CrossChecks = [.. f.CrossChecks, .. results],
            UncheckedDeclarations = f.UncheckedDeclarations.Except(results.Select(r => r.CertificateNo)).ToList(),
        }, context.Now);
        var codes = results.SelectMany(r => r.Reasons).Where(r => !r.IsWarning || results.Any(x => x.Result == CrossCheckOutcome.Mismatched)).Select(r => r.Code).Distinct().ToList();
        context.JournalData["results"] = new JsonArray(results.Select(r => (JsonNode?)$"{r.CertificateNo}: {r.Result}").ToArray());
        if (results.Any(r => r.Result == CrossCheckOutcome.Mismatched))
        {
            await session.SetStatusAsync(ReturnCaseStatus.Mismatched, context.Now,
                CaseText.Of("CrossCheck.Mismatched"), codes, CaseNotifications.CrossCheckMismatched, ct: context.CancellationToken);
            return "Mismatched";
        }
        if (results.Any(r => r.Result == CrossCheckOutcome.Unavailable))
        {
            var causes = results.Where(r => r.UnavailableCause is not null).Select(r => r.UnavailableCause!.Value.ToString()).Distinct().ToList();
            await session.SetStatusAsync(ReturnCaseStatus.CheckUnavailable, context.Now,
                CaseText.Of("CrossCheck.Unavailable"), causes, CaseNotifications.PaperRequired, ct: context.CancellationToken);
            return "Unavailable";
        }
        await session.SetStatusAsync(ReturnCaseStatus.Matched, context.Now, CaseText.Of("CrossCheck.Matched"),
            notification: CaseNotifications.CrossCheckMatched, ct: context.CancellationToken);
        return "Matched";
    }
}
