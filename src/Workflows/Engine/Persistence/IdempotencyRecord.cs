namespace ExportTaxCheck.Engine.Persistence;

/// <summary>The first answer to a command, returned again when the same idempotency key comes back.</summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; set; }
    public required string Operation { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public required string Response { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
