namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>A return on the same export line by an earlier case, with the shares it already took (C-03 cumulative method).</summary>
public sealed record EarlierReturn(decimal ReturnedQty, decimal? MakeUpVat = null, decimal? MakeUpCt = null, decimal? FobCnyReturned = null, decimal? ExportDutyRefund = null);
