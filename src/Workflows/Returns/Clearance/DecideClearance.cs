using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;

namespace ExportTaxCheck.Returns.Clearance;

[Activity("ExportTaxCheck", "Return case", "Stage 11: the customs officer records the inspection (E-07, E-08); with the actual entry date (E-05/E-06) and a verified certificate whose refund status did not change since (E-16, X-09) the exemption is granted, else refused with the reason in the status: RejectedOriginalState, Ineligible (late, or not into 境内区外) or Mismatched (the certificate).", DisplayName = "Decide Clearance", Kind = ActivityKind.Task)]
[Outcomes("Exempted", "Refused", "Mismatched")]
public sealed class DecideClearance : HumanTaskActivity
{
    protected override string DefaultRole => "CustomsOfficer";

    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Record"];

    public override JsonArray? DefaultForm => new(
        new JsonObject
        {
            ["name"] = "lines", ["label"] = "Inspection per line", ["type"] = "json", ["widget"] = "inspection",
            ["description"] = "Per line what the inspection found; the form starts from the exporter's declared facts. Through the API: [{ lineNo, formBasicallySame, accessoriesOrPartsAdded, processedOrModified, handlingPerformed: [Unpacked, Inspected, LabTested, Installed, Debugged, RepackedSameType], used, usageException, actualEntryDate }]; a line left out keeps the exporter's declared facts.",
        });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var inspections = InspectionForm.ReadLines(completion.Data["lines"]);
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "CustomsOfficer");
        var options = CaseSteps.Options(context);
        var declarations = session.File.CurrentDeclarations;
        var lines = (await ClearanceAssessment.AssessAsync(context.Db, session.File, inspections, context.GetRequiredService<PolicyTable>(), options, context.CancellationToken))
            .Select(l => (l.Declaration, l.Clearance)).ToList();
        foreach (var (_, line) in lines)
            session.UpdateLine(line.Line.LineNo, _ => line.Line, context.Now);

        var reasons = lines.SelectMany(l => l.Clearance.Reasons).Distinct().ToList();
        if (reasons.Any(ClearanceRules.IsCertificateCode))
            return await CertificateRefusedAsync(context, session, lines.Where(l => l.Clearance.Reasons.Any(ClearanceRules.IsCertificateCode)).ToList(), actor);
        if (reasons.Count > 0)
        {
            await ReleaseReservationsAsync(context, session, declarations);
            // A late entry or goods not in 境内区外 is ineligibility (E-05/E-06), not an original-state failure (E-07/E-08).
            var onlyWindow = reasons.All(ClearanceRules.IsWindowCode);
            await session.SetStatusAsync(onlyWindow ? ReturnCaseStatus.Ineligible : ReturnCaseStatus.RejectedOriginalState, context.Now,
                CaseText.OrComment(completion.Comment, CaseText.Of(onlyWindow ? "Clearance.RefusedWindow" : "Clearance.Refused")),
                reasons, onlyWindow ? CaseNotifications.Ineligible : CaseNotifications.CaseRejected, actor, context.CancellationToken);
            return "Refused";
        }

        var clearance = ClearanceCalculator.Compute(declarations, options.Holidays) with { DecidedBy = actor, DecidedAt = context.Now };
        var store = new CertificateStore(context.Db);
        var today = CaseSteps.Today(context);
        foreach (var declaration in declarations.Where(d => session.File.LastCheckOf(d)?.Channel != Channel.Paper))
        {
            // A-20 online: customs' release uses the certificate it reserved; tax's registry follows at once (the usage
            // report confirms it). A paper release was checked offline: both registries learn of it from the report.
            var (registry, certificate) = await store.LoadByNumberAsync(declaration.CertificateNo, context.CancellationToken);
            if (certificate is not null && registry.MarkUsed(declaration.CertificateNo, declaration.ReturnDeclarationNo, today, Channel.Electronic) is { Succeeded: true } used)
                store.Save(used.Registry, store.CaseOf(certificate)!, context.Now);
        }
        session.Update(f => f with { Clearance = clearance }, context.Now);
        await session.SetStatusAsync(ReturnCaseStatus.ClearedExempt, context.Now,
            CaseText.Of("Clearance.Exempted", CaseText.Money(clearance.ImportDutyExempted), CaseText.Money(clearance.ImportVatExempted), CaseText.Money(clearance.ImportCtExempted), CaseText.Money(clearance.TotalExempted)),
            notification: CaseNotifications.ExemptionGranted, actor: actor, ct: context.CancellationToken);
        return "Exempted";
    }

    /// <summary>
    /// E-16, X-09: the certificate cannot carry the exemption (never matched for this declaration, or tax pushed a refund
    /// after the match). The result is recorded as a Mismatched check and the case waits for a correction or a new
    /// certificate, as after any mismatch.
    /// </summary>
    private static async Task<string> CertificateRefusedAsync(ActivityContext context, CaseSession session,
        List<(ReturnDeclaration? Declaration, LineClearance Clearance)> failed, string actor)
    {
        var checks = failed.Where(f => f.Declaration is not null).GroupBy(f => f.Declaration!).Select(g => new CrossCheckResult
        {
            CheckId = Guid.CreateVersion7(), CertificateNo = g.Key.CertificateNo, ReturnDeclarationNo = g.Key.ReturnDeclarationNo, CheckedAt = context.Now,
            Result = CrossCheckOutcome.Mismatched,
            Reasons = g.SelectMany(f => f.Clearance.Reasons.Where(ClearanceRules.IsCertificateCode)).Distinct().Select(code => new CrossCheckReason(code, null, null, null)).ToList(),
            Channel = session.File.LastCheckOf(g.Key)?.Channel ?? Channel.Electronic,
        }).ToList();
        await ReleaseReservationsAsync(context, session, checks.Select(c => failed.First(f => f.Declaration?.ReturnDeclarationNo == c.ReturnDeclarationNo).Declaration!).ToList());
        session.Update(f => f with { CrossChecks = [.. f.CrossChecks, .. checks] }, context.Now);
        var codes = failed.SelectMany(f => f.Clearance.Reasons.Where(ClearanceRules.IsCertificateCode)).Distinct().ToList();
        await session.SetStatusAsync(ReturnCaseStatus.Mismatched, context.Now,
            CaseText.Of("Clearance.CertificateRefused"), codes, CaseNotifications.CrossCheckMismatched, actor, context.CancellationToken);
        return "Mismatched";
    }

    /// <summary>AS-12: the certificate is not consumed; tax's registry lets the reservation go now and customs hears it from the usage report.</summary>
    private static async Task ReleaseReservationsAsync(ActivityContext context, CaseSession session, IReadOnlyList<ReturnDeclaration> declarations)
    {
        var store = new CertificateStore(context.Db);
        foreach (var declaration in declarations)
        {
            var (registry, certificate) = await store.LoadByNumberAsync(declaration.CertificateNo, context.CancellationToken);
            if (certificate is null || registry.ReleaseReservation(declaration.CertificateNo, declaration.ReturnDeclarationNo) is not { Succeeded: true } released)
                continue;
            store.Save(released.Registry, store.CaseOf(certificate)!, context.Now);
            UsageReports.Queue(context.Db, session.CaseId, declaration, UsageEvent.ReservationReleased, Channel.Electronic, CaseSteps.Today(context), context.Now);
        }
    }
}
