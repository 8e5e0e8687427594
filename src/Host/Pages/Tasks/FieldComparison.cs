namespace ExportTaxCheck.Host.Pages.Tasks;

/// <summary>
/// One field as the certificate and the return declaration state it. <see cref="Agrees"/> is the cross-check's verdict on
/// it (null: the cross-check did not compare it); <see cref="Warning"/> marks a difference the officer may accept.
/// <see cref="Field"/> is a workspace text key.
/// </summary>
public sealed record FieldComparison(string Field, int? LineNo, string Certificate, string Declaration, bool? Agrees, IReadOnlyList<string> Codes, bool Warning = false);
