namespace ExportTaxCheck.Returns.RefundDeclarations;

/// <summary>
/// E-15 on the tax side: after a NotRefunded certificate is issued, "any refund declaration (including HWC-YT) on that
/// export line may claim at most ExportedQty − LockedQty". A claim is split: the part within that bound (less what
/// earlier refunds already claimed) is accepted and recorded as a refund, the rest refused per line.
/// </summary>
public static class RefundLockRules
{
    public static RefundSplit Split(decimal exportedQty, decimal alreadyRefundedQty, decimal lockedQty, decimal claimedQty)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(claimedQty);
        var unrefunded = Math.Max(0, exportedQty - alreadyRefundedQty);
        var refundable = Math.Max(0, unrefunded - lockedQty);
        var accepted = Math.Min(claimedQty, refundable);
        var refused = claimedQty - accepted;
        var codes = new List<string>();
        // Refused because of the lock: what the line still had unrefunded, beyond what the lock leaves.
        if (refused > 0 && Math.Min(claimedQty, unrefunded) > accepted)
            codes.Add(ReasonCodes.RefundLockedByCertificate);
        if (claimedQty > unrefunded)
            codes.Add(ReasonCodes.RefundQtyExceedsExported);
        return new RefundSplit(accepted, refused, refundable, codes);
    }

    /// <summary>What earlier refunds claimed on the line; a refund record without a quantity counts as the whole line.</summary>
    public static decimal AlreadyRefundedQty(RefundSnapshot refund, decimal exportedQty)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return refund.RefundedQty ?? (refund.IsRefunded ? exportedQty : 0m);
    }

    /// <summary>C-01: the accepted share of an amount claimed with the whole quantity, rounded half away from zero.</summary>
    public static decimal Prorate(decimal amount, decimal acceptedQty, decimal claimedQty) =>
        claimedQty <= 0 || acceptedQty <= 0 ? 0m : acceptedQty == claimedQty ? amount : Money.Round(amount * acceptedQty / claimedQty);

    /// <summary>The line's refund record after the accepted part is processed (G-34/A-14: an HWC-YT pre-refund counts as refunded).</summary>
    public static RefundSnapshot Apply(RefundSnapshot current, RefundKind kind, decimal acceptedQty, decimal vat, decimal ct)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (acceptedQty <= 0)
            return current;
        return current with
        {
            Status = kind switch
            {
                RefundKind.PreRefundHwc => RefundStatus.PreRefundedHwc,
                RefundKind.Credit => RefundStatus.Credited,
                _ => RefundStatus.Refunded,
            },
            VatRefunded = current.VatRefunded + vat,
            CtRefunded = current.CtRefunded + ct,
            RefundedQty = (current.RefundedQty ?? 0m) + acceptedQty,
        };
    }

    /// <summary>
    /// Whether a refund record from the reference data processes (more) refund than the stored one: a refunded status
    /// where there was none, or more money or quantity. Such a change goes through the lock like a declaration.
    /// </summary>
    public static bool ProcessesRefund(RefundSnapshot stored, RefundSnapshot incoming)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        return incoming.IsRefunded && (!stored.IsRefunded || incoming.VatRefunded > stored.VatRefunded || incoming.CtRefunded > stored.CtRefunded
                                       || (incoming.RefundedQty ?? decimal.MaxValue) > (stored.RefundedQty ?? decimal.MaxValue));
    }
}
