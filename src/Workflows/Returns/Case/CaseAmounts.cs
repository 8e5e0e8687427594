namespace ExportTaxCheck.Returns.Case;

public sealed record CaseAmounts(
    decimal MakeUpVat, decimal MakeUpCt, decimal MakeUpTotal, decimal CustomsValue, decimal ImportDutyExempted, decimal ImportVatExempted,
    decimal ImportCtExempted, decimal TotalExempted, decimal ExportDutyRefund);
