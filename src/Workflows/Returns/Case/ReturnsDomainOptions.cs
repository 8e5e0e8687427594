using ExportTaxCheck.Returns.Intake;

namespace ExportTaxCheck.Returns.Case;

/// <summary>Every configurable value of the return domain, with DOMAIN.md's defaults.</summary>
public sealed record ReturnsDomainOptions
{
    public static ReturnsDomainOptions Default { get; } = new();

    /// <summary>V-13: trade modes accepted on the return (re-import) declaration.</summary>
    public IReadOnlySet<string> ReturnSupervisionCodes { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "4561" };

    /// <summary>V-20: evidence supplement due date = request date + this many calendar days.</summary>
    public int SupplementDays { get; init; } = 15;

    /// <summary>
    /// Stage 5 (ours): the make-up mail asks for the repayment or the offset within this many calendar days of the make-up
    /// being computed. The policy sets no time limit; the certificate simply waits for it (E-15).
    /// </summary>
    public int MakeUpDays { get; init; } = 15;

    /// <summary>A-04: move a deadline that falls on a rest day to the next working day (Civil Code Art. 203). Default off.</summary>
    public bool ExtendDeadlineOverHolidays { get; init; }

    /// <summary>A-04 and C-02a: statutory holidays and adjusted working days.</summary>
    public HolidayCalendar Holidays { get; init; } = HolidayCalendar.Empty;

    /// <summary>E-03 / A-07.</summary>
    public FoodListOptions FoodList { get; init; } = FoodListOptions.Default;

    /// <summary>E-12: old→new HS codes when the tariff nomenclature changed between export and return.</summary>
    public IReadOnlyList<HsCorrespondence> HsCorrespondences { get; init; } = [];

    /// <summary>A-09 / X-07: accept a declaration quantity below the certificate quantity. Default strict.</summary>
    public bool AllowLessThanCertificateQty { get; init; }

    /// <summary>A-15: months from the export duty payment date within which the refund must be applied for.</summary>
    public int ExportDutyRefundWindowMonths { get; init; } = 12;

    /// <summary>
    /// for list-mode exports the policy window uses the list's declaration date; set true to use the later
    /// summary declaration's date instead.
    /// </summary>
    public bool UseSummaryDeclarationDateForLists { get; init; }

    /// <summary>V-30: transmission retries and the first backoff (doubling: 1, 2, 4, 8, 16 min).</summary>
    public int MaxTransmissionRetries { get; init; } = 5;

    public TimeSpan FirstTransmissionBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>V-05: the customs unit-of-measure table.</summary>
    public IReadOnlySet<string> UnitCodes { get; init; } = UnitCodeTable.Default;

    /// <summary>V-06: accepted ISO 4217 currency codes.</summary>
    public IReadOnlySet<string> CurrencyCodes { get; init; } = CurrencyCodeTable.Default;

    /// <summary>E-05/E-06 (ours): a line whose goods have not entered is flagged this many days before its deadline.</summary>
    public int DeadlineWarningDays { get; init; } = 7;

    /// <summary>§5.2: the VAT refund and levy rates are within 0..0.17.</summary>
    public decimal MaxVatRate { get; init; } = 0.17m;
}
