using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Shared;
using Microsoft.EntityFrameworkCore;

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
        var inspections = ReadInspections(completion.Data["lines"]);
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "CustomsOfficer");
        var options = CaseSteps.Options(context);
        var policies = context.GetRequiredService<PolicyTable>();
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var declarations = session.File.CurrentDeclarations;
        var reasons = new List<string>();

        foreach (var line in session.File.ActiveLines.ToList())
        {
            var facts = inspections.GetValueOrDefault(line.LineNo) ?? line.OriginalState;
            var declaration = declarations.FirstOrDefault(d => d.RelatedExportDeclarationNo == line.Export.ExportReference);
            var updated = line with { OriginalState = facts, ReturnEntryDate = declaration?.EntryDate ?? line.ReturnEntryDate };
            var assessment = OriginalStateAssessor.Assess(updated, session.File.Documents);
            var lineReasons = assessment.Reasons.ToList();
            // the window is re-evaluated with the actual entry date at clearance.
            if (updated.Eligibility?.PolicyVersionId is { } versionId && policies.Find(versionId) is { } policy)
                lineReasons.AddRange(ReturnWindow.Check(updated, policy, ReturnDateBasis.Actual, options).Reasons);
            // E-16: the certificate must have passed the cross-check or the paper verification.
            var certificate = declaration is null ? null : registry.Find(declaration.CertificateNo);
            if (certificate is null || certificate.Status != CertificateStatus.Reserved || certificate.ReservedForDeclarationNo != declaration!.ReturnDeclarationNo)
                lineReasons.Add(ReasonCodes.CertificateNotVerified);
            reasons.AddRange(lineReasons);
            session.UpdateLine(line.LineNo, _ => updated with
            {
                OriginalStateDecision = assessment.Decision,
                OriginalStateReasons = assessment.Reasons,
            }, context.Now);
        }

        var distinct = reasons.Distinct().ToList();
        if (distinct.Count > 0)
        {
            // AS-12: the certificate is not consumed; its reservation for this declaration is released.
            foreach (var declaration in declarations)
            {
                var released = registry.ReleaseReservation(declaration.CertificateNo, declaration.ReturnDeclarationNo);
                if (released.Succeeded)
                    registry = released.Registry;
            }
            store.Save(registry, session.CaseId, context.Now);
            await session.SetStatusAsync(ReturnCaseStatus.RejectedOriginalState, context.Now, completion.Comment ?? "The exemption is refused.", distinct,
                CaseNotifications.CaseRejected, actor, context.CancellationToken);
            return "Refused";
        }

        var today = CaseSteps.Today(context);
        var outcomes = declarations.Select(d => ClearanceCalculator.Compute(d, options.Holidays)).ToList();
        var clearance = new ClearanceOutcome
        {
            CustomsRate = outcomes[0].CustomsRate,
            CustomsRateDate = outcomes[0].CustomsRateDate,
            CustomsValue = outcomes.Sum(o => o.CustomsValue),
            ImportDutyExempted = outcomes.Sum(o => o.ImportDutyExempted),
            ImportCtExempted = outcomes.Sum(o => o.ImportCtExempted),
            ImportVatExempted = outcomes.Sum(o => o.ImportVatExempted),
            DecidedBy = actor,
            DecidedAt = context.Now,
        };
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

    private static Dictionary<int, OriginalStateFacts> ReadInspections(JsonNode? node)
    {
        var result = new Dictionary<int, OriginalStateFacts>();
        if (node is null)
            return result;
        if (node is not JsonArray array)
            throw new InvalidRequestException("FORM_INVALID", "lines must be a list of inspections.", new Dictionary<string, string[]> { ["lines"] = ["Inspection per line must be a list."] });
        foreach (var item in array)
        {
            try
            {
                var inspection = item.Deserialize<LineInspection>(ReturnsJson.Options) ?? throw new System.Text.Json.JsonException("empty");
                result[inspection.LineNo] = new OriginalStateFacts
                {
                    FormBasicallySame = inspection.FormBasicallySame ?? true,
                    AccessoriesOrPartsAdded = inspection.AccessoriesOrPartsAdded ?? inspection.AccessoriesAdded ?? false,
                    ProcessedOrModified = inspection.ProcessedOrModified ?? false,
                    HandlingPerformed = (inspection.HandlingPerformed ?? []).ToHashSet(),
                    Used = inspection.Used ?? false,
                    UsageException = inspection.UsageException ?? UsageException.None,
                };
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new InvalidRequestException("FORM_INVALID", $"An inspection line is not valid: {ex.Message}", new Dictionary<string, string[]> { ["lines"] = [ex.Message] });
            }
        }
        return result;
    }

    private sealed record LineInspection(int LineNo, bool? FormBasicallySame, bool? AccessoriesOrPartsAdded, bool? AccessoriesAdded, bool? ProcessedOrModified,
        List<Handling>? HandlingPerformed, bool? Used, UsageException? UsageException);
}
