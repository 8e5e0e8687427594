using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// A certificate in the customs registry, kept apart from the tax registry: the content tax transmitted (X-01..X-11
/// compare it), the refund status per export item as tax last pushed it, and what only customs knows — the
/// reservation for a declaration and the uses its ports reported. A port cut off from the registry (the paper
/// branch, E-18) reports its use only when the network returns, so until then the registry can still reserve the
/// certificate for another declaration; <see cref="RecordUse"/> is where that double use comes to light (stage 12).
/// Transitions return the next value and never change this one.
/// </summary>
public sealed record CustomsCertificate
{
    /// <summary>The last updates applied, so a resend of one is answered without applying it twice.</summary>
    public const int RememberedUpdates = 50;

    /// <summary>The certificate data as transmitted (null: customs knows the number only from a usage report).</summary>
    public Certificate? Certificate { get; init; }

    public IReadOnlyDictionary<int, RefundStatus> RefundStatus { get; init; } = new Dictionary<int, RefundStatus>();
    public long StatusSequence { get; init; }
    public CustomsCertificateStatus Status { get; init; } = CustomsCertificateStatus.Transmitted;
    public string? ReservedForDeclarationNo { get; init; }
    public IReadOnlyList<CustomsUse> Uses { get; init; } = [];
    public IReadOnlyList<Guid> AppliedUpdates { get; init; } = [];

    /// <summary>The certificate as the X-rules see it: the transmitted content with customs' own status and binding.</summary>
    public Certificate? AsChecked() => Certificate is null
        ? null
        : Certificate with
        {
            Status = Status switch
            {
                CustomsCertificateStatus.Reserved => CertificateStatus.Reserved,
                CustomsCertificateStatus.Used => CertificateStatus.Used,
                CustomsCertificateStatus.Cancelled => CertificateStatus.Cancelled,
                _ => CertificateStatus.Transmitted,
            },
            ReservedForDeclarationNo = ReservedForDeclarationNo ?? Uses.FirstOrDefault()?.ReturnDeclarationNo,
        };

    /// <summary>Stage 8: a (re)transmission replaces the content and, when it is newer, the refund status; status and uses stay.</summary>
    public CustomsCertificate Receive(Certificate content, IReadOnlyDictionary<int, RefundStatus> refundStatus) =>
        this with { Certificate = content, RefundStatus = StatusSequence == 0 ? refundStatus : RefundStatus };

    /// <summary>A-17, A-20: a match reserves the certificate for the declaration; a re-check of the same declaration is idempotent.</summary>
    public (CustomsCertificate Next, string? Refusal) Reserve(string returnDeclarationNo) => Status switch
    {
        CustomsCertificateStatus.Transmitted => (this with { Status = CustomsCertificateStatus.Reserved, ReservedForDeclarationNo = returnDeclarationNo }, null),
        CustomsCertificateStatus.Reserved when ReservedForDeclarationNo == returnDeclarationNo => (this, null),
        CustomsCertificateStatus.Reserved => (this, ReasonCodes.CertBoundToOtherDeclaration),
        CustomsCertificateStatus.Used => (this, ReasonCodes.CertAlreadyUsed),
        _ => (this, ReasonCodes.CertCancelled),
    };

    /// <summary>
    /// X-09 and E-19. A refund status that no longer fits the variant voids a reservation (the match was made on the old
    /// status, so no exemption may be granted on it); a cancellation is refused once the certificate is reserved or used.
    /// </summary>
    public (CustomsCertificate Next, StatusUpdateAck Ack) Apply(CertificateStatusUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (AppliedUpdates.Contains(update.MessageId) || update.Sequence <= StatusSequence)
            return (this, new StatusUpdateAck(true, null, Status, null));
        var remembered = AppliedUpdates.Append(update.MessageId).TakeLast(RememberedUpdates).ToList();
        if (update.Kind == StatusUpdateKind.Cancellation)
        {
            var current = Status == CustomsCertificateStatus.Reserved && update.ReleasesReservationFor is { } withdrawn && ReservedForDeclarationNo == withdrawn
                ? this with { Status = CustomsCertificateStatus.Transmitted, ReservedForDeclarationNo = null }
                : this;
            var refusal = current.Status switch
            {
                CustomsCertificateStatus.Reserved => ReasonCodes.CertReserved,
                CustomsCertificateStatus.Used => ReasonCodes.CertAlreadyUsed,
                _ => null,
            };
            if (refusal is not null)
                return (this, new StatusUpdateAck(false, refusal, Status, null));
            var cancelled = current with { Status = CustomsCertificateStatus.Cancelled, StatusSequence = update.Sequence, AppliedUpdates = remembered };
            return (cancelled, new StatusUpdateAck(true, null, cancelled.Status, null));
        }

        var next = this with { RefundStatus = update.RefundStatus, StatusSequence = update.Sequence, AppliedUpdates = remembered };
        if (Status == CustomsCertificateStatus.Reserved && !IsConsistent(next))
        {
            var voided = next with { Status = CustomsCertificateStatus.Transmitted, ReservedForDeclarationNo = null };
            return (voided, new StatusUpdateAck(true, ReasonCodes.VariantStatusInconsistent, voided.Status, ReservedForDeclarationNo));
        }
        return (next, new StatusUpdateAck(true, IsConsistent(next) ? null : ReasonCodes.VariantStatusInconsistent, next.Status, null));
    }

    /// <summary>
    /// Stage 12: a port reports that it released a declaration with this certificate (or released a reservation, AS-12).
    /// A second declaration — reserved or released — is a double use; the certificate stays registered with its first use.
    /// </summary>
    public (CustomsCertificate Next, UsageFeedbackReceipt Receipt) RecordUse(UsageFeedback report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var declaration = report.ReturnDeclarationNo;
        if (report.Event == UsageEvent.ReservationReleased)
        {
            return Status == CustomsCertificateStatus.Reserved && ReservedForDeclarationNo == declaration
                ? (this with { Status = CustomsCertificateStatus.Transmitted, ReservedForDeclarationNo = null }, new UsageFeedbackReceipt(true, false))
                : (this, new UsageFeedbackReceipt(true, false));
        }

        if (Uses.Any(u => u.ReturnDeclarationNo == declaration))
            return (this, new UsageFeedbackReceipt(true, false));
        var use = new CustomsUse(declaration, report.Channel, report.ReleasedOn, report.ReleasedAt, now);
        // Any other declaration released with the certificate, or holding its reservation, makes this a double use; the
        // registry keeps every use for reconciliation, which decides which case was the later one.
        var other = Uses.Select(u => u.ReturnDeclarationNo).FirstOrDefault()
                    ?? (Status == CustomsCertificateStatus.Reserved && ReservedForDeclarationNo != declaration ? ReservedForDeclarationNo : null);
        var next = this with { Uses = [.. Uses, use] };
        if (Status == CustomsCertificateStatus.Cancelled)
            return (next, new UsageFeedbackReceipt(true, other is not null, other, other is not null ? ReasonCodes.DoubleUseDetected : ReasonCodes.CertCancelled));
        // The first release of the declaration the certificate was bound to (or of an unbound one, checked on paper) uses it.
        if (Status == CustomsCertificateStatus.Transmitted || (Status == CustomsCertificateStatus.Reserved && ReservedForDeclarationNo == declaration))
            next = next with { Status = CustomsCertificateStatus.Used, ReservedForDeclarationNo = declaration };
        return (next, other is null ? new UsageFeedbackReceipt(true, false) : new UsageFeedbackReceipt(true, true, other, ReasonCodes.DoubleUseDetected));
    }

    /// <summary>X-09: every covered export item's last pushed refund status fits the variant.</summary>
    private static bool IsConsistent(CustomsCertificate copy) =>
        copy.Certificate is not { } certificate
        || certificate.Lines.All(l => !copy.RefundStatus.TryGetValue(l.ExportItemNo, out var status) || RefundRules.VariantFor(status) == certificate.Variant);
}
