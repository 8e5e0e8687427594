using System.Globalization;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CustomsGateway;

namespace ExportTaxCheck.Returns.RefundDeclarations;

/// <summary>
/// Processes refunds on export lines in the caller's unit of work: splits each claim at the refund lock (E-15), records
/// the accepted part on the line's refund record and, for every unused NotRefunded certificate on the line, queues the
/// status update for customs and notes it on the certificate's case. The line row's revision and the case row's
/// revision make a racing certificate issuance or clearance step commit after this, or fail and see it.
/// </summary>
internal static class RefundProcessing
{
    public static async Task<RefundClaimResult> ProcessClaimAsync(WorkflowDbContext db, CertificateStore store, CertificateRegistry registry, ExportLineRecord record,
        RefundClaimRequest claim, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var data = ReturnsJson.Deserialize<ExportLineData>(record.Data);
        var key = data.Export.Key;
        var locked = registry.LockedQty(key);
        var already = RefundLockRules.AlreadyRefundedQty(data.Refund, data.Export.ExportedQty);
        var split = RefundLockRules.Split(data.Export.ExportedQty, already, locked, claim.Qty);
        var vat = RefundLockRules.Prorate(claim.VatRefunded, split.AcceptedQty, claim.Qty);
        var taxCt = RefundLockRules.Prorate(claim.CtRefunded, split.AcceptedQty, claim.Qty);
        var refund = RefundLockRules.Apply(data.Refund, claim.Kind, split.AcceptedQty, vat, taxCt);
        var pushed = new List<string>();
        if (split.AcceptedQty > 0)
        {
            Write(record, data with { Refund = refund }, now);
            pushed.AddRange(await PushAsync(db, store, registry, key, refund,
                CaseText.Of("Refund.Processed", CaseText.Word(claim.Kind), Qty(split.AcceptedQty), string.Create(CultureInfo.InvariantCulture, $"{key.ExportDocNo}/{key.ItemNo}")),
                actor, now, ct));
        }
        return new RefundClaimResult
        {
            ExportDocNo = key.ExportDocNo,
            ExportItemNo = key.ItemNo,
            Kind = claim.Kind,
            ClaimedQty = claim.Qty,
            AcceptedQty = split.AcceptedQty,
            RefusedQty = split.RefusedQty,
            ExportedQty = data.Export.ExportedQty,
            LockedQty = locked,
            AlreadyRefundedQty = already,
            MaxRefundableQty = split.MaxRefundableQty,
            VatRefundedAccepted = vat,
            CtRefundedAccepted = taxCt,
            Codes = split.Codes,
            RefundStatus = refund.Status,
            StatusUpdatesSent = pushed,
        };
    }

    /// <summary>
    /// A refund record the reference data brings for an existing line. A change that processes more refund goes through the
    /// lock like a declaration; the loader cannot split a record, so a record the lock refuses in part is refused whole.
    /// </summary>
    public static async Task<RefundClaimResult?> LoadAsync(WorkflowDbContext db, CertificateStore store, CertificateRegistry registry, ExportLineRecord record,
        ExportLineData incoming, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var stored = ReturnsJson.Deserialize<ExportLineData>(record.Data);
        var key = stored.Export.Key;
        if (!RefundLockRules.ProcessesRefund(stored.Refund, incoming.Refund))
        {
            Write(record, incoming, now);
            return null;
        }
        var exported = incoming.Export.ExportedQty;
        var locked = registry.LockedQty(key);
        var already = RefundLockRules.AlreadyRefundedQty(stored.Refund, exported);
        var claimed = Math.Max(0, (incoming.Refund.RefundedQty ?? exported) - already);
        var split = RefundLockRules.Split(exported, already, locked, claimed);
        var result = new RefundClaimResult
        {
            ExportDocNo = key.ExportDocNo,
            ExportItemNo = key.ItemNo,
            Kind = incoming.Refund.Status switch { RefundStatus.PreRefundedHwc => RefundKind.PreRefundHwc, RefundStatus.Credited => RefundKind.Credit, _ => RefundKind.Refund },
            ClaimedQty = claimed,
            AcceptedQty = split.RefusedQty > 0 ? 0 : split.AcceptedQty,
            RefusedQty = split.RefusedQty > 0 ? claimed : 0,
            ExportedQty = exported,
            LockedQty = locked,
            AlreadyRefundedQty = already,
            MaxRefundableQty = split.MaxRefundableQty,
            Codes = split.Codes,
            RefundStatus = split.RefusedQty > 0 ? stored.Refund.Status : incoming.Refund.Status,
        };
        if (split.RefusedQty > 0)
            return result;
        var refund = incoming.Refund with { RefundedQty = already + claimed };
        Write(record, incoming with { Refund = refund }, now);
        var pushed = await PushAsync(db, store, registry, key, refund,
            CaseText.Of("Refund.FromReferenceData", Qty(claimed), string.Create(CultureInfo.InvariantCulture, $"{key.ExportDocNo}/{key.ItemNo}")), actor, now, ct);
        return result with { StatusUpdatesSent = pushed };
    }

    private static void Write(ExportLineRecord record, ExportLineData data, DateTimeOffset now)
    {
        record.Data = ReturnsJson.Serialize(data);
        record.ExporterUscc = data.Export.ExporterUscc;
        record.UpdatedAt = now;
        record.Revision++;
    }

    /// <summary>X-09: one status update per unused NotRefunded certificate on the line, each noted on its case with the line's new refund record.</summary>
    private static async Task<List<string>> PushAsync(WorkflowDbContext db, CertificateStore store, CertificateRegistry registry, ExportLineKey key, RefundSnapshot refund,
        CaseText what, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var pushed = new List<string>();
        foreach (var certificate in registry.UnusedNotRefundedOn(key))
        {
            var caseId = store.CaseOf(certificate) ?? throw new InvalidOperationException($"Certificate {certificate.CertificateNo} belongs to no case.");
            await CertificateStatusPush.QueueAsync(db, certificate, caseId, StatusUpdateKind.RefundStatus, now, ct);
            pushed.Add(certificate.CertificateNo!);
            if (await CaseSession.LoadAsync(db, caseId, ct) is not { } session)
                continue;
            foreach (var line in session.Case.Lines.Where(l => l.Export.Key == key).ToList())
                session.UpdateLine(line.LineNo, l => l with { Refund = refund }, now);
            session.Note("Refund", CaseText.Of("Refund.StatusPushed", CaseText.Nested(what), certificate.CertificateNo!, CaseText.Word(certificate.Variant), CaseText.Word(refund.Status)), now, [ReasonCodes.VariantStatusInconsistent], actor: actor);
        }
        return pushed;
    }

    private static string Qty(decimal qty) => CrossCheck.CrossCheckRules.FormatQty(qty);
}
