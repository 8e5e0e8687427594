namespace ExportTaxCheck.Returns.Case;

/// <summary>The idempotency key of a case command, with what a retry must repeat.</summary>
public sealed record CaseCommandKey(string Key, string Operation, object Request)
{
    public static CaseCommandKey? Of(string? idempotencyKey, string operation, object request) =>
        idempotencyKey is null ? null : new CaseCommandKey(idempotencyKey, operation, request);
}
