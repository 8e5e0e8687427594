namespace ExportTaxCheck.Engine.Runtime;

/// <summary>A command's idempotency key with what it must repeat: its answer commits in the transaction of the step it ran.</summary>
internal sealed record IdempotencyTicket(string Key, string Operation, string RequestHash)
{
    public IdempotencyRecord Record<T>(T response, DateTimeOffset now) => IdempotencyKeys.Record(Key, Operation, RequestHash, response, now);
}
