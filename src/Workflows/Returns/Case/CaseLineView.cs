using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.Case;

public sealed record CaseLineView(
    int LineNo, string ExportReference, int ExportItemNo, string SupervisionCode, string HsCode, string GoodsName, decimal ExportedQty,
    decimal ReturnedQty, string UnitCode, ReturnReason Reason, DateOnly? PlannedEntryDate, DateOnly? ReturnEntryDate, RefundStatus RefundStatus,
    decimal ExportDutyPaid, EligibilityResult? Eligibility, MakeUpRecord? MakeUp, OriginalStateDecision OriginalStateDecision, IReadOnlyList<string> OriginalStateReasons);
