namespace ExportTaxCheck.Engine.Runtime;

/// <summary>The same idempotency key committed in another process while this one ran: the caller replays that answer.</summary>
internal sealed class ConcurrentIdempotentCommandException(string key, Exception inner)
    : Exception($"Idempotency key '{key}' was committed concurrently.", inner);
