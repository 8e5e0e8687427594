using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Certificates;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CrossCheck;

[Activity("ExportTaxCheck", "Return case", "Stage 10P: the customs officer checks the paper certificate against the declaration by hand (X-03..X-10) and records the result with channel Paper.", DisplayName = "Verify Paper Certificate", Kind = ActivityKind.Task)]
[Outcomes("Verified", "Differences")]
public sealed class VerifyPaperCertificate : HumanTaskActivity
{
    protected override string DefaultRole => "CustomsOfficer";

    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Verified", "Differences"];

    public override JsonArray? DefaultForm => new(
        new JsonObject
        {
            ["name"] = "differences", ["label"] = "Differences found", ["type"] = "multiselect", ["requiredFor"] = new JsonArray("Differences"),
            ["options"] = new JsonArray(ReasonCodes.EnterpriseMismatch, ReasonCodes.ExportDeclMismatch, ReasonCodes.ItemNotOnCert, ReasonCodes.LineCountMismatch, ReasonCodes.HsMismatch,
                ReasonCodes.QtyMismatch, ReasonCodes.UnitMismatch, ReasonCodes.VariantStatusInconsistent, ReasonCodes.CertDateAfterDeclaration, ReasonCodes.CertCancelled, ReasonCodes.CertAlreadyUsed),
        });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "CustomsOfficer");
        var differences = CaseSteps.Strings(completion.Data["differences"]);
        var results = new List<CrossCheckResult>();
        foreach (var declaration in session.File.CurrentDeclarations.Where(d => session.File.PaperSubmissions.Contains(d.CertificateNo)))
        {
            // By hand and offline (E-18): neither registry is reached, so the certificate is not reserved anywhere; the use
            // reaches customs and tax with the queued usage report, where a second use comes to light (stage 12).
            var reasons = completion.Outcome == "Verified" ? [] : differences.Select(code => new CrossCheckReason(code, null, null, null)).ToList();
            results.Add(new CrossCheckResult
            {
                CheckId = Guid.CreateVersion7(), CertificateNo = declaration.CertificateNo, ReturnDeclarationNo = declaration.ReturnDeclarationNo, CheckedAt = context.Now,
                Result = reasons.Count == 0 ? CrossCheckOutcome.Matched : CrossCheckOutcome.Mismatched, Reasons = reasons, Channel = Channel.Paper,
            });
        }
        session.Update(f => f with
        {
            CrossChecks = [.. f.CrossChecks, .. results],
            PaperSubmissions = [],
            UncheckedDeclarations = f.UncheckedDeclarations.Except(results.Select(r => r.CertificateNo)).ToList(),
        }, context.Now);

        if (results.Any(r => r.Result == CrossCheckOutcome.Mismatched))
        {
            await session.SetStatusAsync(ReturnCaseStatus.Mismatched, context.Now, CaseText.Of("Paper.Mismatched"),
                results.SelectMany(r => r.Reasons).Select(r => r.Code).Distinct().ToList(), CaseNotifications.CrossCheckMismatched, actor, context.CancellationToken);
            return "Differences";
        }
        await session.SetStatusAsync(ReturnCaseStatus.Matched, context.Now, CaseText.Of("Paper.Verified"), notification: CaseNotifications.CrossCheckMatched,
            actor: actor, ct: context.CancellationToken);
        return "Verified";
    }
}
