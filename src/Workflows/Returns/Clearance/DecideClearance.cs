using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.Clearance;

[Activity("ExportTaxCheck", "Return case", "Stage 11: the customs officer records the inspection (E-07, E-08); with the actual entry date (E-05/E-06) and a verified certificate (E-16) the exemption is granted and the certificate used, else refused and the reservation released.", DisplayName = "Decide Clearance", Kind = ActivityKind.Task)]
[Outcomes("Exempted", "Refused")]
public sealed class DecideClearance : HumanTaskActivity
{
    protected override string DefaultRole => "CustomsOfficer";

    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Record"];

    public override JsonArray? GetForm() => new(
        new JsonObject
        {
            ["name"] = "lines", ["label"] = "Inspection per line", ["type"] = "json",
            ["description"] = "[{ lineNo, formBasicallySame, accessoriesOrPartsAdded, processedOrModified, handlingPerformed: [Unpacked, Inspected, LabTested, Installed, Debugged, RepackedSameType], used, usageException }]; a line left out keeps the exporter's declared facts.",
        });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var inspections = InspectionForm.Read(completion.Data["lines"]);
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "CustomsOfficer");
        var options = CaseSteps.Options(context);
        var policies = context.GetRequiredService<PolicyTable>();
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var declarations = session.File.CurrentDeclarations;

        var lines = session.File.ActiveLines
            .Select(line => ClearanceRules.Assess(line, inspections.GetValueOrDefault(line.LineNo),
                declarations.FirstOrDefault(d => d.RelatedExportDeclarationNo == line.Export.ExportReference), session.File.Documents, registry, policies, options))
            .ToList();
        foreach (var line in lines)
            session.UpdateLine(line.Line.LineNo, _ => line.Line, context.Now);

        var reasons = lines.SelectMany(l => l.Reasons).Distinct().ToList();
        if (reasons.Count > 0)
        {
            // AS-12: the certificate is not consumed; its reservation for this declaration is released.
            foreach (var declaration in declarations)
            {
                var released = registry.ReleaseReservation(declaration.CertificateNo, declaration.ReturnDeclarationNo);
                if (released.Succeeded)
                    registry = released.Registry;
            }
            store.Save(registry, session.CaseId, context.Now);
            await session.SetStatusAsync(ReturnCaseStatus.RejectedOriginalState, context.Now, completion.Comment ?? "The exemption is refused.", reasons,
                CaseNotifications.CaseRejected, actor, context.CancellationToken);
            return "Refused";
        }

        var clearance = ClearanceCalculator.Compute(declarations, options.Holidays) with { DecidedBy = actor, DecidedAt = context.Now };
        var today = CaseSteps.Today(context);
        foreach (var declaration in declarations)
        {
            var channel = session.File.LastCheckOf(declaration.CertificateNo)?.Channel ?? Channel.Electronic;
            registry = registry.MarkUsed(declaration.CertificateNo, declaration.ReturnDeclarationNo, today, channel).Registry;
        }
        store.Save(registry, session.CaseId, context.Now);
        session.Update(f => f with { Clearance = clearance }, context.Now);
        await session.SetStatusAsync(ReturnCaseStatus.ClearedExempt, context.Now,
            FormattableString.Invariant($"Released with exemption of import duty {clearance.ImportDutyExempted:N2}, VAT {clearance.ImportVatExempted:N2} and consumption tax {clearance.ImportCtExempted:N2} (total {clearance.TotalExempted:N2} CNY)."),
            notification: CaseNotifications.ExemptionGranted, actor: actor, ct: context.CancellationToken);
        return "Exempted";
    }
}
