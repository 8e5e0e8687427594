using System.Text.Json;
using System.Text.Json.Nodes;
using ExportTaxCheck.Workflows.Activities;
using ExportTaxCheck.Workflows.Returns.Amounts;
using ExportTaxCheck.Workflows.Returns.Certificates;
using ExportTaxCheck.Workflows.Returns.Customs;
using ExportTaxCheck.Workflows.Returns.Gateway;
using ExportTaxCheck.Workflows.Returns.Policy;
using ExportTaxCheck.Workflows.Returns.Rules;
using ExportTaxCheck.Workflows.Returns.Storage;
using ExportTaxCheck.Workflows.Runtime;
using ExportTaxCheck.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Workflows.Returns.Activities;

[Activity("ExportTaxCheck", "Return case", "Stage 9: waits until every live certificate of the case has a return (4561) declaration filed or corrected since its last check.", DisplayName = "Await Return Declaration")]
[Outcomes("Declared")]
public sealed class AwaitReturnDeclaration : Activity
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => await DecideAsync(context);

    protected internal override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context) => await DecideAsync(context);

    private static async Task<ActivityResult> DecideAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var registry = await new CertificateStore(context.Db).LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var live = registry.Certificates.Where(c => c.Status is CertificateStatus.Issued or CertificateStatus.Transmitted or CertificateStatus.Reserved)
            .Select(c => c.CertificateNo!).ToList();
        var declared = session.File.UncheckedDeclarations;
        if (live.Count > 0 && live.All(declared.Contains))
            return Outcome("Declared");
        CaseSteps.WaitForEvent(context, CaseEvents.ReturnDeclarationFiled);
        return Suspend();
    }
}

[Activity("ExportTaxCheck", "Return case", "Stage 10: customs compares each certificate with its return declaration (X-01..X-11). Matched reserves the certificate; a customs system that stays unreachable after the retries gives Unavailable (paper branch).", DisplayName = "Cross-check", Kind = ActivityKind.Job)]
[Outcomes("Matched", "Mismatched", "Unavailable")]
[Retry(4, InitialInterval = "00:00:30", BackoffCoefficient = 2, MaximumInterval = "00:05:00")]
public sealed class CrossCheck : Activity, IRetriesExhaustedHandler
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
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

    private static IEnumerable<ReturnDeclaration> Pending(CaseSession session) =>
        session.File.CurrentDeclarations.Where(d => session.File.UncheckedDeclarations.Contains(d.CertificateNo));

    private static CrossCheckResult Unavailable(ReturnDeclaration declaration, UnavailableCause cause, ActivityContext context) =>
        CrossCheckResult.Unavailable(Guid.CreateVersion7(), declaration.CertificateNo, declaration.ReturnDeclarationNo, context.Now, cause);

    private static async Task<string> RecordAsync(ActivityContext context, CaseSession session, List<CrossCheckResult> results)
    {
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
                "The customs cross-check found differences; correct the declaration, or cancel the unused certificate and apply again.", codes, CaseNotifications.CrossCheckMismatched, ct: context.CancellationToken);
            return "Mismatched";
        }
        if (results.Any(r => r.Result == CrossCheckOutcome.Unavailable))
        {
            var causes = results.Where(r => r.UnavailableCause is not null).Select(r => r.UnavailableCause!.Value.ToString()).Distinct().ToList();
            await session.SetStatusAsync(ReturnCaseStatus.CheckUnavailable, context.Now,
                "The online cross-check is unavailable (system or network failure); submit the paper certificate.", causes, CaseNotifications.PaperRequired, ct: context.CancellationToken);
            return "Unavailable";
        }
        await session.SetStatusAsync(ReturnCaseStatus.Matched, context.Now, "The customs cross-check matched; the certificate is reserved for the declaration.",
            notification: CaseNotifications.CrossCheckMatched, ct: context.CancellationToken);
        return "Matched";
    }
}

[Activity("ExportTaxCheck", "Return case", "After a mismatch: waits for the exporter to file a corrected declaration or to have the unused certificate cancelled (then a new application follows).", DisplayName = "Await Correction")]
[Outcomes("DeclarationCorrected", "CertificateCancelled")]
public sealed class AwaitCorrection : Activity
{
    protected internal override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        CaseSteps.WaitForEvent(context, CaseEvents.ReturnDeclarationFiled);
        CaseSteps.WaitForEvent(context, CaseEvents.CertificateCancelled);
        return new(Suspend());
    }

    protected internal override ValueTask<ActivityResult> ResumeAsync(ActivityContext context) =>
        new(Outcome(CaseSteps.ResumedEvent(context) == CaseEvents.CertificateCancelled ? "CertificateCancelled" : "DeclarationCorrected"));
}

[Activity("ExportTaxCheck", "Return case", "Stage 10P: waits for the exporter to submit the paper certificate (only allowed after Unavailable or a failed transmission, E-18).", DisplayName = "Await Paper Certificate")]
[Outcomes("Submitted")]
public sealed class AwaitPaperCertificate : Activity
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        if (session.File.PaperSubmissions.Count > 0 && session.File.CurrentDeclarations.All(d => session.File.PaperSubmissions.Contains(d.CertificateNo)))
            return Outcome("Submitted");
        CaseSteps.WaitForEvent(context, CaseEvents.PaperCertificateSubmitted);
        return Suspend();
    }

    protected internal override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        await session.SetStatusAsync(ReturnCaseStatus.PaperVerification, context.Now, "The paper certificate was submitted; a customs officer verifies it.", ct: context.CancellationToken);
        return Outcome("Submitted");
    }
}

[Activity("ExportTaxCheck", "Return case", "Stage 10P: the customs officer checks the paper certificate against the declaration by hand (X-03..X-10) and records the result with channel Paper.", DisplayName = "Verify Paper Certificate", Kind = ActivityKind.Task)]
[Outcomes("Verified", "Differences")]
public sealed class VerifyPaperCertificate : HumanTaskActivity
{
    protected override string DefaultRole => "CustomsOfficer";

    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Verified", "Differences"];

    public override JsonArray? GetForm() => new(
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
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var differences = CaseSteps.Strings(completion.Data["differences"]);
        var results = new List<CrossCheckResult>();
        foreach (var declaration in session.File.CurrentDeclarations.Where(d => session.File.PaperSubmissions.Contains(d.CertificateNo)))
        {
            var reasons = differences.Select(code => new CrossCheckReason(code, null, null, null)).ToList();
            if (completion.Outcome == "Verified")
            {
                var reserved = registry.Reserve(declaration.CertificateNo, declaration.ReturnDeclarationNo);
                if (reserved.Succeeded)
                    registry = reserved.Registry;
                else
                    reasons = reserved.RefusalCodes.Select(code => new CrossCheckReason(code, null, null, null)).ToList();
            }
            results.Add(new CrossCheckResult
            {
                CheckId = Guid.CreateVersion7(), CertificateNo = declaration.CertificateNo, ReturnDeclarationNo = declaration.ReturnDeclarationNo, CheckedAt = context.Now,
                Result = reasons.Count == 0 ? CrossCheckOutcome.Matched : CrossCheckOutcome.Mismatched, Reasons = reasons, Channel = Channel.Paper,
            });
        }
        store.Save(registry, session.CaseId, context.Now);
        session.Update(f => f with
        {
            CrossChecks = [.. f.CrossChecks, .. results],
            PaperSubmissions = [],
            UncheckedDeclarations = f.UncheckedDeclarations.Except(results.Select(r => r.CertificateNo)).ToList(),
        }, context.Now);

        if (results.Any(r => r.Result == CrossCheckOutcome.Mismatched))
        {
            await session.SetStatusAsync(ReturnCaseStatus.Mismatched, context.Now, "The paper certificate does not match the declaration.",
                results.SelectMany(r => r.Reasons).Select(r => r.Code).Distinct().ToList(), CaseNotifications.CrossCheckMismatched, actor, context.CancellationToken);
            return "Differences";
        }
        await session.SetStatusAsync(ReturnCaseStatus.Matched, context.Now, "The customs officer verified the paper certificate.", notification: CaseNotifications.CrossCheckMatched,
            actor: actor, ct: context.CancellationToken);
        return "Verified";
    }
}

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

[Activity("ExportTaxCheck", "Return case", "Stage 12: queues the usage feedback of every used certificate for tax (sent after commit, retried until delivered).", DisplayName = "Report Usage")]
public sealed class ReportUsage : Activity
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var registry = await new CertificateStore(context.Db).LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var queued = await context.Db.Set<UsageFeedbackRecord>().Where(f => f.CaseId == session.CaseId).Select(f => f.CertificateNo).ToListAsync(context.CancellationToken);
        foreach (var declaration in session.File.CurrentDeclarations)
        {
            if (registry.Find(declaration.CertificateNo) is not { Status: CertificateStatus.Used } certificate || queued.Contains(certificate.CertificateNo!))
                continue;
            var feedback = new UsageFeedback
            {
                CertificateNo = certificate.CertificateNo!,
                ReturnDeclarationNo = declaration.ReturnDeclarationNo,
                CustomsCode = declaration.EntryPortCode is { Length: 4 } port ? port : declaration.ReturnDeclarationNo[..4],
                ReleasedOn = certificate.UsedOn ?? CaseSteps.Today(context),
                Channel = certificate.UsedChannel ?? Channel.Electronic,
                UsedLines = declaration.Lines.Select(l => new UsedLine(l.OriginalItemNo, l.Qty)).ToList(),
            };
            context.Db.Add(new UsageFeedbackRecord
            {
                Id = Ids.New(), CaseId = session.CaseId, CertificateNo = feedback.CertificateNo, ReturnDeclarationNo = feedback.ReturnDeclarationNo,
                Status = FeedbackStatus.Pending, CreatedAt = context.Now, NextAttemptAt = context.Now, Data = ReturnsJson.Serialize(feedback),
            });
        }
        await session.SetStatusAsync(ReturnCaseStatus.UsageReported, context.Now, "Usage of the certificate is reported to tax; it can no longer be cancelled or reissued.", ct: context.CancellationToken);
        return Done();
    }
}

[Activity("ExportTaxCheck", "Return case", "Stage 13: refunds the pro-rata share of export duty actually collected (C-07, E-20), within the application window (A-15).", DisplayName = "Refund Export Duty")]
[Outcomes("Refunded", "NotApplicable")]
public sealed class RefundExportDuty : Activity
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var options = CaseSteps.Options(context);
        var today = CaseSteps.Today(context);
        var lines = session.File.ActiveLines.ToList();
        var others = await CaseSteps.OtherClaimsAsync(context, session.CaseId, lines.Select(l => l.Export.Key));
        var claims = await session.ClaimsAsync(context.CancellationToken);
        var total = 0m;
        var codes = new List<string>();
        foreach (var line in lines)
        {
            if (line.Export.ExportDutyPaid <= 0)
            {
                codes.Add(ReasonCodes.NoExportDutyCollected);
                continue;
            }
            if (line.Export.ExportDutyPaidOn is { } paidOn && ReturnWindow.AddMonthsCivilCode(paidOn, options.ExportDutyRefundWindowMonths) < today)
            {
                codes.Add(ReasonCodes.ExportDutyRefundDeadlinePassed);
                continue;
            }
            var earlier = others.Where(c => c.ExportDocNo == line.Export.ExportReference && c.ExportItemNo == line.Export.ItemNo && c.ExportDutyRefund is not null).ToList();
            var share = ReturnAmounts.ProRataShare(line.Export.ExportDutyPaid, line.Export.ExportedQty, earlier.Sum(c => c.ReturnedQty) + line.ReturnedQty,
                earlier.Sum(c => c.ExportDutyRefund ?? 0));
            if (claims.FirstOrDefault(c => c.LineNo == line.LineNo) is { } claim)
                claim.ExportDutyRefund = share;
            total += share;
        }

        if (total <= 0)
        {
            session.Note("ExportDuty", "No export duty was collected on the returned lines; nothing to refund.", context.Now, codes.Distinct().ToList());
            return Outcome("NotApplicable");
        }
        session.Update(f => f with { Clearance = (f.Clearance ?? new ClearanceOutcome()) with { ExportDutyRefund = total } }, context.Now);
        await session.SetStatusAsync(ReturnCaseStatus.ExportDutyRefund, context.Now, FormattableString.Invariant($"Export duty refunded: {total:N2} CNY."),
            codes.Distinct().ToList(), CaseNotifications.ExportDutyRefunded, ct: context.CancellationToken);
        return Outcome("Refunded");
    }
}
