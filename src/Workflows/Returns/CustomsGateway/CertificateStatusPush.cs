using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// X-09 and E-19 on the tax side: queues a <see cref="CertificateStatusUpdate"/> for customs in the caller's unit of work,
/// so it commits with the change that caused it (a processed refund, a withdrawal) and is delivered after commit,
/// retried until customs has it (<see cref="StatusUpdateDispatcher"/>).
/// </summary>
public static class CertificateStatusPush
{
    public static async Task<CertificateStatusUpdateRecord> QueueAsync(WorkflowDbContext db, Certificate certificate, string caseId, StatusUpdateKind kind,
        DateTimeOffset now, CancellationToken ct, string? releasesReservationFor = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(certificate);
        var update = await BuildAsync(db, certificate, kind, now, ct) with { ReleasesReservationFor = releasesReservationFor };
        var record = new CertificateStatusUpdateRecord
        {
            Id = update.MessageId.ToString("N"),
            CertificateNo = update.CertificateNo,
            CaseId = caseId,
            Sequence = update.Sequence,
            Kind = kind,
            Status = StatusUpdateDelivery.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            Data = ReturnsJson.Serialize(update),
        };
        db.Add(record);
        return record;
    }

    /// <summary>The update with the refund status of every item the certificate covers, as tax holds it now, and the next sequence number.</summary>
    public static async Task<CertificateStatusUpdate> BuildAsync(WorkflowDbContext db, Certificate certificate, StatusUpdateKind kind, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(certificate);
        var number = certificate.CertificateNo ?? throw new InvalidOperationException("Only an issued certificate has a status at customs.");
        return new CertificateStatusUpdate
        {
            MessageId = Guid.CreateVersion7(),
            CertificateNo = number,
            // Drawn outside the step's transaction (gaps are harmless): customs only needs the numbers of one certificate to grow.
            Sequence = await Sequences.NextAsync(db, "certificate-status:" + number, ct),
            Kind = kind,
            RefundStatus = await ReferenceData.RefundStatusesAsync(db, certificate.ExportDocNo, certificate.Lines.Select(l => l.ExportItemNo), ct),
            SentAt = now,
        };
    }
}
