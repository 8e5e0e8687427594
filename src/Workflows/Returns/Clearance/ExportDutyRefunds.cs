using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>Stage 13: the export duty refund of a returned line (C-07, E-20, A-15).</summary>
public static class ExportDutyRefunds
{
    /// <summary>
    /// The pro-rata share of the export duty actually collected, cumulative over <paramref name="earlier"/> refunds on the
    /// same export line; or the reason code why nothing is refunded.
    /// </summary>
    public static (decimal Refund, string? Reason) For(ReturnCaseLine line, IReadOnlyCollection<EarlierReturn> earlier, DateOnly today, ReturnsDomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(options);
        if (line.Export.ExportDutyPaid <= 0)
            return (0m, ReasonCodes.NoExportDutyCollected);
        // the application window runs from the day the original export duty was paid.
        if (line.Export.ExportDutyPaidOn is { } paidOn && ReturnWindow.AddMonthsCivilCode(paidOn, options.ExportDutyRefundWindowMonths) < today)
            return (0m, ReasonCodes.ExportDutyRefundDeadlinePassed);
        var taken = earlier.Where(e => e.ExportDutyRefund is not null).ToList();
        var share = ReturnAmounts.ProRataShare(line.Export.ExportDutyPaid, line.Export.ExportedQty, taken.Sum(e => e.ReturnedQty) + line.ReturnedQty,
            taken.Sum(e => e.ExportDutyRefund ?? 0));
        return (share, null);
    }
}
