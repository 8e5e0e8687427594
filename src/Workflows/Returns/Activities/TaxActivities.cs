using System.Globalization;
using System.Text.Json.Nodes;
using ExportTaxCheck.Workflows.Activities;
using ExportTaxCheck.Workflows.Returns.Amounts;
using ExportTaxCheck.Workflows.Returns.Certificates;
using ExportTaxCheck.Workflows.Returns.Customs;
using ExportTaxCheck.Workflows.Returns.Gateway;
using ExportTaxCheck.Workflows.Returns.Rules;
using ExportTaxCheck.Workflows.Returns.Storage;
using ExportTaxCheck.Workflows.Returns.Validation;
using ExportTaxCheck.Workflows.Runtime;
using ExportTaxCheck.Workflows.Tasks;

namespace ExportTaxCheck.Workflows.Returns.Activities;

[Activity("ExportTaxCheck", "Return case", "Stage 5: reads the current refund status of every line from tax data; refunded, pre-refunded or credited lines need a make-up first (E-14, E-15).", DisplayName = "Check Refund Status")]
[Outcomes("NotDeclared", "MakeUpRequired", "RefundPending")]
public sealed class CheckRefundStatus : Activity
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        foreach (var line in session.File.ActiveLines.ToList())
        {
            var current = await ReferenceData.FindAsync(context.Db, line.Export.ExportReference, line.Export.ItemNo, context.CancellationToken);
            if (current is not null && current.Refund != line.Refund)
                session.UpdateLine(line.LineNo, l => l with { Refund = current.Refund }, context.Now);
        }

        var lines = session.File.ActiveLines.ToList();
        if (lines.Any(l => RefundRules.CheckCanApply(l.Refund.Status) is not null))
        {
            await session.SetStatusAsync(ReturnCaseStatus.RefundStatusCheck, context.Now,
                "A refund declaration on a returned line is pending: tax completes it or the exporter withdraws it first.", [ReasonCodes.RefundPending], ct: context.CancellationToken);
            return Outcome("RefundPending");
        }
        if (lines.Any(l => l.Refund.IsRefunded))
            return Outcome("MakeUpRequired");
        await session.SetStatusAsync(ReturnCaseStatus.CertificateApplication, context.Now, "No refund was declared on the returned lines; the certificate is applied for.", ct: context.CancellationToken);
        return Outcome("NotDeclared");
    }
}

[Activity("ExportTaxCheck", "Return case", "Stage 5: computes the make-up of export tax refunded on the returned quantity (C-03..C-06), cumulative over earlier returns on the same line.", DisplayName = "Compute Make-up")]
public sealed class ComputeMakeUp : Activity
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var refunded = session.File.ActiveLines.Where(l => l.Refund.IsRefunded).ToList();
        var others = await CaseSteps.OtherClaimsAsync(context, session.CaseId, refunded.Select(l => l.Export.Key));
        var claims = await session.ClaimsAsync(context.CancellationToken);
        var total = 0m;
        foreach (var line in refunded)
        {
            // C-03: earlier returns on the same export line whose make-up is already taken.
            var earlier = others.Where(c => c.ExportDocNo == line.Export.ExportReference && c.ExportItemNo == line.Export.ItemNo && c.MakeUpVat is not null).ToList();
            var cumulative = earlier.Sum(c => c.ReturnedQty) + line.ReturnedQty;
            var method = RefundRules.DefaultMakeUpMethod(line.Refund.Status, session.Case.EnterpriseType);
            var vat = ReturnAmounts.ProRataShare(line.Refund.VatRefunded, line.Export.ExportedQty, cumulative, earlier.Sum(c => c.MakeUpVat ?? 0));
            var ct = ReturnAmounts.ProRataShare(line.Refund.CtRefunded, line.Export.ExportedQty, cumulative, earlier.Sum(c => c.MakeUpCt ?? 0));
            var record = new MakeUpRecord { Method = method, MakeUpVat = vat, MakeUpCt = ct };
            if (method == MakeUpMethod.Offset && FobCny(line) is { } fobCny)
            {
                // C-05: the manufacturer's reversal of 免抵退 amounts at the original conversion rate.
                var reversal = ReturnAmounts.Reversal(fobCny, line.Export.ExportedQty, cumulative, earlier.Sum(c => c.FobCnyReturned ?? 0), line.Refund.RefundRate, line.Refund.LevyRate);
                record = record with { FobCnyReturned = reversal.FobCnyReturned, ReversalMdt = reversal.ReversalMdt, ReversalNonCreditable = reversal.ReversalNonCreditable };
            }
            session.UpdateLine(line.LineNo, l => l with { MakeUp = record }, context.Now);
            if (claims.FirstOrDefault(c => c.LineNo == line.LineNo) is { } claim)
            {
                claim.MakeUpVat = record.MakeUpVat;
                claim.MakeUpCt = record.MakeUpCt;
                claim.FobCnyReturned = record.FobCnyReturned;
            }
            total += record.MakeUpVat + record.MakeUpCt;
        }

        context.JournalData["makeUpTotal"] = total;
        await session.SetStatusAsync(ReturnCaseStatus.MakeUpRequired, context.Now,
            string.Create(CultureInfo.InvariantCulture, $"Export tax refunded on the returned goods must be made up first: {total:N2} CNY."), notification: CaseNotifications.MakeUpDue, ct: context.CancellationToken);
        return Done();
    }

    // C-02b: the refund record's CNY FOB, else the declared CNY FOB, else FOB at the rate stored with the refund record.
    private static decimal? FobCny(ReturnCaseLine line) =>
        line.Refund.FobCny ?? line.Export.FobCny
        ?? (line.Export.Currency == "CNY" ? line.Export.FobForeign
            : line.Refund.TaxRateUsed is { } rate ? Money.Round(line.Export.FobForeign * rate) : null);
}

[Activity("ExportTaxCheck", "Return case", "Stage 5: the tax officer confirms the make-up was repaid (payment voucher) or offset (period) before any TaxPaid certificate (E-15).", DisplayName = "Confirm Make-up", Kind = ActivityKind.Task)]
[Outcomes("Confirmed")]
public sealed class ConfirmMakeUp : HumanTaskActivity
{
    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Confirmed"];

    public override JsonArray? GetForm() => new(
        new JsonObject { ["name"] = "method", ["label"] = "Method", ["type"] = "select", ["required"] = true, ["options"] = new JsonArray("Repaid", "Offset") },
        new JsonObject { ["name"] = "paymentVoucherNo", ["label"] = "Payment voucher no.", ["type"] = "text", ["maxLength"] = 32 },
        new JsonObject { ["name"] = "paidOn", ["label"] = "Paid on", ["type"] = "date" },
        new JsonObject { ["name"] = "offsetPeriod", ["label"] = "Offset period (YYYYMM)", ["type"] = "text", ["pattern"] = @"^\d{4}(0[1-9]|1[0-2])$" });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var method = Enum.Parse<MakeUpMethod>(completion.Data["method"]!.ToString());
        var voucher = completion.Data["paymentVoucherNo"]?.ToString();
        var paidOn = completion.Data["paidOn"]?.ToString() is { Length: > 0 } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null;
        var period = completion.Data["offsetPeriod"]?.ToString();
        var errors = new Dictionary<string, string[]>();
        // §5.4: a voucher and date for Repaid, a period for Offset.
        if (method == MakeUpMethod.Repaid && string.IsNullOrWhiteSpace(voucher))
            errors["paymentVoucherNo"] = ["Payment voucher no. is required when the make-up was repaid."];
        if (method == MakeUpMethod.Repaid && paidOn is null)
            errors["paidOn"] = ["Paid on is required when the make-up was repaid."];
        if (method == MakeUpMethod.Offset && !RefundRules.IsValidOffsetPeriod(period))
            errors["offsetPeriod"] = ["Offset period (YYYYMM) is required when the make-up was offset."];
        if (errors.Count > 0)
            throw new InvalidRequestException("FORM_INVALID", string.Join(" ", errors.Values.SelectMany(e => e)), errors);

        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "TaxOfficer");
        foreach (var line in session.File.ActiveLines.Where(l => l.MakeUp is not null).ToList())
        {
            session.UpdateLine(line.LineNo, l => l with
            {
                MakeUp = l.MakeUp! with
                {
                    Method = method,
                    PaymentVoucherNo = method == MakeUpMethod.Repaid ? voucher : null,
                    PaidOn = method == MakeUpMethod.Repaid ? paidOn : null,
                    OffsetPeriod = method == MakeUpMethod.Offset ? period : null,
                    ConfirmedByTaxOfficer = actor,
                    ConfirmedAt = context.Now,
                },
            }, context.Now);
        }
        await session.SetStatusAsync(ReturnCaseStatus.CertificateApplication, context.Now, $"The tax officer confirmed the make-up ({method}); the certificate is applied for.", actor: actor, ct: context.CancellationToken);
        return "Confirmed";
    }
}

[Activity("ExportTaxCheck", "Return case", "Stage 6: applies for one certificate per original export document (E-17) and runs the 数据自检 (V-01..V-15) before tax review.", DisplayName = "Apply for Certificate")]
[Outcomes("Applied", "SelfCheckFailed")]
public sealed class ApplyCertificate : Activity
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForExportDocsAsync(session.File.ActiveLines.Select(l => l.Export.ExportReference), context.CancellationToken);
        var ofCase = store.OfCase(registry, session.CaseId).ToList();
        var options = CaseSteps.Options(context);
        var failures = new List<string>();

        foreach (var group in session.File.ActiveLines.GroupBy(l => l.Export.ExportReference))
        {
            if (ofCase.Any(c => c.ExportDocNo == group.Key && c.Status is not (CertificateStatus.Cancelled or CertificateStatus.Refused)))
                continue;
            var lines = group.ToList();
            var application = Build(session.Case, lines, context.Now);
            var submitted = registry.Submit(application);
            var checkedResult = submitted.Registry.CompleteSelfCheck(application.ApplicationId, CertificateSelfCheck.Run(application, lines, options));
            registry = checkedResult.Registry;
            if (!checkedResult.Succeeded)
            {
                registry = submitted.Registry;
                failures.AddRange(checkedResult.RefusalCodes);
            }
        }

        if (failures.Count > 0)
        {
            await session.SetStatusAsync(ReturnCaseStatus.CertificateRefused, context.Now, "The certificate application failed its self-check.", failures.Distinct().ToList(),
                CaseNotifications.CaseRejected, ct: context.CancellationToken);
            store.Save(registry, session.CaseId, context.Now);
            return Outcome("SelfCheckFailed");
        }

        store.Save(registry, session.CaseId, context.Now);
        await session.SetStatusAsync(ReturnCaseStatus.CertificateApplication, context.Now, "The certificate application passed its self-check and awaits the tax officer.", ct: context.CancellationToken);
        return Outcome("Applied");
    }

    private static Certificate Build(ReturnCase returnCase, IReadOnlyList<ReturnCaseLine> lines, DateTimeOffset now)
    {
        var export = lines[0].Export;
        var variant = lines.Any(l => l.Refund.IsRefunded) ? CertificateVariant.TaxPaid : CertificateVariant.NotRefunded;
        var method = lines.Select(l => l.MakeUp?.Method).FirstOrDefault(m => m is not null and not MakeUpMethod.None) ?? MakeUpMethod.None;
        return new Certificate
        {
            ApplicationId = Guid.CreateVersion7(),
            SubmittedAt = now,
            Variant = variant,
            RefundStatusOnCert = RefundRules.RefundStatusOnCertificate(variant, method),
            IssuingTaxAuthorityCode = returnCase.CompetentTaxAuthorityCode,
            EnterpriseUscc = returnCase.ExporterUscc,
            EnterpriseName = returnCase.ExporterName,
            EnterpriseCustomsCode = returnCase.ExporterCustomsCode,
            AgentUscc = returnCase.IsEntrustedExport ? returnCase.AgentUscc : null,
            ExportDocType = export.DocType,
            ExportDeclarationNo = export.DeclarationNo,
            ExportListNo = export.ListNo,
            Lines = lines.Select(l => new CertificateLine
            {
                ExportItemNo = l.Export.ItemNo,
                HsCode = l.Export.HsCode,
                GoodsName = l.Export.GoodsName,
                UnitCode = l.Export.LegalUnitCode,
                ExportedQty = l.Export.ExportedQty,
                ReturnedQty = l.ReturnedQty,
                Reason = l.Reason,
                VatRefundedOnLine = l.Refund.VatRefunded,
                CtRefundedOnLine = l.Refund.CtRefunded,
                MakeUpVat = l.MakeUp?.MakeUpVat ?? 0,
                MakeUpCt = l.MakeUp?.MakeUpCt ?? 0,
                ReversalMdt = l.MakeUp?.ReversalMdt ?? 0,
            }).ToList(),
        };
    }
}

[Activity("ExportTaxCheck", "Return case", "Stage 7: the tax officer approves (the certificate is issued: TaxPaid or NotRefunded, with the refund lock) or refuses the application.", DisplayName = "Review Certificate Application", Kind = ActivityKind.Task)]
[Outcomes("Approve", "Refuse")]
public sealed class ReviewCertificateApplication : HumanTaskActivity
{
    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Approve", "Refuse"];

    public override JsonArray? GetForm() => new(
        new JsonObject
        {
            ["name"] = "reasons", ["label"] = "Refusal reasons", ["type"] = "multiselect", ["requiredFor"] = new JsonArray("Refuse"),
            ["options"] = new JsonArray(ReasonCodes.MakeUpNotCompleted, ReasonCodes.RefundPending, ReasonCodes.NotRefundedRequiresNotDeclared, ReasonCodes.CertQtyExceedsUncertified, ReasonCodes.FraudReferral),
        });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "TaxOfficer");
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var pending = store.OfCase(registry, session.CaseId).Where(c => c.Status == CertificateStatus.UnderReview).ToList();

        if (completion.Outcome == "Refuse")
        {
            var reasons = CaseSteps.Strings(completion.Data["reasons"]);
            foreach (var application in pending)
                registry = registry.RefuseApplication(application.ApplicationId, reasons).Registry;
            store.Save(registry, session.CaseId, context.Now);
            await session.SetStatusAsync(ReturnCaseStatus.CertificateRefused, context.Now, completion.Comment ?? "The tax officer refused the certificate.", reasons,
                CaseNotifications.CaseRejected, actor, context.CancellationToken);
            return "Refuse";
        }

        var today = CaseSteps.Today(context);
        var issued = new List<string>();
        foreach (var application in pending)
        {
            var number = await Sequences.NextCertificateNoAsync(context.Db, application.IssuingTaxAuthorityCode, today, context.CancellationToken);
            var result = registry.Issue(application.ApplicationId, number, today, context.Now, session.File.ActiveLines.ToList());
            if (!result.Succeeded)
                throw new ConflictException(result.RefusalCode!, $"The certificate cannot be issued: {string.Join(", ", result.RefusalCodes)}. Refuse the application or have the cause fixed first.");
            registry = result.Registry;
            issued.Add($"{number} ({result.Certificate!.Variant})");
        }
        store.Save(registry, session.CaseId, context.Now);
        await session.SetStatusAsync(ReturnCaseStatus.CertificateIssued, context.Now, $"Certificate issued: {string.Join(", ", issued)}.", notification: CaseNotifications.CertificateIssued,
            actor: actor, ct: context.CancellationToken);
        return "Approve";
    }
}

[Activity("ExportTaxCheck", "Return case", "Stage 8: sends the certificate data to customs with retries and backoff (V-30: 5 retries, 1-2-4-8-16 min). When the retries are spent on network or system failures the transmission is FailedInfrastructure, which opens the paper fallback (E-18).", DisplayName = "Transmit Certificate", Kind = ActivityKind.Job)]
[Outcomes("Transmitted", "FailedInfrastructure")]
[Retry(6, InitialInterval = "00:01:00", BackoffCoefficient = 2, MaximumInterval = "00:16:00")]
public sealed class TransmitCertificate : Activity, IRetriesExhaustedHandler
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var gateway = context.GetRequiredService<ICustomsGateway>();
        var transmissions = new List<CertificateTransmission>();
        foreach (var certificate in store.OfCase(registry, session.CaseId).Where(c => c.Status == CertificateStatus.Issued).ToList())
        {
            var number = certificate.CertificateNo!;
            var messageId = MessageId(context, number);
            var refundStatus = session.File.RefundStatusOf(certificate.ExportDocNo);
            TransmissionAck ack;
            try
            {
                ack = await gateway.TransmitAsync(new CertificateMessage(messageId, certificate, refundStatus), context.CancellationToken);
            }
            catch (CustomsRejectedException ex)
            {
                throw new ActivityFaultException("TRANSMISSION_NACK", ex.Message, retryable: false);
            }
            var ackAt = ack.AckAt ?? context.Now;
            registry = registry.MarkTransmitted(number, ackAt).Registry;
            transmissions.Add(new CertificateTransmission
            {
                MessageId = messageId, CertificateNo = number, SentAt = context.Now, AckAt = ackAt, AckStatus = AckStatus.Ack,
                RetryCount = context.Execution.Attempt - 1, Status = TransmissionStatus.Delivered,
            });
        }

        store.Save(registry, session.CaseId, context.Now);
        session.Update(f => f with { Transmissions = [.. f.Transmissions, .. transmissions] }, context.Now);
        if (transmissions.Count > 0)
            session.Note("Transmission", $"Certificate data sent to customs: {string.Join(", ", transmissions.Select(t => t.CertificateNo))}.", context.Now);
        return Outcome("Transmitted");
    }

    public async ValueTask<ActivityResult?> OnRetriesExhaustedAsync(ActivityContext context, Exception exception)
    {
        if (exception is not CustomsUnavailableException unavailable)
            return null;
        var session = await CaseSteps.LoadAsync(context);
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var failed = store.OfCase(registry, session.CaseId).Where(c => c.Status == CertificateStatus.Issued).Select(c => new CertificateTransmission
        {
            MessageId = MessageId(context, c.CertificateNo!), CertificateNo = c.CertificateNo!, SentAt = context.Now,
            AckStatus = unavailable.Cause == UnavailableCause.Timeout ? AckStatus.Timeout : null,
            RetryCount = context.Execution.Attempt - 1, Status = TransmissionStatus.FailedInfrastructure, NackReason = unavailable.Cause.ToString(),
        }).ToList();
        session.Update(f => f with { Transmissions = [.. f.Transmissions, .. failed] }, context.Now);
        session.Note("Transmission", $"Customs could not be reached after {context.Execution.Attempt} attempts ({unavailable.Cause}); the paper certificate may be used.", context.Now,
            [unavailable.Cause.ToString()]);
        return Outcome("FailedInfrastructure");
    }

    // §5.7: a resend uses the same message id, so customs recognises it.
    private static Guid MessageId(ActivityContext context, string certificateNo)
    {
        var key = "messageId:" + certificateNo;
        if (context.Execution.Properties[key] is JsonValue v && Guid.TryParse(v.ToString(), out var id))
            return id;
        id = Guid.CreateVersion7();
        context.Execution.Properties[key] = id.ToString();
        return id;
    }
}
